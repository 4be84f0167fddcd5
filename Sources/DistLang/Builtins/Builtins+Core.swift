import CDistSupport
import Foundation

/// Reflection, errors, control, evaluation of code, and timing.
extension Builtins {
    static func installCore(_ rt: Runtime) {
        rt.def("typeof") { t, a in
            try a.expect(1, "typeof")
            return .type(t.runtime.typeOf(a[0]))
        }
        rt.def("isa") { t, a in
            try a.expect(2, "isa")
            return .bool(t.runtime.isa(a[0], try a.type(1, "isa")))
        }
        rt.def("convert") { t, a in
            try a.expect(2, "convert")
            let target = try a.type(0, "convert")
            if case .arr(let arr) = a[1] {
                // convert(SharedArray, A) makes one; convert(Array, S) is S's memory here
                if target.root === JType.sharedArrayFamily && arr.shared == nil {
                    return try t.call(.type(target.family == nil ? JType.sharedArrayFamily : target), [a[1]])
                }
                if target.root === JType.arrayFamily && arr.shared != nil { return .arr(t.runtime.pgrp.sharedData(arr)) }
            }
            return try t.runtime.convert(target, a[1])
        }
        rt.def("eltype") { t, a in
            try a.expect(1, "eltype")
            if case .type(let ty) = a[0] { return .type(elementType(of: ty)) }
            return .type(elementType(of: t.runtime.typeOf(a[0]), value: a[0]))
        }
        rt.def("supertype") { t, a in
            try a.expect(1, "supertype")
            return .type(try a.type(0, "supertype").supertype ?? .any)
        }
        rt.def("fieldnames") { t, a in
            try a.expect(1, "fieldnames")
            let ty: JType
            if case .type(let x) = a[0] { ty = x } else { ty = t.runtime.typeOf(a[0]) }
            return .tuple(ty.fieldNames.map { .sym($0) })
        }
        rt.def("fieldcount") { t, a in
            try a.expect(1, "fieldcount")
            return .int(Int64(try a.type(0, "fieldcount").fieldNames.count))
        }
        rt.def("getfield") { t, a in
            try a.expect(2, "getfield")
            if case .int(let i) = a[1], case .obj(let o) = a[0], let s = o as? JStruct {
                guard i >= 1 && Int(i) <= s.count else { throw JuliaError.bounds(a[0], [a[1]]) }
                return s[Int(i) - 1]
            }
            guard case .sym(let n) = a[1] else { throw JuliaError.method("getfield", a.array) }
            return try t.runtime.getField(a[0], n, t)
        }
        rt.alias("getproperty", "getfield")
        rt.def("setfield!") { t, a in
            try a.expect(3, "setfield!")
            guard case .sym(let n) = a[1] else { throw JuliaError.method("setfield!", a.array) }
            try t.runtime.setField(a[0], n, a[2], t)
            return a[2]
        }
        rt.alias("setproperty!", "setfield!")
        rt.def("hasfield") { t, a in
            try a.expect(2, "hasfield")
            guard case .sym(let n) = a[1] else { throw JuliaError.method("hasfield", a.array) }
            return .bool(try a.type(0, "hasfield").fieldNames.contains(n))
        }
        rt.def("isdefined") { t, a in
            try a.expect(2, "isdefined")
            guard case .sym(let n) = a[1] else { throw JuliaError.method("isdefined", a.array) }
            if case .obj(let o) = a[0], let m = o as? JModule {
                guard let b = t.runtime.lookupBinding(m, n) else { return .bool(false) }
                return .bool(!b.value.isUndef)
            }
            if case .obj(let o) = a[0], let s = o as? JStruct, let i = s.type.fieldNames.firstIndex(of: n) {
                return .bool(!s[i].isUndef)
            }
            return .bool(false)
        }
        rt.def("isconst") { t, a in
            // isconst(m, :name): whether the global is a constant
            try a.expect(2, "isconst")
            guard case .obj(let o) = a[0], let m = o as? JModule, case .sym(let n) = a[1] else { throw JuliaError.method("isconst", a.array) }
            guard let b = t.runtime.lookupBinding(m, n) else { return .bool(false) }
            return .bool(b.isConst && !b.value.isUndef)
        }
        rt.def("nameof") { t, a in
            try a.expect(1, "nameof")
            switch a[0] {
            case .fn(let f): return .sym(JSym.intern(f.name))
            case .type(let ty): return .sym(JSym.intern(ty.name))
            case .obj(let o) where o is JModule: return .sym((o as! JModule).name)
            default: throw JuliaError.method("nameof", a.array)
            }
        }
        rt.def("objectid") { t, a in
            try a.expect(1, "objectid")
            return .int(objectID(a[0]))
        }
        rt.def("hash") { t, a in
            try a.expect(1...2, "hash")
            // the same in every process (see StableHash); the second argument mixed in
            var seed: UInt64 = 0
            if a.count == 2 {
                guard case .int(let h) = a[1] else { throw JuliaError.method("hash", a.array) }
                seed = UInt64(bitPattern: h)
            }
            return .int(Int64(bitPattern: StableHash.of(a[0], seed)))
        }
        rt.def("isequal") { t, a in
            if a.count == 1 { return try curried(t, "isequal", a[0]) }
            try a.expect(2, "isequal")
            if case .float(let x) = a[0], case .float(let y) = a[1] { return .bool(x == y && x.sign == y.sign || x.isNaN && y.isNaN) }
            return .bool(try t.runtime.isEqual(a[0], a[1], t))
        }
        rt.def("identity") { _, a in
            try a.expect(1, "identity")
            return a[0]
        }
        rt.def("isnothing") { _, a in
            try a.expect(1, "isnothing")
            return .bool(a[0].isNothing)
        }
        rt.def("something") { _, a in
            for x in a.array where !x.isNothing { return x }
            throw JuliaError.argument("No value arguments present")
        }
        rt.def("ifelse") { _, a in
            try a.expect(3, "ifelse")
            guard case .bool(let c) = a[0] else { throw JuliaError.method("ifelse", a.array) }
            return c ? a[1] : a[2]
        }
        rt.def("error") { t, a in
            let msg = try a.array.map { try t.runtime.printString($0, t) }.joined()
            throw JuliaError.error(msg)
        }
        rt.def("throw") { _, a in
            try a.expect(1, "throw")
            throw JuliaError(a[0])
        }
        rt.def("rethrow") { t, a in
            if a.count == 1 { throw JuliaError(a[0]) }
            guard let e = t.exceptionStack.last else { throw JuliaError.error("rethrow() not allowed outside a catch block") }
            throw e
        }
        // the frames the exception being handled unwound through, up to the one handling it
        rt.def("catch_backtrace") { t, _ in .arr(t.runtime.stackFrames(t.exceptionStack.last?.backtrace)) }
        rt.alias("backtrace", "catch_backtrace")
        rt.def("stacktrace") { t, a in
            // frames are `StackFrame`s already; without an argument, those of the exception
            // being handled (frames are recorded as errors unwind, not kept while code runs)
            if a.count >= 1, case .arr(let frames) = a[0] { return .arr(frames) }
            return .arr(t.runtime.stackFrames(t.exceptionStack.last?.backtrace))
        }
        // `Base.StackTraces.StackFrame`, as Julia names it
        let traces = JModule(name: JSym.intern("StackTraces"), path: [JSym.intern("Base"), JSym.intern("StackTraces")], parent: rt.base)
        rt.setGlobal("StackTraces", .obj(traces), in: rt.base, const: true)
        rt.setGlobal("StackFrame", .type(.stackFrame), in: traces, const: true)
        rt.setGlobal("stacktrace", rt.base.bindings[JSym.intern("stacktrace")]?.value ?? .nothing, in: traces, const: true)
        rt.def("current_exceptions") { t, _ in .arr(try t.runtime.vectorLiteral(t.exceptionStack.map { $0.value })) }
        rt.def("invokelatest") { t, a in
            guard a.count >= 1 else { throw JuliaError.method("invokelatest", []) }
            return try t.call(a[0], Array(a.array.dropFirst()), kw: a.kw)
        }
        rt.def("applicable") { t, a in
            guard a.count >= 1, case .fn(let f) = a[0] else { return .bool(false) }
            let base = a.base + 1, n = a.count - 1
            if t.select(f, base, n) != nil { return .bool(true) }
            guard let b = f.builtin, b.accepts(n) else { return .bool(false) }
            guard let sig = b.signature else { return .bool(true) }
            return .bool((0..<n).allSatisfy { t.runtime.isa(base[$0], sig[min($0, sig.count - 1)]) })
        }
        rt.def("getpid") { _, a in
            try a.expect(0...1, "getpid")
            if a.count == 1 {
                guard case .obj(let o) = a[0], let p = o as? JProcess else { throw JuliaError.method("getpid", a.array) }
                return .int(Int64(p.ospid))
            }
            return .int(Int64(Glibc.getpid()))
        }
        rt.def("time") { _, _ in
            var tv = timeval()
            gettimeofday(&tv, nil)
            return .float(Double(tv.tv_sec) + Double(tv.tv_usec) * 1e-6)
        }
        rt.def("time_ns") { _, _ in .int(Int64(monotonicSeconds() * 1e9)) }
        rt.def("exit") { t, a in
            let code = a.count > 0 ? try a.int(0, "exit") : 0
            // a trace under way (dist --trace FILE, trace_start(file)) is written first
            if t.runtime.pgrp.traceFile != nil { _ = try? t.call(.fn(try t.runtime.baseFunction("trace_stop")), []) }
            t.runtime.exitHandler(Int32(truncatingIfNeeded: code))
            return .nothing
        }
        rt.def("include") { t, a in
            try a.expect(1...2, "include")
            let rt = t.runtime
            if rt.pgrp.isWorker { throw JuliaError.error("include: workers do not read source files; use @everywhere include(\"file\") on process 1") }
            let path = rt.resolvePath(try a.string(a.count - 1, "include"))
            var m = t.task.module ?? rt.main
            if a.count == 2, case .obj(let o) = a[0], let mm = o as? JModule { m = mm }
            let src = String(decoding: try Runtime.readWholeFile(path), as: UTF8.self)
            let saved = rt.sourceDirectory
            rt.sourceDirectory = (path as NSString).deletingLastPathComponent
            defer { rt.sourceDirectory = saved }
            return try rt.evalSource(src, in: m, t, file: path, loadError: true)
        }
        rt.def("include_string") { t, a in
            try a.expect(1...3, "include_string")
            let rt = t.runtime
            if rt.pgrp.isWorker { throw JuliaError.error("include_string: workers do not parse source text; use @everywhere on process 1") }
            var m = t.task.module ?? rt.main
            var codeIndex = 0
            if case .obj(let o) = a[0], let mm = o as? JModule { m = mm; codeIndex = 1 }
            let file = a.count > codeIndex + 1 ? try a.string(codeIndex + 1, "include_string") : "string"
            return try rt.evalSource(try a.string(codeIndex, "include_string"), in: m, t, file: file, loadError: true)
        }
        rt.def("varinfo") { t, a in
            .obj(VarInfo.make(t.runtime, t))
        }
        rt.def("sizeof") { t, a in
            try a.expect(1, "sizeof")
            if case .type(let ty) = a[0] {
                // the size of a bits type's values
                switch ty.tag {
                case .int64, .float64: return .int(8)
                case .int32, .float32, .char: return .int(4)
                case .bool, .uint8: return .int(1)
                default: throw JuliaError.argument("type \(ty) does not have a definite size.")
                }
            }
            return .int(Int64(summarySize(a[0])))
        }
        rt.def("summarysize", arity: 1...1) { t, a in .int(Int64(summarySize(a[0]))) }
        rt.def("summary") { t, a in
            try a.expect(1, "summary")
            return .str(JStr(summaryText(a[0], t.runtime)))
        }
        rt.def("typemax") { t, a in
            try a.expect(1, "typemax")
            switch try a.type(0, "typemax").tag {
            case .int64: return .int(Int64.max)
            case .int32: return .int(Int64(Int32.max))
            case .uint8: return .int(255)
            case .float64, .float32: return .float(.infinity)
            case .bool: return .bool(true)
            case .char: return .char(0x10FFFF)
            default: throw JuliaError.method("typemax", a.array)
            }
        }
        rt.def("typemin") { t, a in
            try a.expect(1, "typemin")
            switch try a.type(0, "typemin").tag {
            case .int64: return .int(Int64.min)
            case .int32: return .int(Int64(Int32.min))
            case .uint8: return .int(0)
            case .float64, .float32: return .float(-.infinity)
            case .bool: return .bool(false)
            default: throw JuliaError.method("typemin", a.array)
            }
        }
        rt.def("__new__") { t, a in
            guard a.count >= 1, case .type(let ty) = a[0] else { throw JuliaError.method("new", a.array) }
            return try t.runtime.newStruct(ty, Args(base: a.base + 1, count: a.count - 1, kw: []))
        }
        rt.def("__log") { t, a in
            // the format of Julia's ConsoleLogger: `[ Info: message` for one line, else a box
            // with the fields and, from Warning up, where the call is
            guard a.count >= 1, case .sym(let level) = a[0], level.name != "debug" else { return .nothing }
            let rt = t.runtime
            let label = ["info": "Info", "warn": "Warning", "error": "Error"][level.name] ?? level.name
            var message = a.count > 1 ? try rt.printString(a[1], t) : ""
            for i in 2..<max(2, a.count) { message += " " + (try rt.printString(a[i], t)) }
            if !rt.logCaptures.isEmpty {
                rt.logCaptures[rt.logCaptures.count - 1].append((level.name, message))
                return .nothing
            }
            var line = 0
            var fields: [String] = []
            for (k, v) in a.kw {
                if k.name == "_line", case .int(let n) = v { line = Int(n); continue }
                fields.append("\(k.name) = \(try rt.repr(v, t))")
            }
            var body = message.components(separatedBy: "\n")
            body[0] = "\(label): " + body[0]
            body += fields.map { "  " + $0 }
            let location = level.name == "info" ? nil : "@ \(t.task.module?.fullName ?? "Main") \(rt.logLocation):\(line)"
            var text: String
            if body.count == 1 && location == nil {
                text = "[ " + body[0]
            } else {
                // without a location (Info) the last line closes the box itself
                if let location = location { body.append(location) }
                text = "┌ " + body[0]
                for l in body.dropFirst().dropLast() { text += "\n│ " + l }
                text += "\n└ " + body[body.count - 1]
            }
            rt.output.writeError(text + "\n")
            return .nothing
        }
        rt.def("methods") { t, a in
            try a.expect(1, "methods")
            guard case .fn(let f) = a[0] else { throw JuliaError.method("methods", a.array) }
            return .obj(MethodList(f))
        }
    }

