import CDistSupport

/// Pending control flow: `break`, `continue` and `return` travel up the tree as this flag
/// (set by the statement, checked by the enclosing loop or call), never as Swift errors.
public enum Unwind: UInt8 { case none, breakLoop, continueLoop, returnValue }

/// The execution context of one task: its value stack, current frame, and pending control
/// flow. Every executable node receives it.
///
/// Locals live in the value stack by slot: a frame is `fp[0..<nslots]`, arguments first.
/// A call pushes its arguments at `sp`, and the callee's frame begins there, so arguments
/// are never copied. Slots above `sp` hold no references.
public final class Ctx {
    public unowned(unsafe) let runtime: Runtime
    /// The runtime again, for the hot paths: a method called through `runtime` retains and
    /// releases it around the call; through this, with `_withUnsafeGuaranteedRef`, it does not.
    let runtimeRef: Unmanaged<Runtime>
    public unowned(unsafe) let task: JTask
    let stackBase: UnsafeMutablePointer<Value>
    let stackEnd: UnsafeMutablePointer<Value>
    /// The current frame.
    public var fp: UnsafeMutablePointer<Value>
    /// The first free slot.
    public var sp: UnsafeMutablePointer<Value>
    /// The running closure, whose captured cells its code reads; not reference-counted, as the
    /// closure's caller keeps it alive for the call.
    var closure: Unmanaged<JFunction>?
    /// The running closure's captured cells.
    var env: [Box] { closure?._withUnsafeGuaranteedRef { $0.env } ?? [] }
    /// An empty keyword list for calls from Swift code (an instance's, so that passing it costs
    /// no one-time-initialisation check).
    let noKw: [(JSym, Value)] = []
    var unwind: Unwind = .none
    var retval: Value = .nothing
    /// Exceptions being handled (for `rethrow()`), innermost last.
    var exceptionStack: [JuliaError] = []
    /// Below this native stack address a call raises `StackOverflowError`.
    let nativeLimit: UInt

    /// Whether the operator `op` has only its built-in methods (`Runtime.operatorIsBuiltin`),
    /// asked with no count taken on the runtime.
    @inline(__always) func operatorIsBuiltin(_ op: Op) -> Bool {
        runtimeRef._withUnsafeGuaranteedRef { $0.operatorIsBuiltin(op) }
    }

    init(runtime: Runtime, task: JTask, stack: TaskStack) {
        self.runtime = runtime
        runtimeRef = Unmanaged.passUnretained(runtime)
        self.task = task
        stackBase = stack.values
        stackEnd = stack.values + (stack.valueCapacity - 64)
        fp = stack.values
        sp = stack.values
        let low = dist_coro_stack_low(stack.coro)
        nativeLimit = low + (stack.big ? 1 << 20 : 256 << 10)
    }

    // MARK: The value stack

    /// Pushes `v`, moved in (an argument just evaluated is not copied and released).
    @inline(__always) func push(_ v: consuming Value) throws {
        if sp >= stackEnd { throw JuliaError.stackOverflow }
        sp.initialize(to: v)
        sp += 1
    }

    /// Releases the slots from `base` up and makes `base` the top. Numbers and other values
    /// without a reference are left as they are (slots above `sp` may hold such leftovers):
    /// clearing them cost an outlined destroy per slot on every call's return.
    @inline(__always) func popTo(_ base: UnsafeMutablePointer<Value>) {
        var p = base
        let top = sp
        while p < top {
            if Value.holdsReference(at: p) { p.pointee = .int(0) }
            p += 1
        }
        sp = base
    }

    @inline(__always) func checkStack() throws {
        if UInt(dist_stack_pointer()) < nativeLimit { throw JuliaError.stackOverflow }
    }

    /// Throws `InterruptException` if Ctrl-C (or `interrupt()`) is pending for this task.
    @inline(__always) func checkInterrupt() throws {
        if dist_interrupt_pending() != 0 { try runtime.takeInterrupt(self) }
    }

