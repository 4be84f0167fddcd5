/// A syntax error: where it is and what is wrong, in Julia's words.
///
/// `incomplete` is not a failure in the REPL: it means the input ended inside an open
/// construct (a block, a bracket, a string), and the REPL asks for another line.
public struct SyntaxError: Error, CustomStringConvertible {
    /// The message, without the `syntax: ` prefix.
    public let message: String
    /// Where the error was found.
    public let location: SourceLocation
    /// True when the input ended before a construct was closed.
    public let incomplete: Bool

    public init(_ message: String, at location: SourceLocation, incomplete: Bool = false) {
        self.message = message
        self.location = location
        self.incomplete = incomplete
    }

    /// `syntax: <message> (at line L, column C)`, the text after `ERROR: `.
    public var description: String {
        location.line > 0 ? "syntax: \(message) (at \(location))" : "syntax: \(message)"
    }
}