    /// The element type of a collection type.
    static func elementType(of ty: JType, value: Value? = nil) -> JType {
        if ty.root === JType.bitArrayFamily { return .bool }
        switch ty.root.tag {
        case .array, .sharedArray: return ty.paramType(0) ?? .any
        case .unitRange, .stepRange, .stepRangeLen: return ty.paramType(0) ?? .any
        case .dict:
            if let k = ty.paramType(0), let v = ty.paramType(1) { return JType.apply(JType.pairFamily, [.type(k), .type(v)]) }
            return .any
        case .set, .channel: return ty.paramType(0) ?? .any
        case .tuple:
            let ps = ty.params.compactMap { p -> JType? in if case .type(let x) = p { return x } else { return nil } }
            if let f = ps.first, ps.allSatisfy({ $0 === f }) { return f }
            return .any
        case .string: return .char
        default:
            if ty === JType.string { return .char }
            // RemoteChannel{Channel{T}}: T, as the channel it refers to
            if ty.root === JType.remoteChannelFamily, let inner = ty.paramType(0) { return elementType(of: inner) }
            return ty.root === JType.abstractArrayFamily ? (ty.paramType(0) ?? .any) : .any
        }
    }

    /// A stable identity for `objectid`: the object's address, or a hash of the bits.
    static func objectID(_ v: Value) -> Int64 {
        func addr(_ o: AnyObject) -> Int64 { Int64(bitPattern: UInt64(UInt(bitPattern: ObjectIdentifier(o).hashValue))) }
        switch v {
        case .arr(let a): return addr(a)
        case .obj(let o):
            if let s = o as? JStruct, !s.type.isMutable { var h = Hasher(); ValueKey(v).hash(into: &h); return Int64(h.finalize()) }
            return addr(o)
        case .fn(let f): return addr(f)
        case .type(let t): return addr(t)
        case .sym(let s): return addr(s)
        default:
            var h = Hasher()
            ValueKey(v).hash(into: &h)
            return Int64(h.finalize())
        }
    }

