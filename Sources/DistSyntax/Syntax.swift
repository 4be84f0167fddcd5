/// A node of the syntax tree the parser produces: names are still names.
///
/// The resolver turns this tree into `IR`, where names have become slots, captured cells or
/// global references. Nodes are classes so that children are shared, not copied.
public final class Syn {
    /// What the node is.
    public let kind: SynKind
    /// Where it starts in the source.
    public let loc: SourceLocation

    public init(_ kind: SynKind, _ loc: SourceLocation) {
        self.kind = kind
        self.loc = loc
    }

    /// The identifier's name when the node is an identifier.
    public var identName: String? {
        if case .ident(let n) = kind { return n }
        return nil
    }
}

/// A parameter of a function or lambda: `x`, `x::Int`, `y=2`, `dims...`.
public struct Param {
    public var name: String
    public var type: Syn?
    public var defaultValue: Syn?
    public var isVararg: Bool
    /// For destructuring parameters `((a, b), c) -> …`: the tuple pattern.
    public var pattern: Syn?

    public init(name: String, type: Syn? = nil, defaultValue: Syn? = nil, isVararg: Bool = false, pattern: Syn? = nil) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.isVararg = isVararg
        self.pattern = pattern
    }
}

/// One `x in xs` (or `x = xs`) clause of a `for` loop or comprehension.
public struct Iteration {
    /// An identifier or a tuple of identifiers.
    public var target: Syn
    public var iterable: Syn

    public init(target: Syn, iterable: Syn) {
        self.target = target
        self.iterable = iterable
    }
}

/// A keyword argument at a call site: `name = value`, or `kws...` (name `...`).
public struct KeywordArg {
    public var name: String
    public var value: Syn
    /// The argument as written (`k::Int = 1`), which a definition reads as a parameter.
    public var raw: Syn?

    public init(name: String, value: Syn, raw: Syn? = nil) {
        self.name = name
        self.value = value
        self.raw = raw
    }
}

/// The kinds of syntax node.
public enum SynKind {
    case int(Int64)
    case float(Double)
    case string(String)
    case char(UInt32)
    case bool(Bool)
    /// A string with interpolation: string literals and expressions, in order.
    case interpolated([Syn])
    /// `:name`.
    case symbol(String)
    case ident(String)
    /// `end` inside an index expression.
    case endMarker
    /// `:` alone as an index.
    case colonAll
    /// `f(args...; kwargs...)`.
    case call(Syn, [Syn], [KeywordArg])
    /// `f.(args...)`.
    case dotCall(Syn, [Syn])
    /// An operator applied to operands: `a + b`, `-a`, `a .* b`, `a:b`, `a => b`, `x'`.
    case op(String, [Syn])
    /// A comparison chain `a < b <= c`: operands and operators.
    case comparison([Syn], [String])
    case and(Syn, Syn)
    case or(Syn, Syn)
    case ternary(Syn, Syn, Syn)
    case assign(Syn, Syn)
    /// `x op= y`; op is `+`, `.+`, …
    case opAssign(String, Syn, Syn)
    /// `x .= y`.
    case dotAssign(Syn, Syn)
    case tuple([Syn])
    case namedTuple([String], [Syn])
    /// `[a, b]`.
    case vect([Syn])
    /// `[a b]`.
    case hcat([Syn])
    /// `[a; b]`.
    case vcat([Syn])
    /// `[a b; c d]`: rows.
    case hvcat([[Syn]])
    /// `[e for x in xs, y in ys if c]`; `nested` for `[e for x in xs for y in f(x)]`, whose
    /// later iterables may use earlier variables and whose result is one flat vector.
    case comprehension(Syn, [Iteration], Syn?, nested: Bool)
    /// `(e for x in xs)`.
    case generator(Syn, [Iteration], Syn?, nested: Bool)
    /// `a[i, j]`; `T[a, b]` is also parsed as this and decided at run time.
    case ref(Syn, [Syn])
    /// `T[a b; c d]` and `T[e for x in xs]`: a typed matrix literal or comprehension.
    case typed(Syn, Syn)
    /// `T{P, Q}`.
    case curly(Syn, [Syn])
    /// `a.b`.
    case field(Syn, String)
    /// `x...`.
    case splat(Syn)
    /// `x::T`.
    case typeAssert(Syn, Syn)
    /// `x -> body`, `function (x) body end`.
    case lambda([Param], [Param], Syn)
    /// `function name(params; kwparams) body end` and `name(params) = body`.
    case function(name: Syn, params: [Param], kwparams: [Param], body: Syn, whereNames: [String])
    case block([Syn])
    case ifElse(Syn, Syn, Syn?)
    case whileLoop(Syn, Syn)
    case forLoop([Iteration], Syn)
    case breakStmt
    case continueStmt
    case returnStmt(Syn?)
    /// `let a = 1, b; body end`.
    case letBlock([Syn], Syn)
    /// `try body catch e; handler finally cleanup end`.
    case tryCatch(body: Syn, variable: String?, handler: Syn?, finally: Syn?)
    case global([Syn])
    case local([Syn])
    case const(Syn)
    /// `struct Name{T, N<:Integer} <: Super; fields; end` (`params`: the names, or `N <: B`).
    case structDef(name: String, params: [Syn], mutable: Bool, supertype: Syn?, fields: [Param], constructors: [Syn])
    /// `abstract type Name <: Super end`.
    case abstractDef(String, Syn?)
    case moduleDef(String, Syn)
    /// `using A, .B, B.C`: dotted paths (a leading `.` is kept as an empty first component).
    case using([[String]])
    /// `import A: x, y` or `import A.b`: path and optional names.
    case importStmt([String], [String])
    case export([String])
    /// `@name args...`.
    case macroCall(String, [Syn])
    /// `$x` inside a macro argument.
    case dollar(Syn)
    /// `:(expr)` quoting.
    case quote(Syn)
}
