import Foundation
import Testing

/// The REPL at a terminal, end to end: the real `dist` on a pseudo-terminal (`TERM=xterm`,
/// a fixed size), keys typed as a user types them, and the screen read back through a
/// terminal emulator (`TerminalScreen`) — the colours, where output lands while the prompt
/// is up, help mode, history, completion, word moves, long wrapped lines, the screen size.
@Suite(.timeLimit(.minutes(3)))
struct InteractiveREPLTests {
    /// The rows of the screen that hold the prompt and the line being edited, joined, spaces
    /// dropped (where libedit breaks a long line is its own business).
    static func editedText(_ s: TerminalScreen, from row: Int) -> String {
        (row..<s.rows).map { s.line($0) }.joined().replacingOccurrences(of: " ", with: "")
    }

    /// The row whose text starts with `prefix`, searching from the bottom.
    static func row(startingWith prefix: String, in s: TerminalScreen) -> Int? {
        (0..<s.rows).last { s.line($0).hasPrefix(prefix) }
    }

    // MARK: Colour

    @Test func promptIsGreenAndWhatIsTypedIsNot() throws {
        let t = try PseudoTerminal(["-q", "--history-file=no"])
        t.waitForPrompt()
        t.type("1 + 1")
        t.waitForScreen("the typed input") { $0.cursorLine == "dist> 1 + 1" }
        let s = t.screen
        for c in 0..<5 {
            #expect(s.cells[s.row][c].foreground == 32 && s.cells[s.row][c].bold, "prompt cell \(c): \(s.cells[s.row][c])")
        }
        for c in 6..<11 {
            #expect(s.cells[s.row][c].foreground == nil && !s.cells[s.row][c].bold, "typed cell \(c): \(s.cells[s.row][c])")
        }
        t.press(.enter)
        t.waitForScreen("the value") { $0.lines.contains("2") }
        t.waitForPrompt()
        let after = t.screen
        if let valueRow = (0..<after.rows).first(where: { after.line($0) == "2" }) {
            #expect(after.cells[valueRow][0] == TerminalScreen.Cell(text: "2"), "the value is not in the prompt's colour")
        }
        t.finish()
    }

    @Test func errorIsBoldRedAndOnlyTheWordError() throws {
        let t = try PseudoTerminal(["-q", "--history-file=no"])
        t.waitForPrompt()
        t.type("undefined_thing\r")
        t.waitForScreen("the error") { s in Self.row(startingWith: "ERROR: UndefVarError", in: s) != nil }
        let s = t.screen
        let r = try #require(Self.row(startingWith: "ERROR: UndefVarError", in: s))
        for c in 0..<6 {
            #expect(s.cells[r][c].foreground == 91 && s.cells[r][c].bold, "ERROR: cell \(c): \(s.cells[r][c])")
        }
        let message = try #require(s.column(of: "UndefVarError", inRow: r))
        #expect(s.cells[r][message].foreground == nil && !s.cells[r][message].bold)
        t.finish()
    }

    @Test(arguments: [["NO_COLOR": "1"], ["TERM": "dumb"]])
    func noColourWhenTheEnvironmentSaysSo(_ env: [String: String]) throws {
        let t = try PseudoTerminal(["-q", "--history-file=no"], env: env.mapValues { Optional($0) })
        t.waitForOutput("dist> ")
        t.type("undefined_thing\r")
        t.waitForOutput("UndefVarError: undefined_thing not defined")
        t.type("6 * 7\r")
        t.waitForOutput("42")
        #expect(t.output.range(of: "\u{1B}\\[[0-9;]*m", options: .regularExpression) == nil, "colour escapes: \(t.output.debugDescription)")
        if env["TERM"] == "dumb" {
            #expect(!t.output.contains("\u{1B}"), "TERM=dumb wants no escape sequences at all: \(t.output.debugDescription)")
        }
        t.waitForPrompt()
        #expect(t.finish() == 0)
    }

    @Test func noEscapesWhenStandardOutputIsNotATerminal() throws {
        let t = try PseudoTerminal(["-q"], stdoutToPipe: true)
        t.type("undefined_thing\r6 * 7\r")
        t.press(.ctrlD)
        #expect(t.finish() == 0)
        let out = t.pipedOutput
        #expect(out.contains("ERROR: UndefVarError: undefined_thing not defined"), "\(out)")
        #expect(out.contains("42"))
        #expect(!out.contains("\u{1B}"), "escapes on a pipe: \(out.debugDescription)")
    }

    // MARK: Output while the prompt is up

