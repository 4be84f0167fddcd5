/// What can go wrong reading the wire format.
public enum WireError: Error, CustomStringConvertible {
    /// The data ended in the middle of a value.
    case truncated
    /// A tag or kind that this version does not know.
    case badTag(String, UInt8)
    /// Structurally invalid data (a negative length, an impossible size).
    case malformed(String)
    /// A name the receiving process does not define (a function, type or module).
    case undefined(JuliaErrorValue)
    /// A value that cannot be sent (a task, a local channel's waiters, syntax).
    case unsendable(String)
    /// An exception (of the type named) that could not be decoded, and why (a name the
    /// receiver does not define), as Julia reports a remote exception it cannot deserialize.
    case undecodableException(String, JuliaErrorValue)

    public var description: String {
        switch self {
        case .truncated: return "truncated message"
        case .badTag(let what, let t): return "unknown \(what) tag \(t)"
        case .malformed(let m): return "malformed message: \(m)"
        case .undefined(let e): return "undefined: \(e.text)"
        case .unsendable(let m): return "cannot send \(m)"
        case .undecodableException(let t, let e): return "undecodable \(t): \(e.text)"
        }
    }
}

import DistLang

/// An interpreter error raised while decoding (so it can be reported as the call's error).
///
/// Sendable as `WireError`, an `Error`, must be: through `JuliaError`, itself an `Error`
/// (whose exception value the interpreter's thread makes and reads: decoding runs there).
public struct JuliaErrorValue: Sendable {
    public let error: JuliaError
    public let text: String
}
