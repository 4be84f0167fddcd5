import CDistSupport
import Foundation

/// Control flow: conditionals, loops, `break`/`continue`/`return`, `try`, and scope boxes.

@inline(__always) func truthy(_ v: Value) throws -> Bool {
    if case .bool(let b) = v { return b }
    throw JuliaError.type("if", "", expected: .bool, got: v)
}

final class IfNode: Node {
    let cond: Node, then: Node, otherwise: Node
    init(_ c: Node, _ a: Node, _ b: Node) {
        cond = c; then = a; otherwise = b
        super.init(unwinds: c.unwinds || a.unwinds || b.unwinds)
    }
    override func eval(_ t: Ctx) throws -> Value {
        let c = try cond.evalCondition(t)
        do {
            return c ? try then.eval(t) : try otherwise.eval(t)
        } catch {
            throw Backtrace.failed(error, in: c ? then : otherwise)
        }
    }
    override func exec(_ t: Ctx) throws {
        let c = try cond.evalCondition(t)
        do {
            if c { try then.exec(t) } else { try otherwise.exec(t) }
        } catch {
            throw Backtrace.failed(error, in: c ? then : otherwise)
        }
    }
}

final class AndNode: Node {
    let a: Node, b: Node
    init(_ a: Node, _ b: Node) { self.a = a; self.b = b; super.init(unwinds: a.unwinds || b.unwinds) }
    override func eval(_ t: Ctx) throws -> Value {
        try a.evalCondition(t) ? try b.eval(t) : .bool(false)
    }
    override func evalCondition(_ t: Ctx) throws -> Bool {
        try a.evalCondition(t) ? try b.evalCondition(t) : false
    }
}

final class OrNode: Node {
    let a: Node, b: Node
    init(_ a: Node, _ b: Node) { self.a = a; self.b = b; super.init(unwinds: a.unwinds || b.unwinds) }
    override func eval(_ t: Ctx) throws -> Value {
        try a.evalCondition(t) ? .bool(true) : try b.eval(t)
    }
    override func evalCondition(_ t: Ctx) throws -> Bool {
        try a.evalCondition(t) ? true : try b.evalCondition(t)
    }
}

final class BreakNode: Node {
    init() { super.init(unwinds: true) }
    override func eval(_ t: Ctx) throws -> Value { t.unwind = .breakLoop; return .nothing }
}

final class ContinueNode: Node {
    init() { super.init(unwinds: true) }
    override func eval(_ t: Ctx) throws -> Value { t.unwind = .continueLoop; return .nothing }
}

final class ReturnNode: Node {
    let value: Node
    init(_ v: Node) { value = v; super.init(unwinds: true) }
    override func eval(_ t: Ctx) throws -> Value {
        let v = try value.eval(t)
        if value.unwinds && t.unwind != .none { return .nothing }
        t.retval = v
        t.unwind = .returnValue
        return v
    }
}

/// Re-creates the boxes of captured locals when a scope is entered.
final class FreshBoxesNode: Node {
    let slots: [Int]
    init(_ slots: [Int]) { self.slots = slots; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        for s in slots { t.fp[s] = .obj(Box()) }
        return .nothing
    }
}

/// What a loop does after running its body once.
enum LoopStep { case next, exit }

@inline(__always) func loopStep(_ t: Ctx, _ body: Node, _ breaksOuter: Bool) -> LoopStep {
    if body.unwinds {
        switch t.unwind {
        case .none: return .next
        case .continueLoop: t.unwind = .none; return .next
        case .breakLoop:
            if !breaksOuter { t.unwind = .none }
            return .exit
        case .returnValue: return .exit
        }
    }
    return .next
}

final class WhileNode: Node {
    let cond: Node, body: Node
    init(_ c: Node, _ b: Node) { cond = c; body = b; super.init(unwinds: c.unwinds || b.unwinds) }
    override func eval(_ t: Ctx) throws -> Value {
        try exec(t)
        return .nothing
    }
    override func exec(_ t: Ctx) throws {
        while true {
            if dist_interrupt_pending() != 0 { try t.checkInterrupt() }
            if !(try cond.evalCondition(t)) { break }
            do { try body.exec(t) } catch { throw Backtrace.failed(error, in: body) }
            if loopStep(t, body, false) == .exit { break }
        }
    }
}

/// `for i = a:b` with an integer range and an unboxed local: no iterator, no allocation.
final class ForRangeNode: Node {
    let iterable: Node, body: Node, slot: Int, fresh: [Int], breaksOuter: Bool
    let fallback: ForNode
    /// The bounds of an iterable written `a:b`, read without making the range object (an
    /// inner loop's `for di = -1:1` would otherwise allocate and free one per outer iteration).
    let low: Operand, high: Operand, colon: Bool
    init(_ iterable: Node, _ slot: Int, _ body: Node, _ fresh: [Int], _ breaksOuter: Bool, fallback: ForNode) {
        self.iterable = iterable; self.slot = slot; self.body = body; self.fresh = fresh
        self.breaksOuter = breaksOuter; self.fallback = fallback
        if let op = iterable as? BinaryOpNode, op.op == .colon {
            low = op.a; high = op.b; colon = true
        } else {
            low = Operand(iterable); high = low; colon = false
        }
        super.init(unwinds: body.unwinds)
    }
    override func eval(_ t: Ctx) throws -> Value {
        try exec(t)
        return .nothing
    }

