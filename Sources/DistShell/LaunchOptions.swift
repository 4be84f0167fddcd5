import Foundation

/// What the command line asks the shell to do, resolved from `DistCommand`'s parsed options:
/// how many workers, what to run in which order, and how the REPL looks.
struct LaunchOptions {
    /// One step given with -e, -E or -L, run in command-line order.
    enum Step: Equatable {
        case evaluate(String)
        case print(String)
        case load(String)
    }

    /// Local workers to start first (`-p`), nil for none.
    var workers: Int?
    var machineFile: String?
    /// `--tls`: workers are added with `tls = true` unless `addprocs` says otherwise.
    var tls: Bool
    var steps: [Step]
    /// The script to run (the first argument when there is no -e/-E).
    var program: String?
    /// `ARGS`.
    var arguments: [String]
    /// `-i`: the REPL after the steps and the script.
    var forceInteractive: Bool
    var quiet: Bool
    /// `--color`: nil for auto.
    var color: Bool?
    var useHistoryFile: Bool
    /// `--trace FILE`: where the trace of the whole session goes.
    var traceFile: String?
    /// `--heartbeat-timeout`: the session's default `heartbeat_timeout`.
    var heartbeatTimeout: Double?

    init(_ c: DistCommand, arguments raw: [String]) {
        workers = c.procs.map { $0 == "auto" ? ProcessInfo.processInfo.activeProcessorCount : Int($0) ?? 0 }
        machineFile = c.machineFile
        tls = c.tls
        steps = LaunchOptions.orderedSteps(evaluate: c.evaluate, print: c.evaluateAndShow, load: c.load, raw: raw)
        var rest = c.script
        if rest.first == "--" { rest.removeFirst() }
        if c.evaluate.isEmpty && c.evaluateAndShow.isEmpty, let first = rest.first {
            program = first
            rest.removeFirst()
        }
        arguments = rest
        forceInteractive = c.interactive
        quiet = c.quiet
        color = c.color == "auto" ? nil : c.color == "yes"
        useHistoryFile = c.historyFile == "yes"
        traceFile = c.trace
        heartbeatTimeout = c.heartbeatTimeout
    }

    /// Whether something runs before (or instead of) the REPL.
    var hasWork: Bool { !steps.allSatisfy({ if case .load = $0 { return true } else { return false } }) || program != nil }

    /// Interleaves the -e, -E and -L values in the order they appear on the command line.
    /// swift-argument-parser keeps each option's values in order but not their interleaving,
    /// so the raw arguments give the sequence of flags; when they cannot be matched (a value
    /// that looks like a flag), loads come first, then -e, then -E.
    static func orderedSteps(evaluate: [String], print: [String], load: [String], raw: [String]) -> [Step] {
        enum Kind { case e, p, l }
        let valued: Set<String> = ["-p", "--procs", "--machine-file", "--color", "--history-file", "--bind-to", "--trace",
                                   "--heartbeat-timeout", "--worker-tls"]
        var kinds: [Kind] = []
        var i = 0
        scan: while i < raw.count {
            let a = raw[i]
            switch a {
            case "-e", "--eval": kinds.append(.e); i += 2
            case "-E", "--print": kinds.append(.p); i += 2
            case "-L", "--load": kinds.append(.l); i += 2
            case "--": break scan
            default:
                if a.hasPrefix("--eval=") { kinds.append(.e) }
                else if a.hasPrefix("--print=") { kinds.append(.p) }
                else if a.hasPrefix("--load=") { kinds.append(.l) }
                else if valued.contains(a) { i += 1 }
                else if !a.hasPrefix("-") || a == "-" { break scan }
                i += 1
            }
        }
        var e = evaluate.makeIterator(), p = print.makeIterator(), l = load.makeIterator()
        var steps: [Step] = []
        for k in kinds {
            switch k {
            case .e: if let v = e.next() { steps.append(.evaluate(v)) }
            case .p: if let v = p.next() { steps.append(.print(v)) }
            case .l: if let v = l.next() { steps.append(.load(v)) }
            }
        }
        if steps.count != evaluate.count + print.count + load.count {
            return load.map { .load($0) } + evaluate.map { .evaluate($0) } + print.map { .print($0) }
        }
        return steps
    }
}
