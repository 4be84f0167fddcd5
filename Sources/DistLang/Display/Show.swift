/// `show`, `print` and `repr`: the one-line text forms of values.
///
/// Arrays inside `show` print their elements compactly (six significant digits), as the
/// reference chapter shows (`([0.850651, 0.525731], 2.618033988749895)`), and a vector's
/// element type is printed before it unless the literal would produce it anyway
/// (`Array{Int64,1}[[3], [3], [3]]`).
struct ShowContext {
    var compact = false
    var limit = false
    /// The type the reader already knows the value has (an enclosing array's element type).
    var typeinfo: JType?
    var visiting: [ObjectIdentifier] = []
}

extension Runtime {
    /// `repr(x)` / `sprint(show, x)`.
    public func repr(_ v: Value, _ t: Ctx?) throws -> String {
        var out = ""
        var ctx = ShowContext()
        ctx.visiting = showEnclosing
        try show(v, &out, &ctx, t)
        return out
    }

    /// `print(x)` / `string(x)`: strings and characters raw, everything else as `show`.
    public func printString(_ v: Value, _ t: Ctx?) throws -> String {
        switch v {
        case .str(let s): return s.value
        case .int(let i): return String(i)
        case .float(let f): return formatFloatShortest(f)
        case .char(let c): return String(Character(Unicode.Scalar(c) ?? "\u{FFFD}"))
        case .sym(let s): return s.name
        case .obj(let o):
            if let u = try userShow(v, t, mime: false) { return u }
            if let s = o as? JStruct, let text = try quotedCodeText(s, print: true, t) { return text }
            if o is JStruct, let f = userFunction("print"), let t = t {
                let io = JIO(.buffer)
                let base = t.sp
                defer { t.popTo(base) }
                try t.push(.obj(io))
                try t.push(v)
                if let m = t.select(f, base, 2) {
                    _ = try t.invoke(f, m, base, 2, [])
                    return String(decoding: io.buffer, as: UTF8.self)
                }
            }
            return try repr(v, t)
        default: return try repr(v, t)
        }
    }

    /// Appends what `print(v)` writes to `out` (strings and numbers directly).
    @inline(__always) public func appendPrint(_ v: Value, to out: inout String, _ t: Ctx?) throws {
        switch v {
        case .str(let s): out += s.value
        case .int(let i): out += StrBuild.decimal(i)
        case .float(let f): out += formatFloatShortest(f)
        default: out += try printString(v, t)
        }
    }

    /// A user's `Base.show(io, x)` (or the three-argument form for display), if one applies.
    func userShow(_ v: Value, _ t: Ctx?, mime: Bool) throws -> String? {
        guard let t = t, let f = userFunction("show") else { return nil }
        let io = JIO(.buffer)
        let base = t.sp
        defer { t.popTo(base) }
        try t.push(.obj(io))
        if mime {
            try t.push(.obj(JMime("text/plain")))
            try t.push(v)
            if let m = t.select(f, base, 3) {
                _ = try t.invoke(f, m, base, 3, [])
                return String(decoding: io.buffer, as: UTF8.self)
            }
            return nil
        }
        try t.push(v)
        if let m = t.select(f, base, 2) {
            _ = try t.invoke(f, m, base, 2, [])
            return String(decoding: io.buffer, as: UTF8.self)
        }
        return nil
    }