    override func exec(_ t: Ctx) throws {
        if colon && t.operatorIsBuiltin(.colon) {
            let x = try low.eval(t), y = try high.eval(t)
            if case .int(let a) = x, case .int(let b) = y {
                // a:b has b - a + 1 elements; a span an Int cannot count takes the general path
                if b < a { return }
                let (span, overflow) = b.subtractingReportingOverflow(a)
                if !overflow && span < .max { try loop(t, from: a, step: 1, count: Int(span) + 1); return }
            }
            try run(t, try t.runtime.binary(.colon, x, y, t))
            return
        }
        try run(t, try iterable.eval(t))
    }

    private func run(_ t: Ctx, _ it: Value) throws {
        if case .arr(let a) = it {
            let hasFresh = !fresh.isEmpty
            var k = 0
            let kind = a.kind
            while k < a.count {
                if dist_interrupt_pending() != 0 { try t.checkInterrupt() }
                if hasFresh { for s in fresh { t.fp[s] = .obj(Box()) } }
                switch kind {
                case .float64: t.fp[slot] = .float(a.floats[k])
                case .int64: t.fp[slot] = .int(a.ints[k])
                default: t.fp[slot] = a.get(k)
                }
                do { try body.exec(t) } catch { throw Backtrace.failed(error, in: body) }
                if loopStep(t, body, breaksOuter) == .exit { break }
                k += 1
            }
            return
        }
        guard case .range(let r) = it, r.kind != .float else { _ = try fallback.run(t, it); return }
        try loop(t, from: r.start, step: r.step, count: r.count)
    }

    @inline(__always) private func loop(_ t: Ctx, from start: Int64, step: Int64, count: Int) throws {
        let hasFresh = !fresh.isEmpty
        var i = start
        var n = count
        let p = t.fp + slot
        while n > 0 {
            if dist_interrupt_pending() != 0 { try t.checkInterrupt() }
            if hasFresh { for s in fresh { t.fp[s] = .obj(Box()) } }
            // the loop variable usually still holds the last iteration's Int: no release needed
            if case .int = p.pointee { p.initialize(to: .int(i)) } else { p.pointee = .int(i) }
            do { try body.exec(t) } catch { throw Backtrace.failed(error, in: body) }
            if loopStep(t, body, breaksOuter) == .exit { break }
            i &+= step
            n -= 1
        }
    }
}

/// `for target in iterable`: arrays, ranges, tuples, strings, and the iteration protocol.
final class ForNode: Node {
    let iterable: Node, target: Assigner, body: Node, fresh: [Int], breaksOuter: Bool
    /// The two targets of `for (k, v) in …`, which a dictionary's entries are given to
    /// directly, with no `Pair` made.
    let pairTargets: (Assigner, Assigner)?
    init(_ iterable: Node, _ target: Assigner, _ body: Node, _ fresh: [Int], _ breaksOuter: Bool) {
        self.iterable = iterable; self.target = target; self.body = body; self.fresh = fresh
        self.breaksOuter = breaksOuter
        if let tp = target as? TupleAssigner, tp.items.count == 2 {
            pairTargets = (tp.items[0], tp.items[1])
        } else {
            pairTargets = nil
        }
        super.init(unwinds: body.unwinds)
    }

    override func eval(_ t: Ctx) throws -> Value {
        try run(t, try iterable.eval(t))
    }

    @inline(__always) private func iteration(_ t: Ctx, _ v: Value) throws -> LoopStep {
        if dist_interrupt_pending() != 0 { try t.checkInterrupt() }
        if !fresh.isEmpty { for s in fresh { t.fp[s] = .obj(Box()) } }
        try target.assign(t, v)
        do { try body.exec(t) } catch { throw Backtrace.failed(error, in: body) }
        return loopStep(t, body, breaksOuter)
    }

    func run(_ t: Ctx, _ it: Value) throws -> Value {
        switch it {
        case .range(let r):
            for i in 0..<r.count where try iteration(t, r.element(i)) == .exit { break }
        case .arr(let a):
            var i = 0
            while i < a.count {
                if try iteration(t, a.get(i)) == .exit { break }
                i += 1
            }
        case .tuple(let tp):
            for i in 0..<tp.count where try iteration(t, tp.base[i]) == .exit { break }
        case .str(let s):
            // the characters decoded one at a time, with no array of them made first
            for c in s.value.unicodeScalars where try iteration(t, .char(c.value)) == .exit { break }
        case .obj(let o) where type(of: o) == JDict.self:
            try run(t, unsafeDowncast(o, to: JDict.self))
        case .obj(let o) where type(of: o) == JSet.self && !unsafeDowncast(o, to: JSet.self).isBitSet:
            // the elements in place, in insertion order (a removed one is skipped)
            let s = unsafeDowncast(o, to: JSet.self)
            var e = 0
            while e < s.elementSlots {
                if let x = s.element(e), try iteration(t, x) == .exit { break }
                e += 1
            }
        case .obj(let o) where type(of: o) == JKeySet.self:
            let d = unsafeDowncast(o, to: JKeySet.self).dict
            d.iterations += 1
            defer { d.iterations -= 1 }
            var e = 0
            while e < d.entrySlots {
                if let (k, _) = d.entry(e), try iteration(t, k) == .exit { break }
                e += 1
            }
        default:
            let iter = try t.runtime.makeIterator(it, t)
            while let x = try iter.next(t) {
                if try iteration(t, x) == .exit { break }
            }
        }
        return .nothing
    }

