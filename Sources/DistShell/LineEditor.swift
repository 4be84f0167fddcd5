@preconcurrency import CEditline
import Foundation

/// Line editing on a terminal through libedit: history, key bindings, tab completion.
///
/// Ctrl-C at the prompt returns `.interrupted` (the line is dropped); Ctrl-D on an empty line
/// returns `.endOfInput`.
final class LineEditor {
    enum Result { case line(String), interrupted, endOfInput }

    private let el: OpaquePointer
    private let hist: OpaquePointer
    private var event = HistEvent()
    /// Where history is loaded from and saved to; nil keeps it in memory only.
    private let historyPath: String?
    fileprivate var prompt: String = ""
    fileprivate var promptCString: UnsafeMutablePointer<CChar>?
    /// Called with (text before the cursor) to get completions: the replacement for the
    /// word being completed and the candidates.
    var completer: ((String) -> (word: String, candidates: [String]))?

    nonisolated(unsafe) fileprivate static var current: LineEditor?

    init(program: String, historyPath: String?) {
        setlocale(LC_ALL, "")
        self.historyPath = historyPath
        el = el_init(program, dist_stdin(), dist_stdout(), dist_stderr())
        hist = history_init()
        _ = dist_history_setsize(hist, &event, 1000)
        _ = dist_history_setunique(hist, &event, 1)
        if let historyPath { _ = dist_history_load(hist, &event, historyPath) }
        _ = dist_el_set_hist(el, hist)
        _ = dist_el_set_editor(el, "emacs")
        _ = dist_el_set_signal(el, 1)
        _ = dist_el_set_prompt(el, { _ in LineEditor.current?.promptCString })
        _ = dist_el_add_fn(el, "dist-complete", "Complete a name or path", { e, _ in
            LineEditor.current?.complete(e) ?? UInt8(CC_ERROR)
        })
        _ = dist_el_bind(el, "^I", "dist-complete")
        LineEditor.current = self
    }

    deinit {
        history_end(hist)
        el_end(el)
        free(promptCString)
    }

    /// Reads one line with the given prompt.
    func readLine(prompt p: String) -> Result {
        free(promptCString)
        promptCString = strdup(p)
        var count: Int32 = 0
        errno = 0
        guard let cstr = el_gets(el, &count) else {
            if count == -1 || errno == EINTR {
                el_reset(el)
                return .interrupted
            }
            return .endOfInput
        }
        if count < 0 {
            el_reset(el)
            return .interrupted
        }
        var s = String(cString: cstr)
        if s.hasSuffix("\n") { s.removeLast() }
        return .line(s)
    }

    /// Adds an entry to the history and saves it.
    func addHistory(_ entry: String) {
        guard !entry.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        _ = dist_history_enter(hist, &event, entry)
        if let historyPath { _ = dist_history_save(hist, &event, historyPath) }
    }

    fileprivate func complete(_ e: OpaquePointer?) -> UInt8 {
        guard let e = e, let info = el_line(e)?.pointee, let completer = completer else { return UInt8(CC_ERROR) }
        let len = info.cursor - info.buffer
        let before = String(decoding: UnsafeRawBufferPointer(start: info.buffer, count: len), as: UTF8.self)
        let (word, candidates) = completer(before)
        if candidates.isEmpty { return UInt8(CC_REFRESH_BEEP) }
        let prefix = LineEditor.commonPrefix(candidates)
        if prefix.count > word.count {
            let insertion = String(prefix.dropFirst(word.count))
            el_insertstr(e, insertion)
            if candidates.count == 1, !insertion.hasSuffix("/") && !insertion.hasSuffix("\"") { return UInt8(CC_REDISPLAY) }
            return UInt8(CC_REDISPLAY)
        }
        if candidates.count > 1 {
            // show the choices below the line, then redraw the prompt
            let width = (candidates.map { $0.count }.max() ?? 0) + 2
            let perLine = max(1, 80 / width)
            var out = "\n"
            for (i, c) in candidates.enumerated() {
                out += c.padding(toLength: width, withPad: " ", startingAt: 0)
                if (i + 1) % perLine == 0 { out += "\n" }
            }
            if !out.hasSuffix("\n") { out += "\n" }
            fputs(out, stdout)
            fflush(stdout)
            return UInt8(CC_REDISPLAY)
        }
        return UInt8(CC_REFRESH)
    }

    static func commonPrefix(_ xs: [String]) -> String {
        guard var p = xs.first else { return "" }
        for x in xs.dropFirst() {
            while !x.hasPrefix(p) { p.removeLast() }
        }
        return p
    }
}
