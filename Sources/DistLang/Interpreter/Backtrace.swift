/// Where an error happened: the frames it unwound through, innermost first.
///
/// Nothing is recorded while code runs normally, so calls cost nothing extra: a block that sees
/// a statement fail notes that statement's line (`pendingLine`, the innermost one wins), and a
/// method call or top-level statement that sees its body fail closes a frame with the function,
/// its arguments' types and that line. The lines come from the resolved tree (`IR.located`,
/// `Lambda.line`), so code shipped to a worker reports its lines there too.
public final class Backtrace {
    /// One frame: a method call (with its arguments' types) or a top-level statement.
    public struct Frame {
        /// The lambda that ran: its name, module, file and parameters.
        public let lambda: Lambda
        /// The types of the positional arguments, then of the keyword arguments.
        public let types: [JType]
        public let line: Int
        /// How many times the frame repeats in a row (a recursion): kept once, counted.
        public internal(set) var repeats = 1

        public var isToplevel: Bool { lambda.isToplevel }
    }

    /// The frames, innermost first (at most `maxFrames`; `omitted` counts the rest).
    public private(set) var frames: [Frame] = []
    public private(set) var omitted = 0
    /// The line of the innermost failing statement of the frame being unwound.
    var pendingLine: Int32 = 0

    /// Frames kept, beyond repeats (a deep mutual recursion unwinds thousands).
    static let maxFrames = 100

    init() {}

    func append(_ f: Frame) {
        pendingLine = 0
        if let last = frames.last, last.lambda === f.lambda, last.line == f.line,
           last.types.count == f.types.count, zip(last.types, f.types).allSatisfy({ $0 === $1 }) {
            frames[frames.count - 1].repeats += 1
        } else if frames.count < Backtrace.maxFrames || f.isToplevel {
            frames.append(f)
        } else {
            omitted += 1
        }
    }

    /// The first (outermost) top-level frame: the statement that was running.
    public var toplevel: Frame? { frames.last { $0.isToplevel } }

    /// `error` with its backtrace started (a Swift error other than a `JuliaError` is returned
    /// unchanged).
    @inline(__always) static func start(_ error: Error) -> (JuliaError, Backtrace)? {
        guard var e = error as? JuliaError else { return nil }
        if let bt = e.backtrace { return (e, bt) }
        let bt = Backtrace()
        e.backtrace = bt
        return (e, bt)
    }

    /// Called by a block, branch or loop whose statement failed: the statement's line is the
    /// frame's, unless a statement nested deeper already gave it.
    @inline(never) static func failed(_ error: Error, in statement: Node) -> Error {
        let line = statement.line
        guard line != 0, let (e, bt) = start(error) else { return error }
        if bt.pendingLine == 0 { bt.pendingLine = line }
        return e
    }

    /// Called when a method's body failed: closes its frame. The arguments are still in the
    /// frame (`t.fp`).
    @inline(never) static func leaving(_ error: Error, _ code: CompiledLambda, _ t: Ctx) -> Error {
        guard let (e, bt) = start(error) else { return error }
        let l = code.lambda
        var types: [JType] = []
        let rt = t.runtime
        func type(_ slot: Int) -> JType {
            var v = t.fp[slot]
            if case .obj(let o) = v, let box = o as? Box { v = box.value }
            return rt.typeOf(v)
        }
        for p in l.params { types.append(type(p.local.slot)) }
        for k in l.kwParams { types.append(type(k.local.slot)) }
        bt.append(Frame(lambda: l, types: types, line: Int(bt.pendingLine != 0 ? bt.pendingLine : l.line)))
        return e
    }

    /// Called when a top-level statement failed.
    @inline(never) static func leavingToplevel(_ error: Error, _ l: Lambda) -> Error {
        guard let (e, bt) = start(error) else { return error }
        bt.append(Frame(lambda: l, types: [], line: Int(bt.pendingLine != 0 ? bt.pendingLine : l.line)))
        return e
    }
}
