/// Renders a docstring's Markdown for the terminal the way Julia's REPL does: a margin of two
/// spaces, paragraphs wrapped to the width, code (indented blocks, fenced blocks and `inline`)
/// in cyan, headers in bold and underlined with `≡`, list items with `•`.
extension Help {
    static let margin = "  "

    private enum Block {
        case paragraph([String])
        case code([String])
        case header(Int, String)
        case item(String)
    }

    static func render(_ doc: String, colour: Bool, width: Int) -> String {
        let columns = max(20, width - margin.count)
        var out: [String] = []
        let all = blocks(doc)
        for (index, block) in all.enumerated() {
            switch block {
            case .paragraph(let lines):
                for line in wrap(lines.joined(separator: " "), columns, colour: colour) { out.append(margin + line) }
            case .code(let lines):
                for line in lines {
                    out.append(line.isEmpty ? "" : margin + (colour ? cyan + line + reset : line))
                }
            case .header(let level, let title):
                let text = title.replacingOccurrences(of: "`", with: "")
                let underline = String(repeating: level == 1 ? "≡" : level == 2 ? "=" : "–", count: min(text.count, columns))
                out.append(margin + (colour ? bold + text + reset : text))
                out.append(margin + underline)
            case .item(let text):
                let lines = wrap(text, columns - 4, colour: colour)
                for (i, line) in lines.enumerated() { out.append(margin + (i == 0 ? "  • " : "    ") + line) }
            }
            // a list's items follow each other; other blocks are separated by a blank line
            if case .item = block, index + 1 < all.count, case .item = all[index + 1] { continue }
            out.append("")
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    private static let cyan = "\u{1B}[36m", bold = "\u{1B}[1m", reset = "\u{1B}[0m"

    /// Splits a docstring into blocks: blank lines end paragraphs; four spaces of indentation
    /// or a ``` fence make code; `#` starts a header; `- ` or `* ` an item of a list.
    private static func blocks(_ doc: String) -> [Block] {
        var result: [Block] = []
        var paragraph: [String] = []
        var code: [String]? = nil
        var fenced = false
        func endParagraph() {
            if !paragraph.isEmpty { result.append(.paragraph(paragraph)) }
            paragraph = []
        }
        func endCode() {
            if var c = code {
                while c.last == "" { c.removeLast() }
                if !c.isEmpty { result.append(.code(c)) }
            }
            code = nil
        }
        for raw in doc.components(separatedBy: "\n") {
            let line = raw.replacingOccurrences(of: "\t", with: "    ")
            if fenced {
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                    fenced = false
                    endCode()
                } else {
                    code?.append(line)
                }
                continue
            }
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                endParagraph()
                endCode()
                fenced = true
                code = []
                continue
            }
            if line.hasPrefix("    ") && (code != nil || paragraph.isEmpty) {
                endParagraph()
                if code == nil { code = [] }
                code?.append(String(line.dropFirst(4)))
                continue
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if code != nil { code?.append("") } else { endParagraph() }
                continue
            }
            endCode()
            if line.hasPrefix("#") {
                endParagraph()
                let level = line.prefix(while: { $0 == "#" }).count
                result.append(.header(level, line.dropFirst(level).trimmingCharacters(in: .whitespaces)))
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                endParagraph()
                result.append(.item(String(line.dropFirst(2))))
            } else if line.hasPrefix("  "), paragraph.isEmpty, case .item(let text)? = result.last {
                // a list item's continuation line
                result[result.count - 1] = .item(text + " " + line.trimmingCharacters(in: .whitespaces))
            } else {
                paragraph.append(line.trimmingCharacters(in: .whitespaces))
            }
        }
        endParagraph()
        endCode()
        return result
    }

    /// Wraps text to `width` visible columns; `code` spans lose their backticks (and are
    /// cyan with colour), `**bold**` loses its stars.
    private static func wrap(_ text: String, _ width: Int, colour: Bool) -> [String] {
        var lines: [String] = []
        var line = "", lineWidth = 0
        var inCode = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var rendered = colour && inCode ? cyan : ""
            var visible = 0
            var chars = Substring(word)
            if !chars.contains("`") { chars = Substring(chars.replacingOccurrences(of: "**", with: "")) }
            for c in chars {
                if c == "`" {
                    inCode.toggle()
                    if colour { rendered += inCode ? cyan : reset }
                    continue
                }
                rendered.append(c)
                visible += 1
            }
            if colour && inCode { rendered += reset }
            if lineWidth > 0 && lineWidth + 1 + visible > width {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            if lineWidth > 0 {
                line += " "
                lineWidth += 1
            }
            line += rendered
            lineWidth += visible
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
