import CDistSupport
import DistCluster
import DistLang
import Foundation
import NIOCore
import NIOPosix

/// A running interpreter for the shell: the runtime on its event-loop thread, and blocking
/// entry points for the shell's main thread (which reads input).
public final class Session {
    public let group: MultiThreadedEventLoopGroup
    public let driver: NIOEventDriver
    public private(set) var runtime: Runtime!
    /// Whether the last evaluation failed (for script mode's exit status).
    public private(set) var lastFailed = false
    /// Whether a Ctrl-C (SIGINT) arrived while the last evaluation ran.
    public private(set) var lastInterrupted = false

    /// Creates the event loop (with SIGINT blocked in its thread, so Ctrl-C reaches the
    /// main thread) and the runtime; with `tls` (`dist --tls`) workers are added with
    /// encrypted connections unless `addprocs` says `tls = false`.
    public init(output: OutputSink = StandardOutput(), interactive: Bool, tls: Bool = false) {
        dist_sigint_mask(1)
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        dist_sigint_mask(0)
        let loop = group.next()
        driver = NIOEventDriver(loop: loop)
        let driver = self.driver
        let rt = try? loop.submit { () -> Runtime in
            let rt = Runtime(driver: driver, output: output)
            let cluster = Cluster(role: .master, runtime: rt, loop: loop, cookie: Cookie.random())
            cluster.defaultTLS = tls
            return rt
        }.wait()
        runtime = rt
        runtime.interactive = interactive
        runtime.showBacktraces = true
        runtime.hasDocumentation = { Docs.entry($0) != nil }
    }

    /// Runs `body` on the event loop and waits for it (for setup outside any task).
    public func onLoop<T>(_ body: @escaping () throws -> T) throws -> T {
        try driver.loop.submit(body).wait()
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
        let rt = runtime!
        let done = DispatchSemaphore(value: 0)
        var ok = true
        let size = Terminal.displaySize()
        driver.post {
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
        waitInterruptibly(done)
        lastFailed = !ok
        return ok
    }

    /// Runs `body` as a task on the runtime, as an evaluation does (Ctrl-C interrupts it): the
    /// shell's way to drive the runtime through its API rather than by generated source text.
    /// An error is printed on stderr as `ERROR: …` and recorded in `lastFailed`.
    @discardableResult
    public func perform(file: String? = nil, _ body: @escaping (Runtime, Ctx) throws -> Void) -> Bool {
        let rt = runtime!
        let done = DispatchSemaphore(value: 0)
        var ok = true
        let size = Terminal.displaySize()
        driver.post {
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
        waitInterruptibly(done)
        lastFailed = !ok
        return ok
    }

    /// Waits for `done`; a Ctrl-C meanwhile interrupts the running evaluation.
    func waitInterruptibly(_ done: DispatchSemaphore) {
        let signals = dist_sigints_received()
        defer { lastInterrupted = dist_sigints_received() != signals }
        while done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if dist_interrupt_pending() != 0 {
                driver.post { [weak self] in
                    guard let rt = self?.runtime, let target = rt.interruptTarget else { return }
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
