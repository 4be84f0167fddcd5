import ArgumentParser
import CDistSupport
import DistCluster
import DistLang
import Foundation

/// The `dist` command line, in Julia's style (`julia -p 4 -e …`, `julia script.jl args…`).
///
/// swift-argument-parser parses it; `run()` only hands the parsed options to `Launcher`, which
/// drives the session. The options keep Julia's spellings, so a Julia user's habits work.
public struct DistCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dist",
        abstract: "An interactive shell for distributed evaluation in a Julia-like language.",
        usage: """
            dist [options] [file [args...]]
            dist [options] -e <expr> [args...]
            """,
        discussion: """
            With no file and no -e/-E, dist reads from standard input: a REPL on a terminal, or \
            each complete input evaluated and displayed in turn when input is piped. With a \
            file, dist runs it as a script: no value display, ARGS holds the arguments after \
            the file, and the first uncaught error exits with status 1. Options -e, -E and -L \
            run in the order given; with -e or -E every argument that is not an option goes \
            to ARGS.

            EXAMPLES:
              dist -p 4                          the REPL with four local workers
              dist -p auto                       one worker per CPU core
              dist -p 2 -e 'println(nworkers())'
              dist -E 'sum(1:10)'                prints 55
              dist -e 'println(ARGS)' a b        prints ["a", "b"]
              dist -p 2 -L defs.dist run.dist x  loads defs.dist everywhere, runs run.dist
              dist < session.dist                piped input, shown as the REPL would
              dist -i script.dist                the REPL after the script
              dist --machine-file hosts          workers over ssh on the hosts listed
              dist --tls -p 4                    four workers, every connection encrypted
              NO_COLOR=1 dist                    a REPL without colour

            ENVIRONMENT:
              NO_COLOR      no colour escapes (as --color=no)
              DIST_SSH      the ssh program for --machine-file and addprocs(hosts)
              HOME          the history file is ~/.dist_history

            The manual page is share/man/dist.1 in the source tree (man dist once installed).
            """,
        version: DistVersion.string)

    @Option(name: [.customShort("p"), .customLong("procs")],
            help: ArgumentHelp("Start N local worker processes; 'auto' starts one per CPU core (-p 4, -p auto).", valueName: "N|auto"))
    public var procs: String?

    @Option(name: .customLong("machine-file"),
            help: ArgumentHelp("Start workers over ssh on the hosts listed in a file, one per line: [count*][user@]host[:port] [bind_addr[:port]] (--machine-file hosts).", valueName: "file"),
            completion: .file())
    public var machineFile: String?

    @Option(name: [.customShort("L"), .customLong("load")],
            help: ArgumentHelp("Load a file on every process at startup; repeatable (-L defs.dist).", valueName: "file"),
            completion: .file(extensions: ["dist", "jl"]))
    public var load: [String] = []

    @Option(name: [.customShort("e"), .customLong("eval")],
            help: ArgumentHelp("Evaluate an expression; repeatable, run in order (-e 'println(myid())').", valueName: "expr"))
    public var evaluate: [String] = []

    @Option(name: [.customShort("E"), .customLong("print")],
            help: ArgumentHelp("Evaluate an expression and print its value's repr (-E '1 + 1' prints 2).", valueName: "expr"))
    public var evaluateAndShow: [String] = []

    @Flag(name: .customShort("i"), help: "Start the REPL after running -e, -E or a script, even when standard input is not a terminal (dist -i -e 'x = 1').")
    public var interactive = false

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "Start the REPL without a banner (dist -q).")
    public var quiet = false

    @Option(name: .customLong("color"),
            help: ArgumentHelp("Colour in the REPL: yes, no, or auto (the default: colour on a terminal unless NO_COLOR is set or TERM=dumb) (--color=no).", valueName: "yes|no|auto"),
            completion: .list(["yes", "no", "auto"]))
    public var color: String = "auto"

    @Option(name: .customLong("history-file"),
            help: ArgumentHelp("Load and save the REPL's history in ~/.dist_history: yes (the default) or no (--history-file=no).", valueName: "yes|no"),
            completion: .list(["yes", "no"]))
    public var historyFile: String = "yes"

    @Option(name: .customLong("trace"),
            help: ArgumentHelp("Record every message between processes and every remote call's run, written at exit to FILE as a Chrome trace (Perfetto, chrome://tracing) (--trace run.json).", valueName: "file"),
            completion: .file(extensions: ["json"]))
    public var trace: String?

    @Option(name: .customLong("heartbeat-timeout"),
            help: ArgumentHelp("Take a worker for dead when it sends no heartbeat for SECONDS (stopped, frozen or cut off); the default for every addprocs of the session, as its heartbeat_timeout keyword; off by default (--heartbeat-timeout 10).", valueName: "seconds"))
    public var heartbeatTimeout: Double?

    @Flag(name: .customLong("tls"),
          help: "Encrypt every connection between processes with TLS 1.3: the workers of -p, --machine-file and later addprocs are added with tls = true; each process makes its own certificate, trusted by its SHA-256 fingerprint (dist --tls -p 4).")
    public var tls = false

    @Flag(name: .customLong("worker"),
          help: "Run as a worker: read the cluster cookie on stdin, listen, and print dist_worker:PORT#ADDR (how managers start workers: dist --worker).")
    public var worker = false

    /// `--worker=COOKIE` (Julia's form, for managers that must put the cookie on the command
    /// line) arrives here; `dist --worker` reads it from standard input instead.
    @Option(name: .customLong("worker-cookie"), help: .hidden)
    public var workerCookie: String?

    /// `--worker-tls HEX`: encrypted transport, with process 1's certificate fingerprint.
    @Option(name: .customLong("worker-tls"), help: .hidden)
    public var workerTLS: String?

    @Flag(name: .customLong("worker-close-stdin"), help: .hidden)
    public var workerCloseStdin = false

    @Flag(name: .customLong("worker-stderr-to-stdout"), help: .hidden)
    public var workerStderrToStdout = false

    @Option(name: .customLong("bind-to"),
            help: ArgumentHelp("With --worker: the address (and optional port) to listen on; default 127.0.0.1 (--bind-to 10.0.0.2:9000).", valueName: "addr[:port]"))
    public var bindTo: String?

    @Argument(parsing: .captureForPassthrough,
              help: ArgumentHelp("A script to run and its arguments (ARGS); with -e/-E, all of these are ARGS (dist run.dist a b).", valueName: "file"),
              completion: .file(extensions: ["dist", "jl"]))
    public var script: [String] = []

    public init() {}

    /// What every dist process does first: default signal handling, no SIGPIPE, malloc and
    /// BLAS set up for an interpreter.
    static func prepareProcess() {
        dist_reset_signals()
        dist_ignore_sigpipe()
        dist_tune_malloc()
        quietBLASThreads()
    }

    static func runWorker(bindTo: String?, cookie: String?, closeStdin: Bool, stderrToStdout: Bool, tlsMaster: String?) {
        prepareProcess()
        WorkerProcess.main(bindTo: bindTo, cookie: cookie, closeStdin: closeStdin, stderrToStdout: stderrToStdout, tlsMaster: tlsMaster)
    }

    /// Starts a worker straight from a command line that has only the worker's flags, as
    /// cluster managers write it (`dist --worker [--bind-to A] …`), without swift-argument-
    /// parser, whose first parse costs a worker several milliseconds of type look-ups at
    /// start. Returns false (and does nothing) for any other command line.
    public static func runWorkerDirectly(_ args: [String]) -> Bool {
        guard args.contains("--worker") else { return false }
        var bindTo: String?, cookie: String?, closeStdin = false, stderrToStdout = false, tlsMaster: String?
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--worker": break
            case "--worker-close-stdin": closeStdin = true
            case "--worker-stderr-to-stdout": stderrToStdout = true
            case "--bind-to", "--worker-cookie", "--worker-tls":
                guard i + 1 < args.count else { return false }
                switch args[i] {
                case "--bind-to": bindTo = args[i + 1]
                case "--worker-cookie": cookie = args[i + 1]
                default: tlsMaster = args[i + 1]
                }
                i += 1
            default:
                if args[i].hasPrefix("--bind-to=") { bindTo = String(args[i].dropFirst("--bind-to=".count)) } else { return false }
            }
            i += 1
        }
        runWorker(bindTo: bindTo, cookie: cookie, closeStdin: closeStdin, stderrToStdout: stderrToStdout, tlsMaster: tlsMaster)
        return true
    }

    /// The command line with Julia's `--worker=COOKIE` spelled as `--worker --worker-cookie
    /// COOKIE` (swift-argument-parser flags take no value).
    public static func normalized(_ args: [String]) -> [String] {
        var out: [String] = []
        for a in args {
            if a == "--" { out.append(contentsOf: args[(args.firstIndex(of: "--") ?? args.endIndex)...]); return out }
            if a.hasPrefix("--worker=") {
                out += ["--worker", "--worker-cookie", String(a.dropFirst("--worker=".count))]
            } else {
                out.append(a)
            }
        }
        return out
    }

    public func validate() throws {
        if let p = procs {
            guard p == "auto" || (Int(p).map { $0 >= 0 } ?? false) else {
                throw ValidationError("-p needs a number of workers (0 or more) or 'auto', not '\(p)'")
            }
        }
        guard ["yes", "no", "auto"].contains(color) else {
            throw ValidationError("--color must be yes, no or auto, not '\(color)'")
        }
        guard ["yes", "no"].contains(historyFile) else {
            throw ValidationError("--history-file must be yes or no, not '\(historyFile)'")
        }
        // The script argument captures everything after it, so options ArgumentParser would
        // handle itself arrive here when they come first.
        if let first = script.first, first.hasPrefix("-"), first != "-", first != "--" {
            switch first {
            case "-h", "--help": throw CleanExit.helpRequest(self)
            case "--version", "-v": throw CleanExit.message(DistVersion.string)
            default: throw ValidationError("unknown option '\(first)'")
            }
        }
    }

    public func run() throws {
        if worker {
            DistCommand.runWorker(bindTo: bindTo, cookie: workerCookie, closeStdin: workerCloseStdin, stderrToStdout: workerStderrToStdout,
                                  tlsMaster: workerTLS)
            return
        }
        DistCommand.prepareProcess()
        let code = Launcher(options: LaunchOptions(self, arguments: Array(CommandLine.arguments.dropFirst()))).run()
        throw ExitCode(code)
    }
}

/// The version `--version` prints.
public enum DistVersion {
    public static let string = "dist 0.2.0"
}
