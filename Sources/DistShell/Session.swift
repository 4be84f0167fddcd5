import CDistSupport
import DistCluster
import DistLang
import Foundation
import NIOCore
import NIOPosix

/// A running interpreter for the shell: the runtime on its event-loop thread, and blocking
/// entry points for the shell's main thread (which reads input).
///
/// The runtime belongs to the loop's thread. The main thread reaches it in three ways, each a
/// thread crossing the compiler sees: `evaluate` and `perform` post a task to the loop and
/// wait on a semaphore the task signals (`NIOEventDriver.post`); `onLoop` runs a `@Sendable`
/// body there and waits for its `Sendable` result; `stopWorkers` calls the cluster's
/// shutdown, which is made for another thread.
public final class Session {
    public let group: MultiThreadedEventLoopGroup
    public let driver: NIOEventDriver
    /// The runtime, usable only on the loop's thread (`NIOLoopBound` checks it).
    private let runtime: NIOLoopBound<Runtime>
    /// The cluster, for `stopWorkers` only.
    private let cluster: HandOff<Cluster>
    /// Whether the last evaluation failed (for script mode's exit status).
    public private(set) var lastFailed = false
    /// Whether a Ctrl-C (SIGINT) arrived while the last evaluation ran.
    public private(set) var lastInterrupted = false

    /// Creates the event loop (with SIGINT blocked in its thread, so Ctrl-C reaches the
    /// main thread) and the runtime; with `tls` (`dist --tls`) workers are added with
    /// encrypted connections unless `addprocs` says `tls = false`.
    public init(output: OutputSink = StandardOutput(), interactive: Bool, tls: Bool = false) {
        dist_sigint_mask(1)
        group = NIOEventDriver.makeLoopGroup()
        dist_sigint_mask(0)
        let loop = group.next()
        driver = NIOEventDriver(loop: loop)
        let driver = self.driver
        // the output sink is made here and used there from now on
        let sink = HandOff(output)
        // the loop cannot fail to run this: it was just started and nothing can shut it down
        let (runtime, cluster) = try! loop.submit { () -> (NIOLoopBound<Runtime>, HandOff<Cluster>) in
            let rt = Runtime(driver: driver, output: sink.value)
            rt.interactive = interactive
            rt.showBacktraces = true
            rt.hasDocumentation = { Docs.entry($0) != nil }
            let cluster = Cluster(role: .master, runtime: rt, loop: loop, cookie: Cookie.random())
            cluster.defaultTLS = tls
            return (NIOLoopBound(rt, eventLoop: loop), HandOff(cluster))
        }.wait()
        self.runtime = runtime
        self.cluster = cluster
    }

    /// Runs `body` with the runtime on the event loop (for setup and queries outside any task)
    /// and returns what it returns: at once when called on the loop (from an evaluation, as
    /// `exit()` does), otherwise by waiting for the loop.
    public func onLoop<T: Sendable>(_ body: @escaping @Sendable (Runtime) throws -> T) throws -> T {
        let runtime = self.runtime
        if driver.loop.inEventLoop { return try body(runtime.value) }
        return try driver.loop.submit { try body(runtime.value) }.wait()
    }

    /// Stops the workers (process 1 exiting), from any thread. `Cluster.shutdown` is made to
    /// be called off the loop: the handles it closes are under a lock, and it waits for the
    /// workers to exit while the loop goes on printing what they write last.
    public func stopWorkers() {
        cluster.value.shutdown()
    }

    /// What an evaluation produced.
    public enum Outcome {
        case value(Value)
        case failed(String)
    }

    /// Evaluates source text as one REPL input (or a script's statements), waiting for it.
    /// Ctrl-C (SIGINT) interrupts the evaluation. Values are displayed to the terminal's size
    /// as it is now (so a resized window counts from the next input on).
    @discardableResult
    /// `file`, `firstLine` and `loadError` are as for `Runtime.evaluateInput`.
    public func evaluate(_ source: String, display: Bool, errorsToStderr: Bool = false, file: String? = nil,
                         firstLine: Int = 1, loadError: Bool = false) -> Bool {
        let runtime = self.runtime
        let done = DispatchSemaphore(value: 0)
        // counted before the evaluation starts: a Ctrl-C that comes as soon as it has
        // printed something is this evaluation's, not one for the reader
        let signals = dist_sigints_received()
        var ok = true
        let size = Terminal.displaySize()
        driver.post {
            let rt = runtime.value
            rt.displaySize = size
            let task = JTask(bigStack: true) { t in
                ok = rt.evaluateInput(source, display: display, errorsToStderr: errorsToStderr, file: file,
                                      firstLine: firstLine, loadError: loadError, t)
                return .nothing
            }
            task.interruptible = true
            task.lockOwner = self
            task.module = rt.main
            rt.interruptTarget = task
            task.onFinish.append { _ in
                rt.interruptTarget = nil
                done.signal()
            }
            rt.scheduler.schedule(task)
        }
        waitInterruptibly(done, signalsBefore: signals)
        lastFailed = !ok
        return ok
    }

    /// Runs `body` as a task on the runtime, as an evaluation does (Ctrl-C interrupts it): the
    /// shell's way to drive the runtime through its API rather than by generated source text.
    /// An error is printed on stderr as `ERROR: …` and recorded in `lastFailed`.
    @discardableResult
    public func perform(file: String? = nil, _ body: @escaping (Runtime, Ctx) throws -> Void) -> Bool {
        let runtime = self.runtime
        let done = DispatchSemaphore(value: 0)
        // counted before the evaluation starts: a Ctrl-C that comes as soon as it has
        // printed something is this evaluation's, not one for the reader
        let signals = dist_sigints_received()
        var ok = true
        let size = Terminal.displaySize()
        driver.post {
            let rt = runtime.value
            rt.displaySize = size
            let task = JTask(bigStack: true) { t in
                let saved = rt.logLocation
                if let file { rt.logLocation = file }
                defer { if file != nil { rt.logLocation = saved } }
                do {
                    try body(rt, t)
                } catch let e as JuliaError {
                    rt.reportError(e, errorsToStderr: true, t)
                    ok = false
                } catch {
                    rt.output.writeError("ERROR: \(error)\n")
                    ok = false
                }
                return .nothing
            }
            task.interruptible = true
            task.lockOwner = self
            task.module = rt.main
            rt.interruptTarget = task
            task.onFinish.append { _ in
                rt.interruptTarget = nil
                done.signal()
            }
            rt.scheduler.schedule(task)
        }
        waitInterruptibly(done, signalsBefore: signals)
        lastFailed = !ok
        return ok
    }

    /// Waits for `done`; a Ctrl-C meanwhile interrupts the running evaluation.
    func waitInterruptibly(_ done: DispatchSemaphore, signalsBefore signals: Int32) {
        defer { lastInterrupted = dist_sigints_received() != signals }
        while done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if dist_interrupt_pending() != 0 {
                let runtime = self.runtime
                driver.post {
                    let rt = runtime.value
                    guard let target = rt.interruptTarget else { return }
                    if target.state == .blocked {
                        dist_interrupt_clear()
                        rt.scheduler.wake(target, error: JuliaError.interrupt)
                    }
                }
            }
        }
    }

    /// Stops the event loop.
    public func shutdown() {
        try? group.syncShutdownGracefully()
    }
}
