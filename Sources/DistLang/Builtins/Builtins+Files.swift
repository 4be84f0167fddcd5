import Foundation

/// The file system as Julia's `Base.Filesystem` shows it: temporary names and folders,
/// `mkdir`, `mkpath`, `rm`, `ispath`, `filesize`, `cd`; and `Sys`, what the program runs on.
///
/// Relative paths are taken from the folder of the code being loaded, as `isfile` and `read`
/// take them.
extension Builtins {
    static func installFiles(_ rt: Runtime) {
        rt.def("tempdir") { _, a in
            try a.expect(0, "tempdir")
            return .str(JStr(temporaryDirectory()))
        }
        // A name in the temporary folder that no file has yet (Julia's `jl_` names).
        rt.def("tempname") { t, a in
            try a.expect(0...1, "tempname")
            let parent = a.count == 1 ? t.runtime.resolvePath(try a.string(0, "tempname")) : temporaryDirectory()
            while true {
                let p = (parent as NSString).appendingPathComponent("jl_" + randomSuffix())
                if !FileManager.default.fileExists(atPath: p) { return .str(JStr(p)) }
            }
        }
        // mktempdir([parent]; prefix) makes a new folder; mktempdir(f, [parent]) calls f with
        // it and removes it afterwards, whatever f did.
        rt.def("mktempdir") { t, a in
            var i = 0
            var body: Value?
            if a.count > 0, case .fn = a[0] { body = a[0]; i = 1 }
            let parent = a.count > i ? t.runtime.resolvePath(try a.string(i, "mktempdir")) : temporaryDirectory()
            var prefix = "jl_"
            if let p = a.keyword("prefix") { prefix = try t.runtime.printString(p, t) }
            var path = ""
            while true {
                path = (parent as NSString).appendingPathComponent(prefix + randomSuffix())
                if mkdir(path, 0o700) == 0 { break }
                if errno != EEXIST { throw JuliaError.system("mktempdir(\"\(parent)\")", errno) }
            }
            guard let f = body else { return .str(JStr(path)) }
            defer { try? FileManager.default.removeItem(atPath: path) }
            return try t.call(f, [.str(JStr(path))])
        }
        rt.def("mkdir") { t, a in
            try a.expect(1, "mkdir")
            let path = t.runtime.resolvePath(try a.string(0, "mkdir"))
            let mode = try a.keyword("mode").map { v -> mode_t in
                guard case .int(let m) = v else { throw JuliaError.method("mkdir", [v]) }
                return mode_t(m)
            } ?? 0o777
            if Foundation.mkdir(path, mode) != 0 { throw JuliaError.system("mkdir(\"\(path)\"; mode=0o\(String(mode, radix: 8)))", errno) }
            return .str(JStr(path))
        }
        rt.def("mkpath") { t, a in
            try a.expect(1, "mkpath")
            let path = t.runtime.resolvePath(try a.string(0, "mkpath"))
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw JuliaError.system("mkpath(\"\(path)\")", EACCES)
            }
            return .str(JStr(path))
        }
        // rm(path; force = false, recursive = false), as Julia: a missing path is an error
        // unless force, a non-empty folder unless recursive.
        rt.def("rm") { t, a in
            try a.expect(1, "rm")
            let path = t.runtime.resolvePath(try a.string(0, "rm"))
            let force = a.keyword("force").map { Builtins.isTrue($0) } ?? false
            let recursive = a.keyword("recursive").map { Builtins.isTrue($0) } ?? false
            var st = stat()
            if lstat(path, &st) != 0 {
                if force && errno == ENOENT { return .nothing }
                throw JuliaError.system("rm(\"\(path)\")", errno)
            }
            if st.st_mode & S_IFMT == S_IFDIR {
                if recursive {
                    do { try FileManager.default.removeItem(atPath: path) } catch { throw JuliaError.system("rm(\"\(path)\")", EACCES) }
                } else if rmdir(path) != 0 {
                    throw JuliaError.system("rm(\"\(path)\")", errno)
                }
            } else if unlink(path) != 0 {
                throw JuliaError.system("rm(\"\(path)\")", errno)
            }
            return .nothing
        }
        rt.def("ispath") { t, a in
            try a.expect(1, "ispath")
            var st = stat()
            return .bool(stat(t.runtime.resolvePath(try a.string(0, "ispath")), &st) == 0)
        }
        rt.def("filesize") { t, a in
            try a.expect(1, "filesize")
            var st = stat()
            let path = t.runtime.resolvePath(try a.string(0, "filesize"))
            if stat(path, &st) != 0 { return .int(0) }
            return .int(Int64(st.st_size))
        }
        // cd(dir), or cd(f, dir): f runs in dir and the old folder comes back afterwards.
        rt.def("cd") { t, a in
            var i = 0
            var body: Value?
            if a.count > 0, case .fn = a[0] { body = a[0]; i = 1 }
            let dir = a.count > i ? t.runtime.resolvePath(try a.string(i, "cd")) : NSHomeDirectory()
            let old = FileManager.default.currentDirectoryPath
            guard chdir(dir) == 0 else { throw JuliaError.system("cd(\"\(dir)\")", errno) }
            guard let f = body else { return .nothing }
            defer { _ = chdir(old) }
            return try t.call(f, [])
        }
        installSys(rt)
    }

    /// Julia's `tempdir()`: `TMPDIR` if set, else `/tmp`, without a trailing slash.
    static func temporaryDirectory() -> String {
        var d = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        while d.count > 1 && d.hasSuffix("/") { d.removeLast() }
        return d.isEmpty ? "/tmp" : d
    }

    static func randomSuffix() -> String {
        let chars = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var g = SystemRandomNumberGenerator()
        return String((0..<10).map { _ in chars[Int.random(in: 0..<chars.count, using: &g)] })
    }

    /// `Sys`: `islinux`, `isapple`, `isunix`, `iswindows`, `isbsd`, `KERNEL`, `BINDIR` (the
    /// folder of the dist executable), `CPU_THREADS`.
    static func installSys(_ rt: Runtime) {
        let sys = JModule(name: JSym.intern("Sys"), path: [JSym.intern("Base"), JSym.intern("Sys")], parent: rt.base)
        rt.setGlobal("Sys", .obj(sys), in: rt.base, const: true)
        func sysDef(_ name: String, _ body: @escaping Builtin.Body) {
            let f = JFunction(name: name, module: [JSym.intern("Base"), JSym.intern("Sys")], builtin: Builtin(name, body))
            f.makeImmortal()
            rt.setGlobal(name, .fn(f), in: sys, const: true)
        }
        #if os(Linux)
        let kernel = "Linux"
        #else
        let kernel = "Darwin"
        #endif
        sysDef("islinux") { _, a in try a.expect(0, "islinux"); return .bool(kernel == "Linux") }
        sysDef("isapple") { _, a in try a.expect(0, "isapple"); return .bool(kernel == "Darwin") }
        sysDef("isunix") { _, a in try a.expect(0, "isunix"); return .bool(true) }
        sysDef("isbsd") { _, a in try a.expect(0, "isbsd"); return .bool(kernel == "Darwin") }
        sysDef("iswindows") { _, a in try a.expect(0, "iswindows"); return .bool(false) }
        rt.setGlobal("KERNEL", .sym(JSym.intern(kernel)), in: sys, const: true)
        let exe = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments.first ?? "dist").resolvingSymlinksInPath()
        rt.setGlobal("BINDIR", .str(JStr(exe.deletingLastPathComponent().path)), in: sys, const: true)
        rt.setGlobal("CPU_THREADS", .int(Int64(ProcessInfo.processInfo.activeProcessorCount)), in: sys, const: true)
    }
}

extension Runtime {
    /// The whole content of the file at `path`, read until its end. Files in `/proc` and
    /// `/sys` report a size of 0 and give their text a page per `read`; Foundation's
    /// `contents(atPath:)` stopped after the first page (27 lines of `/proc/net/tcp`).
    /// Throws Julia's `SystemError` for "opening file" with the reason (ENOENT, EACCES…).
    public static func readWholeFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw JuliaError.system("opening file \"\(path)\"", errno) }
        defer { close(fd) }
        var out: [UInt8] = []
        var st = stat()
        if fstat(fd, &st) == 0 && st.st_size > 0 { out.reserveCapacity(Int(st.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 { out.append(contentsOf: chunk[..<n]); continue }
            if n == 0 { return out }
            if errno == EINTR { continue }
            throw JuliaError.system("reading file \"\(path)\"", errno)
        }
    }
}
