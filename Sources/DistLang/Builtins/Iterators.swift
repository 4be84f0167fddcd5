/// Lazy iterators: `enumerate`, `zip`, `pairs`, `Iterators.product` and friends.
final class JEnumerate: JObject, IterableObject, CustomShow {
    let inner: Value
    init(_ v: Value) { inner = v }
    override var jtype: JType { JType(name: "Base.Iterators.Enumerate", super: .any) }
    func makeIterator(_ t: Ctx) throws -> ValueIterator {
        let it = try t.runtime.makeIterator(inner, t)
        var i: Int64 = 0
        return ClosureIterator { t in
            guard let x = try it.next(t) else { return nil }
            i += 1
            // the pair made in place (an array of its two items first cost an allocation)
            return .tuple(TupleNode.make(2, .int(i), x, .nothing))
        }
    }
    var knownCount: Int? { nil }
    func showText(_ rt: Runtime, _ t: Ctx?) throws -> String { "enumerate(" + (try rt.repr(inner, t)) + ")" }
}

final class JZip: JObject, IterableObject, CustomShow {
    let inners: [Value]
    init(_ v: [Value]) { inners = v }
    override var jtype: JType { JType(name: "Base.Iterators.Zip", super: .any) }
    func makeIterator(_ t: Ctx) throws -> ValueIterator {
        let its = try inners.map { try t.runtime.makeIterator($0, t) }
        return ClosureIterator { t in
            var xs: [Value] = []
            for it in its {
                guard let x = try it.next(t) else { return nil }
                xs.append(x)
            }
            return .tuple(JTuple.of(xs))
        }
    }
    var knownCount: Int? { nil }
    func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        "zip(" + (try inners.map { try rt.repr($0, t) }.joined(separator: ", ")) + ")"
    }
}

/// An iterator defined by a closure.
final class ClosureIterator: ValueIterator {
    let body: (Ctx) throws -> Value?
    init(_ b: @escaping (Ctx) throws -> Value?) { body = b }
    func next(_ t: Ctx) throws -> Value? { try body(t) }
}

/// An iterable over values computed on demand (`Iterators.map`, `countfrom`…).
final class JLazy: JObject, IterableObject {
    let make: (Ctx) throws -> ValueIterator
    let count: Int?
    init(count: Int? = nil, _ m: @escaping (Ctx) throws -> ValueIterator) { make = m; self.count = count }
    func makeIterator(_ t: Ctx) throws -> ValueIterator { try make(t) }
    var knownCount: Int? { count }
}
