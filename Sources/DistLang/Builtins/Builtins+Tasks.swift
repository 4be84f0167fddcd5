/// Tasks and channels: `@async`, `fetch`, `wait`, `put!`, `take!` on every kind of object
/// that supports them (local and remote).
extension Builtins {
    static func installTasks(_ rt: Runtime) {
        installLocks(rt)
        rt.def("__async") { t, a in
            try a.expect(1, "@async")
            let f = a[0]
            let task = JTask { ctx in try ctx.call(f, []) }
            t.currentSyncGroup?.add(task)
            t.runtime.scheduler.schedule(task)
            return .obj(task)
        }
        rt.def("schedule") { t, a in
            // schedule(t), schedule(t, e; error = true): a task runs once; a task already
            // started cannot be scheduled again
            try a.expect(1...2, "schedule")
            guard case .obj(let o) = a[0], let task = o as? JTask else { throw JuliaError.method("schedule", a.array) }
            guard task.state == .created else { throw JuliaError.error("schedule: Task not runnable") }
            if a.count == 2 {
                if case .bool(true)? = a.keyword("error") {
                    task.startError = JuliaError(a[1])
                } else {
                    throw JuliaError.error("schedule: passing a value to a task that has not started is not supported")
                }
            }
            t.runtime.scheduler.schedule(task)
            return a[0]
        }
        rt.def("yield") { t, _ in
            try t.runtime.scheduler.yield()
            return .nothing
        }
        rt.def("sleep") { t, a in
            try a.expect(1, "sleep")
            let s = try a.double(0, "sleep")
            if s < 0 { throw JuliaError.argument("cannot sleep for \(s) seconds") }
            try t.runtime.scheduler.sleep(s)
            return .nothing
        }
        rt.def("current_task") { t, _ in .obj(t.task) }
        rt.def("istaskdone") { t, a in
            guard case .obj(let o) = a[0], let task = o as? JTask else { throw JuliaError.method("istaskdone", a.array) }
            return .bool(task.isDone)
        }
        rt.def("istaskstarted") { t, a in
            guard case .obj(let o) = a[0], let task = o as? JTask else { throw JuliaError.method("istaskstarted", a.array) }
            return .bool(task.state != .created)
        }
        rt.def("istaskfailed") { t, a in
            guard case .obj(let o) = a[0], let task = o as? JTask else { throw JuliaError.method("istaskfailed", a.array) }
            return .bool(task.state == .failed)
        }
        rt.def("fetch") { t, a in
            try a.expect(1, "fetch")
            guard case .obj(let o) = a[0] else { return a[0] }
            if let task = o as? JTask {
                try t.runtime.scheduler.wait(for: task)
                if task.error != nil { throw JuliaError.make(.taskFailedException, [.obj(task)]) }
                return task.result
            }
            if let f = o as? Future { return try t.runtime.pgrp.fetch(f, t) }
            if let r = o as? RemoteChannelRef { return try t.runtime.pgrp.channelOperation(r, .fetch, nil, t) }
            if let ch = o as? JChannel { return try ch.fetch(t) }
            return a[0]
        }
        rt.def("wait") { t, a in
            try a.expect(1, "wait")
            guard case .obj(let o) = a[0] else { throw JuliaError.method("wait", a.array) }
            if let task = o as? JTask {
                try t.runtime.scheduler.wait(for: task)
                if task.error != nil { throw JuliaError.make(.taskFailedException, [.obj(task)]) }
                return .nothing
            }
            if let f = o as? Future { try t.runtime.pgrp.wait(f, t); return a[0] }
            if let r = o as? RemoteChannelRef { _ = try t.runtime.pgrp.channelOperation(r, .wait, nil, t); return a[0] }
            if let ch = o as? JChannel { try ch.waitReady(t); return .nothing }
            if let c = o as? JCondition { return try c.wait(t) }
            if let pool = o as? WorkerPoolObject { return try t.runtime.pgrp.poolOperation(pool, .wait, nil, t) }
            if let p = o as? JProcess { try p.wait(t); return a[0] }
            throw JuliaError.method("wait", a.array)
        }
        rt.def("isready") { t, a in
            try a.expect(1, "isready")
            guard case .obj(let o) = a[0] else { throw JuliaError.method("isready", a.array) }
            if let f = o as? Future { return .bool(try t.runtime.pgrp.isReady(f, t)) }
            if let r = o as? RemoteChannelRef { return try t.runtime.pgrp.channelOperation(r, .isready, nil, t) }
            if let ch = o as? JChannel { return .bool(ch.isReady) }
            if let task = o as? JTask { return .bool(task.isDone) }
            if let pool = o as? WorkerPoolObject { return try t.runtime.pgrp.poolOperation(pool, .isready, nil, t) }
            throw JuliaError.method("isready", a.array)
        }
        rt.def("put!") { t, a in
            try a.expect(2, "put!")
            guard case .obj(let o) = a[0] else { throw JuliaError.method("put!", a.array) }
            if let ch = o as? JChannel { try ch.put(a[1], t); return a[1] }
            if let r = o as? RemoteChannelRef { _ = try t.runtime.pgrp.channelOperation(r, .put, a[1], t); return a[0] }
            if let f = o as? Future { try t.runtime.pgrp.putFuture(f, a[1], t); return a[0] }
            if let pool = o as? WorkerPoolObject, case .int(let w) = a[1] { try t.runtime.pgrp.poolPut(pool, Int(w), t); return a[1] }
            throw JuliaError.method("put!", a.array)
        }
        rt.def("take!") { t, a in
            try a.expect(1, "take!")
            guard case .obj(let o) = a[0] else { throw JuliaError.method("take!", a.array) }
            if let ch = o as? JChannel { return try ch.take(t) }
            if let r = o as? RemoteChannelRef { return try t.runtime.pgrp.channelOperation(r, .take, nil, t) }
            if let io = o as? JIO {
                let bytes = io.buffer
                io.buffer = []
                io.readPosition = 0
                return .arr(bytesArray(bytes))
            }
            if let pool = o as? WorkerPoolObject { return .int(Int64(try t.runtime.pgrp.poolTake(pool, t))) }
            throw JuliaError.method("take!", a.array)
        }
        rt.def("close") { t, a in
            try a.expect(1, "close")
            guard case .obj(let o) = a[0] else { throw JuliaError.method("close", a.array) }
            if let ch = o as? JChannel { ch.close(t.runtime.scheduler); return .nothing }
            if let r = o as? RemoteChannelRef { _ = try t.runtime.pgrp.channelOperation(r, .close, nil, t); return .nothing }
            if let io = o as? JIO { try io.close(); return .nothing }
            if let p = o as? JProcess { p.closeInput(); return .nothing }
            if let i = o as? ProcessInput { i.process.closeInput(); return .nothing }
            if o is PipeReader { return .nothing }
            if let s = o as? TCPSocket { s.close(); return .nothing }
            if let p = o as? OutputPipe { p.close(); return .nothing }
            throw JuliaError.method("close", a.array)
        }
        rt.def("isopen") { t, a in
            try a.expect(1, "isopen")
            guard case .obj(let o) = a[0] else { throw JuliaError.method("isopen", a.array) }
            if let ch = o as? JChannel { return .bool(ch.isOpen) }
            if let r = o as? RemoteChannelRef { return try t.runtime.pgrp.channelOperation(r, .isopen, nil, t) }
            if let s = o as? PeerStream { return .bool(s.isOpen(t.runtime.pgrp)) }
            if let io = o as? JIO { return .bool(io.isOpen) }
            if o is StandardInput || o is DevNull { return .bool(true) }
            if let s = o as? TCPSocket { return .bool(s.isOpen) }
            throw JuliaError.method("isopen", a.array)
        }
        rt.def("bind") { t, a in
            try a.expect(2, "bind")
            guard case .obj(let co) = a[0], let ch = co as? JChannel, case .obj(let to) = a[1], let task = to as? JTask else {
                throw JuliaError.method("bind", a.array)
            }
            // a task already done closes the channel now, as Julia's bind does
            if task.isDone {
                ch.close(t.runtime.scheduler, error: task.error)
                return a[0]
            }
            task.onFinish.append { [weak ch] finished in
                guard let ch = ch else { return }
                ch.close(t.runtime.scheduler, error: finished.error)
            }
            return a[0]
        }
        rt.def("asyncmap") { t, a in
            guard a.count >= 2 else { throw JuliaError.method("asyncmap", a.array) }
            let lists = try (1..<a.count).map { try t.runtime.collectValues(a[$0], t) }
            let n = lists.map { $0.count }.min() ?? 0
            var tasks: [JTask] = []
            let f = a[0]
            for i in 0..<n {
                let args = lists.map { $0[i] }
                let task = JTask { ctx in try ctx.call(f, args) }
                t.runtime.scheduler.schedule(task)
                tasks.append(task)
            }
            var out: [Value] = []
            for task in tasks {
                try t.runtime.scheduler.wait(for: task)
                if let e = task.error { throw e }
                out.append(task.result)
            }
            return .arr(t.runtime.collectedArray(out, dims: Dims(out.count)))
        }
        rt.constructors[ObjectIdentifier(JType.condition)] = { _, _, _ in .obj(JCondition()) }
        rt.def("notify") { t, a in
            guard a.count >= 1, case .obj(let o) = a[0], let c = o as? JCondition else { throw JuliaError.method("notify", a.array) }
            let all: Bool = { if case .bool(false)? = a.keyword("all") { return false } else { return true } }()
            // Julia returns how many tasks were woken
            return .int(Int64(c.notify(a.count > 1 ? a[1] : .nothing, all: all, t.runtime.scheduler)))
        }
    }
}

