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
        let session = Session(output: output, interactive: o.program == nil)
        dist_install_sigint_handler()
        let rt = session.runtime!
        rt.exitHandler = { code in Launcher.terminate(session, code) }
        session.perform { rt, _ in rt.arguments = o.arguments }
        if let n = o.workers, n > 0 {
            session.evaluate("addprocs(\(n));", display: false, errorsToStderr: true)
            if session.lastFailed { Launcher.terminate(session, 1) }
        }
        if let mf = o.machineFile {
            session.evaluate("addprocs(Base.__machine_file(\(Launcher.quote(mf))));", display: false, errorsToStderr: true)
            if session.lastFailed { Launcher.terminate(session, 1) }
        }
        for step in o.steps {
            switch step {
            case .load(let file):
                session.evaluate("@everywhere include(\(Launcher.quote(file)))", display: false, errorsToStderr: true)
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
            session.evaluate(source, display: false, errorsToStderr: true)
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

    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "$", with: "\\$") + "\""
    }

    /// Stops workers and exits the process.
    static func terminate(_ session: Session, _ code: Int32) -> Never {
        if let rt = session.runtime, let shutdown = rt.shutdownHook { shutdown() }
        exit(code)
    }
}
