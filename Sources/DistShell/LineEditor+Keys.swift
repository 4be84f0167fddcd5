@preconcurrency import CEditline
import Foundation

/// The REPL's key bindings on top of libedit's emacs map, and the functions behind them.
extension LineEditor {
    /// libedit's return codes, as the bound functions return them.
    private static let norm = UInt8(CC_NORM), refresh = UInt8(CC_REFRESH), redisplay = UInt8(CC_REDISPLAY)
    private static let beep = UInt8(CC_REFRESH_BEEP), failed = UInt8(CC_ERROR)

    func bindKeys() {
        func add(_ name: String, _ help: String, _ f: dist_el_command_fn) { _ = dist_el_add_fn(el, name, help, f) }
        add("dist-complete", "Complete a name, a path or a LaTeX name", { e, _ in
            LineEditor.current?.complete(e) ?? LineEditor.failed
        })
        add("dist-show-output", "Show the output that arrived above the prompt", { _, _ in
            LineEditor.current?.showOutput() ?? LineEditor.norm
        })
        add("dist-help-mode", "? at the start of the line: the help?> prompt", { e, c in
            LineEditor.current?.questionMark(e, c) ?? LineEditor.failed
        })
        add("dist-backspace", "Delete the character before the cursor, or leave help mode", { e, _ in
            LineEditor.current?.backspace(e) ?? LineEditor.failed
        })
        add("dist-history-prefix-prev", "The previous history entry starting with the text before the cursor", { e, _ in
            LineEditor.current?.searchHistory(e, backwards: true) ?? LineEditor.failed
        })
        add("dist-history-prefix-next", "The next history entry starting with the text before the cursor", { e, _ in
            LineEditor.current?.searchHistory(e, backwards: false) ?? LineEditor.failed
        })
        let bindings: [(String, String)] = [
            ("^I", "dist-complete"),
            ("^\\", "dist-show-output"),
            ("?", "dist-help-mode"),
            ("^?", "dist-backspace"), ("^H", "dist-backspace"),
            // Up and Down, in the terminal's normal and application modes
            ("\u{1B}[A", "dist-history-prefix-prev"), ("\u{1B}OA", "dist-history-prefix-prev"),
            ("\u{1B}[B", "dist-history-prefix-next"), ("\u{1B}OB", "dist-history-prefix-next"),
            // Ctrl-Left/Right (xterm, older xterm, rxvt) and Alt-Left/Right: by words
            ("\u{1B}[1;5D", "ed-prev-word"), ("\u{1B}[5D", "ed-prev-word"), ("\u{1B}Od", "ed-prev-word"),
            ("\u{1B}[1;3D", "ed-prev-word"),
            ("\u{1B}[1;5C", "em-next-word"), ("\u{1B}[5C", "em-next-word"), ("\u{1B}Oc", "em-next-word"),
            ("\u{1B}[1;3C", "em-next-word"),
            // Home, End and Delete as the common terminals send them
            ("\u{1B}[H", "ed-move-to-beg"), ("\u{1B}OH", "ed-move-to-beg"), ("\u{1B}[1~", "ed-move-to-beg"),
            ("\u{1B}[F", "ed-move-to-end"), ("\u{1B}OF", "ed-move-to-end"), ("\u{1B}[4~", "ed-move-to-end"),
            ("\u{1B}[3~", "ed-delete-next-char"),
        ]
        for (key, fn) in bindings { _ = dist_el_bind(el, key, fn) }
    }

    // MARK: Output and resizing

    /// The show key: redraw the prompt, writing the waiting output first (see
    /// `promptForRedraw`), or after a change of window size.
    fileprivate func showOutput() -> UInt8 {
        if redrawForResize {
            redrawForResize = false
            clearBelowAtRedraw = true
            return LineEditor.redisplay
        }
        return showOutputAtRedraw ? LineEditor.redisplay : LineEditor.norm
    }

    // MARK: Help mode

    /// `?` on an empty line switches to the `help?> ` prompt, as in Julia; elsewhere it is
    /// just a character.
    fileprivate func questionMark(_ e: OpaquePointer?, _ c: Int32) -> UInt8 {
        guard let e, let info = el_line(e)?.pointee else { return LineEditor.failed }
        if mode == .normal, info.buffer == info.lastchar, prompts.help != nil {
            setMode(.help)
            return LineEditor.redisplay
        }
        el_insertstr(e, "?")
        return LineEditor.refresh
    }

