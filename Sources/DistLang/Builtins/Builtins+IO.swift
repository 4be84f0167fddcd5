import Foundation
import CDistSupport

/// Printing, strings of values, buffers, files, and `@printf`.
extension Builtins {
    /// Splits an optional leading IO argument from the values to print.
    static func ioAndValues(_ a: Args) -> (JIO?, [Value]) {
        if a.count > 0, case .obj(let o) = a[0], let io = o as? JIO { return (io, Array(a.array.dropFirst())) }
        return (nil, a.array)
    }

    static func emit(_ t: Ctx, _ io: JIO?, _ s: String) throws {
        if let io = io {
            try io.checkWritable()
            io.write(s, t.runtime)
        } else {
            t.runtime.output.write(s)
        }
    }

    static func installIO(_ rt: Runtime) {
        rt.def("showerror") { t, a in
            // showerror(io, e): the error's message as the REPL shows it after "ERROR: ", with
            // the traces a remote or captured error carries (Julia's showerror(io, ex, bt))
            try a.expect(2, "showerror")
            let (io, _) = ioAndValues(a)
            try emit(t, io, t.runtime.errorWithRemoteTraces(a[1], t))
            return .nothing
        }
        rt.def("print") { t, a in
            let (io, vs) = ioAndValues(a)
            try emit(t, io, try vs.map { try t.runtime.printString($0, t) }.joined())
            return .nothing
        }
        rt.def("println") { t, a in
            let (io, vs) = ioAndValues(a)
            try emit(t, io, try vs.map { try t.runtime.printString($0, t) }.joined() + "\n")
            return .nothing
        }
        rt.def("show") { t, a in
            let (io, vs) = ioAndValues(a)
            // show(io, MIME"text/plain"(), x), or the MIME type by its name as Julia allows
            if vs.count == 2, case .obj(let m) = vs[0], m is JMime {
                try emit(t, io, try t.runtime.displayString(vs[1], t) ?? "nothing")
                return .nothing
            }
            if vs.count == 2, case .str(let mime) = vs[0], mime.value == "text/plain" {
                try emit(t, io, try t.runtime.displayString(vs[1], t) ?? "nothing")
                return .nothing
            }
            guard vs.count == 1 else { throw JuliaError.method("show", a.array) }
            try emit(t, io, try t.runtime.repr(vs[0], t))
            return .nothing
        }
        // `displaysize()`, `displaysize(io)`: the (rows, columns) values are displayed in
        rt.def("displaysize") { t, a in
            try a.expect(0...1, "displaysize")
            let size = t.runtime.displaySize
            return .tuple(JTuple.of([.int(Int64(size.rows)), .int(Int64(size.columns))]))
        }
        rt.def("display") { t, a in
            try a.expect(1, "display")
            t.runtime.output.write((try t.runtime.displayString(a[0], t) ?? "nothing") + "\n")
            return .nothing
        }
        rt.stringFunction = rt.def("string") { t, a in
            if a.kw.isEmpty {
                if a.count == 1 {
                    switch a[0] {
                    case .str: return a[0]
                    case .int(let i): return .str(JStr(StrBuild.decimal(i)))
                    case .float(let f): return .str(JStr(formatFloatShortest(f)))
                    default: break
                    }
                }
                var out = ""
                for i in 0..<a.count { try t.runtime.appendPrint(a[i], to: &out, t) }
                return .str(JStr(out))
            }
            if let b = a.keywordInt("base") {
                guard a.count == 1 else { throw JuliaError.method("string", a.array) }
                let n = try a.int(0, "string")
                guard (2...62).contains(b) else { throw JuliaError.argument("invalid base: base must be 2 ≤ base ≤ 62, got \(b)") }
                var s = radixString(n, b)
                if let pad = a.keywordInt("pad"), s.count < pad { s = try repeated("0", pad - s.count) + s }
                return .str(JStr(s))
            }
            if let pad = a.keywordInt("pad"), a.count == 1 {
                var s = try t.runtime.printString(a[0], t)
                if s.count < pad { s = try repeated("0", pad - s.count) + s }
                return .str(JStr(s))
            }
            if a.count == 1, case .str = a[0] { return a[0] }
            return .str(JStr(try a.array.map { try t.runtime.printString($0, t) }.joined()))
        }
        rt.def("repr") { t, a in
            try a.expect(1, "repr")
            return .str(JStr(try t.runtime.repr(a[0], t)))
        }
        rt.def("sprint") { t, a in
            guard a.count >= 1 else { throw JuliaError.method("sprint", []) }
            let io = JIO(.buffer)
            _ = try t.call(a[0], [.obj(io)] + Array(a.array.dropFirst()))
            return .str(JStr(String(decoding: io.buffer, as: UTF8.self)))
        }
        // write(x, values…) puts out each value as Julia does (see `writtenBytes`) to a
        // file by its name, a stream or a program's standard input; it returns the count.
        rt.def("write") { t, a in
            guard a.count >= 2 else { throw JuliaError.method("write", a.array) }
            var bytes: [UInt8] = []
            for i in 1..<a.count { bytes += try writtenBytes(a[i], t) }
            if case .obj(let o) = a[0], o is JProcess || o is ProcessInput || o is TCPSocket || o is OutputPipe {
                try writeBytes(a[0], bytes, t)
                return .int(Int64(bytes.count))
            }
            if case .str(let path) = a[0] {
                guard FileManager.default.createFile(atPath: t.runtime.resolvePath(path.value), contents: Data(bytes)) else {
                    throw JuliaError.system("opening file \"\(path.value)\"", EACCES)
                }
                return .int(Int64(bytes.count))
            }
            guard case .obj(let o) = a[0], let io = o as? JIO else { throw JuliaError.method("write", a.array) }
            try io.checkWritable()
            io.write(bytes, t.runtime)
            return .int(Int64(bytes.count))
        }
        // read!(file or stream, A): fills A (of a bits element type) with the bytes read
        rt.def("read!") { t, a in
            try a.expect(2, "read!")
            let arr = try a.array(1, "read!")
            guard arr.kind != .any else { throw JuliaError.method("read!", a.array) }
            let n = arr.count * arr.kind.stride
            var source: [UInt8]
            if case .obj(let o) = a[0], let io = o as? JIO {
                source = Array(io.buffer[io.readPosition...].prefix(n))
                io.readPosition += source.count
            } else {
                let path = t.runtime.resolvePath(try a.string(0, "read!"))
                guard let h = FileHandle(forReadingAtPath: path) else { throw JuliaError.system("opening file \"\(path)\"", ENOENT) }
                defer { try? h.close() }
                source = Array((try? h.read(upToCount: n)) ?? Data())
            }
            guard source.count == n else { throw JuliaError.make(.eofError, []) }
            source.withUnsafeBytes { arr.data.copyMemory(from: $0.baseAddress!, byteCount: n) }
            return a[1]
        }
        rt.def("flush") { _, a in
            if a.count == 1, case .obj(let o) = a[0], let io = o as? JIO { try io.flushFile() }
            return .nothing
        }
        rt.def("read") { t, a in
            try a.expect(1...2, "read")
            if case .obj(let o) = a[0], o is JCmd || o is JProcess || o is PipeReader || o is TCPSocket {
                // a command's whole output, or what a process or pipe has until its end
                let text: [UInt8]
                if let c = o as? JCmd { text = Array(try readCommand(c, t).utf8) } else { text = try reader(a[0], "read").readAll(t) }
                if a.count == 2 { return .str(JStr(String(decoding: text, as: UTF8.self))) }
                return .arr(bytesArray(text))
            }
            if case .obj(let o) = a[0], let io = o as? JIO {
                let rest = try io.readRest()
                if a.count == 2 { return .str(JStr(String(decoding: rest, as: UTF8.self))) }
                return .arr(bytesArray(rest))
            }
            let data = try Runtime.readWholeFile(t.runtime.resolvePath(try a.string(0, "read")))
            if a.count == 2 {
                guard case .type(let ty) = a[1], ty === JType.string else { throw JuliaError.method("read", a.array) }
                return .str(JStr(String(decoding: data, as: UTF8.self)))
            }
            return .arr(bytesArray(Array(data)))
        }
        rt.def("readlines") { t, a in
            try a.expect(1, "readlines")
            let keep: Bool
            if case .bool(true)? = a.keyword("keep") { keep = true } else { keep = false }
            if case .obj(let o) = a[0], let io = o as? JIO {
                var lines: [String] = []
                while !(try io.isAtEnd()) { lines.append(try io.readLine(keep: keep)) }
                return .arr(Runtime.stringVector(lines))
            }
            if case .obj = a[0] {
                // a stream: its lines until its end
                let r = try reader(a[0], "readlines")
                var lines: [String] = []
                while !(try r.isAtEnd(t)) { lines.append(try r.readLine(t, keep: keep)) }
                return .arr(Runtime.stringVector(lines))
            }
            let data = try Runtime.readWholeFile(t.runtime.resolvePath(try a.string(0, "readlines")))
            var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            if keep { lines = lines.enumerated().map { $0.offset < lines.count - 1 || data.last == 0x0A ? $0.element + "\n" : $0.element } }
            return .arr(Runtime.stringVector(lines))
        }
        rt.def("isfile") { t, a in
            var isDir: ObjCBool = false
            let ok = FileManager.default.fileExists(atPath: t.runtime.resolvePath(try a.string(0, "isfile")), isDirectory: &isDir)
            return .bool(ok && !isDir.boolValue)
        }
        rt.def("isdir") { t, a in
            var isDir: ObjCBool = false
            let ok = FileManager.default.fileExists(atPath: t.runtime.resolvePath(try a.string(0, "isdir")), isDirectory: &isDir)
            return .bool(ok && isDir.boolValue)
        }
        rt.def("pwd") { t, _ in .str(JStr(FileManager.default.currentDirectoryPath)) }
        rt.def("joinpath", arity: 1...Int.max) { t, a in
            .str(JStr(joinPaths(try a.array.map { try t.runtime.printString($0, t) })))
        }
        rt.def("printf") { t, a in
            let (io, vs) = ioAndValues(a)
            guard let fmtV = vs.first, case .str(let fmt) = fmtV else { throw JuliaError.method("@printf", a.array) }
            let rest = Array(vs.dropFirst())
            try emit(t, io, try rest.withUnsafeBufferPointer { try format(fmt.value, $0, t) })
            return .nothing
        }
        rt.def("sprintf") { t, a in
            guard a.count >= 1, case .str(let fmt) = a[0] else { throw JuliaError.method("@sprintf", a.array) }
            return .str(JStr(try format(fmt.value, UnsafeBufferPointer(start: a.base + 1, count: a.count - 1), t)))
        }
    }

