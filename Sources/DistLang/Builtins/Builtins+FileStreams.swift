/// Files as streams (Julia's `IOStream`): `open` with a mode or keywords, `open(f, path)`
/// (`do` blocks), `eachline`, and moving about in a stream (`position`, `seek`, `skip`).
/// Reading and writing go through the stream functions every stream has (`readline`,
/// `read`, `eof`, `write`, `print`, `close`…), which know `JIO`.
extension Builtins {
    /// Julia's open modes, as (read, write, create, truncate, append).
    private static let openModes: [String: (Bool, Bool, Bool, Bool, Bool)] = [
        "r": (true, false, false, false, false), "r+": (true, true, false, false, false),
        "w": (false, true, true, true, false), "w+": (true, true, true, true, false),
        "a": (false, true, true, false, true), "a+": (true, true, true, false, true),
    ]

    /// `open(path[, mode]; read, write, create, truncate, append)` and
    /// `open(f, path[, mode]; …)`, which calls `f` with the stream and closes it however `f`
    /// ends, returning what `f` returns.
    static func openFile(_ a: Args, _ t: Ctx) throws -> Value {
        var args = a.array
        var body: Value?
        if case .fn = args.first, args.count >= 2 { body = args.removeFirst() }
        guard (1...2).contains(args.count), case .str(let name) = args[0] else { throw JuliaError.method("open", a.array) }
        var flags: (read: Bool, write: Bool, create: Bool, truncate: Bool, append: Bool)
        if args.count == 2 {
            guard case .str(let m) = args[1] else { throw JuliaError.method("open", a.array) }
            guard let f = openModes[m.value] else { throw JuliaError.argument("invalid open mode: \(m.value)") }
            flags = f
        } else {
            // the keywords, with Julia's defaults (open_flags)
            func flag(_ k: String) throws -> Bool? {
                guard let v = a.keyword(k), !v.isNothing else { return nil }
                guard case .bool(let b) = v else { throw JuliaError.type("open", "keyword argument \(k)", expected: .bool, got: v) }
                return b
            }
            var read = try flag("read"), write = try flag("write"), create = try flag("create")
            var truncate = try flag("truncate")
            let append = try flag("append")
            if write == true && read != true && append != true {
                create = create ?? true
                truncate = truncate ?? true
            }
            if truncate == true || append == true {
                write = write ?? true
                create = create ?? true
            }
            let w = write ?? false
            read = read ?? !w
            flags = (read ?? true, w, create ?? false, truncate ?? false, append ?? false)
        }
        let io = try JIO.open(t.runtime.resolvePath(name.value), shownAs: name.value, read: flags.read, write: flags.write,
                              create: flags.create, truncate: flags.truncate, append: flags.append)
        guard let f = body else { return .obj(io) }
        let result: Value
        do {
            result = try t.call(f, [.obj(io)])
        } catch {
            try? io.close()
            throw error
        }
        try io.close()
        return result
    }

    static func installFileStreams(_ rt: Runtime) {
        // eachline(stream or file name; keep): the lines, read as they are iterated; a file
        // named is opened for the iteration and closed at its end
        rt.def("eachline") { t, a in
            try a.expect(0...1, "eachline")
            let keep: Bool
            if case .bool(true)? = a.keyword("keep") { keep = true } else { keep = false }
            let source = a.count == 1 ? a[0] : .obj(StandardInput())
            if case .str(let name) = source {
                let path = t.runtime.resolvePath(name.value)
                // the file is opened now, so that a missing one is an error here, as in Julia
                let first = try JIO.open(path, shownAs: name.value, read: true, write: false, create: false, truncate: false, append: false)
                var unused: JIO? = first
                return .obj(JLazy { _ in
                    let io = try unused ?? JIO.open(path, shownAs: name.value, read: true, write: false, create: false, truncate: false, append: false)
                    unused = nil
                    return ClosureIterator { _ in
                        if !io.isOpen { return nil }
                        if try io.isAtEnd() {
                            try io.close()
                            return nil
                        }
                        return .str(JStr(try io.readLine(keep: keep)))
                    }
                })
            }
            if case .obj(let o) = source, let io = o as? JIO {
                try io.checkReadable()
                return .obj(JLazy { _ in
                    ClosureIterator { _ in try io.isAtEnd() ? nil : .str(JStr(try io.readLine(keep: keep))) }
                })
            }
            let r = try reader(source, "eachline")
            return .obj(JLazy { _ in
                ClosureIterator { t in try r.isAtEnd(t) ? nil : .str(JStr(try r.readLine(t, keep: keep))) }
            })
        }
        rt.def("position") { t, a in
            try a.expect(1, "position")
            return .int(Int64(try stream(a, "position").position()))
        }
        rt.def("seek") { t, a in
            try a.expect(2, "seek")
            let io = try stream(a, "seek")
            try io.seek(try a.int(1, "seek"))
            return a[0]
        }
        rt.def("seekstart") { t, a in
            try a.expect(1, "seekstart")
            try stream(a, "seekstart").seek(0)
            return a[0]
        }
        rt.def("seekend") { t, a in
            try a.expect(1, "seekend")
            try stream(a, "seekend").seek(0, fromEnd: true)
            return a[0]
        }
        rt.def("skip") { t, a in
            try a.expect(2, "skip")
            let io = try stream(a, "skip")
            try io.seek(try io.position() + (try a.int(1, "skip")))
            return a[0]
        }
    }

    /// The first argument as a buffer or file stream.
    private static func stream(_ a: Args, _ name: String) throws -> JIO {
        if case .obj(let o) = a[0], let io = o as? JIO, io.kind == .buffer || io.kind == .file { return io }
        throw JuliaError.method(name, a.array)
    }
}
