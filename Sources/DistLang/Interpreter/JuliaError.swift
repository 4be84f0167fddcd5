import DistSyntax

/// A Julia exception in flight: any value can be thrown (`throw(x)`), usually an instance of
/// an exception type such as `ErrorException` or `BoundsError`.
///
/// Every error the interpreter raises is one of these, so `try … catch e` sees them all.
public struct JuliaError: Error {
    /// The exception value.
    public let value: Value
    /// Where it happened: filled in as the error unwinds through statements and calls (nil
    /// until then, and for errors that never ran through code).
    public var backtrace: Backtrace?

    public init(_ value: Value) { self.value = value }

    public init(_ value: Value, backtrace: Backtrace?) {
        self.value = value
        self.backtrace = backtrace
    }

    /// The exception's type.
    public var type: JType? {
        if case .obj(let o) = value, let s = o as? JStruct { return s.type }
        return nil
    }

    /// True when the exception is an instance of `t`.
    public func isa(_ t: JType) -> Bool { type === t }

    @inline(never) public static func make(_ t: JType, _ fields: [Value]) -> JuliaError {
        JuliaError(.obj(JStruct(t, fields)))
    }

    /// `error(msg)`: an `ErrorException`.
    @inline(never) public static func error(_ msg: String) -> JuliaError { make(.errorException, [.string(msg)]) }
    /// `ArgumentError(msg)`.
    @inline(never) public static func argument(_ msg: String) -> JuliaError { make(.argumentError, [.string(msg)]) }
    /// `UndefVarError(name)`.
    @inline(never) public static func undefVar(_ name: JSym) -> JuliaError { make(.undefVarError, [.sym(name)]) }
    /// `UndefVarError(name)` from a string.
    @inline(never) public static func undefVar(_ name: String) -> JuliaError { undefVar(JSym.intern(name)) }
    /// `BoundsError(a, i)`.
    @inline(never) public static func bounds(_ a: Value, _ i: [Value]) -> JuliaError { make(.boundsError, [a, .tuple(i)]) }
    /// `MethodError(f, args)`.
    @inline(never) public static func method(_ f: Value, _ args: [Value]) -> JuliaError { make(.methodError, [f, .tuple(args)]) }
    /// `MethodError` for a function known only by name.
    @inline(never) public static func method(_ name: String, _ args: [Value]) -> JuliaError {
        make(.methodError, [.sym(JSym.intern(name)), .tuple(args)])
    }
    /// `DivideError()`.
    public static let divide = make(.divideError, [])
    /// `DomainError(val, msg)`.
    @inline(never) public static func domain(_ v: Value, _ msg: String) -> JuliaError { make(.domainError, [v, .string(msg)]) }
    /// `KeyError(key)`.
    @inline(never) public static func key(_ k: Value) -> JuliaError { make(.keyError, [k]) }
    /// `InexactError(func, T, val)`.
    @inline(never) public static func inexact(_ f: String, _ t: JType, _ v: Value) -> JuliaError {
        make(.inexactError, [.sym(JSym.intern(f)), .type(t), v])
    }
    /// `OverflowError(msg)`.
    @inline(never) public static func overflow(_ msg: String) -> JuliaError { make(.overflowError, [.string(msg)]) }
    /// `StackOverflowError()`.
    public static let stackOverflow = make(.stackOverflowError, [])
    /// `OutOfMemoryError()`: an allocation the system refused (a size that came from the program).
    public static let outOfMemory = make(.outOfMemoryError, [])
    /// `InterruptException()`.
    public static let interrupt = make(.interruptException, [])
    /// `DimensionMismatch(msg)`.
    @inline(never) public static func dimensionMismatch(_ msg: String) -> JuliaError { make(.dimensionMismatch, [.string(msg)]) }
    /// `TypeError` for a value of the wrong type.
    @inline(never) public static func type(_ fn: String, _ context: String, expected: JType, got: Value) -> JuliaError {
        make(.typeError, [.sym(JSym.intern(fn)), .string(context), .type(expected), got])
    }
    /// `InvalidStateException(msg, state)`.
    @inline(never) public static func invalidState(_ msg: String, _ state: String) -> JuliaError {
        make(.invalidStateException, [.string(msg), .sym(JSym.intern(state))])
    }
    /// `UndefRefError()`.
    public static let undefRef = make(.undefRefError, [])
    /// `EOFError()`.
    public static let eof = make(.eofError, [])
    /// `ProcessExitedException(pid)`.
    @inline(never) public static func processExited(_ pid: Int) -> JuliaError { make(.processExitedException, [.int(Int64(pid))]) }
    /// `SystemError(prefix, errno)`.
    @inline(never) public static func system(_ prefix: String, _ errno: Int32) -> JuliaError {
        make(.systemError, [.string(prefix), .int(Int64(errno))])
    }
    /// A syntax error found after parsing (in lowering), in code from `file`.
    @inline(never) public static func syntax(_ e: SyntaxError, file: String) -> JuliaError {
        make(.syntaxError, [.string(e.loweringErrorText(file: file))])
    }
    /// A parse error in `source` (from `file`, its first line numbered `firstLine`).
    @inline(never) public static func parse(_ e: SyntaxError, source: String, file: String, firstLine: Int = 1) -> JuliaError {
        make(.syntaxError, [.string(e.parseErrorText(source: source, file: file, firstLine: firstLine))])
    }
    /// `RemoteException(pid, CapturedException(ex, backtrace))`: `backtrace` holds the
    /// `StackFrame`s of where `ex` happened (none when not known).
    @inline(never) public static func remote(pid: Int, _ ex: Value, backtrace: JArray? = nil) -> JuliaError {
        let captured = Value.obj(JStruct(.capturedException, [ex, .arr(backtrace ?? JArray(eltype: .any, dims: Dims(0)))]))
        return make(.remoteException, [.int(Int64(pid)), captured])
    }
}
