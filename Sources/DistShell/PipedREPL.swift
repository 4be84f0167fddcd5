import DistLang

/// The read–evaluate–print loop without a terminal: no prompt and no line editor; each
/// complete input is evaluated and its value displayed as the REPL would, and an error is
/// printed and the loop goes on. Errors name the input `stdin`, its lines counted from the
/// start of the input.
///
/// A Ctrl-C (SIGINT) ends the session, workers included, as in Julia's non-interactive mode:
/// while it waits for input (status 130, killed by SIGINT), or through the
/// `InterruptException` that stops the evaluation under way (status 1, as a failed script).
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
                if session.lastInterrupted && session.lastFailed { Launcher.terminate(session, 1) }
            }
        }
        if reader.interrupted { Launcher.terminate(session, 130) }
        if let rest = input.finish() { session.evaluate(rest, display: true, file: "stdin", firstLine: input.startLine) }
    }
}
