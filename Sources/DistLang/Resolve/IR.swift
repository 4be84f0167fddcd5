import DistSyntax

/// The resolved tree: what the resolver produces, what closures carry to other processes,
/// and what the compiler turns into executable nodes.
///
/// Names are gone: a local variable is a slot of its lambda (`LocalVar`), a variable of an
/// enclosing function is an index into the closure's captured cells, and a global is a
/// `GlobalRef` (module path and name, looked up in whichever process runs the code). Operators
/// are an enum chosen here, not names looked up at run time.
public indirect enum IR {
    case literal(Value)
    /// A local of the current lambda (read through its box when captured).
    case local(LocalVar)
    /// Captured cell `i` of the running closure; the name is for error messages.
    case captured(Int, JSym)
    case global(GlobalRef)
    /// `target = value`; evaluates to the value.
    case assign(LValue, IR)
    /// `const name = value` at global scope.
    case declareConst(GlobalRef, IR)
    case block([IR])
    /// A statement of a source block and its line: the compiler keeps the lines beside the
    /// block's statements, for stack traces.
    case located(Int32, IR)
    case ifElse(IR, IR, IR)
    case and(IR, IR)
    case or(IR, IR)
    case whileLoop(IR, IR)
    /// `for target in iterable body end`; `fresh` are the loop-scoped locals, re-boxed on
    /// every iteration when closures capture them. `breaksOuter` marks the inner loops of
    /// `for i in a, j in b`, where `break` leaves the whole loop.
    case forLoop(LValue, IR, IR, fresh: [LocalVar], breaksOuter: Bool)
    case breakLoop
    case continueLoop
    case returnValue(IR)
    /// A call: callee, positional arguments (possibly `.splat`), keyword arguments.
    case call(IR, [IR], [KeywordIR])
    case splat(IR)
    /// A built-in operator; falls back to the operator's generic function.
    case op(Op, [IR])
    /// `f.(args)` and dotted operators.
    case broadcast(IR, [IR])
    /// `target .= value`.
    case dotAssign(LValue, IR)
    /// `a[i, j]`; `endVar` holds `a` when an index mentions `end`.
    case index(IR, [IR], endVar: LocalVar?)
    /// `end` inside an index: last index of dimension `dim` (1-based) of `ndims` indices.
    case endOf(LocalVar, dim: Int, ndims: Int)
    case field(IR, JSym)
    case tuple([IR])
    case namedTuple([JSym], [IR])
    case vect([IR])
    case hcat([IR])
    case vcat([IR])
    /// Rows of a matrix literal, by their lengths.
    case hvcat([Int], [IR])
    /// `T[…]` literals: the element type and the literal.
    case typedLiteral(IR, IR)
    case comprehension(Comprehension)
    /// Creates a closure from a lambda, capturing cells of the current frame.
    case lambda(Lambda)
    /// Adds a method to the function named by the target.
    case defineMethod(GlobalRef, Lambda, [IR?])
    /// `struct` / `mutable struct`.
    case defineStruct(StructDefinition)
    case defineAbstract(GlobalRef, IR?)
    /// `module name … end`: the body runs in the new module.
    case defineModule(JSym, Lambda)
    case using([[JSym]])
    case importNames([JSym], [JSym])
    case export([JSym])
    /// `try … catch e … finally … end`.
    case tryCatch(IR, LocalVar?, IR?, IR?)
    case typeAssert(IR, IR)
    /// `T{A, B}`.
    case curly(IR, [IR])
    /// A string with interpolations: the pieces are concatenated with `string`.
    case interpolate([IR])
    /// Re-creates the boxes of captured locals at the start of a scope.
    case freshBoxes([LocalVar])
    /// `@sync body`.
    case sync(IR)
    /// `@time`, `@elapsed`, `@allocated` and `@timed`.
    case timed(IR, TimingKind)
    /// `@show expr`: prints `text = value`.
    case show(String, IR)
    /// `@everywhere [procs] body`: resolved and shipped at run time (see `Everywhere`).
    case everywhere(Everywhere)
    /// `@isdefined name`: a local's assignment state or a global's existence.
    case isDefined(IR)
}

/// A keyword argument at a call site (`name = value`, or `kws...` when `name` is nil).
public struct KeywordIR {
    public let name: JSym?
    public let value: IR

    public init(name: JSym?, value: IR) {
        self.name = name
        self.value = value
    }
}

/// What `@time`-like macros report.
public enum TimingKind: UInt8 { case time, elapsed, allocated, timed }

/// The target of an assignment.
public indirect enum LValue {
    case local(LocalVar)
    case captured(Int, JSym)
    case global(GlobalRef)
    case index(IR, [IR], endVar: LocalVar?)
    case field(IR, JSym)
    /// Destructuring: `a, b = t`.
    case tuple([LValue])
    /// Discarded (`_`).
    case discard
}

/// A local variable of one lambda, after resolution.
public final class LocalVar {
    public let name: JSym
    /// Index in the lambda's frame.
    public let slot: Int
    /// Captured by an inner closure: the slot holds a `Box`.
    public var boxed: Bool
    /// `x::T` declaration: every assignment converts to `T`.
    public var declaredType: IR?

    public init(name: JSym, slot: Int, boxed: Bool = false, declaredType: IR? = nil) {
        self.name = name
        self.slot = slot
        self.boxed = boxed
        self.declaredType = declaredType
    }
}

