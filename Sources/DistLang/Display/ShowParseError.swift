import DistSyntax

/// Syntax errors as Julia 1.10 shows them.
extension SyntaxError {
    /// A parse error in JuliaSyntax's words: `ParseError:`, then `# Error @ file:line:column`,
    /// the source line (after the one before it, for context) and a marker under the column
    /// with the message. `firstLine` is the line number of the source's first line (piped
    /// input counts lines from the start of the input, not of the statement).
    public func parseErrorText(source: String, file: String, firstLine: Int = 1) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let index = location.line - firstLine
        guard location.line > 0, index >= 0, index < lines.count else {
            return "ParseError:\n# Error @ \(file)\n" + message
        }
        let text = lines[index].hasSuffix("\r") ? lines[index].dropLast() : lines[index]
        var out = "ParseError:\n# Error @ \(file):\(location.line):\(location.column)\n"
        if index > 0 { out += lines[index - 1] + "\n" }
        out += text + "\n"
        // whitespace as wide as the text before the column, its first character a `#`
        var indent = String(text.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " })
        if let first = indent.first, first != "\t" { indent = "#" + indent.dropFirst() }
        let mark = location.column - 1 < text.count ? "╙" : "└"
        return out + indent + mark + " ── " + message
    }

    /// An error found after parsing (a lowering error in Julia): `syntax: message around
    /// file:line`.
    public func loweringErrorText(file: String) -> String {
        location.line > 0 ? "syntax: \(message) around \(file):\(location.line)" : "syntax: \(message)"
    }
}
