import Foundation

/// Paths as Julia's `Base.Filesystem` takes them apart and puts them together (`splitdir`,
/// `dirname`, `basename`, `splitext`, `normpath`, `abspath`, `isabspath`, `isdirpath`), and the
/// file-system calls scripts use around them: `homedir`, `readdir`, `realpath`, `mtime`,
/// `islink`, `readlink`, `touch`, `cp`, `mv`.
///
/// The path functions are Julia's rules on Unix, not Foundation's: `basename("a/b/")` is `""`
/// and `dirname("a/b/")` is `"a/b"` (the path names a folder's contents), where `NSString`
/// would drop the trailing slash first.
extension Builtins {
    static func installPaths(_ rt: Runtime) {
        rt.def("splitdir") { _, a in
            try a.expect(1, "splitdir")
            let (d, b) = splitdir(try a.string(0, "splitdir"))
            return .tuple(JTuple.of([.string(d), .string(b)]))
        }
        rt.def("dirname") { _, a in
            try a.expect(1, "dirname")
            return .string(splitdir(try a.string(0, "dirname")).0)
        }
        rt.def("basename") { _, a in
            try a.expect(1, "basename")
            return .string(splitdir(try a.string(0, "basename")).1)
        }
        rt.def("splitext") { _, a in
            try a.expect(1, "splitext")
            let (r, e) = splitext(try a.string(0, "splitext"))
            return .tuple(JTuple.of([.string(r), .string(e)]))
        }
        rt.def("isabspath") { _, a in
            try a.expect(1, "isabspath")
            return .bool(try a.string(0, "isabspath").hasPrefix("/"))
        }
        rt.def("isdirpath") { _, a in
            try a.expect(1, "isdirpath")
            return .bool(isdirpath(try a.string(0, "isdirpath")))
        }
        rt.def("normpath", arity: 1...Int.max) { t, a in
            .string(normpath(try joined(t, a, "normpath")))
        }
        rt.def("abspath", arity: 1...Int.max) { t, a in
            let p = try joined(t, a, "abspath")
            return .string(normpath(p.hasPrefix("/") ? p : FileManager.default.currentDirectoryPath + "/" + p))
        }
        rt.def("homedir") { _, a in
            try a.expect(0, "homedir")
            if let h = ProcessInfo.processInfo.environment["HOME"], !h.isEmpty { return .string(h) }
            return .string(NSHomeDirectory())
        }
        // readdir(dir = pwd(); join = false, sort = true): the names in a folder, without
        // `.` and `..`; with join, each joined to `dir` as given
        rt.def("readdir", arity: 0...1) { t, a in
            let given = a.count == 1 ? try a.string(0, "readdir") : FileManager.default.currentDirectoryPath
            let join = a.keyword("join").map { Builtins.isTrue($0) } ?? false
            let sort = a.keyword("sort").map { Builtins.isTrue($0) } ?? true
            let path = t.runtime.resolvePath(given)
            guard let dir = opendir(path) else { throw JuliaError.system("readdir(\"\(given)\")", errno) }
            defer { closedir(dir) }
            var names: [String] = []
            while let e = readdir(dir) {
                let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            // Julia sorts by bytes (`sort` of Strings)
            if sort { names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
            if join { names = names.map { given.hasSuffix("/") ? given + $0 : given + "/" + $0 } }
            return .arr(Runtime.stringVector(names))
        }
        rt.def("realpath") { t, a in
            try a.expect(1, "realpath")
            let given = try a.string(0, "realpath")
            guard let r = Foundation.realpath(t.runtime.resolvePath(given), nil) else {
                throw JuliaError.system("realpath(\"\(given)\")", errno)
            }
            defer { free(r) }
            return .string(String(cString: r))
        }
        // the time of the last change to a file's contents, in seconds since 1970 (0.0 when
        // there is no such file), as Julia's `mtime`
        rt.def("mtime") { t, a in
            try a.expect(1, "mtime")
            var st = stat()
            if stat(t.runtime.resolvePath(try a.string(0, "mtime")), &st) != 0 { return .float(0) }
            return .float(Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9)
        }
        rt.def("islink") { t, a in
            try a.expect(1, "islink")
            var st = stat()
            return .bool(lstat(t.runtime.resolvePath(try a.string(0, "islink")), &st) == 0 && st.st_mode & S_IFMT == S_IFLNK)
        }
        rt.def("readlink") { t, a in
            try a.expect(1, "readlink")
            let given = try a.string(0, "readlink")
            var buf = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = Foundation.readlink(t.runtime.resolvePath(given), &buf, buf.count - 1)
            if n < 0 { throw JuliaError.system("readlink(\"\(given)\")", errno) }
            return .string(String(decoding: buf[0..<n], as: UTF8.self))
        }
        // touch(path): makes an empty file, or sets the times of one that is there to now
        rt.def("touch") { t, a in
            try a.expect(1, "touch")
            let given = try a.string(0, "touch")
            let path = t.runtime.resolvePath(given)
            let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o666)
            if fd < 0 { throw JuliaError.system("touch(\"\(given)\")", errno) }
            defer { close(fd) }
            if futimens(fd, nil) != 0 { throw JuliaError.system("touch(\"\(given)\")", errno) }
            return a[0]
        }
        rt.def("cp") { t, a in try copyOrMove(t, a, "cp") }
        rt.def("mv") { t, a in try copyOrMove(t, a, "mv") }
        installEnvironment(rt)
    }

    /// `ENV`, the process's environment variables as a dictionary of strings (in the order
    /// the environment lists them), and `withenv`.
    static func installEnvironment(_ rt: Runtime) {
        let env = JDict(keyType: .string, valueType: .string)
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "="), eq != s.startIndex {
                try? env.set(.string(String(s[..<eq])), .string(String(s[s.index(after: eq)...])), rt)
            }
            p += 1
        }
        env.environment = true
        rt.setGlobal("ENV", .obj(env), in: rt.base, const: true)
        rt.setGlobal("EnvDict", .type(JType.envDict), in: rt.base, const: true)
        // withenv(f, "A" => "1", "B" => nothing): f runs with A set and B unset, and each
        // variable is as it was afterwards, whatever f did
        rt.def("withenv", arity: 1...Int.max) { t, a in
            var saved: [(Value, Value?)] = []
            defer {
                for (k, v) in saved.reversed() {
                    if let v { try? env.set(k, v, t.runtime) } else { _ = env.remove(k) }
                }
            }
            for i in 1..<a.count {
                guard case .obj(let o) = a[i], let pair = o as? JStruct, pair.type.root === JType.pairFamily,
                      case .str = pair[0] else { throw JuliaError.method("withenv", a.array) }
                let k = pair[0], v = pair[1]
                saved.append((k, env.get(k)))
                if case .nothing = v { _ = env.remove(k) } else { try env.set(k, v, t.runtime) }
            }
            return try t.call(a[0], [])
        }
    }

    /// `cp(src, dst; force = false)` and `mv(src, dst; force = false)`: a folder is copied
    /// with everything in it; a `dst` that exists is an error unless `force`, which removes
    /// it first. Returns `dst`.
    private static func copyOrMove(_ t: Ctx, _ a: Args, _ name: String) throws -> Value {
        try a.expect(2, name)
        let srcGiven = try a.string(0, name), dstGiven = try a.string(1, name)
        let src = t.runtime.resolvePath(srcGiven), dst = t.runtime.resolvePath(dstGiven)
        let force = a.keyword("force").map { Builtins.isTrue($0) } ?? false
        var st = stat()
        if lstat(src, &st) != 0 { throw JuliaError.system("\(name)(\"\(srcGiven)\", \"\(dstGiven)\")", errno) }
        if lstat(dst, &st) == 0 {
            guard force else {
                let verb = name == "cp" ? "copying" : "moving"
                throw JuliaError.argument("'\(dstGiven)' exists. `force=true` is required to remove '\(dstGiven)' before \(verb).")
            }
            try? FileManager.default.removeItem(atPath: dst)
        }
        do {
            if name == "cp" {
                try FileManager.default.copyItem(atPath: src, toPath: dst)
            } else if rename(src, dst) != 0 {
                // another file system: copy, then remove the original
                guard errno == EXDEV else { throw JuliaError.system("mv(\"\(srcGiven)\", \"\(dstGiven)\")", errno) }
                try FileManager.default.copyItem(atPath: src, toPath: dst)
                try FileManager.default.removeItem(atPath: src)
            }
        } catch let e as JuliaError {
            throw e
        } catch {
            throw JuliaError.system("\(name)(\"\(srcGiven)\", \"\(dstGiven)\")", EIO)
        }
        return a[1]
    }

    /// The arguments of `normpath(a, b…)`/`abspath(a, b…)` joined as `joinpath` joins them.
    private static func joined(_ t: Ctx, _ a: Args, _ name: String) throws -> String {
        joinPaths(try (0..<a.count).map { try a.string($0, name) })
    }

    /// `joinpath(parts...)`: an absolute part drops what came before it.
    static func joinPaths(_ parts: [String]) -> String {
        var p = ""
        for s in parts {
            if s.hasPrefix("/") || p.isEmpty { p = s } else { p = p.hasSuffix("/") ? p + s : p + "/" + s }
        }
        return p
    }

    /// Julia's `splitdir`: the part before the last run of slashes (the slashes themselves when
    /// nothing comes before them) and the part after it.
    static func splitdir(_ path: String) -> (String, String) {
        let b = Array(path.utf8)
        guard let last = b.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
        var first = last
        while first > 0 && b[first - 1] == UInt8(ascii: "/") { first -= 1 }
        let dir = first == 0 ? "/" : String(decoding: b[0..<first], as: UTF8.self)
        return (dir, String(decoding: b[(last + 1)...], as: UTF8.self))
    }

    /// Julia's `splitext`: the extension is the last `.` of the last component and what follows
    /// it, unless that `.` begins the component (`.bashrc` has none).
    static func splitext(_ path: String) -> (String, String) {
        let b = Array(path.utf8)
        let start = (b.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        guard let dot = b[start...].lastIndex(of: UInt8(ascii: ".")), dot > start else { return (path, "") }
        return (String(decoding: b[..<dot], as: UTF8.self), String(decoding: b[dot...], as: UTF8.self))
    }

    /// Whether `path` names a folder by its form: empty, or ending in `/`, `.` or `..` as a
    /// component.
    static func isdirpath(_ path: String) -> Bool {
        if path.isEmpty || path.hasSuffix("/") { return true }
        let last = splitdir(path).1
        return last == "." || last == ".."
    }

    /// Julia's `normpath`: `.` components and repeated slashes dropped, each `..` taken with
    /// the component before it, `..` at the start of an absolute path dropped, nothing left of
    /// a relative path `.`; a path that named a folder by its form keeps its trailing slash.
    static func normpath(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        let dir = isdirpath(path)
        var parts: [Substring] = []
        for p in path.split(separator: "/", omittingEmptySubsequences: true) where p != "." {
            if p == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if p == ".." && absolute && parts.isEmpty {
                continue
            } else {
                parts.append(p)
            }
        }
        if !absolute && parts.isEmpty { parts = ["."] }
        var out = (absolute ? "/" : "") + parts.joined(separator: "/")
        if dir && !isdirpath(out) { out += "/" }
        return out
    }
}
