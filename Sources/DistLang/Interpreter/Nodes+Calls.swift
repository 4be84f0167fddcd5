import CDistSupport

/// Calls and closure creation.

/// A general call: any callee, splatted arguments, keyword arguments.
final class CallNode: Node {
    let callee: Node
    let args: [Node]
    let splats: [Bool]?
    let kwNames: [JSym?]
    let kwValues: [Node]
    let argsUnwind: Bool
    /// The arguments, read without a count taken per call (`args` holds them).
    let refs: NodeRefs

    init(_ callee: Node, _ args: [Node], _ splats: [Bool]?, _ kwNames: [JSym?], _ kwValues: [Node]) {
        self.callee = callee
        self.args = args
        refs = NodeRefs(args)
        self.splats = splats
        self.kwNames = kwNames
        self.kwValues = kwValues
        argsUnwind = args.contains { $0.unwinds } || kwValues.contains { $0.unwinds }
        super.init(unwinds: argsUnwind)
    }
    deinit { refs.deallocate() }

    override func eval(_ t: Ctx) throws -> Value {
        let f = try callee.eval(t)
        let base = t.sp
        defer { t.popTo(base) }
        var n = 0
        if let sp = splats {
            for (i, a) in args.enumerated() {
                let v = try a.eval(t)
                if sp[i] {
                    for x in try t.runtime.collectValues(v, t) {
                        try t.push(x)
                        n += 1
                    }
                } else {
                    try t.push(v)
                    n += 1
                }
            }
        } else {
            n = refs.count
            for k in 0..<n { try t.push(try refs.eval(k, t)) }
        }
        var kw: [(JSym, Value)] = []
        if !kwValues.isEmpty {
            for (i, k) in kwValues.enumerated() {
                let v = try k.eval(t)
                if let name = kwNames[i] {
                    kw.append((name, v))
                } else {
                    kw += try t.runtime.keywordPairs(v, t)
                }
            }
        }
        if argsUnwind && t.unwind != .none { return .nothing }
        return try t.call(f, base, n, kw)
    }
}

/// The arguments of a call of a global built-in when each is a local, a parameter or a literal:
/// their bits go onto the value stack as they are (borrowed from the slot or from this plan,
/// with no retain) and are cleared after the call instead of released, which saves a retain,
/// a release and a virtual call per argument (`get(counts, w, 0)`, `push!(v, x)`,
/// `length(v)`, `rand(Bool)`).
///
/// Sound because nothing can reassign the slots while their bits are borrowed: the other
/// arguments are literals or locals (no code runs between reading them and the call); a
/// built-in reads its arguments and never writes into their slots or runs a Julia method with
/// them as its frame (it calls functions with values it pushes itself, above them); a closure
/// cannot reassign an unboxed local of its caller (a local a closure assigns is boxed, read by
/// `BoxedLocalNode`); and the plan lives as long as the node, which its function's code keeps
/// while it runs. Only when the name is bound to a built-in with no methods added.
struct BorrowedArgs {
    // raw memory, so that reading the plan copies no reference (the node frees it)
    /// Per argument: the slot of a local or parameter, or -1 for a literal.
    private let slots: UnsafeMutablePointer<Int>
    /// Per argument: the value of a literal; `.undef` for a local that may be unassigned (its
    /// slot is checked), `.nothing` for a parameter.
    private let literals: UnsafeMutablePointer<Value>
    /// Per argument: a local's name (symbols are immortal).
    private let names: UnsafeMutablePointer<Unmanaged<JSym>?>
    private let count: Int
    /// The arguments that are locals (which may be unassigned), by position.
    private let locals: UnsafeMutablePointer<Int>
    private let localCount: Int

    init?(_ args: [Node]) {
        var slots: [Int] = [], names: [Unmanaged<JSym>?] = [], literals: [Value] = []
        for a in args {
            if let l = a as? LocalNode {
                slots.append(l.slot); names.append(Unmanaged.passUnretained(l.name)); literals.append(.undef)
            } else if let p = a as? ParamNode {
                slots.append(p.slot); names.append(nil); literals.append(.nothing)
            } else if let c = a as? LiteralNode {
                slots.append(-1); names.append(nil); literals.append(c.value)
            } else {
                return nil
            }
        }
        count = slots.count
        self.slots = .allocate(capacity: count)
        self.slots.initialize(from: slots, count: count)
        self.literals = .allocate(capacity: count)
        self.literals.initialize(from: literals, count: count)
        self.names = .allocate(capacity: count)
        self.names.initialize(from: names, count: count)
        let locals = names.indices.filter { names[$0] != nil }
        localCount = locals.count
        self.locals = .allocate(capacity: max(1, localCount))
        self.locals.initialize(from: locals, count: localCount)
    }

