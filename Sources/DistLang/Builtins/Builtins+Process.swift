import CDistSupport
import Foundation

/// Commands and processes, as Julia's: `` `cmd` ``, `Cmd`, `run`, `success`, `read(cmd)`,
/// `readchomp`, `open(cmd)`, `pipeline`, `setenv`, `addenv`, `detach`, `ignorestatus`, and
/// reading from and writing to a running process.
extension Builtins {
    static func cmd(_ v: Value, _ name: String) throws -> JCmd {
        guard case .obj(let o) = v, let c = o as? JCmd else { throw JuliaError.method(name, [v]) }
        return c
    }

    /// Runs `cmd` to its end with inherited output; fails as Julia's `run` does.
    static func runToEnd(_ c: JCmd, _ t: Ctx) throws -> JProcess {
        let p = try t.runtime.spawn(c, pipeIn: false, pipeOut: false)
        try p.wait(t)
        return p
    }

    static func processFailed(_ p: JProcess) -> JuliaError {
        JuliaError.make(.processFailedException, [.arr(t1(.obj(p)))])
    }

    static func t1(_ v: Value) -> JArray {
        let a = JArray(eltype: .any, dims: Dims(1))
        a.values[0] = v
        return a
    }

    static func installProcesses(_ rt: Runtime) {
        // Base.get_bool_env(name, default): an environment variable read as a Bool the way
        // Julia reads JULIA_* switches; unset or empty gives the default, anything else
        // unrecognised gives nothing
        rt.def("get_bool_env") { t, a in
            try a.expect(2, "get_bool_env")
            let name = try a.string(0, "get_bool_env")
            guard let raw = getenv(name).map({ String(cString: $0) }), !raw.isEmpty else { return a[1] }
            switch raw.lowercased() {
            case "true", "t", "yes", "y", "1": return .bool(true)
            case "false", "f", "no", "n", "0": return .bool(false)
            default: return .nothing
            }
        }
        rt.defType("Cmd", .cmd)
        rt.defType("Process", .process)
        rt.def("__cmd") { t, a in
            // one tuple per word: literal text and interpolated values; a word that is one
            // interpolated collection or Cmd becomes several words
            var words: [String] = []
            for i in 0..<a.count {
                guard case .tuple(let parts) = a[i] else { throw JuliaError.method("Cmd", a.array) }
                if parts.count == 1 {
                    switch parts[0] {
                    case .obj(let o) where o is JCmd:
                        words += (o as! JCmd).exec
                        continue
                    case .arr, .tuple, .range:
                        words += try t.runtime.collectValues(parts[0], t).map { try t.runtime.printString($0, t) }
                        continue
                    default: break
                    }
                }
                words.append(try parts.items.map { try t.runtime.printString($0, t) }.joined())
            }
            return .obj(JCmd(words))
        }
        rt.constructors[ObjectIdentifier(JType.cmd)] = { t, _, a in
            try a.expect(1, "Cmd")
            if case .obj(let o) = a[0], let c = o as? JCmd { return .obj(c.copy()) }
            let c = JCmd(try t.runtime.collectValues(a[0], t).map { try t.runtime.printString($0, t) })
            if let d = a.keyword("dir"), case .str(let s) = d { c.dir = s.value }
            if case .bool(true)? = a.keyword("detach") { c.detach = true }
            if case .bool(true)? = a.keyword("ignorestatus") { c.ignoreStatus = true }
            return .obj(c)
        }
        rt.def("run") { t, a in
            guard a.count >= 1 else { throw JuliaError.method("run", []) }
            let c = try cmd(a[0], "run")
            if case .bool(false)? = a.keyword("wait") {
                return .obj(try t.runtime.spawn(c, pipeIn: false, pipeOut: false))
            }
            let p = try runToEnd(c, t)
            if !p.succeeded && !c.ignoreStatus { throw processFailed(p) }
            return .obj(p)
        }
        rt.def("success") { t, a in
            try a.expect(1, "success")
            if case .obj(let o) = a[0], let p = o as? JProcess {
                try p.wait(t)
                return .bool(p.succeeded)
            }
            return .bool(try runToEnd(try cmd(a[0], "success"), t).succeeded)
        }
        rt.def("readchomp") { t, a in
            try a.expect(1, "readchomp")
            var s = try readCommand(try cmd(a[0], "readchomp"), t)
            if s.hasSuffix("\n") { s.removeLast() }
            return .str(JStr(s))
        }
        rt.def("detach") { t, a in
            try a.expect(1, "detach")
            let c = try cmd(a[0], "detach").copy()
            c.detach = true
            return .obj(c)
        }
        rt.def("ignorestatus") { t, a in
            try a.expect(1, "ignorestatus")
            let c = try cmd(a[0], "ignorestatus").copy()
            c.ignoreStatus = true
            return .obj(c)
        }
        rt.def("setenv") { t, a in
            // setenv(cmd, env; dir): env is a Dict, pairs, or "K=V" strings; nothing inherits
            guard a.count >= 1 else { throw JuliaError.method("setenv", []) }
            let c = try cmd(a[0], "setenv").copy()
            if a.count >= 2 {
                c.env = try environment(Array(a.array.dropFirst()), t)
            }
            if let d = a.keyword("dir") {
                guard case .str(let s) = d else { throw JuliaError.method("setenv", a.array) }
                c.dir = s.value
            }
            return .obj(c)
        }
        rt.def("addenv") { t, a in
            guard a.count >= 2 else { throw JuliaError.method("addenv", a.array) }
            let c = try cmd(a[0], "addenv").copy()
            var env = c.env ?? ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
            for kv in try environment(Array(a.array.dropFirst()), t) {
                let key = kv.split(separator: "=", maxSplits: 1).first.map(String.init) ?? kv
                env.removeAll { $0.hasPrefix(key + "=") }
                env.append(kv)
            }
            c.env = env
            return .obj(c)
        }
        rt.def("pipeline") { t, a in
            // pipeline(cmd; stdin, stdout, stderr, append): files or devnull
            try a.expect(1, "pipeline")
            let c = try cmd(a[0], "pipeline").copy()
            func target(_ name: String) throws -> String? {
                guard let v = a.keyword(name), !v.isNothing else { return nil }
                if case .str(let s) = v { return s.value }
                if case .obj(let o) = v, o is DevNull { return "/dev/null" }
                if case .obj(let o) = v, let io = o as? JIO, io.kind != .buffer { return nil }
                throw JuliaError.argument("pipeline: \(name) must be a file name, devnull, stdout or stderr")
            }
            c.stdinPath = try target("stdin") ?? c.stdinPath
            c.stdoutPath = try target("stdout") ?? c.stdoutPath
            c.stderrPath = try target("stderr") ?? c.stderrPath
            if case .bool(true)? = a.keyword("append") { c.appendOutput = true }
            return .obj(c)
        }
        rt.setGlobal("devnull", .obj(DevNull()), in: rt.base, const: true)
        rt.setGlobal("stdin", .obj(StandardInput()), in: rt.base)
        // isreadable/iswritable: whether a stream can be read or written at all
        rt.def("isreadable") { t, a in
            try a.expect(1, "isreadable")
            guard case .obj(let o) = a[0] else { throw JuliaError.method("isreadable", a.array) }
            if let s = o as? TCPSocket { return .bool(s.isOpen) }
            if o is StandardInput { return .bool(true) }
            if o is DevNull { return .bool(false) }
            if let r = o as? PipeReader { return .bool(!r.atEOF) }
            if let p = o as? JProcess { return .bool(p.out != nil) }
            if let io = o as? JIO { return .bool(io.kind == .buffer || io.kind == .file && io.isOpen && io.readable) }
            throw JuliaError.method("isreadable", a.array)
        }
        rt.def("iswritable") { t, a in
            try a.expect(1, "iswritable")
            guard case .obj(let o) = a[0] else { throw JuliaError.method("iswritable", a.array) }
            if o is StandardInput || o is PipeReader { return .bool(false) }
            if let s = o as? TCPSocket { return .bool(s.isOpen) }
            if let io = o as? JIO { return .bool(io.kind != .file || io.isOpen && io.writable) }
            if o is DevNull || o is ProcessInput { return .bool(true) }
            if let p = o as? JProcess { return .bool(p.hasInput) }
            throw JuliaError.method("iswritable", a.array)
        }
        rt.def("readline") { t, a in
            try a.expect(1, "readline")
            let keep: Bool
            if case .bool(true)? = a.keyword("keep") { keep = true } else { keep = false }
            if case .obj(let o) = a[0], let io = o as? JIO { return .str(JStr(try io.readLine(keep: keep))) }
            if case .str(let path) = a[0] {
                // readline(filename): the file's first line
                let io = try JIO.open(t.runtime.resolvePath(path.value), shownAs: path.value, read: true, write: false, create: false, truncate: false, append: false)
                defer { try? io.close() }
                return .str(JStr(try io.readLine(keep: keep)))
            }
            return .str(JStr(try reader(a[0], "readline").readLine(t, keep: keep)))
        }
        rt.def("readavailable") { t, a in
            try a.expect(1, "readavailable")
            return .arr(bytesArray(try reader(a[0], "readavailable").readAvailable(t)))
        }
        rt.def("eof") { t, a in
            try a.expect(1, "eof")
            if case .obj(let o) = a[0], let io = o as? JIO { return .bool(try io.isAtEnd()) }
            return .bool(try reader(a[0], "eof").isAtEnd(t))
        }
        rt.def("process_running") { t, a in
            try a.expect(1, "process_running")
            guard case .obj(let o) = a[0], let p = o as? JProcess else { throw JuliaError.method("process_running", a.array) }
            return .bool(p.isRunning)
        }
        rt.def("process_exited") { t, a in
            try a.expect(1, "process_exited")
            guard case .obj(let o) = a[0], let p = o as? JProcess else { throw JuliaError.method("process_exited", a.array) }
            return .bool(!p.isRunning)
        }
        rt.def("open") { t, a in
            // open(cmd[, mode]) and open(f, cmd[, mode]): a process to read from or write to
            guard a.count >= 1 else { throw JuliaError.method("open", []) }
            var args = a.array
            var body: Value?
            if case .fn = args[0], args.count >= 2 { body = args.removeFirst() }
            guard case .obj(let o) = args[0], let c = o as? JCmd else {
                return try openFile(a, t)
            }
            var mode = "r"
            if args.count >= 2 {
                guard case .str(let m) = args[1] else { throw JuliaError.method("open", a.array) }
                mode = m.value
            }
            let p = try openCommand(c, mode, t)
            guard let f = body else { return .obj(p) }
            let result: Value
            do {
                result = try t.call(f, [.obj(p)])
            } catch {
                p.closeInput()
                throw error
            }
            p.closeInput()
            try p.wait(t)
            if !p.succeeded && !c.ignoreStatus { throw processFailed(p) }
            return result
        }
        rt.def("kill") { t, a in
            // kill(p[, signal]) for a process; kill(manager, pid, config) for a worker
            guard a.count >= 1 else { throw JuliaError.method("kill", []) }
            if case .obj(let o) = a[0], let p = o as? JProcess {
                let sig = a.count >= 2 ? Int32(clamping: try a.int(1, "kill")) : SIGTERM
                if p.isRunning { _ = Glibc.kill(p.ospid, sig) }
                return .nothing
            }
            if let f = try? t.runtime.baseFunction("__kill_worker") { return try t.call(.fn(f), a.array, kw: a.kw) }
            throw JuliaError.method("kill", a.array)
        }
        rt.def("write_cookie") { t, a in
            // Distributed.write_cookie(io): the cluster cookie, on a worker's standard input
            try a.expect(1, "write_cookie")
            let cookie = t.runtime.pgrp.backend.cookie
            try writeBytes(a[0], Array((cookie + "\n").utf8), t)
            return .nothing
        }
    }

