import ArgumentParser
import CDistSupport
import DistCluster
import DistLang
import Foundation

/// The `dist` command line, in Julia's style.
public struct DistCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dist",
        abstract: "An interactive shell for distributed evaluation in a Julia-like language.",
        discussion: """
            With no file, dist reads from standard input: a REPL on a terminal, or each complete \
            input evaluated and displayed in turn when input is piped. With a file, dist runs it \
            as a script (no value display; the first error exits with status 1).
            """,
        version: DistVersion.string)

    @Option(name: .customShort("p"), help: ArgumentHelp("Start N local worker processes.", valueName: "N"))
    public var procs: Int?

    @Option(name: .customShort("L"), help: ArgumentHelp("Load a file on every process at startup (repeatable).", valueName: "file"))
    public var load: [String] = []

    @Option(name: .customLong("machine-file"), help: ArgumentHelp("Start workers on the hosts listed in a file.", valueName: "file"))
    public var machineFile: String?

    @Option(name: .customShort("e"), help: ArgumentHelp("Evaluate an expression.", valueName: "expr"))
    public var evaluate: String?

    @Option(name: .customShort("E"), help: ArgumentHelp("Evaluate an expression and display its value.", valueName: "expr"))
    public var evaluateAndShow: String?

    @Flag(name: .customShort("q"), help: "Start the REPL without a banner.")
    public var quiet = false

    @Flag(name: .customLong("worker"), help: .hidden)
    public var worker = false

    @Option(name: .customLong("bind-to"), help: .hidden)
    public var bindTo: String?

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("A script to run, and its arguments (ARGS).", valueName: "file"))
    public var script: [String] = []

    public init() {}

    public func validate() throws {
        if let p = procs, p < 0 { throw ValidationError("-p needs a number of workers (0 or more)") }
        // the script argument captures everything after it, so options ArgumentParser would
        // handle itself arrive here when they come first
        if let first = script.first, first.hasPrefix("-"), first != "-" {
            switch first {
            case "-h", "--help": throw CleanExit.helpRequest(self)
            case "--version": throw CleanExit.message(DistVersion.string)
            default: throw ValidationError("unknown option '\(first)'")
            }
        }
    }

    public func run() throws {
        dist_ignore_sigpipe()
        dist_tune_malloc()
        quietBLASThreads()
        if worker {
            WorkerMain.run(bindTo: bindTo)
            return
        }
        let code = Launcher(command: self).run()
        throw ExitCode(code)
    }
}

/// The version `--version` prints.
public enum DistVersion {
    public static let string = "dist 0.1.0"
}
