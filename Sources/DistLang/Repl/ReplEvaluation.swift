import DistSyntax

/// Evaluating input the way the REPL does: one complete input at a time, its value displayed
/// unless the input ends with `;`, an error printed as `ERROR: …` without stopping.
///
/// Shared by the shell (on its event loop) and the tests (on a `LocalDriver`).
extension Runtime {
    /// Evaluates one REPL input in the current task; returns false if it raised an error.
    ///
    /// At the prompt the input is `REPL[n]`; otherwise `file` names it (`stdin` for piped
    /// input, a script), and `firstLine` is the number of its first line in that file. A
    /// script's error is a `LoadError` (`loadError`), as with `julia file.jl`; piped input's
    /// says which expression failed (`in expression starting at stdin:3`).
    @discardableResult
    public func evaluateInput(_ source: String, display: Bool, errorsToStderr: Bool = false, file: String? = nil,
                              firstLine: Int = 1, loadError: Bool = false, _ t: Ctx) -> Bool {
        let suppress = ReplInput.endsWithSemicolon(source)
        var name = file
        if interactive && file == nil {
            inputCount += 1
            name = "REPL[\(inputCount)]"
            logLocation = name!
        }
        do {
            let last = try evalSource(source, in: main, t, file: name, firstLine: firstLine, loadError: loadError)
            setGlobal("ans", last, in: main)
            if display && !suppress, let text = try displayString(last, t) {
                output.write(text + "\n")
            }
            return true
        } catch let e as JuliaError {
            reportError(e, errorsToStderr: errorsToStderr, expressionStart: file != nil && !loadError, t)
            return false
        } catch {
            let msg = "ERROR: \(error)\n"
            if errorsToStderr { output.writeError(msg) } else { output.write(msg) }
            return false
        }
    }

    /// Prints an uncaught error as `ERROR: …`, with its stack trace when the runtime shows them.
    public func reportError(_ e: JuliaError, errorsToStderr: Bool, expressionStart: Bool = false, _ t: Ctx?) {
        let text = showBacktraces ? errorReport(e, t, expressionStart: expressionStart) : errorMessage(e.value, t)
        let msg = "ERROR: " + text + "\n"
        if errorsToStderr { output.writeError(msg) } else { output.write(msg) }
    }
}

/// Splits a stream of lines into complete REPL inputs: lines accumulate while the parser
/// says the input is incomplete.
///
/// The parser is asked only when the brackets and blocks counted so far are closed (see
/// `OpenConstructs`), and on a deep stack of its own (see `DeepStack`), so that neither a
/// long input nor a deeply nested one is a problem for the thread reading the lines.
public struct ReplInput {
    private var pending = ""
    /// Lines added so far, and the number of the pending input's first line.
    private var linesSeen = 0
    private var pendingStart = 1
    /// The line number (counting from the first line added) where the input last returned
    /// by `add` or `finish` starts: piped input's errors count lines from the start.
    public private(set) var startLine = 1
    private var open = OpenConstructs()

    public init() {}

    /// Adds a line; returns a complete input when there is one.
    public mutating func add(_ line: String) -> String? {
        linesSeen += 1
        if pending.isEmpty && line.allSatisfy({ $0 == " " || $0 == "\t" }) { return nil }
        if pending.isEmpty { pendingStart = linesSeen }
        startLine = pendingStart
        pending += pending.isEmpty ? line : "\n" + line
        open.add(line)
        // the parser decides while the input is short, so that an error in an open block is
        // reported at its line as Julia's REPL does; past that the counts decide
        if open.certainlyOpen && open.lines > OpenConstructs.parserLines { return nil }
        let source = pending
        if DeepStack.run({ Parser.isComplete(source) }) {
            defer { pending = ""; open = OpenConstructs() }
            return pending
        }
        return nil
    }

    /// What is left at end of input (an incomplete input, reported as a syntax error).
    public mutating func finish() -> String? {
        defer { pending = ""; open = OpenConstructs() }
        startLine = pendingStart
        return pending.allSatisfy({ $0.isWhitespace }) ? nil : pending
    }

    /// True while an input is incomplete.
    public var isContinuing: Bool { !pending.isEmpty }

    /// True when the input's last token is `;` (the REPL then shows no value).
    public static func endsWithSemicolon(_ source: String) -> Bool {
        guard let toks = try? Lexer.tokenize(source) else { return false }
        for t in toks.reversed() {
            switch t.kind {
            case .eof, .newline: continue
            case .semicolon: return true
            default: return false
            }
        }
        return false
    }
}
