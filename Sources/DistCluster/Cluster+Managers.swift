import CDistSupport
import DistLang
import Foundation

/// The `launch` of the built-in cluster managers, as Julia's and ClusterManagers.jl's:
///
/// - `LocalManager`: `dist --worker --bind-to 127.0.0.1` (any address with `restrict=false`)
///   per worker, the cookie on its standard input;
/// - `SSHManager`: per host, one `ssh host sh -l -c 'cd dir; export …; exec dist --worker'`,
///   at most `max_parallel` ssh logins under way at once; a host asked for several workers
///   gets one through ssh, which starts the others there (`count`); an unreachable host fails
///   after ssh's connect timeout without holding up the others;
/// - `SlurmManager`: one multi-task `srun` step (`--input=all` broadcasts the cookie to every
///   task, `-l` labels each line with its task), inside an allocation or making one.
///
/// Workers get the environment local workers get: single-threaded BLAS unless
/// `enable_threaded_blas`, and this process's worker time-outs.
extension Cluster {
    public func launchBuiltin(_ t: Ctx, manager: Value, params: Value, launched: JArray, notify: JCondition) throws {
        guard case .obj(let mo) = manager, let m = mo as? JStruct, case .obj(let po) = params, let p = po as? JDict else {
            throw JuliaError.method("launch", [manager, params])
        }
        let ps = Params(p, runtime, t)
        if m.type === JType.localManager { try launchLocal(t, m, ps, launched, notify) }
        else if m.type === JType.sshManager { try launchSSH(t, m, ps, launched, notify) }
        else if m.type === JType.slurmManager { try launchSlurm(t, m, ps, launched, notify) }
        else { throw JuliaError.method("launch", [manager, params]) }
    }

    /// `addprocs`'s keywords, read.
    struct Params {
        let dict: JDict
        let rt: Runtime
        let t: Ctx

        init(_ d: JDict, _ rt: Runtime, _ t: Ctx) {
            dict = d
            self.rt = rt
            self.t = t
        }

        func value(_ k: String) -> Value? {
            guard let v = dict.get(.sym(JSym.intern(k))), !v.isNothing else { return nil }
            return v
        }

        func string(_ k: String) throws -> String? {
            guard let v = value(k) else { return nil }
            switch v {
            case .str(let s): return s.value
            case .sym(let s): return s.name
            case .obj(let o) where o is JCmd: return (o as! JCmd).exec.joined(separator: " ")
            default: throw JuliaError.argument("addprocs: `\(k)` must be a string")
            }
        }

        /// `exename` as the words of a command: a `Cmd` (`` `valgrind dist` ``) gives its words,
        /// as Julia interpolates it; a string is one path, spaces and all.
        func exenameWords() throws -> [String] {
            if case .obj(let o as JCmd)? = value("exename") { return o.exec }
            return [try string("exename") ?? executablePath]
        }

        func bool(_ k: String) throws -> Bool {
            guard let v = value(k) else { return false }
            guard case .bool(let b) = v else { throw JuliaError.argument("addprocs: `\(k)` must be true or false") }
            return b
        }

        func int(_ k: String) throws -> Int? {
            guard let v = value(k) else { return nil }
            guard case .int(let i) = v else { throw JuliaError.argument("addprocs: `\(k)` must be an integer") }
            return Int(i)
        }

        /// A `Cmd` or a string of words (`exeflags`, `sshflags`).
        func words(_ k: String) throws -> [String] {
            guard let v = value(k) else { return [] }
            switch v {
            case .obj(let o) where o is JCmd: return (o as! JCmd).exec
            case .str(let s): return s.value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            case .arr, .tuple: return try rt.collectValues(v, t).map { try rt.printString($0, t) }
            default: throw JuliaError.argument("addprocs: `\(k)` must be a Cmd")
            }
        }

        /// `env`: pairs, a Dict, or "K=V" strings.
        func environment() throws -> [(String, String)] {
            guard let v = value("env") else { return [] }
            var out: [(String, String)] = []
            func add(_ x: Value) throws {
                switch x {
                case .str(let s):
                    let kv = s.value.split(separator: "=", maxSplits: 1).map(String.init)
                    out.append((kv[0], kv.count > 1 ? kv[1] : ""))
                case .obj(let o):
                    if let d = o as? JDict {
                        for (k, val) in d.entries { out.append((try rt.printString(k, t), try rt.printString(val, t))) }
                    } else if let p = o as? JStruct, p.type.root === JType.pairFamily {
                        out.append((try rt.printString(p[0], t), try rt.printString(p[1], t)))
                    } else {
                        throw JuliaError.argument("addprocs: env entries must be pairs")
                    }
                case .tuple(let tp) where tp.count == 2:
                    out.append((try rt.printString(tp[0], t), try rt.printString(tp[1], t)))
                default:
                    for y in try rt.collectValues(x, t) { try add(y) }
                }
            }
            try add(v)
            for (k, _) in out where !Params.isEnvName(k) { throw JuliaError.argument("invalid env key \(k)") }
            return out
        }