    /// The bytes Julia's `write` puts out for a value: numbers in their machine form
    /// (little-endian), strings, characters and symbols as UTF-8, arrays, ranges and tuples
    /// element after element.
    static func writtenBytes(_ v: Value, _ t: Ctx) throws -> [UInt8] {
        switch v {
        case .str(let s): return Array(s.value.utf8)
        case .sym(let s): return Array(s.name.utf8)
        case .char(let c): return Array(String(Character(Unicode.Scalar(c) ?? "\u{FFFD}")).utf8)
        case .int(let i): return withUnsafeBytes(of: i.littleEndian) { Array($0) }
        case .float(let f): return withUnsafeBytes(of: f.bitPattern.littleEndian) { Array($0) }
        case .bool(let b): return [b ? 1 : 0]
        case .arr(let arr) where arr.kind != .any && arr.kind != .char:
            return Array(UnsafeRawBufferPointer(start: arr.data, count: arr.count * arr.kind.stride))
        case .arr, .range, .tuple:
            var out: [UInt8] = []
            for x in try t.runtime.collectValues(v, t) { out += try writtenBytes(x, t) }
            return out
        default:
            return Array(try t.runtime.printString(v, t).utf8)
        }
    }

    static func bytesArray(_ b: [UInt8]) -> JArray {
        let r = JArray(eltype: .uint8, dims: Dims(b.count))
        for (i, x) in b.enumerated() { r.bytes[i] = x }
        return r
    }

