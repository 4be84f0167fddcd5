import CDistSupport
import DistLang
import Foundation

/// The REPL on a terminal: `dist> ` prompt, line editing, history in `~/.dist_history`,
/// multi-line input while the parser says it is incomplete, `?name` help, Ctrl-C and Ctrl-D.
struct InteractiveREPL {
    let session: Session
    let quiet: Bool
    /// `--color=yes|no`; nil for the default (see `useColor`).
    let color: Bool?
    let useHistoryFile: Bool

    /// Colour when asked for, or by default on a terminal unless `NO_COLOR` is set or
    /// `TERM=dumb` (the conventions of no-color.org and of terminfo).
    var useColor: Bool {
        if let color { return color }
        let env = ProcessInfo.processInfo.environment
        return env["NO_COLOR"].map({ $0.isEmpty }) ?? true && env["TERM"] != "dumb" && isatty(1) != 0
    }

    func run() {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "."
        let editor = LineEditor(program: "dist", historyPath: useHistoryFile ? home + "/.dist_history" : nil)
        editor.completer = { before in Completion.complete(before, session: session) }
        let prompt = useColor ? "\u{1}\u{1B}[32;1m\u{1}dist> \u{1}\u{1B}[0m\u{1}" : "dist> "
        let continuation = "      "
        if !quiet {
            print("dist \(DistVersion.string.split(separator: " ").last ?? "") — type ?name for help, Ctrl-D to exit.")
        }
        var input = ReplInput()
        while true {
            switch editor.readLine(prompt: input.isContinuing ? continuation : prompt) {
            case .endOfInput:
                if let rest = input.finish() {
                    session.evaluate(rest, display: true)
                    continue
                }
                print("")
                return
            case .interrupted:
                dist_interrupt_clear()
                _ = input.finish()
                print("")
            case .line(let line):
                if !input.isContinuing && line.hasPrefix("?") {
                    editor.addHistory(line)
                    Help.show(String(line.dropFirst()).trimmingCharacters(in: .whitespaces), session: session)
                    continue
                }
                if let complete = input.add(line) {
                    editor.addHistory(complete)
                    session.evaluate(complete, display: true)
                    dist_interrupt_clear()
                    print("")
                }
            }
        }
    }
}
