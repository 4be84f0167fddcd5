import CDistSupport
import DistCluster
import DistLang
import Foundation

/// Runs the shell in the mode the command line asks for.
struct Launcher {
    let command: DistCommand

    func run() -> Int32 {
        let cmd = command
        let isScript = !cmd.script.isEmpty
        let isExpr = cmd.evaluate != nil || cmd.evaluateAndShow != nil
        let tty = isatty(0) != 0 && isatty(1) != 0
        let session = Session(interactive: !isScript)
        dist_install_sigint_handler()
        let rt = session.runtime!
        var exitCode: Int32 = 0
        rt.exitHandler = { code in
            Launcher.terminate(session, code)
        }
        if isScript {
            _ = try? session.onLoop { rt.arguments = Array(cmd.script.dropFirst()) }
        }
        if let n = cmd.procs, n > 0 {
            session.evaluate("addprocs(\(n));", display: false, errorsToStderr: true)
            if session.lastFailed { Launcher.terminate(session, 1) }
        }
        if let mf = cmd.machineFile {
            session.evaluate("addprocs(Base.__machine_file(\(Launcher.quote(mf))));", display: false, errorsToStderr: true)
            if session.lastFailed { Launcher.terminate(session, 1) }
        }
        for file in cmd.load {
            session.evaluate("@everywhere include(\(Launcher.quote(file)))", display: false, errorsToStderr: true)
            if session.lastFailed { Launcher.terminate(session, 1) }
        }
        if let e = cmd.evaluate {
            session.evaluate(e, display: false, errorsToStderr: true)
            if session.lastFailed { exitCode = 1 }
        } else if let e = cmd.evaluateAndShow {
            // as `julia -E`: the value's `repr` on one line
            session.evaluate("println(repr(begin\n" + e + "\nend))", display: false, errorsToStderr: true)
            if session.lastFailed { exitCode = 1 }
        } else if isScript {
            let path = cmd.script[0]
            guard let data = FileManager.default.contents(atPath: path), let source = String(data: data, encoding: .utf8) else {
                FileHandle.standardError.write("ERROR: SystemError: opening file \"\(path)\": No such file or directory\n".data(using: .utf8)!)
                Launcher.terminate(session, 1)
                return 1
            }
            let dir = (path as NSString).deletingLastPathComponent
            _ = try? session.onLoop {
                rt.sourceDirectory = dir.isEmpty ? FileManager.default.currentDirectoryPath : (dir.hasPrefix("/") ? dir : FileManager.default.currentDirectoryPath + "/" + dir)
                rt.logLocation = path
            }
            session.evaluate(source, display: false, errorsToStderr: true)
            if session.lastFailed { exitCode = 1 }
        } else if tty && !isExpr {
            InteractiveREPL(session: session, quiet: cmd.quiet).run()
        } else {
            PipedREPL(session: session).run()
        }
        Launcher.terminate(session, exitCode)
        return exitCode
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