    // MARK: Calling

    /// Calls `f` with `args` (and keyword arguments) from Swift code.
    public func call(_ f: Value, _ args: [Value], kw: [(JSym, Value)] = []) throws -> Value {
        let base = sp
        defer { popTo(base) }
        for a in args { try push(a) }
        return try call(f, base, args.count, kw)
    }

    /// Calls `f` with one argument, from Swift code (builtins that take a function): the
    /// argument goes on the value stack, with no array made per call.
    public func call1(_ f: Value, _ x: Value) throws -> Value {
        let base = sp
        defer { popTo(base) }
        try push(x)
        return try call(f, base, 1, noKw)
    }

    /// Calls `body` with a function that calls `f` with one argument, for a built-in that
    /// calls `f` once per element (`count`, `map`, `filter`, `any`…). When `f` is a function
    /// of one untyped method (a lambda, most predicates), its frame is set up once for the
    /// whole loop: each call then only stores the argument, resets the method's other
    /// slots and evaluates the body — no dispatch, stack checks or frame switch per element.
    /// Other functions are called as `call1` calls them.
    @inline(__always)
    public func repeatedly<R>(_ f: Value, _ body: (_ call: (Value) throws -> Value) throws -> R) throws -> R {
        guard case .fn(let fn) = f, fn.builtinOnly == nil, let mu = fn.fastMethod,
              mu._withUnsafeGuaranteedRef({ $0.nargs == 1 }), let cu = mu._withUnsafeGuaranteedRef({ $0.fastCode }),
              !cu._withUnsafeGuaranteedRef({ $0.hasPrologue }) else {
            return try body { x in try self.call1(f, x) }
        }
        if UInt(dist_stack_pointer()) < nativeLimit { throw JuliaError.stackOverflow }
        let code = cu.takeUnretainedValue()
        let base = sp
        let top = base + code.nslots
        if top >= stackEnd { throw JuliaError.stackOverflow }
        var p = base
        while p < top {
            p.initialize(to: .undef)
            p += 1
        }
        let savedFP = fp, savedClosure = closure
        fp = base
        sp = top
        if fn.isClosure { closure = Unmanaged.passUnretained(fn) }
        defer {
            fp = savedFP
            closure = savedClosure
            popTo(base)
        }
        return try body { x in
            if dist_interrupt_pending() != 0 { try self.checkInterrupt() }
            // the frame as a call would find it: the argument, the other slots unassigned
            // (a local captured by a closure made in the last call must not be shared)
            if Value.holdsReference(at: base) { base.pointee = x } else { base.initialize(to: x) }
            var q = base + 1
            while q < top {
                q.overwrite(with: .undef)
                q += 1
            }
            return try self.evalBody(code)
        }
    }