    @Test func workerOutputArrivingWhileTypingGoesAboveThePrompt() throws {
        let t = try PseudoTerminal(["-q", "-p", "1", "--history-file=no"], rows: 30, columns: 100)
        t.waitForPrompt()
        t.type("remote_do(() -> (sleep(3); println(\"late\")), 2)\r")
        t.waitForPrompt()
        t.type("abc", pause: 0.05)
        let late = "      From worker 2:    late"
        t.waitForScreen("the worker's line above the prompt, the typed text kept") { s in
            guard let r = (0..<s.rows).first(where: { s.line($0) == late }) else { return false }
            return r + 1 == s.row && s.cursorLine == "dist> abc" && s.column == 9
        }
        t.type("def\r", pause: 0.05)
        t.waitForScreen("the whole typed input evaluated") { $0.lines.contains("ERROR: UndefVarError: abcdef not defined") }

        // a remote call to process 1 that fails later: its error is printed by process 1
        t.waitForPrompt()
        t.type("remote_do(() -> remote_do(() -> (sleep(3); error(\"late boom\")), 1), 2)\r")
        t.waitForPrompt()
        t.type("xy", pause: 0.05)
        t.waitForScreen("the late error above the prompt") { s in
            guard let r = (0..<s.rows).last(where: { s.line($0).contains("late boom") }) else { return false }
            return r + 1 == s.row && s.cursorLine == "dist> xy"
        }
        t.press(.ctrlU)

        // a worker that dies while the prompt is up
        t.waitForPrompt()
        t.type("remote_do(() -> (sleep(3); exit()), 2)\r")
        t.waitForPrompt()
        t.type("x = ", pause: 0.05)
        t.waitForScreen("Worker 2 terminated. above the prompt") { s in
            guard let r = (0..<s.rows).first(where: { s.line($0) == "Worker 2 terminated." }) else { return false }
            return r + 1 == s.row && s.cursorLine == "dist> x ="
        }
        t.type("6 * 7\r")
        t.waitForScreen("the input typed around it") { $0.lines.contains("42") }
        t.finish()
    }

    @Test func asyncPrintsWhileTypingGoAboveThePromptEvenWithoutNewline() throws {
        let t = try PseudoTerminal(["-q", "--history-file=no"])
        t.waitForPrompt()
        t.type("@async (sleep(2); println(\"done\"); print(\"partial\"))\r")
        t.waitForPrompt()
        t.type("xy", pause: 0.05)
        t.waitForScreen("both lines above the prompt, the typed text kept") { s in
            guard let r = (0..<s.rows).first(where: { s.line($0) == "done" }) else { return false }
            return s.line(r + 1) == "partial" && r + 2 == s.row && s.cursorLine == "dist> xy"
        }
        t.finish()
    }

    // MARK: Julia's habits

    @Test func questionMarkSwitchesToHelpMode() throws {
        let t = try PseudoTerminal(["-q", "--history-file=no"], rows: 60, columns: 100)
        t.waitForPrompt()
        t.type("?")
        t.waitForPrompt("help?> ")
        let s = t.screen
        #expect(s.cells[s.row][0].foreground == 33 && s.cells[s.row][0].bold, "help prompt in bold yellow")
        t.press(.backspace)
        t.waitForPrompt("dist> ")
        t.type("?pmap\r")
        t.waitForScreen("pmap's docstring") { $0.lines.contains { $0.hasPrefix("  pmap(f, c...") } }
        t.waitForPrompt("dist> ")
        t.type("?pmapp\r")
        t.waitForScreen("close matches") { $0.lines.contains { $0.hasPrefix("Perhaps you meant pmap") } }
        t.waitForPrompt("dist> ")
        t.type("@doc myid\r")
        t.waitForScreen("@doc shows the docstring") { $0.lines.contains { $0.hasPrefix("  myid()") } }
        t.waitForPrompt("dist> ")
        // `?` after other text is just a character
        t.type("true ? 1 : 2\r")
        t.waitForScreen("the ternary's value") { $0.lines.contains("1") }
        t.finish()
    }

    @Test func upAndDownSearchTheHistoryByPrefix() throws {
        let t = try PseudoTerminal(["-q", "--history-file=no"])
        t.waitForPrompt()
        for line in ["x1 = 1", "y = 2", "x2 = 3"] {
            t.type(line + "\r")
            t.waitForPrompt()
        }
        t.type("x")
        for (key, expected) in [(PseudoTerminal.Key.up, "dist> x2 = 3"), (.up, "dist> x1 = 1"), (.up, "dist> x1 = 1"),
                                (.down, "dist> x2 = 3"), (.down, "dist> x")] {
            t.press(key)
            t.waitForScreen("\(key) gives \(expected)") { $0.cursorLine == expected }
        }
        t.press(.ctrlU)
        t.press(.up)
        t.waitForScreen("Up on an empty line: the last entry") { $0.cursorLine == "dist> x2 = 3" }
        t.press(.up)
        t.waitForScreen("then the one before") { $0.cursorLine == "dist> y = 2" }
        t.finish()
    }

