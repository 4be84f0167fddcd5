import CDistSupport
import DistLang
import Foundation

/// The REPL on a terminal: `dist> ` prompt, line editing, history in `~/.dist_history`,
/// multi-line input while the parser says it is incomplete, `?` help mode, Ctrl-C and Ctrl-D.
///
/// Julia's REPL is the model: the prompt is bold green and only the prompt; `ERROR:` is bold
/// red (see `TerminalOutput`); output that arrives while the prompt is up goes above it. With
/// `TERM=dumb` the REPL reads plain lines after a plain prompt, as Julia's basic REPL does.
struct InteractiveREPL {
    let session: Session
    let quiet: Bool
    /// Whether the prompts are coloured.
    let colour: Bool
    let useHistoryFile: Bool
    /// Process 1's output (held while the prompt is up).
    let output: TerminalOutput

    static let prompt = "dist> "
    static let helpPrompt = "help?> "
    static let continuation = "      "

    func run() {
        if !quiet {
            print("dist \(DistVersion.string.split(separator: " ").last ?? "") — type ? for help, Ctrl-D to exit.\n")
        }
        if Terminal.isDumb {
            runBasic()
        } else {
            runEditing()
        }
    }

    private func runEditing() {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "."
        let editor = LineEditor(program: "dist", historyPath: useHistoryFile ? home + "/.dist_history" : nil, output: output)
        editor.completer = { before in Completion.complete(before, session: session) }
        var input = ReplInput()
        while true {
            let result = input.isContinuing
                ? editor.readLine(prompt: InteractiveREPL.continuation)
                : editor.readLine(prompt: InteractiveREPL.prompt, colour: colour ? TerminalStyle.promptColour : nil,
                                  helpPrompt: InteractiveREPL.helpPrompt, helpColour: colour ? TerminalStyle.helpColour : nil)
            switch result {
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
                if editor.mode == .help {
                    editor.addHistory("?" + line)
                    Help.show(line.trimmingCharacters(in: .whitespaces), session: session, colour: colour)
                    continue
                }
                if let complete = accept(line, &input) { editor.addHistory(complete) }
            }
        }
    }

    /// The REPL on a terminal that cannot be edited on (`TERM=dumb`): a plain prompt, lines
    /// read as they come, no escape sequences.
    private func runBasic() {
        let reader = PlainLineReader()
        var input = ReplInput()
        while true {
            TerminalOutput.writeAll(1, input.isContinuing ? InteractiveREPL.continuation : InteractiveREPL.prompt)
            guard let line = reader.readLine(freshSignals: true) else {
                if let rest = input.finish() { session.evaluate(rest, display: true) }
                print("")
                return
            }
            _ = accept(line, &input)
        }
    }

    /// Handles one line typed at `dist> `: `?name` shows help, a complete input is evaluated
    /// (and returned, for the history).
    private func accept(_ line: String, _ input: inout ReplInput) -> String? {
        if !input.isContinuing && line.hasPrefix("?") {
            Help.show(String(line.dropFirst()).trimmingCharacters(in: .whitespaces), session: session, colour: colour)
            return line
        }
        guard let complete = input.add(line) else { return nil }
        if let name = Help.docRequest(complete) {
            Help.show(name, session: session, colour: colour)
            return complete
        }
        dist_interrupt_clear()
        session.evaluate(complete, display: true)
        dist_interrupt_clear()
        print("")
        return complete
    }
}
