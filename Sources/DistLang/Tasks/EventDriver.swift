import Foundation

/// What the scheduler needs from the thread it runs on: a way to run code there later, and
/// timers. The cluster target provides one over SwiftNIO's event loop; `LocalDriver` runs a
/// plain loop on the calling thread (for tests and single-process use).
public protocol EventDriver: AnyObject {
    /// Runs `action` on the interpreter thread soon. May be called from any thread.
    func post(_ action: @escaping () -> Void)
    /// Runs `action` on the interpreter thread after `seconds`.
    func schedule(after seconds: Double, _ action: @escaping () -> Void)
}

/// An event loop on the calling thread: posted actions and timers, run until a condition holds.
public final class LocalDriver: EventDriver {
    private let cond = NSCondition()
    private var posted: [() -> Void] = []
    private var timers: [(deadline: Double, seq: Int, action: () -> Void)] = []
    private var seq = 0
    /// Called when the loop would wait with nothing posted and no timer pending.
    public var onIdle: (() -> Bool)?

    public init() {}

    public func post(_ action: @escaping () -> Void) {
        cond.lock()
        posted.append(action)
        cond.signal()
        cond.unlock()
    }

    public func schedule(after seconds: Double, _ action: @escaping () -> Void) {
        cond.lock()
        seq += 1
        timers.append((monotonicSeconds() + max(0, seconds), seq, action))
        timers.sort { $0.deadline < $1.deadline || $0.deadline == $1.deadline && $0.seq < $1.seq }
        cond.signal()
        cond.unlock()
    }

    /// Runs posted actions and due timers until `done()` is true.
    public func run(until done: () -> Bool) {
        while !done() {
            cond.lock()
            var work = posted
            posted.removeAll()
            let now = monotonicSeconds()
            while let first = timers.first, first.deadline <= now {
                work.append(first.action)
                timers.removeFirst()
            }
            if work.isEmpty {
                if timers.isEmpty {
                    cond.unlock()
                    if onIdle?() == true { continue }
                    cond.lock()
                    if posted.isEmpty && timers.isEmpty { _ = cond.wait(until: Date().addingTimeInterval(0.05)) }
                } else {
                    let wait = timers[0].deadline - now
                    _ = cond.wait(until: Date().addingTimeInterval(wait))
                }
                cond.unlock()
                continue
            }
            cond.unlock()
            for w in work { w() }
        }
    }

    /// True when nothing is posted and no timer is pending.
    public var isIdle: Bool {
        cond.lock()
        defer { cond.unlock() }
        return posted.isEmpty && timers.isEmpty
    }
}

/// Seconds on a monotonic clock.
public func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