    func show(_ v: Value, _ out: inout String, _ ctx: inout ShowContext, _ t: Ctx?) throws {
        switch v {
        case .int(let i): out += String(i)
        case .float(let f): out += ctx.compact ? formatFloatCompact(f) : formatFloatShortest(f)
        case .bool(let b):
            // inside a `Bool` array the type is known, and Julia writes 1 and 0 (`Bool[1, 0]`)
            if let ti = ctx.typeinfo, ti === JType.bool { out += b ? "1" : "0" } else { out += b ? "true" : "false" }
        case .char(let c): out += quoteChar(c)
        case .nothing: out += "nothing"
        case .undef: out += "#undef"
        case .str(let s): out += quoteString(s.value)
        case .sym(let s): out += showSymbol(s.name)
        case .tuple(let tp):
            if tp.count == 1 {
                out += "("
                try showElement(tp[0], &out, &ctx, t)
                out += ",)"
                return
            }
            out += "("
            for (i, x) in tp.buffer.enumerated() {
                if i > 0 { out += ", " }
                try showElement(x, &out, &ctx, t)
            }
            out += ")"
        case .range(let r): out += showRange(r)
        case .arr(let a): try showArray(a, &out, &ctx, t)
        case .fn(let f): out += f.name
        case .type(let ty): out += ty.description
        case .obj(let o):
            if let u = try userShow(v, t, mime: false) { out += u; return }
            try showObject(o, &out, &ctx, t)
        }
    }

    /// Shows a value nested in another (no element-type prefix it already has).
    func showElement(_ v: Value, _ out: inout String, _ ctx: inout ShowContext, _ t: Ctx?) throws {
        let saved = ctx.typeinfo
        ctx.typeinfo = nil
        defer { ctx.typeinfo = saved }
        try show(v, &out, &ctx, t)
    }

    func quoteString(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "$": out += "\\$"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{0B}": out += "\\v"
            case "\u{1B}": out += "\\e"
            case "\0": out += "\\0"
            default:
                if ch.value < 0x20 || ch.value == 0x7F {
                    out += "\\x" + String(format2hex(ch.value))
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out + "\""
    }

    func format2hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return s.count < 2 ? "0" + s : s
    }

    func quoteChar(_ c: UInt32) -> String {
        guard let s = Unicode.Scalar(c) else { return "'\\ufffd'" }
        switch s {
        case "'": return "'\\''"
        case "\\": return "'\\\\'"
        case "\n": return "'\\n'"
        case "\t": return "'\\t'"
        case "\r": return "'\\r'"
        case "\0": return "'\\0'"
        default:
            if s.value < 0x20 { return "'\\x" + format2hex(s.value) + "'" }
            return "'" + String(Character(s)) + "'"
        }
    }