/// `Condition()`: tasks wait until notified.
public final class JCondition: JObject {
    let queue = WaitQueue()
    var value: Value = .nothing
    public override var jtype: JType { JType.condition }

    public override init() { super.init() }

    public func wait(_ t: Ctx) throws -> Value {
        try queue.wait(t.runtime.scheduler)
        return value
    }

    /// Wakes one waiting task or all of them; returns how many were woken.
    @discardableResult
    public func notify(_ v: Value, all: Bool, _ sched: Scheduler) -> Int {
        value = v
        if all { return queue.notifyAll(sched) }
        return queue.notifyOne(sched) ? 1 : 0
    }
}

extension Builtins {
    /// `ReentrantLock`, `lock` (also `lock(f, l)`: f runs holding it), `unlock`, `trylock`,
    /// `islocked`.
    static func installLocks(_ rt: Runtime) {
        rt.defType("AbstractLock", .abstractLock)
        rt.defType("ReentrantLock", .reentrantLock)
        rt.constructors[ObjectIdentifier(JType.reentrantLock)] = { _, _, a in
            try a.expect(0, "ReentrantLock")
            return .obj(JLock())
        }
        func lockArg(_ v: Value, _ name: String) throws -> JLock {
            guard case .obj(let o) = v, let l = o as? JLock else { throw JuliaError.method(name, [v]) }
            return l
        }
        rt.def("lock") { t, a in
            try a.expect(1...2, "lock")
            let sched = t.runtime.scheduler
            if a.count == 2 {
                let l = try lockArg(a[1], "lock")
                try l.lock(sched)
                defer { try? l.unlock(sched) }
                return try t.call(a[0], [])
            }
            try lockArg(a[0], "lock").lock(sched)
            return .nothing
        }
        rt.def("unlock") { t, a in
            try a.expect(1, "unlock")
            try lockArg(a[0], "unlock").unlock(t.runtime.scheduler)
            return .nothing
        }
        rt.def("trylock") { t, a in
            try a.expect(1, "trylock")
            return .bool(try lockArg(a[0], "trylock").tryLock(t.runtime.scheduler))
        }
        rt.def("islocked") { t, a in
            try a.expect(1, "islocked")
            return .bool(try lockArg(a[0], "islocked").isLocked)
        }
    }
}
