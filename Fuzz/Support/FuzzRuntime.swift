import CDistSupport
import CFuzzOptions
import DistLang
import Foundation
import Synchronization

/// A runtime for fuzzing in process: no workers, no sockets, no files, no child processes.
///
/// The fuzzers run generated and mutated programs. Built-ins that reach outside the process
/// (files, commands, sockets, workers, standard input, `exit`) are removed from `Base` before
/// any input runs, so a mutation cannot write files, start processes or end the fuzzer; what
/// remains is the language and its values, which is what the fuzzers are for.
public final class FuzzRuntime {
    public let driver = LocalDriver()
    public let output = BufferOutput()
    public let runtime: Runtime

    public init(prelude: String = "") {
        runtime = Runtime(driver: driver, output: output)
        // whatever still reaches `exit` (a manager's `kill` of this process) must not end the fuzzer
        runtime.exitHandler = { _ in }
        for name in FuzzRuntime.outside {
            runtime.base.bindings[JSym.intern(name)] = nil
            runtime.main.bindings[JSym.intern(name)] = nil
        }
        if !prelude.isEmpty { run { rt, t in rt.evaluateInput(prelude, display: false, t) } }
        output.text = ""
        initial = State(runtime)
    }

    /// What one input may change and the next must not see: the globals of Main and Base
    /// (their values and which names exist), the modules Main uses, and the methods of every
    /// function there (`Base.iterate(x::T) = …`). Without `reset()`, a later input ran in what
    /// the earlier ones left, and a finding did not reproduce from its own input.
    private struct State {
        let modules: [(module: JModule, bindings: [JSym: Binding], values: [(Binding, Value, Bool)], usings: [JModule])]
        let methods: [(JFunction, [Method])]

        init(_ rt: Runtime) {
            var modules: [(JModule, [JSym: Binding], [(Binding, Value, Bool)], [JModule])] = []
            var methods: [(JFunction, [Method])] = []
            for m in [rt.main, rt.base] {
                modules.append((m, m.bindings, m.bindings.values.map { ($0, $0.value, $0.isConst) }, m.usings))
                for b in m.bindings.values { if case .fn(let f) = b.value { methods.append((f, f.methods)) } }
            }
            self.modules = modules
            self.methods = methods
        }

        func restore() {
            for (m, bindings, values, usings) in modules {
                if m.bindings.count != bindings.count { m.bindings = bindings }
                for (b, v, c) in values {
                    b.value = v
                    b.isConst = c
                }
                m.usings = usings
            }
            for (f, ms) in methods where !f.methods.elementsEqual(ms, by: ===) { f.methods = ms }
        }
    }

    private var initial: State!

    /// Puts Main and Base back as they were after the prelude (see `State`).
    public func reset() { initial.restore() }

    /// Built-ins that act outside the process or wait on the world.
    public static let outside: [String] = [
        // files and the file system
        "tempdir", "tempname", "mktempdir", "mkdir", "mkpath", "rm", "cd", "open", "write", "read", "read!",
        "readlines", "readline", "eachline", "readavailable", "readchomp", "include", "include_string", "evalfile",
        // processes, the environment, signals, the end of the process
        "run", "success", "detach", "pipeline", "kill", "exit", "withenv", "setenv", "addenv", "__cmd", "ENV",
        "stdin", "interrupt", "write_cookie", "redirect_stdout", "redirect_stderr", "process_running", "process_exited",
        // workers and the network
        "addprocs", "addprocs_slurm", "rmprocs", "launch", "manage", "connect", "getipaddr", "start_worker",
        "__launch_additional", "__redirect_additional", "__interrupt_additional", "__kill_worker", "trace_stop",
        // waits on the clock
        "sleep", "Timer", "timedwait",
    ]

    /// Runs `body` in a task of this runtime under the time budget; a language error is
    /// returned as its message (it is a normal outcome for a fuzz input).
    @discardableResult
    public func run(_ body: @escaping (Runtime, Ctx) throws -> Void) -> String? {
        let rt = runtime
        return Budget.shared.within {
            do {
                _ = try rt.runToCompletion(driver) { t in try body(rt, t); return .nothing }
                return nil
            } catch let e as JuliaError {
                return rt.errorMessage(e.value, nil)
            } catch {
                return "\(error)"
            }
        }
    }
}

/// The time an input may run before the interpreter is interrupted.
///
/// A legitimate program can be slow (`sum(1:10^9)` in a loop, a deep recursion that ends):
/// that is not a hang. Past the budget a watchdog thread raises the interpreter's interrupt
/// flag, as Ctrl-C does, every few milliseconds until the input is done, so the program ends
/// with `InterruptException` (even one that catches it). Only code that never polls the flag
/// (a loop inside a built-in) runs into libFuzzer's own `-timeout` and is reported as a hang.
public final class Budget: Sendable {
    public static let shared = Budget()

    /// Seconds per input: `DIST_FUZZ_BUDGET`, default 0.05. Most inputs take a few
    /// milliseconds; the seeds include benchmark programs that would run for seconds, and a
    /// longer budget only spends the time on their loops (0.5 s ran about half as many inputs).
    public let seconds: Double = Double(ProcessInfo.processInfo.environment["DIST_FUZZ_BUDGET"] ?? "") ?? 0.05

    /// Nanoseconds (monotonic) after which the watchdog interrupts; 0 when no input runs.
    private let deadline = Atomic<UInt64>(0)

    private init() {
        let t = Thread { [self] in
            while true {
                usleep(5_000)
                let d = deadline.load(ordering: .acquiring)
                if d != 0 && DispatchTime.now().uptimeNanoseconds > d { dist_interrupt_raise() }
            }
        }
        t.stackSize = 1 << 20
        t.start()
    }

    /// Runs `body` with the watchdog armed.
    public func within<T>(_ body: () -> T) -> T {
        deadline.store(DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9), ordering: .releasing)
        defer {
            deadline.store(0, ordering: .releasing)
            dist_interrupt_clear()
        }
        return body()
    }
}