    func showSymbol(_ name: String) -> String {
        let isIdent = !name.isEmpty && name.unicodeScalars.first.map { $0.properties.isAlphabetic || $0 == "_" } == true
            && name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "!" }
        if isIdent || ["+", "-", "*", "/", "^", "==", "<", ">", "<=", ">=", "=>", "÷", "%", "!", "&", "|"].contains(name) {
            return ":" + name
        }
        return "Symbol(\"" + name + "\")"
    }

    func showRange(_ r: JRange) -> String {
        switch r.kind {
        case .unit: return "\(r.start):\(r.stop)"
        case .step: return "\(r.start):\(r.step):\(r.stop)"
        case .float:
            let step = r.count > 1 ? (r.fstop - r.fstart) / Double(r.count - 1) : r.fstep
            return formatFloatShortest(r.fstart) + ":" + formatFloatShortest(step) + ":" + formatFloatShortest(r.fstop)
        }
    }

    /// The element-type prefix of a shown vector (empty when the literal implies it).
    func typeinfoPrefix(_ a: JArray, _ ctx: ShowContext) -> String {
        if let ti = ctx.typeinfo, ti === a.eltype { return "" }
        if a.count > 0 && isImplicitEltype(a.eltype) { return "" }
        return a.eltype.description
    }

    /// Element types a literal of the elements implies (`typeinfo_implicit` in Julia).
    func isImplicitEltype(_ t: JType) -> Bool {
        t === JType.float64 || t === JType.int64 || t === JType.char || t === JType.string
    }

    func isPair(_ v: Value) -> Bool {
        if case .obj(let o) = v, let s = o as? JStruct { return s.type.root === JType.pairFamily }
        return false
    }

    func showArray(_ a: JArray, _ out: inout String, _ ctx: inout ShowContext, _ t: Ctx?) throws {
        let id = ObjectIdentifier(a)
        if ctx.visiting.contains(id) {
            out += "#= circular reference @-\(ctx.visiting.count - (ctx.visiting.firstIndex(of: id) ?? 0)) =#"
            return
        }
        ctx.visiting.append(id)
        defer { ctx.visiting.removeLast() }
        let savedCompact = ctx.compact
        let savedInfo = ctx.typeinfo
        defer { ctx.compact = savedCompact; ctx.typeinfo = savedInfo }
        if a.ndims == 1 {
            out += typeinfoPrefix(a, ctx)
            ctx.typeinfo = a.eltype
            ctx.compact = true
            out += "["
            try showElements(a, &out, &ctx, t)
            out += "]"
            return
        }
        if a.count == 0 {
            out += "Array{\(a.eltype),\(a.ndims)}(undef," + a.dims.map(String.init).joined(separator: ",") + ")"
            return
        }
        let prefix = typeinfoPrefix(a, ctx).isEmpty ? "" : a.eltype.description
        ctx.typeinfo = a.eltype
        ctx.compact = true
        if a.ndims == 2 {
            // limited (inside a value the REPL shows), as Julia's _show_nonempty: the first
            // two and last two rows and columns, with … between
            out += prefix + "["
            let m = a.dims[0], n = a.dims[1]
            let rdots = ctx.limit && m > 4, cdots = ctx.limit && n > 4
            for i in 0..<m {
                if rdots && i >= 2 && i < m - 2 {
                    if i == 2 { out += "… ; " }
                    continue
                }
                for j in 0..<n {
                    if cdots && j >= 2 && j < n - 2 {
                        if j == 2 { out += " … " }
                        continue
                    }
                    if j > 0 && !(cdots && j == n - 2) { out += " " }
                    try show(a.get(i + j * m), &out, &ctx, t)
                }
                if i < m - 1 { out += "; " }
            }
            out += "]"
            return
        }
        // higher dimensions: the elements with their shape, as reshape would rebuild them
        // (limited as a vector is: ten from each end)
        out += "reshape(" + prefix + "["
        try showElements(a, &out, &ctx, t)
        out += "], " + a.dims.map(String.init).joined(separator: ", ") + ")"
    }

    /// An array's elements in memory order, separated by commas; limited, ten from each end
    /// with `…` between.
    private func showElements(_ a: JArray, _ out: inout String, _ ctx: inout ShowContext, _ t: Ctx?) throws {
        let n = a.count
        let elide = ctx.limit && n > 20
        for i in 0..<n {
            if elide && i >= 10 && i < n - 10 {
                if i == 10 { out += "  …  " }
                continue
            }
            if i > 0 && !(elide && i == n - 10) { out += ", " }
            try show(a.get(i), &out, &ctx, t)
        }
    }

    func showObject(_ o: JObject, _ out: inout String, _ ctx: inout ShowContext, _ t: Ctx?) throws {
        if let s = o as? JStruct {
            if s.type.root === JType.pairFamily {
                // a pair inside a pair is parenthesised: `1 => (2 => 3)`
                for (i, x) in s.fields.prefix(2).enumerated() {
                    let nested = isPair(x)
                    if nested { out += "(" }
                    try showElement(x, &out, &ctx, t)
                    if nested { out += ")" }
                    if i == 0 { out += " => " }
                }
                return
            }
            if s.type.root === JType.complexFamily { out += try complexText(s, t); return }
            if s.type.root === JType.ptrFamily, case .int(let addr) = s[0] {
                let hex = String(UInt64(bitPattern: addr), radix: 16)
                out += "\(s.type) @0x" + String(repeating: "0", count: max(0, 16 - hex.count)) + hex
                return
            }
            // the built-in cluster managers show as Julia's do
            if s.type === JType.localManager { out += "LocalManager()"; return }
            if s.type === JType.sshManager {
                out += "SSHManager(machines="
                try showElement(s[0], &out, &ctx, t)
                out += ")"
                return
            }
            if let text = try quotedCodeText(s, print: false, t) { out += text; return }
            let id = ObjectIdentifier(s)
            if ctx.visiting.contains(id) { out += "#= circular reference =#"; return }
            ctx.visiting.append(id)
            defer { ctx.visiting.removeLast() }
            // an instance of a parametric struct shows its parameters: `P{Int64}(1)`
            out += (s.type.family != nil ? s.type.description : s.type.name) + "("
            for (i, f) in s.fields.enumerated() {
                if i > 0 { out += ", " }
                try showElement(f, &out, &ctx, t)
            }
            out += ")"
            return
        }
        // containers that can hold themselves
        // (as Julia: the type, then the marker where the contents would be)
        let container = o is JDict || o is JSet || o is JRef
        if container {
            let id = ObjectIdentifier(o)
            if let at = ctx.visiting.firstIndex(of: id) {
                let marker = "#= circular reference @-\(ctx.visiting.count - at) =#"
                if let d = o as? JDict { out += "Dict{\(d.keyType),\(d.valueType)}(" + marker + ")" } else { out += marker }
                return
            }
            ctx.visiting.append(id)
        }
        defer { if container { ctx.visiting.removeLast() } }
        if let d = o as? JDict {
            // `Dict(k => v)` when the entries imply the type, else `Dict{K,V}(…)`
            let implicit = d.count > 0 && isImplicitEltype(d.keyType) && isImplicitEltype(d.valueType)
            out += implicit ? "Dict(" : "Dict{\(d.keyType),\(d.valueType)}("
            for (i, (k, v)) in d.entries.enumerated() {
                if i > 0 { out += ", " }
                try showElement(k, &out, &ctx, t)
                out += " => "
                try showElement(v, &out, &ctx, t)
            }
            out += ")"
            return
        }
        if let s = o as? JSet, s.isBitSet {
            out += "BitSet(["
            for (i, x) in s.values.enumerated() {
                if i > 0 { out += ", " }
                try showElement(x, &out, &ctx, t)
            }
            out += "])"
            return
        }
        if let s = o as? JSet {
            out += "Set(" + (s.count > 0 && isImplicitEltype(s.elType) ? "" : s.elType.description) + "["
            for (i, x) in s.values.enumerated() {
                if i > 0 { out += ", " }
                try showElement(x, &out, &ctx, t)
            }
            out += "])"
            return
        }
        if let n = o as? JNamedTuple {
            out += "("
            for (i, name) in n.names.enumerated() {
                if i > 0 { out += ", " }
                out += name.name + " = "
                try showElement(n.values[i], &out, &ctx, t)
            }
            out += n.names.count == 1 ? ",)" : ")"
            return
        }
        if let m = o as? JModule { out += m.fullName; return }
        if let b = o as? Box { out += "Core.Box("; try showElement(b.value, &out, &ctx, t); out += ")"; return }
        if let r = o as? JRef { out += "Base.RefValue{\(r.elType)}("; try showElement(r.value, &out, &ctx, t); out += ")"; return }
        if o is JColon { out += "Colon()"; return }
        if o is JUndefInitializer { out += "UndefInitializer()"; return }
        if let k = o as? JKeySet {
            out += "Set(["
            for (i, (key, _)) in k.dict.entries.enumerated() {
                if i > 0 { out += ", " }
                try showElement(key, &out, &ctx, t)
            }
            out += "])"
            return
        }
        if let s = o as? CustomShow {
            // its text may show its parts, and through them this object again (a future
            // whose value holds it, `v[1] = enumerate(v)`)
            let id = ObjectIdentifier(o)
            if let at = ctx.visiting.firstIndex(of: id) {
                out += "#= circular reference @-\(ctx.visiting.count - at) =#"
                return
            }
            let saved = showEnclosing
            showEnclosing = ctx.visiting + [id]
            defer { showEnclosing = saved }
            out += try s.showText(self, t)
            return
        }
        out += o.jtype.description + "(…)"
    }
}

/// Objects that print themselves (`Future`, `Channel`, `Task`…).
public protocol CustomShow: AnyObject {
    func showText(_ rt: Runtime, _ t: Ctx?) throws -> String
}
