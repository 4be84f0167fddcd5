import CDistSupport
import DistLang
import Foundation
import NIOCore

/// Heartbeats, as Dask's worker time-to-live: a worker added with `heartbeat_timeout = T`
/// (or with `DIST_HEARTBEAT_TIMEOUT`, or `dist --heartbeat-timeout T`) tells process 1 it is
/// alive about four times per `T`; one that process 1 has not heard from for `T` seconds —
/// stopped (SIGSTOP), frozen, or cut off without the connection closing — is reported and
/// treated as dead: it is killed if this process started it, and its calls fail with
/// `ProcessExitedException` as if it had exited. Off by default, as in Julia, where a stopped
/// worker makes `remotecall_fetch` wait until Ctrl-C.
///
/// Any message counts as a heartbeat; the worker's clock is a thread of its own that marks a
/// heartbeat due, and the heartbeat is sent from the event loop's thread — by the
/// interpreter's interrupt poll while a task runs (so a worker busy in a long loop still
/// answers), by the loop itself when idle. A worker stuck for longer than `T` inside one
/// builtin (a huge sort, a BLAS call) cannot answer: choose `T` above the longest such call.
extension Cluster {
    // MARK: Worker

    public func startHeartbeats(every seconds: Double) {
        guard role == .worker, heartbeatClock == nil else { return }
        runtime.sendHeartbeat = { [unowned(unsafe) self] in try? self.links[1]?.send(.heartbeat) }
        let loop = self.loop
        let micros = useconds_t(min(max(seconds, 0.01), 3600) * 1e6)
        let clock = Thread {
            while true {
                usleep(micros)
                dist_heartbeat_raise()
                // idle: the loop sends it; busy in a task: the task's next poll already has
                loop.execute {
                    if dist_heartbeat_take() != 0 { WorkerProcess.cluster?.runtime.sendHeartbeat?() }
                }
            }
        }
        clock.name = "dist heartbeat"
        clock.start()
        heartbeatClock = clock
    }

    // MARK: Process 1

    /// The `heartbeat_timeout` workers get when `addprocs` does not say: `DIST_HEARTBEAT_TIMEOUT`
    /// (seconds), else none.
    static var defaultHeartbeatTimeout: Double? {
        guard let text = getenv("DIST_HEARTBEAT_TIMEOUT").map({ String(cString: $0) }), let t = Double(text), t > 0 else { return nil }
        return t
    }

    /// Asks worker `pid` for heartbeats and watches them: silent for `timeout` seconds, it is
    /// taken for dead.
    func monitorHeartbeats(of pid: Int, timeout: Double) {
        guard let f = try? runtime.baseFunction("__heartbeats") else { return }
        let interval = max(0.01, timeout / 4)
        sendQuietly(to: pid, .call(f: .fn(f), args: [.float(interval)], kw: [], rrid: nil, notify: nil))
        var lastCount = -1
        var lastHeard = monotonicSeconds()
        var lastCheck = lastHeard
        func check() {
            guard order.contains(pid), let link = links[pid] else { return }
            let now = monotonicSeconds()
            // this process was too busy to read (a long computation of its own): the silence
            // is its own, not the worker's
            if now - lastCheck > 2 * interval { lastHeard = now }
            lastCheck = now
            if link.heard != lastCount {
                lastCount = link.heard
                lastHeard = now
            } else if now - lastHeard > timeout {
                heartbeatsMissed(pid, silentFor: now - lastHeard, timeout: timeout)
                return
            }
            loop.assumeIsolated().scheduleTask(in: .nanoseconds(Int64(interval * 1e9))) { check() }
        }
        loop.assumeIsolated().scheduleTask(in: .nanoseconds(Int64(interval * 1e9))) { check() }
    }

    /// A worker missed its heartbeats: say so, kill it if this process started it (a stopped
    /// process is killed too), and end it as if it had exited.
    func heartbeatsMissed(_ pid: Int, silentFor seconds: Double, timeout: Double) {
        let shown = String(format: "%.1f", seconds)
        runtime.output.writeError("Worker \(pid) sent no heartbeat for \(shown) s (heartbeat_timeout = \(timeout)): taking it for dead.\n")
        if let p = processes[pid], !p.hasExited { _ = Glibc.kill(p.ospid, SIGKILL) }
        processGone(pid)
    }
}
