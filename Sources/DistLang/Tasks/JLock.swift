/// `ReentrantLock`: held by one task at a time, which may take it again (each `lock` needs
/// its `unlock`); other tasks wait in turn. Tasks switch only at blocking points, so a lock
/// matters where a task blocks while holding it (a remote call, I/O, `sleep`).
public final class JLock: JObject, CustomShow {
    private(set) var owner: AnyObject?
    private(set) var depth = 0
    private let waiters = WaitQueue()

    public override init() { super.init() }

    public override var jtype: JType { JType.reentrantLock }

    public var isLocked: Bool { depth > 0 }

    /// Takes the lock, waiting while another task holds it.
    public func lock(_ sched: Scheduler) throws {
        let me = JLock.holder(sched)
        while depth > 0 && owner !== me { try waiters.wait(sched) }
        owner = me
        depth += 1
    }

    /// Takes the lock if it is free or already ours.
    public func tryLock(_ sched: Scheduler) -> Bool {
        let me = JLock.holder(sched)
        if depth > 0 && owner !== me { return false }
        owner = me
        depth += 1
        return true
    }

    /// Gives the lock back; the last `unlock` lets the next waiting task have it.
    public func unlock(_ sched: Scheduler) throws {
        guard depth > 0 else { throw JuliaError.error("unlock count must match lock count") }
        guard owner === JLock.holder(sched) else { throw JuliaError.error("unlock from wrong thread") }
        depth -= 1
        if depth == 0 {
            owner = nil
            waiters.notifyOne(sched)
        }
    }

    static func holder(_ sched: Scheduler) -> AnyObject? {
        guard let t = sched.current else { return nil }
        return t.lockOwner ?? t
    }

    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        "ReentrantLock(" + (isLocked ? "locked" : "unlocked") + ")"
    }
}

extension JType {
    public static let abstractLock = JType(name: "AbstractLock", super: any, abstract: true)
    public static let reentrantLock = JType(name: "ReentrantLock", super: abstractLock)
}
