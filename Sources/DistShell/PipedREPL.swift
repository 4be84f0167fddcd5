import DistLang

/// The read–evaluate–print loop without a terminal: no prompt and no line editor; each
/// complete input is evaluated and its value displayed as the REPL would, and an error is
/// printed and the loop goes on. Errors name the input `stdin`, its lines counted from the
/// start of the input.
struct PipedREPL {
    let session: Session

    func run() {
        let reader = PlainLineReader()
        var input = ReplInput()
        while let line = reader.readLine() {
            guard let complete = input.add(line) else { continue }
            if let name = Help.docRequest(complete) {
                Help.show(name, session: session)
            } else {
                session.evaluate(complete, display: true, file: "stdin", firstLine: input.startLine)
            }
        }
        if let rest = input.finish() { session.evaluate(rest, display: true, file: "stdin", firstLine: input.startLine) }
    }
}
