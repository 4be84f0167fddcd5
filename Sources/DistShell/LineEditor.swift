@preconcurrency import CEditline
import CDistSupport
import Foundation

/// Line editing on a terminal through libedit, with Julia's REPL habits.
///
/// libedit draws the prompt and the line; this class adds what Julia's REPL does beyond it:
/// `?` at an empty prompt switches to `help?> ` (Backspace switches back), Up and Down search
/// the history for entries that start with the text before the cursor, Ctrl-Left and
/// Ctrl-Right move by words, Tab completes names, paths and LaTeX names (`\pi` → `π`).
///
/// Output that arrives while the prompt is up (see `TerminalOutput`) is shown above it:
/// libedit reads characters through `readCharacter`, which polls standard input and the
/// output's wake-up pipe. On a wake-up it hands libedit a key (`showKey`) bound to a function
/// that returns `CC_REDISPLAY`: libedit then clears the lines it drew, and calls the prompt
/// function to redraw them — which first writes the waiting output. The half-typed input is
/// libedit's own buffer, so it survives untouched.
///
/// Ctrl-C at the prompt returns `.interrupted` (the line is dropped); Ctrl-D on an empty line
/// returns `.endOfInput`.
final class LineEditor {
    enum Result: Equatable { case line(String), interrupted, endOfInput }

    /// Which prompt is up, as in Julia's REPL.
    enum Mode { case normal, help }

    /// The key the character reader returns to have waiting output shown: Ctrl-\, which a
    /// terminal turns into SIGQUIT rather than send, so no typed key is taken from the user.
    static let showKey: Int32 = 0x1C

    let el: OpaquePointer
    private let hist: OpaquePointer
    private var event = HistEvent()
    /// Where history is loaded from and saved to; nil keeps it in memory only.
    private let historyPath: String?
    /// Output held while the prompt is up; nil when nothing is shown above the prompt.
    let output: TerminalOutput?
    /// The current mode; `readLine` starts in `.normal`.
    private(set) var mode = Mode.normal
    /// The prompts of this read (libedit form, with `\1` around escape sequences); `help` is
    /// nil where `?` does not switch modes (continuation lines).
    var prompts: (normal: String, help: String?) = ("", nil)
    private var promptCString: UnsafeMutablePointer<CChar>?
    /// Called with the text before the cursor to complete it.
    var completer: ((String) -> Completion.Result)?

    /// History entries, oldest first, for the prefix search.
    var entries: [String] = []
    /// The prefix search under way (Up/Down), if any.
    var search: HistorySearch?
    /// Text to write above the prompt at the next redraw (a completion list).
    var aboveText: String?
    /// Set by the show key: the next redraw writes the waiting output first.
    var showOutputAtRedraw = false
    /// Set when the window changed size: the show key then redraws.
    var redrawForResize = false
    /// Set after a resize: the next redraw first clears the screen below the prompt.
    var clearBelowAtRedraw = false
    /// Bytes read from standard input and not yet handed to libedit.
    var input = UTF8Input()
    /// Whether the characters handed to libedit are inside an escape sequence (an arrow
    /// key's `ESC [ A`), which a show key must not split.
    var escape = EscapeTracker()

    /// The editor libedit's callbacks (C function pointers, which capture nothing) reach.
    /// Unchecked: set and read on the main thread only, where libedit runs.
    nonisolated(unsafe) static var current: LineEditor?
    /// Set by the SIGWINCH handler, read and cleared by the main thread between reads: a
    /// `sig_atomic_t`, the one type a handler may store to.
    nonisolated(unsafe) static var windowChanged: sig_atomic_t = 0

    init(program: String, historyPath: String?, output: TerminalOutput?) {
        setlocale(LC_ALL, "")
        self.historyPath = historyPath
        self.output = output
        LineEditor.installResizeHandler()
        el = el_init(program, dist_stdin(), dist_stdout(), dist_stderr())
        hist = history_init()
        _ = dist_history_setsize(hist, &event, 1000)
        _ = dist_history_setunique(hist, &event, 1)
        if let historyPath { _ = dist_history_load(hist, &event, historyPath) }
        entries = loadEntries()
        _ = dist_el_set_hist(el, hist)
        _ = dist_el_set_editor(el, "emacs")
        _ = dist_el_set_signal(el, 1)
        _ = dist_el_set_prompt(el, { _ in LineEditor.current?.promptForRedraw() })
        _ = dist_el_set_getcfn(el, { _, cp in
            guard let cp, let editor = LineEditor.current else { return -1 }
            return editor.readCharacter(cp)
        })
        avoidMarginWrapping()
        bindKeys()
        LineEditor.current = self
    }

    deinit {
        history_end(hist)
        el_end(el)
        free(promptCString)
    }