    @Test func historyIsSavedAndLoaded() throws {
        let home = NSTemporaryDirectory() + "dist-pty-home-" + UUID().uuidString
        let first = try PseudoTerminal(["-q"], home: home)
        first.waitForPrompt()
        first.type("saved_entry = 1\r")
        first.waitForPrompt()
        first.finish()
        let second = try PseudoTerminal(["-q"], home: home)
        second.waitForPrompt()
        second.type("saved")
        second.press(.up)
        second.waitForScreen("the entry of the last session") { $0.cursorLine == "dist> saved_entry = 1" }
        second.finish()
        try? FileManager.default.removeItem(atPath: home)
    }

    @Test func tabCompletesLatexNamesAndIdentifiersUseThem() throws {
        let t = try PseudoTerminal(["-q", "--history-file=no"])
        t.waitForPrompt()
        t.type("\\alpha\t")
        t.waitForScreen("\\alpha becomes α") { $0.cursorLine == "dist> α" }
        t.type(" = 2; x\\_1\t")
        t.waitForScreen("\\_1 becomes ₁") { $0.cursorLine == "dist> α = 2; x₁" }
        t.type(" = 36; x₁ + α + \\sqrt\t")
        t.waitForScreen("\\sqrt becomes √") { $0.cursorLine == "dist> α = 2; x₁ = 36; x₁ + α + √" }
        t.type("16\r")
        t.waitForScreen("the sum") { $0.lines.contains("42.0") }
        t.waitForPrompt()
        t.type("\\pi\t")
        t.waitForScreen("\\pi becomes π") { $0.cursorLine == "dist> π" }
        t.type(" > 3\r")
        t.waitForScreen("π's value compared") { $0.lines.contains("true") }
        t.waitForPrompt()
        // an unfinished name lists its completions and keeps the line
        t.type("\\al\t")
        t.waitForScreen("the names listed, the prompt redrawn after them") { s in
            s.lines.contains { $0.contains("\\aleph") && $0.contains("\\alpha") } && s.cursorLine == "dist> \\al"
        }
        t.finish()
    }

    @Test func ctrlLeftAndRightMoveByWords() throws {
        let t = try PseudoTerminal(["-q", "--history-file=no"])
        t.waitForPrompt()
        t.type("foo bar baz")
        t.press(.ctrlLeft, times: 2)
        t.type("X")
        t.waitForScreen("X before bar") { $0.cursorLine == "dist> foo Xbar baz" }
        t.press(.ctrlRight)
        t.type("Y")
        t.waitForScreen("Y after bar") { $0.cursorLine == "dist> foo XbarY baz" }
        t.press(.home)
        t.type("<")
        t.press(.end)
        t.type(">")
        t.waitForScreen("Home and End") { $0.cursorLine == "dist> <foo XbarY baz>" }
        t.finish()
    }

    @Test func editingInsideALongWrappedLineRedrawsIt() throws {
        let t = try PseudoTerminal(["-q", "--history-file=no"], rows: 12, columns: 40)
        t.waitForPrompt()
        let start = t.screen.row
        let line = #"s1 = "abcdefghijklmnopqrstuvwxyz"; s2 = "0123456789abcdefghijklmnopqrstuvwxyz"; length(s1) * 100 + length(s2)"#
        t.type(line)
        t.waitForScreen("the line over three rows") { Self.editedText($0, from: start) == ("dist> " + line).replacingOccurrences(of: " ", with: "") }
        // into the second string, then at the start of the first
        t.press(.left, times: 58)
        t.type("XYZ")
        var expected = line.replacingOccurrences(of: "\"0123456789", with: "\"0123456789XYZ")
        t.waitForScreen("XYZ inserted in the middle row") { Self.editedText($0, from: start) == ("dist> " + expected).replacingOccurrences(of: " ", with: "") }
        t.press(.ctrlA)
        t.press(.right, times: 6)
        t.type("!!")
        expected = expected.replacingOccurrences(of: "\"abcdefghijklmnopqrstuvwxyz\";", with: "\"!!abcdefghijklmnopqrstuvwxyz\";")
        t.waitForScreen("!! inserted on the first row, the rows below shifted") { Self.editedText($0, from: start) == ("dist> " + expected).replacingOccurrences(of: " ", with: "") }
        // deleting from the end pulls the rows back
        t.press(.end)
        t.press(.backspace, times: 13)
        let shorter = String(expected.dropLast(13))
        t.waitForScreen("13 characters deleted") { Self.editedText($0, from: start) == ("dist> " + shorter).replacingOccurrences(of: " ", with: "") }
        t.type(" + length(s2)\r")
        t.waitForScreen("the edited line's value") { $0.lines.contains("2839") }
        t.finish()
    }