    /// Backspace: at the start of an empty `help?> ` line, back to `dist> `.
    fileprivate func backspace(_ e: OpaquePointer?) -> UInt8 {
        guard let e, let info = el_line(e)?.pointee else { return LineEditor.failed }
        if mode == .help, info.buffer == info.lastchar {
            setMode(.normal)
            return LineEditor.redisplay
        }
        if info.cursor == info.buffer { return LineEditor.beep }
        el_deletestr(e, 1)
        return LineEditor.refresh
    }

    // MARK: History by prefix

    /// Up (backwards) or Down: the nearest entry that starts with the text that was before the
    /// cursor when the search began, as Julia's REPL does; Down past the newest brings back
    /// the line as it was typed. Other keys end the search.
    fileprivate func searchHistory(_ e: OpaquePointer?, backwards: Bool) -> UInt8 {
        guard let e, let info = el_line(e)?.pointee else { return LineEditor.failed }
        let line = LineEditor.text(info.buffer, info.lastchar)
        if search == nil || search?.shown != line {
            guard backwards else { return LineEditor.beep }
            search = HistorySearch(prefix: LineEditor.text(info.buffer, info.cursor), typed: line, index: entries.count, shown: line)
        }
        guard var s = search else { return LineEditor.failed }
        var i = s.index
        while true {
            i += backwards ? -1 : 1
            if i < 0 { return LineEditor.beep }
            if i >= entries.count {
                s.index = entries.count
                s.shown = s.typed
                break
            }
            if entries[i].hasPrefix(s.prefix) && entries[i] != line {
                s.index = i
                s.shown = entries[i]
                break
            }
        }
        search = s
        replaceLine(e, info, with: s.shown)
        return LineEditor.refresh
    }

    /// Replaces the whole line, leaving the cursor at its end.
    private func replaceLine(_ e: OpaquePointer, _ info: LineInfo, with text: String) {
        let after = LineEditor.text(info.cursor, info.lastchar).unicodeScalars.count
        let all = LineEditor.text(info.buffer, info.lastchar).unicodeScalars.count
        _ = el_cursor(e, Int32(after))
        el_deletestr(e, Int32(all))
        if !text.isEmpty { _ = el_insertstr(e, text) }
    }

    static func text(_ from: UnsafePointer<CChar>?, _ to: UnsafePointer<CChar>?) -> String {
        guard let from, let to, to > from else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: from, count: to - from), as: UTF8.self)
    }

    // MARK: Completion

    /// Tab: completes the word before the cursor as far as the candidates agree; with several
    /// left, lists them below the line (as readline does) and redraws the prompt after them.
    fileprivate func complete(_ e: OpaquePointer?) -> UInt8 {
        guard let e, let info = el_line(e)?.pointee, let completer else { return LineEditor.failed }
        let before = LineEditor.text(info.buffer, info.cursor)
        let result = completer(before)
        if let replacement = result.replacement {
            el_deletestr(e, Int32(result.word.unicodeScalars.count))
            _ = el_insertstr(e, replacement)
            return LineEditor.refresh
        }
        let candidates = result.candidates
        if candidates.isEmpty { return LineEditor.beep }
        let prefix = LineEditor.commonPrefix(candidates)
        if prefix.count > result.word.count {
            _ = el_insertstr(e, String(prefix.dropFirst(result.word.count)))
            return LineEditor.refresh
        }
        if candidates.count == 1 { return LineEditor.norm }
        let columns = Terminal.windowSize()?.columns ?? 80
        let width = (candidates.map { $0.count }.max() ?? 0) + 2
        let perLine = max(1, columns / width)
        var list = ""
        for (i, c) in candidates.enumerated() {
            let last = (i + 1) % perLine == 0 || i == candidates.count - 1
            list += last ? c + "\n" : c.padding(toLength: width, withPad: " ", startingAt: 0)
        }
        aboveText = visiblePrompt + LineEditor.text(info.buffer, info.lastchar) + "\n" + list
        return LineEditor.redisplay
    }

    static func commonPrefix(_ xs: [String]) -> String {
        guard var p = xs.first else { return "" }
        for x in xs.dropFirst() {
            while !x.hasPrefix(p) { p.removeLast() }
        }
        return p
    }
}

/// A search of the history by prefix, between two presses of Up or Down.
struct HistorySearch {
    /// What the entries must start with.
    var prefix: String
    /// The line as typed before the search.
    var typed: String
    /// The entry shown (`entries.count` for the typed line).
    var index: Int
    /// The text shown: a different line means the user edited it and the search is over.
    var shown: String
}