    /// Reads one line. `prompt` is shown first; `helpPrompt`, when given, replaces it after
    /// `?` at the start of the line. Both are plain text, coloured with the given escapes.
    func readLine(prompt: String, colour: String? = nil, helpPrompt: String? = nil, helpColour: String? = nil) -> Result {
        prompts = (LineEditor.libeditPrompt(prompt, colour), helpPrompt.map { LineEditor.libeditPrompt($0, helpColour) })
        setMode(.normal)
        search = nil
        var count: Int32 = 0
        errno = 0
        output?.beginHolding()
        // Editing mode before the prompt is drawn (libedit would switch only at its first
        // read): keys typed as the prompt appears are not echoed by the terminal as well.
        _ = dist_el_prep_term(el, 1)
        let cstr = el_gets(el, &count)
        let failure = errno
        output?.endHolding()
        guard let cstr, count > 0 else {
            if count == 0 { return .endOfInput }
            if failure == EINTR || dist_interrupt_pending() != 0 {
                el_reset(el)
                return .interrupted
            }
            return .endOfInput
        }
        var s = String(cString: cstr)
        if s.hasSuffix("\n") { s.removeLast() }
        return .line(s)
    }

    /// Switches between `dist> ` and `help?> `.
    func setMode(_ m: Mode) {
        mode = m
        let p = m == .help ? (prompts.help ?? prompts.normal) : prompts.normal
        free(promptCString)
        promptCString = strdup(p)
    }

    /// The prompt as libedit wants it: escape sequences between `\1`s, each attached to a
    /// visible character after it. (libedit drops a sequence at the very end of a prompt, so
    /// the colour is reset before the prompt's last character, its space: with the reset at
    /// the end, everything typed after the first prompt would stay bold green.)
    static func libeditPrompt(_ text: String, _ colour: String?) -> String {
        guard let colour, let last = text.last else { return text }
        return "\u{1}" + colour + "\u{1}" + text.dropLast() + "\u{1}" + TerminalStyle.reset + "\u{1}" + String(last)
    }

    /// Called by libedit whenever it draws the prompt; first writes what is waiting to be
    /// shown above it. libedit has just cleared its lines and put the cursor where the prompt
    /// starts, so these lines take the prompt's place and the prompt follows them.
    private func promptForRedraw() -> UnsafeMutablePointer<CChar>? {
        if clearBelowAtRedraw {
            // after a resize libedit clears only the first row of what it drew
            clearBelowAtRedraw = false
            if let cd = dist_el_gettc_string(el, "cd") {
                fflush(nil)
                TerminalOutput.writeAll(1, String(cString: cd))
            }
        }
        if let text = aboveText {
            aboveText = nil
            fflush(nil)
            TerminalOutput.writeAll(1, text)
        }
        if showOutputAtRedraw, let output {
            showOutputAtRedraw = false
            fflush(nil)
            for chunk in output.takeShowable() { TerminalOutput.writeAll(chunk.fd, chunk.text) }
        }
        return promptCString
    }

    /// The prompt as it appears on the screen (escapes kept, `\1` markers removed).
    var visiblePrompt: String {
        (promptCString.map { String(cString: $0) } ?? "").replacingOccurrences(of: "\u{1}", with: "")
    }

    // MARK: History

    /// Adds an entry to the history and saves it.
    func addHistory(_ entry: String) {
        guard !entry.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        _ = dist_history_enter(hist, &event, entry)
        if entries.last != entry { entries.append(entry) }
        if let historyPath { _ = dist_history_save(hist, &event, historyPath) }
    }

    /// The history's entries, oldest first.
    private func loadEntries() -> [String] {
        var newestFirst: [String] = []
        var rc = dist_history_first(hist, &event)
        while rc == 0, let s = event.str {
            newestFirst.append(String(cString: s))
            rc = dist_history_next(hist, &event)
        }
        return newestFirst.reversed()
    }

    // MARK: Window size

    /// libedit mis-draws a line wrapped over several rows when it edits the middle of it
    /// with the terminal's insert and delete of characters: it shifts a row's text with them,
    /// forgets what the shift pushed across the right margin on an xterm (automatic margins
    /// with the "newline glitch", terminfo `am` and `xenl`), and goes on counting columns on
    /// a row it has left, so the rows below come out shifted or erased. Without those
    /// capabilities it rewrites the rest of the line instead, which it does right.
    private func avoidMarginWrapping() {
        for cap in ["im", "ic", "IC", "ei", "ip", "dc", "DC", "dm", "ed"] { _ = dist_el_settc(el, cap, "") }
    }

    /// SIGWINCH sets a flag (libedit's own handler resizes only once per line, then hands the
    /// signal on to the handler that was there before it: this one). `SA_RESTART` spares the
    /// other threads' system calls; `poll`, which the editor waits in, is never restarted, so
    /// the editor still wakes up.
    private static func installResizeHandler() {
        windowChanged = 0
        var sa = sigaction()
        sa.__sigaction_handler.sa_handler = { _ in LineEditor.windowChanged = 1 }
        sigemptyset(&sa.sa_mask)
        sa.sa_flags = SA_RESTART
        sigaction(SIGWINCH, &sa, nil)
    }
}