    @Test func ctrlCDropsTheLine() throws {
        let t = try PseudoTerminal(["-q", "--history-file=no"])
        t.waitForPrompt()
        t.type("abc")
        t.waitForScreen("typed") { $0.cursorLine == "dist> abc" }
        t.press(.ctrlC)
        t.waitForPrompt()
        t.type("6 * 7\r")
        t.waitForScreen("a fresh line") { $0.lines.contains("42") }
        t.finish()
    }

    @Test func ctrlCStopsTheRemoteWorkItWaitsFor() throws {
        let t = try PseudoTerminal(["-q", "--history-file=no", "-p", "2"])
        t.waitForPrompt()
        t.type("remotecall_fetch(() -> (s = 0; while true; s += 1; end), 2)\r")
        usleep(800_000)
        t.press(.ctrlC)
        t.waitForScreen("the interrupt") { $0.lines.contains { $0.contains("InterruptException") } }
        t.waitForPrompt()
        // worker 2 is free again at once, and pmap's outstanding calls stop everywhere
        t.type("t = @elapsed remotecall_fetch(myid, 2); t < 2\r")
        t.waitForScreen("worker 2 answering") { $0.lines.contains("true") }
        t.type("pmap(x -> (sleep(100); x), 1:4)\r")
        usleep(800_000)
        t.press(.ctrlC)
        t.waitForPrompt()
        t.type("sum(pmap(x -> myid(), 1:4)) >= 8\r")
        t.waitForScreen("the workers free") { $0.lines.filter { $0 == "true" }.count >= 2 }
        t.finish()
    }

    // MARK: Display size

    @Test func valuesFitTheTerminalAndFollowItsResizes() throws {
        let t = try PseudoTerminal(["-q", "--history-file=no"], rows: 30, columns: 100)
        t.waitForPrompt()
        t.type("displaysize()\r")
        t.waitForScreen("30×100") { $0.lines.contains("(30, 100)") }
        t.waitForPrompt()
        t.resize(rows: 20, columns: 60)
        t.type("displaysize()\r")
        t.waitForScreen("20×60 after the resize") { $0.lines.contains("(20, 60)") }
        t.waitForPrompt()
        t.type("zeros(2, 30)\r")
        t.waitForScreen("the matrix cut to 60 columns") { s in
            guard let header = Self.row(startingWith: "2×30 Array{Float64,2}:", in: s) else { return false }
            return s.line(header + 1).contains("…") && s.line(header + 2).hasPrefix(" 0.0")
                && s.line(header + 1).count <= 60 && s.line(header + 2).count <= 60
        }
        t.waitForPrompt()
        t.type("collect(1:100)\r")
        t.waitForScreen("the vector cut to 20 rows") { s in
            guard let header = Self.row(startingWith: "100-element Array{Int64,1}:", in: s) else { return false }
            let shown = (header + 1..<s.rows).map { s.line($0) }.prefix { !$0.hasPrefix("dist>") && !$0.isEmpty }
            return shown.contains { $0.trimmingCharacters(in: .whitespaces) == "⋮" } && shown.count < 20 && shown.last == " 100"
        }
        t.finish()
    }

    @Test func piped_displaySizeComesFromLINESAndCOLUMNS() throws {
        let r = try runDist([], input: "displaysize()\n", env: ["LINES": "10", "COLUMNS": "40"])
        #expect(r.stdout == "(10, 40)\n", "\(r.all)")
        let d = try runDist([], input: "displaysize()\n")
        #expect(d.stdout == "(24, 80)\n", "\(d.all)")
    }

    @Test func piped_unicodeIdentifiersAndDocRequests() throws {
        let r = try runDist([], input: "x₁ = 1; x² = 2; ∂x = 3; ∇f = 4; α = 5; x₁ + x² + ∂x + ∇f + α\n√(16)\n@doc nworkers\n")
        #expect(r.lines.first == "15", "\(r.all)")
        #expect(r.lines.dropFirst().first == "4.0", "\(r.all)")
        #expect(r.stdout.contains("  nworkers()"), "\(r.all)")
    }
}
