@testable import DistLang
@testable import DistWire

/// A canonical text of a value's whole structure, for comparing a value with its decoded copy
/// in another runtime.
///
/// Floats are written as bit patterns (so `NaN`, `-0.0` and `Inf` compare exactly), user types
/// by module path and name (each runtime has its own type objects), and every mutable object
/// is numbered on first sight: a second sight prints `@n`, so a copy that lost sharing or a
/// cycle prints differently from the original.
struct ValueDump {
    private var ids: [ObjectIdentifier: Int] = [:]

    /// The canonical text of `v`.
    static func of(_ v: Value) -> String {
        var d = ValueDump()
        return d.value(v)
    }

    /// `nil` the first time a mutable object is seen (and numbers it), `@n` afterwards.
    private mutating func seen(_ o: AnyObject) -> String? {
        let id = ObjectIdentifier(o)
        if let n = ids[id] { return "@\(n)" }
        ids[id] = ids.count
        return nil
    }

    mutating func value(_ v: Value) -> String {
        switch v {
        case .int(let i): return "Int(\(i))"
        case .float(let f): return "Float(0x\(String(f.bitPattern, radix: 16)))"
        case .bool(let b): return "Bool(\(b))"
        case .char(let c): return "Char(\(c))"
        case .nothing: return "nothing"
        case .undef: return "#undef"
        case .str(let s): return "String(\(s.value.debugDescription))"
        case .sym(let s): return "Symbol(\(s.name))"
        case .tuple(let tp): return "(" + tp.items.map { value($0) }.joined(separator: ", ") + ")"
        case .arr(let a): return array(a)
        case .range(let r):
            switch r.kind {
            case .unit: return "UnitRange(\(r.start), \(r.stop), n=\(r.count))"
            case .step: return "StepRange(\(r.start), \(r.step), \(r.stop), n=\(r.count))"
            case .float:
                return "FloatRange(\(r.fstart.bitPattern), \(r.fstep.bitPattern), \(r.fstop.bitPattern), n=\(r.count))"
            }
        case .fn(let f): return function(f)
        case .type(let t): return "Type(\(ValueDump.type(t)))"
        case .obj(let o): return object(o)
        }
    }

    private mutating func array(_ a: JArray) -> String {
        if let s = seen(a) { return s }
        var out = "Array{\(ValueDump.type(a.eltype))}\(a.dims)["
        switch a.kind {
        case .any: out += (0..<a.count).map { value(a.values[$0]) }.joined(separator: ", ")
        default:
            let raw = UnsafeRawBufferPointer(start: a.data, count: a.count * a.kind.stride)
            // hash the packed bytes: a 10^5-element array stays a short line
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in raw { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            out += "\(raw.count) bytes, fnv \(String(h, radix: 16))"
        }
        if let sh = a.shared { out += " shared \(sh.segment) \(sh.id) \(sh.pids)" }
        return out + "]"
    }

    private mutating func function(_ f: JFunction) -> String {
        guard f.isClosure else { return "Function(\(f.module.map { $0.name }).\(f.name))" }
        var out = "Closure(\(f.name), env ["
        out += f.env.map { value($0.value) }.joined(separator: ", ") + "], methods ["
        out += f.methods.map { m in
            "(" + m.sig.map { ValueDump.type($0) }.joined(separator: ",") + (m.isVararg ? "..." : "")
                + " nargs \(m.nargs) vararg \(ValueDump.type(m.varargType)))"
        }.joined(separator: ", ")
        out += "], code "
        if let l = f.methods.first?.lambda { out += IRDump.lambda(l) }
        return out + ")"
    }

    private mutating func object(_ o: JObject) -> String {
        switch o {
        case let s as JStruct:
            if s.type.isMutable, let r = seen(s) { return r }
            return ValueDump.type(s.type) + "(" + s.fields.map { value($0) }.joined(separator: ", ") + ")"
        case let d as JDict:
            if let r = seen(d) { return r }
            return "Dict{\(ValueDump.type(d.keyType)),\(ValueDump.type(d.valueType))}("
                + d.entries.map { value($0.0) + " => " + value($0.1) }.joined(separator: ", ") + ")"
        case let s as JSet:
            if let r = seen(s) { return r }
            return "Set{\(ValueDump.type(s.elType))}(" + s.values.map { value($0) }.joined(separator: ", ") + ")"
        case let n as JNamedTuple:
            return "(" + zip(n.names, n.values).map { "\($0.0.name) = " + value($0.1) }.joined(separator: ", ") + ")"
        case let f as Future:
            return "Future(\(f.owner), \(f.rrid), cache " + (f.cache.map { value($0) } ?? "none") + ")"
        case let c as JCmd:
            return "Cmd(\(c.exec), env \(c.env ?? []), dir \(c.dir ?? "-"), \(c.detach) \(c.ignoreStatus))"
        case let p as WorkerPoolObject:
            return "\(p.caching ? "CachingPool" : "WorkerPool")(\(p.id))"
        case let r as RemoteChannelRef:
            return "RemoteChannel{\(ValueDump.type(r.channelType))}(\(r.owner), \(r.rrid))"
        case let m as JModule:
            return "Module(\(m.path.map { $0.name }))"
        case let c as JChannel:
            if let r = seen(c) { return r }
            return "Channel{\(ValueDump.type(c.elType))}(\(c.capacity); " + c.snapshot.map { value($0) }.joined(separator: ", ") + ")"
        case let r as JRef:
            if let s = seen(r) { return s }
            return "Ref{\(ValueDump.type(r.elType))}(" + value(r.value) + ")"
        case is JColon: return "Colon()"
        case let m as JMime: return "MIME(\(m.mime))"
        case let r as JRegex: return "Regex(\(r.pattern))"
        case let m as JRegexMatch: return "RegexMatch(\(m.match), \(m.offset), \(m.captures), \(m.offsets), \(m.regex.pattern))"
        case let io as JIO: return "IO(\(io.kind), \(io.buffer))"
        case let b as Box: return "Box(" + value(b.value) + ")"
        case let v as VarInfo: return "VarInfo(\(v.rows.map { [$0.0, $0.1, $0.2] }))"
        default: return "?\(Swift.type(of: o))"
        }
    }

    /// A type by name: module path, name and parameters (never by object identity).
    static func type(_ t: JType) -> String {
        if !t.unionMembers.isEmpty { return "Union{" + t.unionMembers.map { type($0) }.joined(separator: ",") + "}" }
        if let f = t.family {
            let ps = t.params.map { p -> String in
                switch p {
                case .type(let x): return type(x)
                case .int(let n): return "\(n)"
                case .free: return "_"
                }
            }
            return type(f) + "{" + ps.joined(separator: ",") + "}"
        }
        return (t.modulePath + [t.name]).joined(separator: ".")
    }
}
