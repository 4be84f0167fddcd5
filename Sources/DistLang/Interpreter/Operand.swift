/// A child of an arithmetic, comparison or update node, read without a virtual call when it
/// is an unboxed local that holds a number, a `Char` or a `Bool`, or a numeric or `Char`
/// literal, or an element of an array in an unboxed local indexed by locals (`a[i]`,
/// `A[i, j]`, `v[k + 1]`): the indexing node's own fast path, with no call; or a number in a
/// field of a struct in an unboxed local (`b.x`), through the field node's cache.
///
/// Most operands of arithmetic are locals and constants (`s += x`, `n % 2 == 0`,
/// `dx * dx + dy * dy`); reading them in place saves a call and a copy of the `Value` per use.
/// Anything else (or a local that holds something other than an `Int` or a `Float64`, or is
/// unassigned) evaluates the node, which does the copying, the checks and the errors.
struct Operand {
    enum Kind: UInt8 { case node, slot, int, float, char, bool, index1, index2, field }

    let node: Node
    let kind: Kind
    /// The local's slot for `.slot`.
    let slot: Int
    /// The literal's value for `.int`, `.float` and `.char` (the bits of the `Float64`).
    let bits: UInt64

    init(_ n: Node) {
        node = n
        var k = Kind.node, s = 0, b: UInt64 = 0
        if let l = n as? LocalNode {
            k = .slot; s = l.slot
        } else if let p = n as? ParamNode {
            k = .slot; s = p.slot
        } else if let c = n as? LiteralNode {
            switch c.value {
            case .int(let i): k = .int; b = UInt64(bitPattern: i)
            case .float(let x): k = .float; b = x.bitPattern
            case .char(let c): k = .char; b = UInt64(c)
            case .bool(let x): k = .bool; b = x ? 1 : 0
            default: break
            }
        }
        if let x = n as? Index1Node, x.slot >= 0, x.index.slot >= 0 {
            k = .index1
        } else if let x = n as? Index2Node, x.slot >= 0, x.i0.slot >= 0, x.i1.slot >= 0 {
            k = .index2
        } else if let x = n as? FieldNode, x.slot >= 0 {
            k = .field
        }
        kind = k; slot = s; bits = b
    }

    var unwinds: Bool { node.unwinds }

    @inline(__always) func eval(_ t: Ctx) throws -> Value {
        switch kind {
        case .slot:
            let p = t.fp + slot
            if case .float(let x) = p.pointee { return .float(x) }
            if case .int(let i) = p.pointee { return .int(i) }
            if case .char(let c) = p.pointee { return .char(c) }
            if case .bool(let b) = p.pointee { return .bool(b) }
            return try node.eval(t)
        case .int: return .int(Int64(bitPattern: bits))
        case .float: return .float(Double(bitPattern: bits))
        case .char: return .char(UInt32(truncatingIfNeeded: bits))
        case .bool: return .bool(bits != 0)
        // the indexing node's fast path, for a number from an array of `Float64` or `Int`
        // (the node's fields are read through it: a larger `Operand` is copied onto the
        // stack by every node that reads one)
        case .index1:
            let x = unsafeDowncast(node, to: Index1Node.self)
            if let k = x.index.int(t), case .arr(let a) = t.fp[x.slot], let v = a.number(at: a.offset(k)) { return v }
            return try x.eval(t)
        case .index2:
            let x = unsafeDowncast(node, to: Index2Node.self)
            if let i = x.i0.int(t), let j = x.i1.int(t), case .arr(let a) = t.fp[x.slot], let v = a.number(at: a.matrixOffset(i, j) ?? -1) {
                return v
            }
            return try x.eval(t)
        // a number in a field of a struct in an unboxed local (`b.x - a.x`), read in place
        case .field:
            let x = unsafeDowncast(node, to: FieldNode.self)
            if let v = x.cache.number(t.fp + x.slot) { return v }
            return try x.eval(t)
        case .node: return try node.eval(t)
        }
    }
}