    /// Bytes a value occupies, as `Base.summarysize` reports: each object counted once (a value
    /// that holds itself, or the same array twice, is finite), walked with a work list rather
    /// than recursion so that a deeply nested value cannot exhaust the stack.
    static func summarySize(_ root: Value) -> Int {
        var seen = Set<ObjectIdentifier>()
        var pending: [Value] = [root]
        var total = 0
        /// false when `o` was already counted
        func first(_ o: AnyObject) -> Bool { seen.insert(ObjectIdentifier(o)).inserted }
        while let v = pending.popLast() {
            switch v {
            case .int, .float: total += 8
            case .bool: total += 1
            case .char: total += 4
            case .nothing, .undef, .fn, .type: break
            case .str(let s): total += s.value.utf8.count
            case .sym: total += 8
            case .range: total += 16
            case .tuple(let tp): pending.append(contentsOf: tp.items)
            case .arr(let a):
                guard first(a) else { break }
                if a.kind != .any { total += a.count * a.kind.stride; break }
                total += a.count * 8
                for i in 0..<a.count { pending.append(a.get(i)) }
            case .obj(let o):
                guard first(o) else { break }
                if let s = o as? JStruct { pending.append(contentsOf: s.fields) }
                else if let d = o as? JDict {
                    total += 64
                    for (k, x) in d.entries { pending.append(k); pending.append(x) }
                } else if !(o is JModule) { total += 8 }
            }
        }
        return total
    }

