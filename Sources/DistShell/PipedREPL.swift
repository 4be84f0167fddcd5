import DistLang

/// The read–evaluate–print loop without a terminal: no prompt and no line editor; each
/// complete input is evaluated and its value displayed as the REPL would, and an error is
/// printed and the loop goes on.
struct PipedREPL {
    let session: Session

    func run() {
        let reader = PlainLineReader()
        var pending = ""
        while let line = reader.readLine() {
            pending += pending.isEmpty ? line : "\n" + line
            if pending.allSatisfy({ $0 == " " || $0 == "\t" }) {
                pending = ""
                continue
            }
            if Parser.isComplete(pending) {
                session.evaluate(pending, display: true)
                pending = ""
            }
        }
        if !pending.allSatisfy({ $0.isWhitespace }) {
            session.evaluate(pending, display: true)
        }
    }
}