    /// Frees the plan (from the node's deinit).
    func deallocate() {
        slots.deallocate()
        literals.deinitialize(count: count)
        literals.deallocate()
        names.deallocate()
        locals.deallocate()
    }

    /// Calls the built-in `b` (the body of `fn`, which has no methods) with the arguments.
    @inline(__always)
    func call(_ t: Ctx, _ fn: Unmanaged<JFunction>, _ b: Unmanaged<Builtin>) throws -> Value {
        let n = count
        let base = t.sp
        if base + n >= t.stackEnd { throw JuliaError.stackOverflow }
        let fp = t.fp
        for j in 0..<localCount {
            let k = locals[j]
            if case .undef = fp[slots[k]], let name = names[k] { throw JuliaError.undefVar(name.takeUnretainedValue()) }
        }
        for k in 0..<n {
            let s = slots[k]
            let from = s >= 0 ? UnsafeRawPointer(fp + s) : UnsafeRawPointer(literals + k)
            UnsafeMutableRawPointer(base + k).copyMemory(from: from, byteCount: MemoryLayout<Value>.stride)
        }
        t.sp = base + n
        defer {
            // the borrowed bits are forgotten: each slot's tag is made `Int`'s, so that it
            // holds no reference (slots above the top hold none), and nothing is released
            // (a built-in leaves the stack as it found it: nothing above its arguments)
            for k in 0..<n { UnsafeMutableRawPointer(base + k).storeBytes(of: Value.intTag, toByteOffset: 8, as: UInt8.self) }
            t.sp = base
        }
        if dist_interrupt_pending() != 0 { try t.checkInterrupt() }
        return try b._withUnsafeGuaranteedRef { bu in
            guard bu.accepts(n) else { throw JuliaError.method(.fn(fn.takeUnretainedValue()), (0..<n).map { base[$0] }) }
            return try bu.body(t, Args(base: base, count: n, kw: t.noKw))
        }
    }

    /// `call` for a plan of exactly two arguments (`GlobalCall2Node`): the same steps, with
    /// no loop over the count (the loops cost about a third of the call's own instructions).
    @inline(__always)
    func call2(_ t: Ctx, _ fn: Unmanaged<JFunction>, _ b: Unmanaged<Builtin>) throws -> Value {
        let base = t.sp
        if base + 2 >= t.stackEnd { throw JuliaError.stackOverflow }
        let fp = t.fp
        let s0 = slots[0], s1 = slots[1]
        if s0 >= 0, case .undef = fp[s0], let name = names[0] { throw JuliaError.undefVar(name.takeUnretainedValue()) }
        if s1 >= 0, case .undef = fp[s1], let name = names[1] { throw JuliaError.undefVar(name.takeUnretainedValue()) }
        let stride = MemoryLayout<Value>.stride
        UnsafeMutableRawPointer(base).copyMemory(from: s0 >= 0 ? UnsafeRawPointer(fp + s0) : UnsafeRawPointer(literals), byteCount: stride)
        UnsafeMutableRawPointer(base + 1).copyMemory(from: s1 >= 0 ? UnsafeRawPointer(fp + s1) : UnsafeRawPointer(literals + 1), byteCount: stride)
        t.sp = base + 2
        defer {
            // as in `call`: the borrowed bits are forgotten
            UnsafeMutableRawPointer(base).storeBytes(of: Value.intTag, toByteOffset: 8, as: UInt8.self)
            UnsafeMutableRawPointer(base + 1).storeBytes(of: Value.intTag, toByteOffset: 8, as: UInt8.self)
            t.sp = base
        }
        if dist_interrupt_pending() != 0 { try t.checkInterrupt() }
        return try b._withUnsafeGuaranteedRef { bu in
            guard bu.accepts(2) else { throw JuliaError.method(.fn(fn.takeUnretainedValue()), [base[0], base[1]]) }
            return try bu.body(t, Args(base: base, count: 2, kw: t.noKw))
        }
    }
}

