import CDistSupport
import DistSyntax
import Foundation

/// Where a process's printed output goes: standard output in the shell, a buffer in tests.
public protocol OutputSink: AnyObject {
    func write(_ s: String)
    func writeError(_ s: String)
    /// Shows `line` at the bottom of the terminal on standard error, kept below whatever is
    /// written meanwhile, or removes it (nil): a progress bar. False when the sink cannot
    /// (not a terminal), and nothing is shown.
    func setStatusLine(_ line: String?) -> Bool
}

extension OutputSink {
    public func setStatusLine(_ line: String?) -> Bool { false }
}

/// Writes straight to file descriptors 1 and 2, unbuffered, so that output from process 1
/// and "From worker" lines interleave only at line boundaries.
public final class StandardOutput: OutputSink {
    public init() {}
    public func write(_ s: String) { writeAll(1, s) }
    public func writeError(_ s: String) { writeAll(2, s) }

    private func writeAll(_ fd: Int32, _ s: String) {
        var bytes = Array(s.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + off, $0.count - off) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            off += n
        }
        bytes.removeAll()
    }
}

/// Collects output in memory (tests, `sprint`, `repr`).
public final class BufferOutput: OutputSink {
    public var text = ""
    public init() {}
    public func write(_ s: String) { text += s }
    public func writeError(_ s: String) { text += s }
}

/// One process's interpreter: its modules, its scheduler, where output goes, and how remote
/// operations are carried out (the cluster backend).
public final class Runtime {
    public let main: JModule
    public let base: JModule
    public let scheduler: Scheduler
    public var output: OutputSink
    /// The distributed state of this process (Julia's `PGRP`): pid, transport, remote
    /// references, pools, shared memory.
    public private(set) var pgrp: ProcessGroup!
    /// The REPL's soft-scope rule and value display apply.
    public var interactive = true
    /// Whether a name has a docstring (the shell's help knows them; nil where there is no
    /// help, as on workers).
    public var hasDocumentation: ((String) -> Bool)?
    /// The random number generator (`rand`, `Random.seed!`).
    public var rng = Xoshiro256(seed: UInt64(truncatingIfNeeded: Int(monotonicSeconds() * 1e9)) ^ UInt64(getpid()))
    var anonymousCounter = 0
    /// The objects an enclosing `show` is in the middle of when a type's own text
    /// (`CustomShow`) shows its parts with `repr`: that `repr` starts from them, so a cycle
    /// through such an object is marked instead of recursing without end (see `showObject`).
    var showEnclosing: [ObjectIdentifier] = []
    /// The task that SIGINT interrupts (the REPL's current evaluation).
    public var interruptTarget: JTask?
    /// `ARGS`.
    public var arguments: [String] = [] { didSet { setGlobal("ARGS", .arr(Runtime.stringVector(arguments)), in: main) } }
    /// The working directory for relative paths of `include`.
    public var sourceDirectory: String = FileManager.default.currentDirectoryPath
    /// Constructors of built-in types, by family (`Dict`, `Channel`, `Array`…).
    public var constructors: [ObjectIdentifier: (Ctx, JType, Args) throws -> Value] = [:]
    /// The generic function of each built-in operator, where user methods may be added.
    public var operatorFunctions: [JFunction] = [] {
        didSet {
            let p = UnsafeMutablePointer<Unmanaged<JFunction>>.allocate(capacity: max(1, operatorFunctions.count))
            for (i, f) in operatorFunctions.enumerated() { (p + i).initialize(to: Unmanaged.passUnretained(f)) }
            operatorRefs.deallocate()
            operatorRefs = p
            operatorCount = operatorFunctions.count
        }
    }
    /// `operatorFunctions` as unmanaged references (the functions are immortal), for checks
    /// on the hot path that reading the Swift array would pay a retain and release for.
    private var operatorRefs = UnsafeMutablePointer<Unmanaged<JFunction>>.allocate(capacity: 1)
    private var operatorCount = 0

    /// Operator `op`'s function, not retained (operator functions are immortal), or nil.
    @inline(__always) func operatorRef(_ op: Op) -> Unmanaged<JFunction>? {
        let i = Int(op.rawValue)
        return i < operatorCount ? operatorRefs[i] : nil
    }