    /// C-style formatting for `@printf`/`@sprintf`: `%d %i %f %e %g %s %c %x %%` with flags,
    /// width and precision. The format is read as bytes where it lies, each conversion's
    /// specification is the slice of it between `%` and the letter, and the text is written
    /// into memory on the stack (`ByteOut`); numbers are written here (`fixedPoint`) or by
    /// the C library's `snprintf`. (Foundation's `String(format:)` and a walk over the
    /// format's characters cost ~22,000 instructions per `@sprintf("%.3f", x)`; arrays for
    /// the format, the specification and the output, ~3,500.)
    static func format(_ fmt: String, _ args: UnsafeBufferPointer<Value>, _ t: Ctx) throws -> String {
        var text = fmt
        return try text.withUTF8 { chars in
            try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { stack in
                var out = ByteOut(stack)
                defer { out.release() }
                try format(chars, args, into: &out, t)
                // the format's own bytes, digits and whole strings: valid UTF-8
                return StrBuild.make(out.count) { p in
                    p.update(from: out.base, count: out.count)
                    return out.count
                }
            }
        }
    }

    /// `format` of `args` with the format's bytes `chars`, written to `out`.
    private static func format(_ chars: UnsafeBufferPointer<UInt8>, _ args: UnsafeBufferPointer<Value>,
                               into out: inout ByteOut, _ t: Ctx) throws {
        var i = 0
        var k = 0
        let percent = UInt8(ascii: "%")
        while i < chars.count {
            let c = chars[i]
            if c != percent { out.append(c); i += 1; continue }
            let start = i
            i += 1
            guard i < chars.count else { break }
            if chars[i] == percent { out.append(percent); i += 1; continue }
            while i < chars.count, isFlagOrDigit(chars[i]) { i += 1 }
            guard i < chars.count else { break }
            // "%", the flags, width and precision: what `snprintf` is given before its letter
            let spec = UnsafeBufferPointer(rebasing: chars[start..<i])
            let conv = chars[i]
            i += 1
            guard k < args.count else { throw JuliaError.argument("@printf: wrong number of arguments") }
            let v = args[k]
            k += 1
            switch conv {
            case UInt8(ascii: "d"), UInt8(ascii: "i"):
                guard let n = numeric(v) else { throw JuliaError.argument("@printf: %d needs a number") }
                let iv: Int64
                switch n {
                case .i(let x): iv = x
                case .f(let f):
                    guard let x = Int64(exactly: f.rounded(.towardZero)) else { throw JuliaError.inexact("trunc", .int64, v) }
                    iv = x
                }
                cFormat(spec, "lld", iv, into: &out)
            case UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "g"), UInt8(ascii: "G"):
                guard let n = numeric(v) else { throw JuliaError.argument("@printf: %\(Character(Unicode.Scalar(conv))) needs a number") }
                let x = t.runtime.toDouble(n)
                if conv == UInt8(ascii: "f"), fixedPoint(x, spec, into: &out) { break }
                cFormat(spec, conv, x, into: &out)
            case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "o"):
                guard case .int(let x) = v else { throw JuliaError.argument("@printf: %\(Character(Unicode.Scalar(conv))) needs an integer") }
                cFormat(spec, conv == UInt8(ascii: "x") ? "llx" : conv == UInt8(ascii: "X") ? "llX" : "llo", x, into: &out)
            case UInt8(ascii: "c"), UInt8(ascii: "s"):
                let text = try padded(try t.runtime.printString(v, t), String(decoding: spec, as: UTF8.self),
                                      isString: conv == UInt8(ascii: "s"))
                out.append(text)
            default:
                // the character in full, for the message (a format may hold any text)
                var end = i
                while end < chars.count && chars[end] & 0xC0 == 0x80 { end += 1 }
                let shown = String(decoding: UnsafeBufferPointer(rebasing: chars[(i - 1)..<end]), as: UTF8.self)
                throw JuliaError.argument("@printf: invalid format character %\(shown)")
            }
        }
    }

    /// `%[-][width].Nf` of `x` for a finite `|x| < 2^53` and `N ≤ 15`, written here: the
    /// digits of `x · 10^N` rounded half to even, computed exactly from `x`'s binary form
    /// (what the C library prints; its `snprintf` cost ~2,700 instructions a number).
    /// False, with nothing written, for any other specification or value.
    static func fixedPoint(_ x: Double, _ spec: UnsafeBufferPointer<UInt8>, into out: inout ByteOut) -> Bool {
        // the specification: "%", an optional "-", the width's digits, "." and the precision
        var i = 1
        let left = i < spec.count && spec[i] == UInt8(ascii: "-")
        if left { i += 1 }
        var width = 0
        while i < spec.count, spec[i] >= UInt8(ascii: "0"), spec[i] <= UInt8(ascii: "9") {
            if width == 0 && spec[i] == UInt8(ascii: "0") { return false }  // the 0 flag
            width = width * 10 + Int(spec[i] - UInt8(ascii: "0"))
            if width > 64 { return false }
            i += 1
        }
        guard i < spec.count, spec[i] == UInt8(ascii: ".") else { return false }
        i += 1
        var precision = 0
        guard i < spec.count else { return false }
        while i < spec.count {
            guard spec[i] >= UInt8(ascii: "0"), spec[i] <= UInt8(ascii: "9") else { return false }
            precision = precision * 10 + Int(spec[i] - UInt8(ascii: "0"))
            i += 1
        }
        guard precision <= 15, x.isFinite, abs(x) < 9007199254740992 else { return false }
        // x = m · 2^e exactly; q = round(m · 10^N · 2^e), half to even
        let m = UInt128(x.significandBitPattern | (x.isNormal ? 1 << 52 : 0))
        let e = Int(x.exponentBitPattern == 0 ? -1074 : Int(x.exponentBitPattern) - 1075)
        var p10: UInt128 = 1
        for _ in 0..<precision { p10 *= 10 }
        let scaled = m * p10                       // < 2^53 · 10^15 < 2^103
        var q: UInt128
        if e >= 0 {
            q = scaled << UInt128(e)               // x < 2^53: at most 2^103 · … stays < 2^128
        } else if -e >= 127 {
            q = 0                                  // below a half of the last digit
        } else {
            let s = UInt128(-e)
            q = scaled >> s
            let rest = scaled & ((1 << s) - 1), half = UInt128(1) << (s - 1)
            if rest > half || (rest == half && q & 1 == 1) { q += 1 }
        }
        // the digits, last first (at least precision + 1 of them; q < 2^103 has at most 32),
        // then written with the point before the last N
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { digits in
            var n = 0
            if q <= UInt128(UInt64.max) {
                var r = UInt64(q)
                repeat {
                    digits[n] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: r % 10)
                    r /= 10
                    n += 1
                } while r > 0
            } else {
                repeat {
                    digits[n] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: q % 10)
                    q /= 10
                    n += 1
                } while q > 0
            }
            while n < precision + 1 { digits[n] = UInt8(ascii: "0"); n += 1 }
            let negative = x.sign == .minus
            let length = n + (precision > 0 ? 1 : 0) + (negative ? 1 : 0)
            let pad = max(0, width - length)
            let p = out.reserve(max(width, length))
            var w = 0
            if !left { for _ in 0..<pad { p[w] = UInt8(ascii: " "); w += 1 } }
            if negative { p[w] = UInt8(ascii: "-"); w += 1 }
            var k = n - 1
            while k >= 0 {
                p[w] = digits[k]
                w += 1
                if k == precision && precision > 0 { p[w] = UInt8(ascii: "."); w += 1 }
                k -= 1
            }
            if left { for _ in 0..<pad { p[w] = UInt8(ascii: " "); w += 1 } }
            out.commit(w)
            return true
        }
    }

    /// A flag, digit or `.` of a conversion's specification (`-+ #0-9.`).
    @inline(__always) private static func isFlagOrDigit(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
            || c == UInt8(ascii: " ") || c == UInt8(ascii: "#") || c == UInt8(ascii: ".")
    }

    /// Appends `x` formatted by the C conversion `spec` followed by the letter `conv`.
    private static func cFormat(_ spec: UnsafeBufferPointer<UInt8>, _ conv: UInt8, _ x: Double, into out: inout ByteOut) {
        withUnsafeBytes(of: conv) { letter in
            withCSpec(spec, letter) { s in
                cFormat(s, into: &out) { dist_format_double($0, $1, $2, x) }
            }
        }
    }

    /// Appends `x` formatted by the C conversion `spec` followed by `length` (`lld`, `llx`).
    private static func cFormat(_ spec: UnsafeBufferPointer<UInt8>, _ length: StaticString, _ x: Int64, into out: inout ByteOut) {
        withCSpec(spec, UnsafeRawBufferPointer(start: length.utf8Start, count: length.utf8CodeUnitCount)) { s in
            cFormat(s, into: &out) { dist_format_llong($0, $1, $2, x) }
        }
    }

    /// Calls `body` with `spec`, then `suffix`, then a NUL, as a C string on the stack.
    private static func withCSpec(_ spec: UnsafeBufferPointer<UInt8>, _ suffix: UnsafeRawBufferPointer,
                                  _ body: (UnsafePointer<CChar>) -> Void) {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: spec.count + suffix.count + 1) { b in
            let p = UnsafeMutableRawPointer(b.baseAddress!)
            if let s = spec.baseAddress { p.copyMemory(from: s, byteCount: spec.count) }
            if let s = suffix.baseAddress { (p + spec.count).copyMemory(from: s, byteCount: suffix.count) }
            b[spec.count + suffix.count] = 0
            body(b.baseAddress!)
        }
    }

    /// Appends what `call(buffer, size, spec)` writes (C's `snprintf`): into a buffer on the
    /// stack, or one of the size it asks for when that is too small.
    @inline(__always) private static func cFormat(_ s: UnsafePointer<CChar>, into out: inout ByteOut,
                                                  _ call: (UnsafeMutablePointer<CChar>, Int, UnsafePointer<CChar>) -> Int32) {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buf in
            let n = Int(call(buf.baseAddress!, 64, s))
            if n < 64 {
                if n > 0 { out.append(UnsafeRawBufferPointer(start: buf.baseAddress!, count: n)) }
                return
            }
            let big = UnsafeMutablePointer<CChar>.allocate(capacity: n + 1)
            defer { big.deallocate() }
            let m = Int(call(big, n + 1, s))
            if m > 0 { out.append(UnsafeRawBufferPointer(start: big, count: m)) }
        }
    }

    /// A `%s` or `%c` field: `spec` is `%[-][width][.precision]`; the text is cut to the
    /// precision (for `%s`) and padded with spaces to the width, on the left unless `-`.
    /// (Foundation's `%@` ignores the width on Linux.)
    static func padded(_ text: String, _ spec: String, isString: Bool) throws -> String {
        let body = spec.dropFirst()
        let left = body.contains("-")
        let parts = body.filter { $0 != "-" && $0 != "+" && $0 != " " && $0 != "#" }.split(separator: ".", omittingEmptySubsequences: false)
        let width = parts.first.flatMap { Int($0) } ?? 0
        var s = text
        if isString, parts.count > 1, let p = Int(parts[1]), p < s.count { s = String(s.prefix(p)) }
        guard s.count < width else { return s }
        let pad = try repeated(" ", width - s.count)
        return left ? s + pad : pad + s
    }

    /// `string(n, base = b)` for 2 ≤ b ≤ 62: Julia's digits are 0-9a-z up to base 36, then
    /// 0-9A-Za-z.
    static func radixString(_ n: Int, _ b: Int) -> String {
        if b <= 36 { return String(n, radix: b) }
        let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        var m = n.magnitude, out: [Character] = []
        repeat { out.append(digits[Int(m % UInt(b))]); m /= UInt(b) } while m > 0
        return (n < 0 ? "-" : "") + String(out.reversed())
    }
}