/// The function or type a global names, cached while the binding is constant and unchanged.
struct GlobalFunctionCache {
    var binding: Unmanaged<Binding>?
    var fn: Unmanaged<JFunction>?
    /// A type called as a constructor (`Vec2(x, y)`); types are immortal.
    var type: Unmanaged<JType>?
    var version = -1

    mutating func lookup(_ ref: GlobalRef, _ rt: Runtime) throws -> Value {
        let v = try rt.globalValue(ref)
        if let b = ref.binding, b.isConst {
            // the binding and function live as long as the module does
            switch v {
            case .fn(let f):
                binding = Unmanaged.passUnretained(b)
                fn = Unmanaged.passUnretained(f)
                type = nil
                version = b.version
            case .type(let t):
                binding = Unmanaged.passUnretained(b)
                type = Unmanaged.passUnretained(t)
                fn = nil
                version = b.version
            default: break
            }
        }
        return v
    }

    /// The cached function and its built-in body, when the binding has not changed and the
    /// function is a built-in with no methods added.
    @inline(__always) func currentBuiltin() -> (Unmanaged<JFunction>, Unmanaged<Builtin>)? {
        guard let b = binding, b._withUnsafeGuaranteedRef({ $0.version }) == version, let f = fn,
              let bu = f._withUnsafeGuaranteedRef({ $0.builtinOnly }) else { return nil }
        return (f, bu)
    }

    /// Calls the cached function (or constructs the cached type) if the binding has not
    /// changed; nil otherwise.
    @inline(__always) func call(_ t: Ctx, _ base: UnsafeMutablePointer<Value>, _ n: Int) throws -> Value? {
        guard let b = binding, b._withUnsafeGuaranteedRef({ $0.version }) == version else { return nil }
        if let f = fn {
            return try f._withUnsafeGuaranteedRef { try t.callFunction($0, base, n, t.noKw) }
        }
        if let ty = type {
            return try ty._withUnsafeGuaranteedRef { ty in
                let args = Args(base: base, count: n, kw: t.noKw)
                if ty.takesDefaultConstructor && ty.constructor == nil { return try t.runtime.newStruct(ty, args) }
                return try t.runtime.construct(ty, args, t)
            }
        }
        return nil
    }
}

/// `f(x)` where `f` is a global: the common case, with no array of arguments.
final class GlobalCall1Node: Node {
    let ref: GlobalRef
    unowned(unsafe) let rt: Runtime
    let a: Node
    var cache = GlobalFunctionCache()
    let borrowed: BorrowedArgs?
    init(_ ref: GlobalRef, _ rt: Runtime, _ a: Node) {
        self.ref = ref; self.rt = rt; self.a = a
        borrowed = BorrowedArgs([a])
        super.init(unwinds: a.unwinds)
    }
    deinit { borrowed?.deallocate() }
    override func eval(_ t: Ctx) throws -> Value {
        if let args = borrowed, let (f, b) = cache.currentBuiltin() { return try args.call(t, f, b) }
        let base = t.sp
        defer { t.popTo(base) }
        // pushed as evaluated: a named value would be copied onto the stack and released after
        try t.push(try a.eval(t))
        if unwinds && t.unwind != .none { return .nothing }
        if let v = try cache.call(t, base, 1) { return v }
        return try t.call(try cache.lookup(ref, rt), base, 1, [])
    }

    /// True when this is a call of `string` (by name; what it names is checked when run).
    var callsString: Bool { ref.name.name == "string" }

    /// This call as a piece of a string being built (`"k=" * string(k)`): an `Int` argument
    /// itself, whose digits the builder writes in place with no string made for it, when the
    /// name is bound to the built-in `string` with no methods added; otherwise the call's
    /// value. (The first call goes the usual way and fills the cache this checks.)
    func evalStringPiece(_ t: Ctx) throws -> Value {
        guard let b = cache.binding, b._withUnsafeGuaranteedRef({ $0.version }) == cache.version,
              let f = cache.fn, f.toOpaque() == rt.stringFunctionID,
              f._withUnsafeGuaranteedRef({ $0.builtinOnly != nil }) else { return try eval(t) }
        let x = try a.eval(t)
        if unwinds && t.unwind != .none { return .nothing }
        if case .int = x { return x }
        let base = t.sp
        defer { t.popTo(base) }
        try t.push(x)
        if unwinds && t.unwind != .none { return .nothing }
        if let v = try cache.call(t, base, 1) { return v }
        return try t.call(try cache.lookup(ref, rt), base, 1, [])
    }
}