    /// True while the program has added no methods to operator `op`'s function, so that the
    /// built-in meaning holds (`a * b` on strings concatenates).
    @inline(__always) func operatorIsBuiltin(_ op: Op) -> Bool {
        let i = Int(op.rawValue)
        guard i < operatorCount else { return true }
        return operatorRefs[i]._withUnsafeGuaranteedRef { $0.builtinOnly != nil || $0.builtin == nil && $0.methods.isEmpty }
    }
    /// The built-in `string` (immortal), whose calls a string being built with `*` reads
    /// digits from in place (see `GlobalCall1Node.evalStringPiece`).
    unowned(unsafe) var stringFunction: JFunction? = nil {
        didSet { stringFunctionID = stringFunction.map { Unmanaged.passUnretained($0).toOpaque() } }
    }
    /// The address of `stringFunction`, compared without reference counting.
    private(set) var stringFunctionID: UnsafeMutableRawPointer? = nil
    /// Which operator a built-in operator function stands for (for broadcasting).
    var operatorByFunction: [ObjectIdentifier: Op] = [:]
    /// User struct types by full name (`Main.DummyModule.MyType`).
    var userTypes: [String: JType] = [:]
    /// Where the code being run comes from, for error messages, stack traces and log
    /// messages: `REPL[n]` for the n-th input, the script or included file, `none` for `-e`.
    public var logLocation = "REPL[1]"
    /// Whether errors are shown with their stack traces (`Stacktrace:`), as the shell does;
    /// off for embedding, where only the message matters.
    public var showBacktraces = false
    /// Log records kept instead of printed, innermost capture last (`@test_logs`).
    var logCaptures: [[(level: String, message: String)]] = []
    /// REPL inputs evaluated so far.
    var inputCount = 0
    /// `Type{X}` types made so far, by X.
    var typeSingletons: [ObjectIdentifier: JType] = [:]
    /// What `exit(code)` does (the shell and workers set their own).
    public var exitHandler: (Int32) -> Void = { code in Glibc.exit(code) }
    /// The screen's (rows, columns) that displayed values are fitted to (`displaysize()`):
    /// the terminal's size in the shell, which sets it before each evaluation; 24×80 elsewhere.
    public var displaySize = (rows: 24, columns: 80)
    /// Sends a heartbeat to process 1 (a worker whose heartbeats were asked for): called from
    /// the interpreter's interrupt polls when the heartbeat clock says one is due, so a worker
    /// busy in a long loop still shows it is alive.
    public var sendHeartbeat: (() -> Void)?
    /// `@showprogress` bars (see Progress.swift).
    public let progress = ProgressRegistry()

    public init(driver: EventDriver, output: OutputSink = StandardOutput()) {
        SmallString.checkLayout()
        base = JModule(name: JSym.intern("Base"), path: [JSym.intern("Base")], parent: nil)
        main = JModule(name: JSym.intern("Main"), path: [], parent: nil)
        main.usings = [base]
        scheduler = Scheduler(driver: driver)
        self.output = output
        // A runtime lives as long as its process: builtins and nodes reach it constantly,
        // so it is exempt from reference counting.
        Immortal.make(scheduler)
        scheduler.runtime = self
        Immortal.make(self)
        pgrp = ProcessGroup(runtime: self)
        Builtins.install(self)
        setGlobal("Main", .obj(main), in: main)
        setGlobal("Base", .obj(base), in: base)
        for (name, exports) in Runtime.standardLibraryExports {
            let m = JModule(name: JSym.intern(name), path: [JSym.intern("Base"), JSym.intern(name)], parent: base)
            m.isStandardLibrary = true
            m.exports = Set(exports.map { JSym.intern($0) })
            setGlobal(name, .obj(m), in: base)
        }
        for alias in ["Core", "LinearAlgebra", "Random", "InteractiveUtils",
                      "Statistics", "Printf", "Serialization", "Sockets", "Dates", "GC", "BLAS", "ClusterManagers", "SlurmClusterManager"] {
            setGlobal(alias, .obj(base), in: base)
        }
        setGlobal("ARGS", .arr(Runtime.stringVector([])), in: main)
    }

    static func stringVector(_ xs: [String]) -> JArray {
        let a = JArray(eltype: .string, dims: Dims(xs.count))
        for (i, s) in xs.enumerated() { a.values[i] = .str(JStr(s)) }
        return a
    }

    /// The name for the next anonymous function.
    public func nextAnonymousName() -> String {
        anonymousCounter += 1
        return "#\(anonymousCounter)"
    }

    // MARK: Globals