    /// `summary(x)`: `10×10 Array{Float64,2}`, `Int64`, `Module`.
    static func summaryText(_ v: Value, _ rt: Runtime) -> String {
        switch v {
        case .arr(let a): return rt.arraySummary(a)
        case .fn(let f): return "typeof(\(f.name))"
        case .obj(let o) where o is JModule: return "Module"
        case .obj(let o):
            if let d = o as? JDict { return "\(d.jtype) with \(d.count) entr\(d.count == 1 ? "y" : "ies")" }
            return rt.typeOf(v).description
        case .type: return rt.typeOf(v).description
        default: return rt.typeOf(v).description
        }
    }
}

/// The table `varinfo()` returns: displayed as the chapter shows it.
public final class VarInfo: JObject, CustomShow {
    public let rows: [(String, String, String)]
    public init(_ rows: [(String, String, String)]) { self.rows = rows }

    static func make(_ rt: Runtime, _ t: Ctx) -> VarInfo {
        var rows: [(String, String, String)] = []
        var names: [(String, Value)] = rt.main.bindings.filter { !$0.value.value.isUndef && $0.key.name != "ans" && $0.key.name != "ARGS" }
            .map { ($0.key.name, $0.value.value) }
        names.append(("Base", .obj(rt.base)))
        names.append(("Core", .obj(rt.base)))
        names.append(("Main", .obj(rt.main)))
        var seen: Set<String> = []
        for (n, v) in names.sorted(by: { $0.0 < $1.0 }) where !seen.contains(n) {
            seen.insert(n)
            if case .obj(let o) = v, o is JModule {
                rows.append((n, "", "Module"))
                continue
            }
            rows.append((n, formatBytes(Builtins.summarySize(v)), Builtins.summaryText(v, rt)))
        }
        return VarInfo(rows)
    }

