/// An executable node: what the compiler makes of the resolved tree.
///
/// Nodes are classes with one virtual `eval`; the compiler picks specialised subclasses
/// (a local read, an integer loop over a range) so that the common paths do no look-ups.
public class Node {
    /// True when evaluating this node may leave a `break`, `continue` or `return` pending.
    let unwinds: Bool
    /// The source line of the statement this node is (0 when it is not one, or unknown): set
    /// by the compiler, read only when an error unwinds through the enclosing block, branch or
    /// loop (`Backtrace`).
    var line: Int32 = 0

    init(unwinds: Bool = false) { self.unwinds = unwinds }

    /// Evaluates the node.
    func eval(_ t: Ctx) throws -> Value {
        throw JuliaError.error("internal error: node has no evaluation")
    }

    /// Evaluates the node for its effect only (a statement whose value nobody uses: all but the
    /// last of a block, a loop body). Nodes that would build a value just to return it (a
    /// multiple assignment's tuple) override this.
    func exec(_ t: Ctx) throws {
        _ = try eval(t)
    }

    /// Evaluates the node as a condition (`if`, `while`, `&&`): comparisons override this to
    /// skip making a `Value`.
    func evalCondition(_ t: Ctx) throws -> Bool {
        let v = try eval(t)
        if case .bool(let b) = v { return b }
        throw JuliaError.type("if", "", expected: .bool, got: v)
    }
}

class LiteralNode: Node {
    let value: Value
    init(_ v: Value) { value = v; super.init() }
    override func eval(_ t: Ctx) throws -> Value { value }

    /// The node for the literal `v`: a number, `Bool` or `Char` made afresh on each read,
    /// which copies no `Value` (returning the stored one goes through the outlined copy of
    /// `Value`, a call, as the compiler does not know its case).
    static func make(_ v: Value) -> LiteralNode {
        switch v {
        case .int(let i): return IntLiteralNode(i)
        case .float(let x): return FloatLiteralNode(x)
        case .bool(let b): return BoolLiteralNode(b)
        default: return LiteralNode(v)
        }
    }
}

final class IntLiteralNode: LiteralNode {
    let int: Int64
    init(_ i: Int64) { int = i; super.init(.int(i)) }
    override func eval(_ t: Ctx) throws -> Value { .int(int) }
}

final class FloatLiteralNode: LiteralNode {
    let float: Double
    init(_ x: Double) { float = x; super.init(.float(x)) }
    override func eval(_ t: Ctx) throws -> Value { .float(float) }
}

final class BoolLiteralNode: LiteralNode {
    let bool: Bool
    init(_ b: Bool) { bool = b; super.init(.bool(b)) }
    override func eval(_ t: Ctx) throws -> Value { .bool(bool) }
    override func evalCondition(_ t: Ctx) throws -> Bool { bool }
}

/// Reads a parameter (always assigned).
final class ParamNode: Node {
    let slot: Int
    init(_ slot: Int) { self.slot = slot; super.init() }
    override func eval(_ t: Ctx) throws -> Value { t.fp[slot] }
}

/// Reads a local that may be unassigned.
final class LocalNode: Node {
    let slot: Int
    let name: JSym
    init(_ slot: Int, _ name: JSym) { self.slot = slot; self.name = name; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        let p = t.fp + slot
        if case .undef = p.pointee { throw JuliaError.undefVar(name) }
        return p.pointee
    }
}

/// Reads a local that closures capture (through its box).
final class BoxedLocalNode: Node {
    let slot: Int
    let name: JSym
    init(_ slot: Int, _ name: JSym) { self.slot = slot; self.name = name; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        guard case .obj(let o) = t.fp[slot] else { throw JuliaError.undefVar(name) }
        let v = unsafeDowncast(o, to: Box.self).value
        if case .undef = v { throw JuliaError.undefVar(name) }
        return v
    }
}

/// Reads a cell captured by the running closure.
final class CapturedNode: Node {
    let index: Int
    let name: JSym
    init(_ index: Int, _ name: JSym) { self.index = index; self.name = name; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        // code from the wire is checked when decoded, but a bad index must not trap
        let i = index
        let cell: Value? = t.closure?._withUnsafeGuaranteedRef { f in i < f.env.count ? f.env[i].value : nil }
        guard let v = cell else { throw JuliaError.error("closure has no captured variable \(name)") }
        if case .undef = v { throw JuliaError.undefVar(name) }
        return v
    }
}

/// Reads a global.
final class GlobalNode: Node {
    let ref: GlobalRef
    unowned(unsafe) let rt: Runtime
    init(_ ref: GlobalRef, _ rt: Runtime) { self.ref = ref; self.rt = rt; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        if let b = ref.binding {
            let v = b.value
            if case .undef = v {} else { return v }
        }
        return try rt.globalValue(ref)
    }
}

/// Children of a node kept as unmanaged references, for the hot path: reading a node out of
/// a Swift array retains and releases it, which costs more than a small node's evaluation.
/// The owning node keeps the array too (the strong references) and frees this in `deinit`.
struct Refs<T: AnyObject> {
    let base: UnsafeMutablePointer<Unmanaged<T>>
    let count: Int

    init(_ objects: [T]) {
        count = objects.count
        base = .allocate(capacity: max(1, objects.count))
        for (i, n) in objects.enumerated() { (base + i).initialize(to: Unmanaged.passUnretained(n)) }
    }

    func deallocate() { base.deallocate() }
}

typealias NodeRefs = Refs<Node>

extension Refs where T == Node {
    /// Evaluates child `i`.
    @inline(__always) func eval(_ i: Int, _ t: Ctx) throws -> Value {
        try base[i]._withUnsafeGuaranteedRef { try $0.eval(t) }
    }

    /// Runs child `i` for its effect.
    @inline(__always) func exec(_ i: Int, _ t: Ctx) throws {
        try base[i]._withUnsafeGuaranteedRef { try $0.exec(t) }
    }

    /// True when child `i` may leave a `break`, `continue` or `return` pending.
    @inline(__always) func unwinds(_ i: Int) -> Bool {
        base[i]._withUnsafeGuaranteedRef { $0.unwinds }
    }
}

extension Refs where T == Assigner {
    /// Assigns `v` with assigner `i`.
    @inline(__always) func assign(_ i: Int, _ t: Ctx, _ v: Value) throws {
        try base[i]._withUnsafeGuaranteedRef { try $0.assign(t, v) }
    }
}

/// Evaluates statements in order; the value is the last one's.
final class BlockNode: Node {
    let items: [Node]
    let refs: NodeRefs
    init(_ items: [Node]) {
        self.items = items
        refs = NodeRefs(items)
        super.init(unwinds: items.contains { $0.unwinds })
    }
    deinit { refs.deallocate() }

    override func eval(_ t: Ctx) throws -> Value {
        let n = refs.count - 1
        var i = 0
        do {
            while i < n {
                try refs.exec(i, t)
                if refs.unwinds(i) && t.unwind != .none { return .nothing }
                i += 1
            }
            return try refs.eval(n, t)
        } catch {
            throw Backtrace.failed(error, in: items[i])
        }
    }

    override func exec(_ t: Ctx) throws {
        let n = refs.count
        var i = 0
        do {
            while i < n {
                try refs.exec(i, t)
                if refs.unwinds(i) && t.unwind != .none { return }
                i += 1
            }
        } catch {
            throw Backtrace.failed(error, in: items[i])
        }
    }
}