/// `f(x, y)` where `f` is a global.
final class GlobalCall2Node: Node {
    let ref: GlobalRef
    unowned(unsafe) let rt: Runtime
    let a: Node, b: Node
    var cache = GlobalFunctionCache()
    let borrowed: BorrowedArgs?
    init(_ ref: GlobalRef, _ rt: Runtime, _ a: Node, _ b: Node) {
        self.ref = ref; self.rt = rt; self.a = a; self.b = b
        borrowed = BorrowedArgs([a, b])
        super.init(unwinds: a.unwinds || b.unwinds)
    }
    deinit { borrowed?.deallocate() }
    override func eval(_ t: Ctx) throws -> Value {
        if let args = borrowed, let (f, bu) = cache.currentBuiltin() { return try args.call2(t, f, bu) }
        let base = t.sp
        defer { t.popTo(base) }
        try t.push(try a.eval(t))
        try t.push(try b.eval(t))
        if unwinds && t.unwind != .none { return .nothing }
        if let v = try cache.call(t, base, 2) { return v }
        return try t.call(try cache.lookup(ref, rt), base, 2, [])
    }
}

/// `f(x, y, z, …)` where `f` is a global, with three or more plain arguments.
final class GlobalCallNode: Node {
    let ref: GlobalRef
    unowned(unsafe) let rt: Runtime
    let args: [Node], refs: NodeRefs
    var cache = GlobalFunctionCache()
    let borrowed: BorrowedArgs?
    init(_ ref: GlobalRef, _ rt: Runtime, _ args: [Node]) {
        self.ref = ref; self.rt = rt; self.args = args; refs = NodeRefs(args)
        borrowed = BorrowedArgs(args)
        super.init(unwinds: args.contains { $0.unwinds })
    }
    deinit { refs.deallocate(); borrowed?.deallocate() }
    override func eval(_ t: Ctx) throws -> Value {
        if let a = borrowed, let (f, b) = cache.currentBuiltin() { return try a.call(t, f, b) }
        let base = t.sp
        defer { t.popTo(base) }
        let n = refs.count
        for k in 0..<n { try t.push(try refs.eval(k, t)) }
        if unwinds && t.unwind != .none { return .nothing }
        if let v = try cache.call(t, base, n) { return v }
        return try t.call(try cache.lookup(ref, rt), base, n, [])
    }
}

/// Creates a closure: captures the current frame's boxes and evaluates parameter types.
final class LambdaNode: Node {
    let lambda: Lambda
    let paramTypes: [Node?]
    var cachedMethods: [Method]?

    init(_ l: Lambda, _ types: [Node?]) {
        lambda = l
        paramTypes = types
        super.init()
    }

    override func eval(_ t: Ctx) throws -> Value {
        var env: [Box] = []
        env.reserveCapacity(lambda.captures.count)
        for c in lambda.captures {
            switch c {
            case .local(let v):
                if case .obj(let o) = t.fp[v.slot], let b = o as? Box {
                    env.append(b)
                } else {
                    let b = Box(t.fp[v.slot])
                    t.fp[v.slot] = .obj(b)
                    env.append(b)
                }
            case .captured(let i):
                env.append(t.env[i])
            }
        }
        let ms: [Method]
        if let c = cachedMethods {
            ms = c
        } else {
            var types: [JType] = []
            for p in paramTypes {
                if let n = p {
                    let tv = try n.eval(t)
                    guard case .type(let ty) = tv else { throw JuliaError.error("invalid type for argument") }
                    types.append(ty)
                } else {
                    types.append(.any)
                }
            }
            ms = Runtime.methods(for: lambda, types: types)
            if paramTypes.allSatisfy({ $0 == nil }) { cachedMethods = ms }
        }
        let f = JFunction(closure: ms[0], env: env)
        for m in ms.dropFirst() { f.addMethod(m) }
        return .fn(f)
    }
}