    /// `f(x)` for each of `xs`, through `repeatedly`.
    public func callEach(_ f: Value, _ xs: [Value]) throws -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(xs.count)
        try repeatedly(f) { call in
            for x in xs { out.append(try call(x)) }
        }
        return out
    }

    /// Calls `f` with two arguments, from Swift code.
    public func call2(_ f: Value, _ x: Value, _ y: Value) throws -> Value {
        let base = sp
        defer { popTo(base) }
        try push(x)
        try push(y)
        return try call(f, base, 2, noKw)
    }

    /// Calls `f` with the `n` arguments at `base` (already pushed).
    public func call(_ f: Value, _ base: UnsafeMutablePointer<Value>, _ n: Int, _ kw: [(JSym, Value)]) throws -> Value {
        switch f {
        case .fn(let fn):
            return try callFunction(fn, base, n, kw)
        case .type(let t):
            return try runtime.construct(t, Args(base: base, count: n, kw: kw), self)
        default:
            if case .obj(let o) = f, let callable = o as? CallableObject {
                return try callable.callAsFunction(self, Args(base: base, count: n, kw: kw))
            }
            throw JuliaError.error("MethodError: objects of type \(runtime.typeOf(f)) are not callable")
        }
    }

    /// An empty keyword list, shared.
    public static let noKeywords: [(JSym, Value)] = []

    /// Calls a generic function, closure or built-in.
    public func callFunction(_ fn: JFunction, _ base: UnsafeMutablePointer<Value>, _ n: Int, _ kw: [(JSym, Value)]) throws -> Value {
        if let b = fn.builtinOnly {
            // a built-in called once per element from another built-in's loop (count, map,
            // broadcast): Ctrl-C is noticed here, as at a call of a Julia method
            if dist_interrupt_pending() != 0 { try checkInterrupt() }
            return try b._withUnsafeGuaranteedRef { b in
                guard b.accepts(n) else { throw JuliaError.method(.fn(fn), (0..<n).map { base[$0] }) }
                return try b.body(self, Args(base: base, count: n, kw: kw))
            }
        }
        if let mu = fn.fastMethod {
            let r: Value? = try mu._withUnsafeGuaranteedRef { m in
                m.nargs == n ? try invoke(fn, m, base, n, kw) : nil
            }
            if let v = r { return v }
        }
        return try callDispatched(fn, base, n, kw)
    }

    /// `callFunction` for a function with several methods (or one with typed arguments): out
    /// of line, so that the one-method call above stays small enough to be inlined.
    @inline(never)
    private func callDispatched(_ fn: JFunction, _ base: UnsafeMutablePointer<Value>, _ n: Int, _ kw: [(JSym, Value)]) throws -> Value {
        // a method chosen before for these argument types, not retained (`methods` keeps it)
        if let mu = cachedMethod(fn, base, n) {
            return try mu._withUnsafeGuaranteedRef { m in try invoke(fn, m, base, n, kw) }
        }
        if let m = select(fn, base, n) {
            return try invoke(fn, m, base, n, kw)
        }
        if let b = fn.builtin, b.accepts(n) {
            return try b.body(self, Args(base: base, count: n, kw: kw))
        }
        throw JuliaError.method(.fn(fn), (0..<n).map { base[$0] })
    }

    /// The most specific applicable method, if any.
    @inline(__always) func select(_ fn: JFunction, _ base: UnsafeMutablePointer<Value>, _ n: Int) -> Method? {
        let ms = fn.methods
        if ms.isEmpty { return nil }
        if ms.count == 1 {
            let m = ms[0]
            if m.isUntyped && (n == m.nargs || m.isVararg && n >= m.sig.count) { return m }
        }
        return selectTyped(fn, ms, base, n)
    }

    /// Dispatch among typed methods, through the function's cache when the arguments' types
    /// have keys: `applicable` (an `isa` per argument per method) runs once per combination
    /// of argument types, not once per call.
    func selectTyped(_ fn: JFunction, _ ms: [Method], _ base: UnsafeMutablePointer<Value>, _ n: Int) -> Method? {
        if let keys = DispatchKeys.of(base, n) {
            if let m = Ctx.cached(fn, keys) { return m.takeUnretainedValue() }
            for m in ms where applicable(m, base, n) {
                fn.remember(keys, m)
                return m
            }
            return nil
        }
        for m in ms where applicable(m, base, n) { return m }
        return nil
    }

    /// The method `selectTyped` chose before for the arguments' types, if it is in the cache.
    @inline(__always) func cachedMethod(_ fn: JFunction, _ base: UnsafeMutablePointer<Value>, _ n: Int) -> Unmanaged<Method>? {
        guard let keys = DispatchKeys.of(base, n) else { return nil }
        return Ctx.cached(fn, keys)
    }

    /// Read in place: a loop over the array would retain and release its buffer.
    @inline(__always) static func cached(_ fn: JFunction, _ keys: DispatchKeys) -> Unmanaged<Method>? {
        fn.dispatchCache.withUnsafeBufferPointer { b in
            for e in b where e.keys == keys { return e.method }
            return nil
        }
    }

    func applicable(_ m: Method, _ base: UnsafeMutablePointer<Value>, _ n: Int) -> Bool {
        if m.isVararg { if n < m.sig.count { return false } } else if n != m.nargs { return false }
        if m.isUntyped { return true }
        let rt = runtime
        for i in 0..<m.sig.count where !rt.isa(base[i], m.sig[i]) { return false }
        if m.isVararg && m.varargType !== JType.any {
            for i in m.sig.count..<n where !rt.isa(base[i], m.varargType) { return false }
        }
        return true
    }

    /// Runs a method: its frame starts at `base`, where the arguments are.
    func invoke(_ fn: JFunction, _ m: Method, _ base: UnsafeMutablePointer<Value>, _ n: Int, _ kw: [(JSym, Value)]) throws -> Value {
        if let cu = m.fastCode {
            return try cu._withUnsafeGuaranteedRef { code in try run(fn, m, code, base, n, kw) }
        }
        return try run(fn, m, try runtime.compiled(m), base, n, kw)
    }

    @inline(__always)
    private func run(_ fn: JFunction, _ m: Method, _ code: CompiledLambda, _ base: UnsafeMutablePointer<Value>, _ n: Int,
                     _ kw: [(JSym, Value)]) throws -> Value {
        if UInt(dist_stack_pointer()) < nativeLimit { throw JuliaError.stackOverflow }
        if dist_interrupt_pending() != 0 { try checkInterrupt() }
        let top = base + code.nslots
        if top >= stackEnd { throw JuliaError.stackOverflow }
        var first = n
        if m.isVararg {
            let fixed = m.sig.count
            let rest = JTuple.of((fixed..<n).map { base[$0] })
            base[fixed] = .tuple(rest)
            first = fixed + 1
        }
        var p = base + first
        if sp > p {
            // the slots may hold arguments (those just gathered into the vararg tuple)
            while p < top {
                p.overwrite(with: .undef)
                p += 1
            }
        } else {
            // above the arguments: the stack's free part, which holds no reference
            while p < top {
                p.initialize(to: .undef)
                p += 1
            }
        }
        // the caller's `sp` may be above `top` when extra varargs were pushed
        if sp > top { var q = top; while q < sp { q.overwrite(with: .int(0)); q += 1 } }
        let savedFP = fp
        fp = base
        sp = top
        if fn.isClosure {
            let saved = closure
            closure = Unmanaged.passUnretained(fn)
            defer { closure = saved }
            return try body(fn, m, code, savedFP, n, kw)
        }
        return try body(fn, m, code, savedFP, n, kw)
    }

    @inline(__always)
    private func body(_ fn: JFunction, _ m: Method, _ code: CompiledLambda, _ savedFP: UnsafeMutablePointer<Value>, _ n: Int,
                      _ kw: [(JSym, Value)]) throws -> Value {
        defer { fp = savedFP }
        if code.hasPrologue {
            try code.prologue(self, given: m.isVararg ? code.nparams : m.nargs, kw: kw)
        } else if !kw.isEmpty {
            throw JuliaError.method(.fn(fn), (0..<n).map { fp[$0] })
        }
        return try evalBody(code)
    }

    /// Evaluates a method's body in the frame set up for it: its value, or the value a
    /// `return` left; an error leaves a backtrace frame.
    @inline(__always)
    private func evalBody(_ code: CompiledLambda) throws -> Value {
        var r: Value
        do {
            r = try code.bodyRef._withUnsafeGuaranteedRef { try $0.eval(self) }
        } catch {
            throw Backtrace.leaving(error, code, self)
        }
        if unwind != .none {
            if unwind == .returnValue {
                r = retval
                retval = .nothing
            }
            unwind = .none
        }
        return r
    }
}

/// An object that can be called like a function (`pool(args)`, functors).
public protocol CallableObject: AnyObject {
    func callAsFunction(_ t: Ctx, _ args: Args) throws -> Value
}