        static func isEnvName(_ s: String) -> Bool {
            guard let f = s.unicodeScalars.first, f == "_" || (f.isASCII && f.properties.isAlphabetic) else { return false }
            return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
        }

        /// What every worker gets in its environment besides `env`.
        func workerEnvironment() throws -> [(String, String)] {
            var env: [(String, String)] = []
            if try !bool("enable_threaded_blas") { env.append(("OPENBLAS_NUM_THREADS", "1")) }
            let mine = ProcessInfo.processInfo.environment
            for k in ["DIST_WORKER_TIMEOUT", "JULIA_WORKER_TIMEOUT"] { if let v = mine[k] { env.append((k, v)) } }
            return env + (try environment())
        }
    }

    // MARK: LocalManager

    func launchLocal(_ t: Ctx, _ m: JStruct, _ p: Params, _ launched: JArray, _ notify: JCondition) throws {
        guard case .int(let np) = m[0], case .bool(let restrict) = m[1] else { throw JuliaError.method("launch", [.obj(m)]) }
        let bindTo = restrict ? "127.0.0.1" : (try p.string("bind_to") ?? WorkerProcess.bindAddress(nil).0)
        let exename = try p.exenameWords()
        let exeflags = try p.words("exeflags")
        var env = ProcessInfo.processInfo.environment
        for (k, v) in try p.workerEnvironment() { env[k] = v }
        let envList = env.map { "\($0.key)=\($0.value)" }
        let threaded = try p.bool("enable_threaded_blas")
        for _ in 0..<Int(np) {
            let cmd = JCmd(exename + exeflags + ["--worker", "--bind-to", bindTo] + workerTLSArguments)
            cmd.env = envList
            cmd.dir = try p.string("dir")
            let proc = try runtime.spawn(cmd, pipeIn: true, pipeOut: true, stderrToOut: true)
            try proc.write(Array((cookie + "\n").utf8))
            let config = WorkerConfigFields.make([
                "io": .obj(proc.out!), "process": .obj(proc), "exename": exename.count == 1 ? .str(JStr(exename[0])) : .obj(JCmd(exename)), "exeflags": .obj(JCmd(exeflags)),
                "bind_addr": .str(JStr(bindTo)), "ospid": .int(Int64(proc.ospid)), "enable_threaded_blas": .bool(threaded),
            ])
            try launched.appendRaw(.obj(config))
            notify.notify(.nothing, all: true, runtime.scheduler)
        }
    }

    // MARK: SSHManager

    /// Seconds ssh may take to reach a host (`DIST_SSH_CONNECT_TIMEOUT`, default 5) unless
    /// `sshflags` set its own `ConnectTimeout`: an unreachable host fails in that time.
    static var sshConnectTimeout: Int { Int(ProcessInfo.processInfo.environment["DIST_SSH_CONNECT_TIMEOUT"] ?? "") ?? 5 }

    func launchSSH(_ t: Ctx, _ m: JStruct, _ p: Params, _ launched: JArray, _ notify: JCondition) throws {
        guard case .obj(let o) = m[0], let machines = o as? JDict else { throw JuliaError.method("launch", [.obj(m)]) }
        let rt = runtime
        let maxParallel = max(1, try p.int("max_parallel") ?? 10)
        var running = 0
        let slots = JCondition()
        var tasks: [JTask] = []
        for (machine, count) in machines.entries {
            while running >= maxParallel { _ = try slots.wait(t) }
            running += 1
            let task = JTask { [unowned(unsafe) self] ctx in
                defer {
                    running -= 1
                    slots.notify(.nothing, all: true, rt.scheduler)
                }
                let name = (try? rt.printString(machine, ctx)) ?? "?"
                do {
                    try self.launchOnMachine(ctx, name, count, p, launched, notify)
                } catch let e as JuliaError {
                    rt.output.writeError("exception launching on machine \(name) : \(rt.errorMessage(e.value, ctx))\n")
                }
                return .nothing
            }
            task.module = t.task.module
            rt.scheduler.schedule(task)
            tasks.append(task)
        }
        for task in tasks { try rt.scheduler.wait(for: task) }
    }

