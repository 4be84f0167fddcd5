/// Operators: integer and float fast paths inline, everything else through `Runtime.binary`.

final class BinaryOpNode: Node {
    let op: Op, a: Node, b: Node
    init(_ op: Op, _ a: Node, _ b: Node) {
        self.op = op; self.a = a; self.b = b
        super.init(unwinds: a.unwinds || b.unwinds)
    }

    override func eval(_ t: Ctx) throws -> Value {
        let x = try a.eval(t)
        let y = try b.eval(t)
        switch (x, y) {
        case (.int(let i), .int(let j)):
            switch op {
            case .add: return .int(i &+ j)
            case .sub: return .int(i &- j)
            case .mul: return .int(i &* j)
            case .lt: return .bool(i < j)
            case .le: return .bool(i <= j)
            case .gt: return .bool(i > j)
            case .ge: return .bool(i >= j)
            case .eq: return .bool(i == j)
            case .ne: return .bool(i != j)
            default: break
            }
        case (.float(let p), .float(let q)):
            switch op {
            case .add: return .float(p + q)
            case .sub: return .float(p - q)
            case .mul: return .float(p * q)
            case .div: return .float(p / q)
            case .lt: return .bool(p < q)
            case .le: return .bool(p <= q)
            case .gt: return .bool(p > q)
            case .ge: return .bool(p >= q)
            case .eq: return .bool(p == q)
            case .ne: return .bool(p != q)
            default: break
            }
        default: break
        }
        return try t.runtime.binary(op, x, y, t)
    }
}

final class UnaryOpNode: Node {
    let op: Op, a: Node
    init(_ op: Op, _ a: Node) { self.op = op; self.a = a; super.init(unwinds: a.unwinds) }
    override func eval(_ t: Ctx) throws -> Value {
        let x = try a.eval(t)
        return try t.runtime.unary(op, x, t)
    }
}

/// Operators with other arities (`a:s:b`).
final class OpNode: Node {
    let op: Op, args: [Node]
    init(_ op: Op, _ args: [Node]) { self.op = op; self.args = args; super.init(unwinds: args.contains { $0.unwinds }) }
    override func eval(_ t: Ctx) throws -> Value {
        let vs = try args.map { try $0.eval(t) }
        if op == .colon && vs.count == 3 { return try t.runtime.makeRange(vs[0], vs[1], vs[2]) }
        var acc = vs[0]
        for v in vs.dropFirst() { acc = try t.runtime.binary(op, acc, v, t) }
        return acc
    }
}

/// `f.(args)` and dotted operators.
final class BroadcastNode: Node {
    let f: Node, args: [Node]
    init(_ f: Node, _ args: [Node]) { self.f = f; self.args = args; super.init(unwinds: args.contains { $0.unwinds }) }
    override func eval(_ t: Ctx) throws -> Value {
        let fv = try f.eval(t)
        var vs: [Value] = []
        vs.reserveCapacity(args.count)
        for a in args { vs.append(try a.eval(t)) }
        return try t.runtime.broadcast(fv, vs, t)
    }
}

/// `x .= v` into an existing array.
final class DotAssignNode: Node {
    let target: Node, value: Node
    init(_ target: Node, _ value: Node) { self.target = target; self.value = value; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        let dest = try target.eval(t)
        let v = try value.eval(t)
        try t.runtime.broadcastAssign(dest, nil, v, t)
        return dest
    }
}

/// `a[i, j] .= v`: assigns into the selected elements.
final class DotAssignIndexNode: Node {
    let object: Node, indices: [Node], endSlot: Int?, value: Node
    init(_ o: Node, _ i: [Node], endSlot: Int?, _ v: Node) {
        object = o; indices = i; self.endSlot = endSlot; value = v
        super.init()
    }
    override func eval(_ t: Ctx) throws -> Value {
        let o = try object.eval(t)
        if let s = endSlot { t.fp[s] = o }
        let idx = try indices.map { try $0.eval(t) }
        let v = try value.eval(t)
        try t.runtime.broadcastAssign(o, idx, v, t)
        return v
    }
}