    /// A dictionary's entries in insertion order, read in place: `(k, v)` targets take the key
    /// and value themselves; any other target gets a `Pair{K, V}` as Julia's iteration gives.
    private func run(_ t: Ctx, _ d: JDict) throws {
        d.iterations += 1
        defer { d.iterations -= 1 }
        var e = 0
        if let (kt, vt) = pairTargets {
            while e < d.entrySlots {
                if let (k, v) = d.entry(e) {
                    if dist_interrupt_pending() != 0 { try t.checkInterrupt() }
                    if !fresh.isEmpty { for s in fresh { t.fp[s] = .obj(Box()) } }
                    try kt.assign(t, k)
                    try vt.assign(t, v)
                    do { try body.exec(t) } catch { throw Backtrace.failed(error, in: body) }
                    if loopStep(t, body, breaksOuter) == .exit { break }
                }
                e += 1
            }
            return
        }
        let pt = d.pairType
        while e < d.entrySlots {
            if let (k, v) = d.entry(e), try iteration(t, .obj(JStruct(pt, [k, v]))) == .exit { break }
            e += 1
        }
    }
}

/// `try … catch e … finally … end`.
final class TryNode: Node {
    let body: Node, handler: Node?, fin: Node?, errVar: Assigner?
    init(_ body: Node, _ errVar: Assigner?, _ handler: Node?, _ fin: Node?) {
        self.body = body; self.errVar = errVar; self.handler = handler; self.fin = fin
        super.init(unwinds: body.unwinds || (handler?.unwinds ?? false) || (fin?.unwinds ?? false))
    }

    override func eval(_ t: Ctx) throws -> Value {
        var result: Value = .nothing
        do {
            result = try body.eval(t)
        } catch let e as JuliaError {
            guard let h = handler else {
                try runFinally(t)
                throw e
            }
            t.exceptionStack.append(e)
            defer { t.exceptionStack.removeLast() }
            do {
                if let v = errVar { try v.assign(t, e.value) }
                result = try h.eval(t)
            } catch {
                try runFinally(t)
                throw error
            }
        }
        try runFinally(t)
        return result
    }

    private func runFinally(_ t: Ctx) throws {
        guard let f = fin else { return }
        let savedUnwind = t.unwind
        let savedRet = t.retval
        t.unwind = .none
        _ = try f.eval(t)
        if t.unwind == .none {
            t.unwind = savedUnwind
            t.retval = savedRet
        }
    }
}

/// `@sync body`: waits for the tasks and remote calls started inside, then reports failures.
final class SyncNode: Node {
    let body: Node
    init(_ b: Node) { body = b; super.init(unwinds: b.unwinds) }
    override func eval(_ t: Ctx) throws -> Value {
        let group = SyncGroup()
        t.task.syncGroups.append(group)
        var result: Value = .nothing
        var bodyError: Error?
        do {
            result = try body.eval(t)
        } catch {
            bodyError = error
        }
        t.task.syncGroups.removeAll { $0 === group }
        try group.waitAll(t, bodyError: bodyError)
        return result
    }
}

/// `@time`, `@elapsed`, `@allocated`, `@timed`.
final class TimedNode: Node {
    let body: Node, kind: TimingKind
    init(_ b: Node, _ k: TimingKind) { body = b; kind = k; super.init(unwinds: b.unwinds) }
    override func eval(_ t: Ctx) throws -> Value {
        let count = Allocations.count, bytes = Allocations.bytes
        let start = monotonicSeconds()
        let v = try body.eval(t)
        let dt = monotonicSeconds() - start
        let n = Allocations.count - count, b = Allocations.bytes - bytes
        switch kind {
        case .time:
            t.runtime.output.write(Allocations.timeLine(seconds: dt, count: n, bytes: b) + "\n")
            return v
        case .elapsed: return .float(dt)
        case .allocated: return .int(Int64(b))
        case .timed: return .tuple([v, .float(dt), .int(Int64(b)), .float(0), .nothing])
        }
    }
}

/// `@show expr`.
final class ShowNode: Node {
    let text: String, value: Node
    init(_ text: String, _ v: Node) { self.text = text; value = v; super.init(unwinds: v.unwinds) }
    override func eval(_ t: Ctx) throws -> Value {
        let v = try value.eval(t)
        t.runtime.output.write(text + " = " + (try t.runtime.repr(v, t)) + "\n")
        return v
    }
}