    /// `read(cmd)` / `read(cmd, String)`: the command's whole output; a failure is an error.
    static func readCommand(_ c: JCmd, _ t: Ctx) throws -> String {
        let p = try t.runtime.spawn(c, pipeIn: false, pipeOut: true)
        let bytes = try p.out?.readAll(t) ?? []
        try p.wait(t)
        if !p.succeeded && !c.ignoreStatus { throw processFailed(p) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The stream a read goes to: a process's output, or a pipe.
    static func reader(_ v: Value, _ name: String) throws -> PipeReader {
        if case .obj(let o) = v {
            if let r = o as? PipeReader { return r }
            if let p = o as? JProcess, let r = p.out { return r }
            if let s = o as? TCPSocket { return try s.reader() }
            if o is StandardInput {
                throw JuliaError.argument("\(name): stdin is dist's own input (the REPL's, or a worker's link to process 1) and cannot be read by programs")
            }
        }
        throw JuliaError.method(name, [v])
    }

    /// `write(p, data)` to a process (or its `in`).
    static func writeBytes(_ v: Value, _ bytes: [UInt8], _ t: Ctx) throws {
        guard case .obj(let o) = v else { throw JuliaError.method("write", [v]) }
        if let p = o as? JProcess { try p.write(bytes); return }
        if let i = o as? ProcessInput { try i.process.write(bytes); return }
        if let io = o as? JIO { io.write(String(decoding: bytes, as: UTF8.self), t.runtime); return }
        if let s = o as? TCPSocket { try s.write(bytes); return }
        if let p = o as? OutputPipe { p.write(String(decoding: bytes, as: UTF8.self)); return }
        throw JuliaError.method("write", [v])
    }

    /// Environment entries from a Dict, pairs or "K=V" strings.
    static func environment(_ args: [Value], _ t: Ctx) throws -> [String] {
        var out: [String] = []
        func add(_ v: Value) throws {
            switch v {
            case .str(let s): out.append(s.value)
            case .obj(let o):
                if let d = o as? JDict {
                    for (k, x) in d.entries { out.append(try t.runtime.printString(k, t) + "=" + t.runtime.printString(x, t)) }
                } else if let p = o as? JStruct, p.type.root === JType.pairFamily {
                    out.append(try t.runtime.printString(p[0], t) + "=" + t.runtime.printString(p[1], t))
                } else {
                    for x in try t.runtime.collectValues(v, t) { try add(x) }
                }
            case .arr, .tuple:
                for x in try t.runtime.collectValues(v, t) { try add(x) }
            default:
                throw JuliaError.argument("environment entries must be \"KEY=value\" strings or pairs")
            }
        }
        for a in args { try add(a) }
        return out
    }

    /// `open(cmd, mode)`: "r" reads its output, "w" writes its input, "r+" both.
    static func openCommand(_ c: JCmd, _ mode: String, _ t: Ctx) throws -> JProcess {
        switch mode {
        case "r": return try t.runtime.spawn(c, pipeIn: false, pipeOut: true)
        case "w": return try t.runtime.spawn(c, pipeIn: true, pipeOut: false)
        case "r+", "w+": return try t.runtime.spawn(c, pipeIn: true, pipeOut: true)
        default: throw JuliaError.argument("mode must be \"r\", \"w\" or \"r+\", not \"\(mode)\"")
        }
    }
}

extension Runtime {
    /// What a worker started with `start_worker(…; close_stdin, stderr_to_stdout)` sees:
    /// `stdin` is `devnull` once given up, and `stderr` is `stdout` when it goes there.
    public func redirectStandardStreams(closeStdin: Bool, stderrToStdout: Bool) {
        if closeStdin, let null = base.bindings[JSym.intern("devnull")]?.value { setGlobal("stdin", null, in: base) }
        if stderrToStdout, let out = base.bindings[JSym.intern("stdout")]?.value { setGlobal("stderr", out, in: base, const: true) }
    }
}

/// `stdin`: the process's standard input, open and readable. dist itself reads it (the REPL's
/// input on process 1, a worker's lifeline to process 1), so programs may ask about it but
/// not read it; a worker started with `close_stdin` has `devnull` instead.
final class StandardInput: JObject, CustomShow {
    override var jtype: JType { JType.ioType }
    func showText(_ rt: Runtime, _ t: Ctx?) throws -> String { "stdin" }
}

/// `devnull`: output thrown away, input at its end.
final class DevNull: JObject, CustomShow {
    override var jtype: JType { JType.ioType }
    func showText(_ rt: Runtime, _ t: Ctx?) throws -> String { "devnull" }
}