/// A global variable by module and name, with the binding cached once found.
///
/// The cache is per process: shipped code decodes into new `GlobalRef`s.
public final class GlobalRef {
    /// The module's path from `Main` (`[]` is Main itself, `["DummyModule"]` a submodule).
    public let module: [JSym]
    public let name: JSym
    /// The binding, once looked up.
    public var binding: Binding?

    public init(module: [JSym], name: JSym) {
        self.module = module
        self.name = name
    }
}

/// The built-in operators, chosen at resolution time.
public enum Op: UInt8, CaseIterable {
    case add, sub, mul, div, rem, idiv, pow, ldiv, neg, plus, not
    case eq, ne, lt, le, gt, ge, identical, notIdentical, approx
    case bitAnd, bitOr, bitXor, shl, shr, lshr, bitNot
    case isIn, notIn, isa, subtype, supertype, colon, pair, adjoint, rational, compose

    /// The name of the generic function the operator falls back to.
    public var functionName: String {
        switch self {
        case .add, .plus: return "+"
        case .sub, .neg: return "-"
        case .mul: return "*"
        case .div: return "/"
        case .rem: return "%"
        case .idiv: return "÷"
        case .pow: return "^"
        case .ldiv: return "\\"
        case .not: return "!"
        case .eq: return "=="
        case .ne: return "!="
        case .lt: return "<"
        case .le: return "<="
        case .gt: return ">"
        case .ge: return ">="
        case .identical: return "==="
        case .notIdentical: return "!=="
        case .approx: return "≈"
        case .bitAnd: return "&"
        case .bitOr: return "|"
        case .bitXor: return "⊻"
        case .shl: return "<<"
        case .shr: return ">>"
        case .lshr: return ">>>"
        case .bitNot: return "~"
        case .isIn: return "in"
        case .notIn: return "∉"
        case .isa: return "isa"
        case .subtype: return "<:"
        case .supertype: return ">:"
        case .colon: return ":"
        case .pair: return "=>"
        case .adjoint: return "adjoint"
        case .rational: return "//"
        case .compose: return "∘"
        }
    }

    /// The binary operator spelled `s`, if it is one.
    public static func binary(_ s: String) -> Op? {
        switch s {
        case "+": return .add
        case "-": return .sub
        case "*": return .mul
        case "/": return .div
        case "%": return .rem
        case "÷": return .idiv
        case "^": return .pow
        case "\\": return .ldiv
        case "==": return .eq
        case "!=", "≠": return .ne
        case "<": return .lt
        case "<=", "≤": return .le
        case ">": return .gt
        case ">=", "≥": return .ge
        case "===", "≡": return .identical
        case "!==": return .notIdentical
        case "≈": return .approx
        case "&": return .bitAnd
        case "|": return .bitOr
        case "⊻": return .bitXor
        case "<<": return .shl
        case ">>": return .shr
        case ">>>": return .lshr
        case "in", "∈": return .isIn
        case "∉": return .notIn
        case "isa": return .isa
        case "<:": return .subtype
        case ">:": return .supertype
        case ":": return .colon
        case "=>": return .pair
        case "//": return .rational
        case "∘": return .compose
        default: return nil
        }
    }
}

/// A comprehension: `[body for targets in iterables if filter]`.
public final class Comprehension {
    public let targets: [LValue]
    public let iterables: [IR]
    public let filter: IR?
    public let body: IR
    /// Locals of the comprehension's scope that closures capture (fresh per iteration).
    public let fresh: [LocalVar]
    /// True for a generator (`(e for x in xs)`), which is materialised as a vector.
    public let isGenerator: Bool
    /// Nested `for` clauses: later iterables see earlier variables; the result is flat.
    public let nested: Bool

    public init(targets: [LValue], iterables: [IR], filter: IR?, body: IR, fresh: [LocalVar], isGenerator: Bool, nested: Bool) {
        self.targets = targets
        self.iterables = iterables
        self.filter = filter
        self.body = body
        self.fresh = fresh
        self.isGenerator = isGenerator
        self.nested = nested
    }
}

/// A `struct` definition.
public final class StructDefinition {
    public let name: GlobalRef
    public let isMutable: Bool
    public let supertype: IR?
    public let fieldNames: [JSym]
    public let fieldTypes: [IR?]
    /// Inner constructors (methods of the type, which may call `new`).
    public let constructors: [Lambda]

    public init(name: GlobalRef, isMutable: Bool, supertype: IR?, fieldNames: [JSym], fieldTypes: [IR?], constructors: [Lambda]) {
        self.name = name
        self.isMutable = isMutable
        self.supertype = supertype
        self.fieldNames = fieldNames
        self.fieldTypes = fieldTypes
        self.constructors = constructors
    }
}

/// `@everywhere`: the body stays as syntax until it runs, because `$x` values and the files
/// named by `include` are known only then; process 1 reads and parses them and ships the
/// resolved code.
public final class Everywhere {
    /// Which processes, or nil for all.
    public let procs: IR?
    /// The body's statements.
    public let body: [Syn]
    /// The `$` expressions, evaluated on the calling process.
    public let interpolations: [IR]
    /// The module the code runs in.
    public let module: [JSym]

    public init(procs: IR?, body: [Syn], interpolations: [IR], module: [JSym]) {
        self.procs = procs
        self.body = body
        self.interpolations = interpolations
        self.module = module
    }
}