    /// Defines or replaces a global.
    public func setGlobal(_ name: String, _ v: Value, in m: JModule, const: Bool = false) {
        let b = m.ownBinding(JSym.intern(name))
        b.value = v
        if const { b.isConst = true }
    }

    /// The module at `path` (`[]` is Main, `["Base"]` is Base), if it exists.
    public func module(at path: [JSym]) -> JModule? {
        var m = main
        var rest = path[...]
        if path.first?.name == "Base" {
            // Base, or a namespace in it (`Base.Meta`, the standard libraries)
            m = base
            rest = path.dropFirst()
            guard let sub = rest.first else { return base }
            guard case .obj(let o)? = base.bindings[sub]?.value, let inner = o as? JModule else { return base }
            m = inner
            rest = rest.dropFirst()
        }
        for p in rest {
            guard let b = lookupBinding(m, p), case .obj(let o) = b.value, let sub = o as? JModule else { return nil }
            m = sub
        }
        return m
    }

    /// The binding `name` resolves to in `m`: its own, then exported by a module it uses, then Base.
    public func lookupBinding(_ m: JModule, _ name: JSym) -> Binding? {
        let own = m.bindings[name]
        if let b = own, b.isConst || !b.value.isUndef { return b }
        for u in m.usings.reversed() {
            if u === base {
                if let b = base.bindings[name] { return b }
            } else if u.exports.contains(name), let b = u.bindings[name] {
                return b
            }
        }
        if m !== base, let b = base.bindings[name] { return b }
        return own
    }

    /// The binding for a global reference, cached in the reference once it exists.
    @inline(__always) public func binding(_ ref: GlobalRef) -> Binding? {
        if let b = ref.binding { return b }
        guard let m = module(at: ref.module), let b = lookupBinding(m, ref.name) else { return nil }
        if !b.value.isUndef { ref.binding = b }
        return b
    }

    /// The value of a global, or `UndefVarError`.
    @inline(__always) public func globalValue(_ ref: GlobalRef) throws -> Value {
        if let b = ref.binding {
            let v = b.value
            if case .undef = v {} else { return v }
        }
        guard let b = binding(ref) else { throw JuliaError.undefVar(ref.name) }
        if case .undef = b.value { throw JuliaError.undefVar(ref.name) }
        return b.value
    }

    /// The binding an assignment to `ref` writes: the module's own binding.
    public func assignableBinding(_ ref: GlobalRef) throws -> Binding {
        if let b = ref.binding, b.owner.map({ $0.path == ref.module || ref.module.first?.name == "Base" && $0 === base }) ?? false {
            return b
        }
        guard let m = module(at: ref.module) else {
            throw JuliaError.undefVar(JSym.intern(ref.module.map { $0.name }.joined(separator: ".")))
        }
        let b = m.ownBinding(ref.name)
        ref.binding = b
        return b
    }

    // MARK: Interrupts

    /// Called when the SIGINT flag is set: interrupts the current task if it may be.
    func takeInterrupt(_ t: Ctx) throws {
        if dist_heartbeat_take() != 0 { sendHeartbeat?() }
        guard dist_sigint_pending() != 0 else { return }
        // the evaluation's own task; or, while it waits (on a task, a chunk of `@distributed`
        // run here, a `remotecall_fetch` to process 1), whichever task is running instead, as
        // Julia throws at the running task's next safe point: else a loop in an `@async` task
        // that the evaluation waits for could not be stopped at all
        if pgrp.isWorker || t.task.interruptible || t.task === interruptTarget || interruptTarget?.state == .blocked {
            dist_interrupt_clear()
            throw JuliaError.interrupt
        }
    }

    /// A SIGINT arrived while no task was running (a worker waiting in `sleep` or `fetch`):
    /// every blocked incoming call gets `InterruptException`.
    public func interruptIdle() {
        guard dist_sigint_pending() != 0 else { return }
        dist_interrupt_clear()
        pgrp.interruptWaitingCalls()
    }

    // MARK: Running code