    /// One host: `[user@]host[:port] [bind_addr[:port]]`, and how many workers there.
    func launchOnMachine(_ t: Ctx, _ machine: String, _ count: Value, _ p: Params, _ launched: JArray, _ notify: JCondition) throws {
        let parts = machine.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let hostPart = parts.first else { throw JuliaError.argument("invalid machine definition format string: \"\(machine)\"") }
        var exeflags = try p.words("exeflags")
        if parts.count > 1 { exeflags = ["--bind-to", parts[1]] + exeflags }
        if try p.bool("cmdline_cookie") {
            throw JuliaError.argument("cmdline_cookie = true is not supported: the cookie travels on the worker's standard input")
        }
        let (hostWithUser, port) = try MachineAddress.parse(hostPart)
        let host = hostWithUser
        let ssh = try p.string("ssh") ?? "ssh"
        var sshflags = try p.words("sshflags")
        if let port { sshflags += ["-p", String(port)] }
        if !sshflags.contains(where: { $0.contains("ConnectTimeout") }) { sshflags += ["-o", "ConnectTimeout=\(Cluster.sshConnectTimeout)"] }
        var multiplex = try p.bool("multiplex")
        let tunnel = try p.bool("tunnel")
        if tunnel {
            // an existing multiplexing session is used; `multiplex` makes one at the next login
            let check = JCmd([ssh] + sshflags + ["-O", "check", host])
            check.stdoutPath = "/dev/null"
            check.stderrPath = "/dev/null"
            let probe = try runtime.spawn(check, pipeIn: false, pipeOut: false)
            try probe.wait(t)
            if probe.succeeded {
                multiplex = true
            } else if multiplex {
                sshflags += ["-o", "ControlMaster=auto", "-o", "ControlPath=~/.ssh/dist-%r@%h:%p", "-o", "ControlPersist=no"]
            }
        }
        let exename = try p.exenameWords()
        let dir = try p.string("dir") ?? FileManager.default.currentDirectoryPath
        let shell = try p.string("shell") ?? "posix"
        let workerArgs = exename + exeflags + ["--worker"] + workerTLSArguments
        let env = try p.workerEnvironment()
        let remote: String
        switch shell {
        case "posix":
            var script = "cd -- \(shellQuote(dir))\n"
            for (k, v) in env { script += "export \(k)=\(shellQuote(v))\n" }
            script += "exec " + workerArgs.map(shellQuote).joined(separator: " ")
            remote = "sh -l -c \(shellQuote(script))"
        case "csh":
            var script = "cd \(shellQuote(dir))\n"
            for (k, v) in env { script += "setenv \(k) \(shellQuote(v))\n" }
            remote = script + "exec " + workerArgs.map(shellQuote).joined(separator: " ")
        default:
            throw JuliaError.argument("shell :\(shell) is not supported (use :posix or :csh)")
        }
        let cmd = JCmd([ssh, "-T", "-a", "-x", "-o", "ClearAllForwardings=yes"] + sshflags + [host, remote])
        // its own session: a Ctrl-C at the terminal reaches process 1 only, which interrupts
        // the workers itself
        cmd.detach = true
        let proc = try runtime.spawn(cmd, pipeIn: true, pipeOut: true, stderrToOut: true)
        try proc.write(Array((cookie + "\n").utf8))
        var countValue = Value.int(1)
        switch count {
        case .int(let n) where n >= 1: countValue = .int(n)
        case .sym(let s) where s.name == "auto": countValue = count
        default: throw JuliaError.argument("invalid worker count for \(machine): \(count)")
        }
        let config = WorkerConfigFields.make([
            "io": .obj(proc.out!), "process": .obj(proc), "host": .str(JStr(host)), "tunnel": .bool(tunnel),
            "multiplex": .bool(multiplex), "sshflags": .obj(JCmd(sshflags)), "exeflags": .obj(JCmd(exeflags)),
            "exename": exename.count == 1 ? .str(JStr(exename[0])) : .obj(JCmd(exename)), "count": countValue, "max_parallel": .int(Int64(try p.int("max_parallel") ?? 10)),
            "enable_threaded_blas": .bool(try p.bool("enable_threaded_blas")), "environ": .obj(try envDict(env)),
        ])
        try launched.appendRaw(.obj(config))
        notify.notify(.nothing, all: true, runtime.scheduler)
        // the login is under way until the worker (or ssh) says something, or ssh gives up
        _ = try? proc.out!.isAtEnd(t)
    }