extension Runtime {
    /// The methods a lambda defines: one per number of arguments its optional parameters allow.
    public static func methods(for l: Lambda, types: [JType]) -> [Method] {
        var ms: [Method] = []
        let fixed = l.isVararg ? l.params.count - 1 : l.params.count
        for k in l.nRequired...max(l.nRequired, fixed) {
            let sig = Array(types.prefix(k))
            let vararg = l.isVararg && k == fixed
            var vt = JType.any
            if vararg, let last = types.last { vt = last }
            ms.append(Method(lambda: l, sig: sig, nargs: k, isVararg: vararg, varargType: vt))
        }
        return ms.reversed()
    }
}

/// `push!(v, x)` as a statement, when `push!` is Base's, `v` is a local holding a vector
/// and `x` (a literal, a local or an expression that assigns no local) already has the
/// vector's element type: a `Float64`, `Int` or `Bool` is written in place as bits, any
/// other value (a string, a tuple, a struct, anything into a `Vector{Any}`) stored with one
/// count taken, with no call and no arguments pushed (a call of the built-in costs ~400
/// instructions, most of them passing the vector in and back out); a full vector grows
/// first. A value that needs converting, or a vector that cannot grow (a view, a
/// `SharedArray`), goes to Base's `push!` as a call; so does the statement's value when it
/// is used.
final class PushNode: Node {
    let general: Node
    let arraySlot: Int
    /// The item's slot, or -1 for `literal` or `item`.
    let itemSlot: Int
    let literal: Value
    /// An item to evaluate, which assigns no local (so the vector stays the one in its slot).
    let item: Node?
    let pushRef: GlobalRef
    /// The runtime, held with no count taken.
    let runtime: Unmanaged<Runtime>
    var cache = GlobalFunctionCache()
    /// Base's `push!` (functions of Base live as long as the process).
    let basePush: Unmanaged<JFunction>

    init(_ general: Node, array: Int, item: Int, literal: Value, itemNode: Node?, push: GlobalRef, basePush: JFunction, _ rt: Runtime) {
        self.general = general; arraySlot = array; itemSlot = item; self.literal = literal; self.item = itemNode; pushRef = push
        self.basePush = Unmanaged.passUnretained(basePush)
        runtime = Unmanaged.passUnretained(rt)
        super.init()
    }

    override func exec(_ t: Ctx) throws {
        guard isBasePush(), Value.tag(at: t.fp + arraySlot) == Value.arrayTag else { return try general.exec(t) }
        let v = itemSlot >= 0 ? t.fp[itemSlot] : try item?.eval(t) ?? literal
        let want = NumberBits.kind(of: v).0
        // the closures return only the new element's address (see `Index1StoreNode`)
        if want != .any, let e = Value.unretainedArray(at: t.fp + arraySlot)._withUnsafeGuaranteedRef({ a -> UnsafeMutableRawPointer? in
            a.kind == want && a.isOwnVector ? a.appendSpare() : nil
        }) {
            NumberBits.store(v, at: e)
            return
        }
        // a boxed element: the vector's elements are `Value`s (a local not yet assigned is
        // the call's `UndefVarError`)
        if case .undef = v { return try general.exec(t) }
        if let e = Value.unretainedArray(at: t.fp + arraySlot)._withUnsafeGuaranteedRef({ a -> UnsafeMutableRawPointer? in
            a.kind == .any && a.isOwnVector && JDict.fits(a.eltype, v) ? a.appendSpare() : nil
        }) {
            // the spare slot holds `#undef`, which needs no release
            e.assumingMemoryBound(to: Value.self).pointee = v
            return
        }
        try pushSlow(t, v)
    }

    /// A full vector of the item's element type grows; anything else is Base's `push!`.
    @inline(never) func pushSlow(_ t: Ctx, _ v: Value) throws {
        if case .arr(let a) = t.fp[arraySlot], a.isOwnVector,
           a.kind == .any ? JDict.fits(a.eltype, v) : a.kind == NumberBits.kind(of: v).0 {
            try a.appendRaw(v)
            return
        }
        if item == nil { return try general.exec(t) }
        // the item was evaluated: it is not evaluated again
        _ = try t.call(.fn(basePush.takeUnretainedValue()), [t.fp[arraySlot], v])
    }

    override func eval(_ t: Ctx) throws -> Value { try general.eval(t) }

    @inline(__always) private func isBasePush() -> Bool {
        if cache.binding == nil { _ = try? cache.lookup(pushRef, runtime.takeUnretainedValue()) }
        guard let (f, _) = cache.currentBuiltin() else { return false }
        return f.toOpaque() == basePush.toOpaque()
    }
}
