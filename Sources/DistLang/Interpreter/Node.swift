/// An executable node: what the compiler makes of the resolved tree.
///
/// Nodes are classes with one virtual `eval`; the compiler picks specialised subclasses
/// (a local read, an integer loop over a range) so that the common paths do no look-ups.
public class Node {
    /// True when evaluating this node may leave a `break`, `continue` or `return` pending.
    let unwinds: Bool

    init(unwinds: Bool = false) { self.unwinds = unwinds }

    /// Evaluates the node.
    func eval(_ t: Ctx) throws -> Value {
        throw JuliaError.error("internal error: node has no evaluation")
    }

    /// Evaluates the node as a condition (`if`, `while`, `&&`): comparisons override this to
    /// skip making a `Value`.
    func evalCondition(_ t: Ctx) throws -> Bool {
        let v = try eval(t)
        if case .bool(let b) = v { return b }
        throw JuliaError.error("TypeError: non-boolean (\(t.runtime.typeOf(v))) used in boolean context")
    }
}

final class LiteralNode: Node {
    let value: Value
    init(_ v: Value) { value = v; super.init() }
    override func eval(_ t: Ctx) throws -> Value { value }
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
        let v = t.fp[slot]
        if case .undef = v { throw JuliaError.undefVar(name) }
        return v
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
        guard index < t.env.count else { throw JuliaError.error("closure has no captured variable \(name)") }
        let v = t.env[index].value
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

/// Evaluates statements in order; the value is the last one's.
final class BlockNode: Node {
    let items: [Node]
    init(_ items: [Node]) {
        self.items = items
        super.init(unwinds: items.contains { $0.unwinds })
    }
    override func eval(_ t: Ctx) throws -> Value {
        let n = items.count
        var i = 0
        while i < n - 1 {
            let s = items[i]
            _ = try s.eval(t)
            if s.unwinds && t.unwind != .none { return .nothing }
            i += 1
        }
        return try items[n - 1].eval(t)
    }
}