    func envDict(_ env: [(String, String)]) throws -> JDict {
        let d = JDict(keyType: .string, valueType: .string)
        for (k, v) in env { try d.set(.str(JStr(k)), .str(JStr(v)), runtime) }
        return d
    }

    // MARK: Worker side: workers started by a worker on its host

    public func launchAdditional(_ t: Ctx, count: Int, exename: Value, exeflags: Value, env: Value) throws -> [Value] {
        let rt = runtime
        var exe = [Cluster.executablePath]
        if case .str(let s) = exename { exe = [s.value] }
        if case .obj(let o as JCmd) = exename { exe = o.exec }
        var flags: [String] = []
        if case .obj(let o) = exeflags, let c = o as? JCmd { flags = c.exec }
        // its own --bind-to is where the first one listens
        var i = 0
        while i < flags.count { if flags[i] == "--bind-to" { flags.removeSubrange(i..<min(i + 2, flags.count)) } else { i += 1 } }
        var environment = ProcessInfo.processInfo.environment
        if case .obj(let o) = env, let d = o as? JDict {
            for (k, v) in d.entries { environment[try rt.printString(k, t)] = try rt.printString(v, t) }
        }
        environment["DIST_LIFELINE"] = "master"
        var started: [(JProcess, PipeReader)] = []
        for _ in 0..<count {
            let cmd = JCmd(exe + flags + ["--worker", "--bind-to", bindHost] + workerTLSArguments)
            cmd.env = environment.map { "\($0.key)=\($0.value)" }
            let proc = try rt.spawn(cmd, pipeIn: true, pipeOut: true, stderrToOut: true)
            try proc.write(Array((cookie + "\n").utf8))
            started.append((proc, proc.out!))
        }
        var out: [Value] = []
        let deadline = monotonicSeconds() + Cluster.workerTimeout
        for (proc, reader) in started {
            let a = try readAnnouncement(t, reader, 0, deadline)
            additional[a.port] = (proc, reader)
            out.append(.tuple(JTuple.of([.str(JStr(a.host)), .int(Int64(a.port)), .str(JStr(TLSIdentity.hex(a.fingerprint)))])))
        }
        return out
    }

    /// Interrupts a worker this one started (process 1 has no way to it but through here).
    public func interruptAdditional(port: Int) {
        try? additional[port]?.0.write([0x03])
    }

    public func redirectAdditional(pid: Int, port: Int) {
        guard let (_, reader) = additional[port] else { return }
        reader.takeOver(lines: { [unowned(unsafe) self] line in
            self.printLine(self.outputPrefix(pid) + line)
        }, closed: {})
    }
}

// MARK: Machine files

/// One line of a machine file or an `addprocs` host: `[count*][user@]host[:port]
/// [bind_addr[:port]]`, fields separated by any blanks; `count` may be `auto`; hosts may be
/// IPv6 addresses in brackets.
public struct MachineSpec: Equatable {
    public var count: Int?
    public var host: String
    public var bind: String?

    /// nil for a blank or comment line; an error for a malformed one.
    public static func parse(_ line: String) throws -> MachineSpec? {
        var s = line
        if let hash = s.firstIndex(of: "#") { s = String(s[..<hash]) }
        let fields = s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
        guard var first = fields.first else { return nil }
        var count: Int? = 1
        if let star = first.firstIndex(of: "*") {
            let n = String(first[..<star])
            if n == "auto" {
                count = nil
            } else {
                guard let c = Int(n), c > 0 else { throw JuliaError.argument("invalid machine file line \"\(line)\": bad worker count \"\(n)\"") }
                count = c
            }
            first = String(first[first.index(after: star)...])
        }
        let hostPort = first.split(separator: "@").last.map(String.init) ?? first
        _ = try MachineAddress.parse(hostPort)
        // a bind address may leave its port to the system (":0")
        if fields.count > 1 { _ = try MachineAddress.parse(fields[1].hasSuffix(":0") ? String(fields[1].dropLast(2)) : fields[1]) }
        guard fields.count <= 2 else { throw JuliaError.argument("invalid machine file line \"\(line)\"") }
        return MachineSpec(count: count, host: first, bind: fields.count > 1 ? fields[1] : nil)
    }

    /// The machine as `addprocs` takes it: "host [bind]" => count (or :auto).
    public var addprocsEntry: (String, Value) {
        (bind.map { "\(host) \($0)" } ?? host, count.map { .int(Int64($0)) } ?? .sym(JSym.intern("auto")))
    }
}