    static func formatBytes(_ n: Int) -> String {
        if n < 1024 { return "\(n) bytes" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var x = Double(n) / 1024
        var u = 0
        while x >= 1024 && u < units.count - 1 { x /= 1024; u += 1 }
        return String(format: "%.3f %@", x, units[u])
    }

    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        let all = [("name", "size", "summary")] + rows
        let w0 = all.map { $0.0.count }.max() ?? 4
        let w1 = all.map { $0.1.count }.max() ?? 4
        let w2 = all.map { $0.2.count }.max() ?? 7
        func pad(_ s: String, _ w: Int, right: Bool) -> String {
            let p = String(repeating: " ", count: max(0, w - s.count))
            return right ? p + s : s + p
        }
        var lines: [String] = []
        lines.append(pad("name", w0, right: false) + " " + pad("size", w1, right: true) + " " + "summary")
        lines.append(String(repeating: "–", count: w0) + " " + String(repeating: "–", count: w1) + " " + String(repeating: "–", count: w2))
        for (n, s, sm) in rows {
            var line = pad(n, w0, right: false) + " " + pad(s, w1, right: true) + " " + sm
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

/// What `methods(f)` returns: displayed as Julia lists them, with `length` the number of
/// methods.
final class MethodList: JObject, CustomShow {
    let function: JFunction
    init(_ f: JFunction) { function = f }

    var count: Int { function.methodCount }

    func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        let n = count
        var out = "# \(n) method\(n == 1 ? "" : "s") for generic function \"\(function.name)\":"
        for (i, m) in function.methods.enumerated() {
            let params = m.lambda.params.enumerated().map { (k, p) -> String in
                let ty = k < m.sig.count ? m.sig[k] : m.varargType
                let name = p.name.name.hasPrefix("#") ? "" : p.name.name
                return ty === JType.any ? name : name + "::" + ty.description
            }
            out += "\n[\(i + 1)] \(function.name)(" + params.prefix(max(m.nargs, m.sig.count) + (m.isVararg ? 1 : 0)).joined(separator: ", ") + ")"
        }
        if function.methods.isEmpty && function.builtin != nil {
            out += "\n[1] \(function.name)(...) (built-in)"
        }
        return out
    }
}
