import CDistSupport
import DistCluster
import DistLang
import Foundation

/// Runs the shell in the mode the command line asks for: workers first (-p, --machine-file),
/// then the -e/-E/-L steps in order, then the script, then the REPL (on a terminal, or piped)
/// unless a step or a script was the work.
struct Launcher {
    let options: LaunchOptions

    func run() -> Int32 {
        let o = options
        let tty = isatty(0) != 0 && isatty(1) != 0
        let output = TerminalOutput(colourOut: Terminal.colour(forced: o.color, fd: 1),
                                    colourErr: Terminal.colour(forced: o.color, fd: 2))
        let session = Session(output: output, interactive: o.program == nil, tls: o.tls)
        dist_install_sigint_handler()
        session.perform { rt, _ in
            rt.exitHandler = { code in Launcher.terminate(session, code) }
            rt.arguments = o.arguments
        }
        if let file = o.traceFile {
            // before the workers start, so that their setup is in the trace too
            session.perform { rt, t in
                _ = try t.call(.fn(try rt.baseFunction("trace_start")), [.str(JStr(file))])
            }
            if session.lastFailed { Launcher.terminate(session, 1) }
        }
        if let seconds = o.heartbeatTimeout {
            // read by every addprocs of the session that does not give its own
            guard seconds > 0, seconds.isFinite else {
                FileHandle.standardError.write("dist: --heartbeat-timeout must be a positive number of seconds\n".data(using: .utf8)!)
                Launcher.terminate(session, 1)
            }
            setenv("DIST_HEARTBEAT_TIMEOUT", "\(seconds)", 1)
        }
        if let n = o.workers, n > 0 {
            session.perform { rt, t in
                let manager = Value.obj(JStruct(.localManager, [.int(Int64(n)), .bool(true)]))
                _ = try rt.pgrp.backend.addprocs(t, manager: manager, options: [])
            }
            if session.lastFailed { Launcher.terminate(session, 1) }
        }
        if let mf = o.machineFile {
            session.perform(file: mf) { rt, t in
                _ = try rt.pgrp.backend.addprocs(t, manager: try Launcher.machineFileManager(mf, rt), options: [])
            }
            if session.lastFailed { Launcher.terminate(session, 1) }
        }
        for step in o.steps {
            switch step {
            case .load(let file):
                session.perform(file: file) { rt, t in try rt.loadEverywhere(file, t) }
            case .evaluate(let source):
                session.perform(file: "none") { rt, t in _ = try rt.evalSource(source, in: rt.main, t, file: "none") }
            case .print(let source):
                // as `julia -E`: the value's `repr` on one line
                session.perform(file: "none") { rt, t in
                    let v = try rt.evalSource(source, in: rt.main, t, file: "none")
                    rt.output.write(try rt.repr(v, t) + "\n")
                }
            }
            if session.lastFailed && !o.forceInteractive { Launcher.terminate(session, 1) }
        }
        if let path = o.program {
            guard let data = FileManager.default.contents(atPath: path), let source = String(data: data, encoding: .utf8) else {
                FileHandle.standardError.write(Data("ERROR: SystemError: opening file \"\(path)\": No such file or directory\n".utf8))
                Launcher.terminate(session, 1)
            }
            let dir = (path as NSString).deletingLastPathComponent
            let cwd = FileManager.default.currentDirectoryPath
            session.perform { rt, _ in
                rt.sourceDirectory = dir.isEmpty ? cwd : (dir.hasPrefix("/") ? dir : cwd + "/" + dir)
                rt.logLocation = path
            }
            session.evaluate(source, display: false, errorsToStderr: true, file: path, loadError: true)
            if session.lastFailed && !o.forceInteractive { Launcher.terminate(session, 1) }
        }
        if o.hasWork && !o.forceInteractive {
            Launcher.terminate(session, 0)
        }
        session.perform { rt, _ in rt.interactive = true }
        if tty {
            InteractiveREPL(session: session, quiet: o.quiet, colour: Terminal.colour(forced: o.color, fd: 1),
                            useHistoryFile: o.useHistoryFile, output: output).run()
        } else {
            PipedREPL(session: session).run()
        }
        Launcher.terminate(session, 0)
    }

    /// `--machine-file`: an `SSHManager` of the hosts listed, one `[count*][user@]host[:port]
    /// [bind_addr[:port]]` per line (a host listed twice gets both counts).
    static func machineFileManager(_ path: String, _ rt: Runtime) throws -> Value {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw JuliaError.system("opening file \"\(path)\"", ENOENT)
        }
        let machines = JDict(keyType: .any, valueType: .any)
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let spec: MachineSpec?
            do {
                spec = try MachineSpec.parse(String(line))
            } catch let e as JuliaError {
                throw JuliaError.argument("\(path):\(i + 1): " + rt.errorMessage(e.value, nil).replacingOccurrences(of: "ArgumentError: ", with: ""))
            }
            guard let s = spec else { continue }
            let (key, count) = s.addprocsEntry
            if case .int(let old)? = machines.get(.str(JStr(key))), case .int(let n) = count {
                try machines.set(.str(JStr(key)), .int(old + n), rt)
            } else {
                try machines.set(.str(JStr(key)), count, rt)
            }
        }
        return .obj(JStruct(.sshManager, [.obj(machines)]))
    }

    /// Stops workers and exits the process.
    static func terminate(_ session: Session, _ code: Int32) -> Never {
        if (try? session.onLoop { $0.pgrp.traceFile != nil }) == true {
            // --trace FILE: gather every process's events and write them before the workers go
            session.perform { rt, t in _ = try t.call(.fn(try rt.baseFunction("trace_stop")), []) }
        }
        session.stopWorkers()
        exit(code)
    }
}