    /// Parses, resolves and runs source text in the current task, one top-level statement at
    /// a time (each is resolved after the previous one ran, as Julia does). Returns the value
    /// of the last statement.
    ///
    /// `file` names the source in error messages and stack traces (`logLocation` while it
    /// runs), and `firstLine` is the number of its first line. With `loadError`, as `include`
    /// and `julia file.jl`, an error becomes a `LoadError` naming the statement's first line.
    public func evalSource(_ source: String, in m: JModule, _ t: Ctx, file: String? = nil, firstLine: Int = 1,
                           loadError: Bool = false) throws -> Value {
        let saved = logLocation
        if let f = file { logLocation = f }
        defer { logLocation = saved }
        let name = logLocation
        func wrapped(_ e: JuliaError, line: Int) -> JuliaError {
            guard loadError else { return e }
            return JuliaError(JuliaError.make(.loadError, [.str(JStr(name)), .int(Int64(line)), e.value]).value, backtrace: e.backtrace)
        }
        let (stmts, error) = Parser.parseProgramPartial(source, startLine: firstLine)
        var last = Value.nothing
        for s in stmts {
            do {
                last = try evalStatement(s, in: m, t)
            } catch let e as JuliaError {
                throw wrapped(e, line: s.loc.line)
            }
        }
        if let e = error {
            throw wrapped(JuliaError.parse(e, source: source, file: name, firstLine: firstLine), line: e.location.line)
        }
        return last
    }

    /// Resolves and runs one top-level statement.
    public func evalStatement(_ s: Syn, in m: JModule, _ t: Ctx) throws -> Value {
        let thunk = try resolveStatement(s, in: m)
        return try runThunk(thunk, t)
    }

    /// Resolves a top-level statement in module `m`.
    public func resolveStatement(_ s: Syn, in m: JModule, interpolations: [Value] = []) throws -> Lambda {
        var r = Resolver(module: m.path, interactive: interactive, globalExists: { [unowned self] name in
            guard let b = self.lookupBinding(m, name) else { return false }
            return !b.value.isUndef
        }, nextAnonymousName: { [unowned self] in self.nextAnonymousName() })
        r.interpolationValues = interpolations
        r.file = logLocation
        r.sourceDirectory = sourceDirectory
        do {
            let l = try r.resolveToplevel(s)
            for w in r.warnings { output.writeError("┌ Warning: \(w)\n└ @ \(m.fullName)\n") }
            return l
        } catch let e as SyntaxError {
            throw JuliaError.syntax(e, file: logLocation)
        }
    }

    /// Runs a top-level thunk in a fresh frame of the current task.
    public func runThunk(_ l: Lambda, _ t: Ctx) throws -> Value {
        let code = try compiled(l)
        let base = t.sp
        defer { t.popTo(base) }
        let top = base + code.nslots
        if top >= t.stackEnd { throw JuliaError.stackOverflow }
        var p = base
        while p < top { p.initialize(to: .undef); p += 1 }
        let savedFP = t.fp
        let savedClosure = t.closure
        t.fp = base
        t.sp = top
        t.closure = nil
        defer { t.fp = savedFP; t.closure = savedClosure }
        var r: Value
        do {
            r = try code.body.eval(t)
        } catch {
            throw Backtrace.leavingToplevel(error, l)
        }
        if t.unwind != .none {
            if t.unwind == .returnValue { r = t.retval; t.retval = .nothing }
            t.unwind = .none
        }
        return r
    }

    /// The compiled form of a lambda, compiling it on first use.
    public func compiled(_ l: Lambda) throws -> CompiledLambda {
        if let c = l.compiled { return unsafeDowncast(c, to: CompiledLambda.self) }
        var compiler = Compiler(runtime: self)
        let c = try compiler.compile(l)
        l.compiled = c
        return c
    }

    func compiled(_ m: Method) throws -> CompiledLambda {
        let c = try compiled(m.lambda)
        m.code = c
        return c
    }

    /// Runs `body` as a new task and returns when it finishes (drives a `LocalDriver` loop;
    /// for tests and single-process embedding).
    public func runToCompletion(_ driver: LocalDriver, bigStack: Bool = true, _ body: @escaping (Ctx) throws -> Value) throws -> Value {
        let task = JTask(bigStack: bigStack, body)
        task.interruptible = true
        let savedTarget = interruptTarget
        if savedTarget == nil { interruptTarget = task }
        defer { interruptTarget = savedTarget }
        scheduler.schedule(task)
        driver.onIdle = { [unowned self] in
            // nothing can wake the task: report a deadlock to it
            if !task.isDone && self.scheduler.current == nil && task.state == .blocked {
                self.scheduler.wake(task, error: JuliaError.error("deadlock detected: no task can run"))
                return true
            }
            return false
        }
        driver.run { task.isDone }
        if let e = task.error { throw e }
        return task.result
    }
}

extension Value {
    /// True for `.undef`.
    @inline(__always) public var isUndef: Bool {
        if case .undef = self { return true }
        return false
    }
}
