/// The remote-call primitives of `Distributed`, independent of how messages travel.
///
/// Calls to this process run here without copying anything (the chapter's "Local
/// invocations"); calls to other processes go through the backend as `RemoteMessage`s.
extension Runtime {
    /// This process's id.
    public var myid: Int { backend.myid }

    /// A new reference id created by this process.
    public func newRRID() -> RRID {
        let r = RRID(whence: myid, id: nextRefID)
        nextRefID += 1
        return r
    }

    /// `remotecall(f, pid, args...)`: starts the call and returns a `Future` at once.
    public func remotecall(_ f: Value, _ pid: Int, _ args: [Value], _ kw: [(JSym, Value)], _ t: Ctx) throws -> Future {
        try checkPid(pid)
        let rrid = newRRID()
        let fut = Future(owner: pid, rrid: rrid, runtime: self)
        registerRef(fut)
        if pid == myid {
            let entry = store.future(rrid)
            entry.clients = [myid]
            spawnCall(f, args, kw) { v, ctx in
                try? entry.channel.put(v, ctx)
            }
        } else {
            try backend.send(t, to: pid, .call(f: f, args: args, kw: kw, rrid: rrid, notify: nil))
        }
        t.currentSyncGroup?.add(fut)
        return fut
    }

    /// `remotecall_fetch(f, pid, args...)`: runs the call and waits for its value.
    public func remotecallFetch(_ f: Value, _ pid: Int, _ args: [Value], _ kw: [(JSym, Value)], _ t: Ctx) throws -> Value {
        try checkPid(pid)
        if pid == myid {
            do {
                return try t.call(f, args, kw: kw)
            } catch let e as JuliaError where !e.isa(.interruptException) {
                throw wrapRemote(e)
            }
        }
        let notify = newRRID()
        let slot = JChannel(elType: .any, capacity: 1)
        pendingResults[notify] = (slot, pid)
        defer { pendingResults.removeValue(forKey: notify) }
        try backend.send(t, to: pid, .call(f: f, args: args, kw: kw, rrid: nil, notify: notify))
        let v = try slot.take(t)
        if isRemoteException(v) { throw JuliaError(v) }
        return v
    }

    /// `remotecall_wait(f, pid, args...)`: runs the call, waits for it, returns the `Future`.
    public func remotecallWait(_ f: Value, _ pid: Int, _ args: [Value], _ kw: [(JSym, Value)], _ t: Ctx) throws -> Future {
        try checkPid(pid)
        if pid == myid {
            let fut = try remotecall(f, pid, args, kw, t)
            let v = try store.future(fut.rrid).channel.fetch(t)
            if isRemoteException(v) { throw JuliaError(v) }
            return fut
        }
        let rrid = newRRID()
        let fut = Future(owner: pid, rrid: rrid, runtime: self)
        registerRef(fut)
        let notify = newRRID()
        let slot = JChannel(elType: .any, capacity: 1)
        pendingResults[notify] = (slot, pid)
        defer { pendingResults.removeValue(forKey: notify) }
        try backend.send(t, to: pid, .call(f: f, args: args, kw: kw, rrid: rrid, notify: notify))
        let v = try slot.take(t)
        if isRemoteException(v) { throw JuliaError(v) }
        return fut
    }

    /// `remote_do(f, pid, args...)`: runs the call and forgets it; errors are printed there.
    public func remoteDo(_ f: Value, _ pid: Int, _ args: [Value], _ kw: [(JSym, Value)], _ t: Ctx) throws {
        try checkPid(pid)
        if pid == myid {
            spawnCall(f, args, kw) { v, t in
                if self.isRemoteException(v) { self.output.writeError("ERROR: " + self.errorMessage(v, t) + "\n") }
            }
            return
        }
        try backend.send(t, to: pid, .call(f: f, args: args, kw: kw, rrid: nil, notify: nil))
    }

    /// Runs `f(args...)` as a new task and hands its value (or the error, as a
    /// `RemoteException`) to `done`.
    func spawnCall(_ f: Value, _ args: [Value], _ kw: [(JSym, Value)], done: @escaping (Value, Ctx) -> Void) {
        let task = JTask { [unowned self] t in
            var v: Value
            do {
                v = try t.call(f, args, kw: kw)
            } catch let e as JuliaError {
                v = self.wrapRemote(e).value
            }
            done(v, t)
            return .nothing
        }
        let key = ObjectIdentifier(task)
        callTaskList[key] = task
        task.onFinish.append { [unowned self] _ in self.callTaskList.removeValue(forKey: key) }
        scheduler.schedule(task)
    }

    /// An error as a `RemoteException` of this process (unchanged if it already is one).
    public func wrapRemote(_ e: JuliaError) -> JuliaError {
        if e.isa(.remoteException) { return e }
        return JuliaError.remote(pid: myid, e.value)
    }

    func isRemoteException(_ v: Value) -> Bool {
        if case .obj(let o) = v, let s = o as? JStruct, s.type === JType.remoteException { return true }
        return false
    }

    func checkPid(_ pid: Int) throws {
        if pid == myid { return }
        if deadProcesses.contains(pid) { throw JuliaError.processExited(pid) }
        if !backend.procs().contains(pid) {
            if pid > 0 && pid < nextKnownPid { throw JuliaError.processExited(pid) }
            throw JuliaError.error("no process with id \(pid) exists")
        }
    }

    // MARK: Futures

    /// `fetch(f::Future)`.
    public func fetch(_ f: Future, _ t: Ctx) throws -> Value {
        if let c = f.cache {
            if isRemoteException(c) { throw JuliaError(c) }
            return c
        }
        if f.finalized { throw JuliaError.error("Future has been finalized") }
        let v: Value
        if f.owner == myid {
            v = try store.future(f.rrid).channel.fetch(t)
            f.cache = v
            store.removeClient(f.rrid, myid)
        } else {
            v = try remotecallFetch(.fn(try baseFunction("__fetch_ref")), f.owner, [.int(Int64(f.rrid.whence)), .int(Int64(f.rrid.id))], [], t)
            if f.cache == nil {
                f.cache = v
                try? backend.send(t, to: f.owner, .delClients([(f.rrid, myid)]))
            }
        }
        if isRemoteException(v) { throw JuliaError(v) }
        return v
    }

    /// `wait(f::Future)`.
    public func wait(_ f: Future, _ t: Ctx) throws {
        if f.cache != nil { return }
        if f.owner == myid {
            try store.future(f.rrid).channel.waitReady(t)
            return
        }
        _ = try remotecallFetch(.fn(try baseFunction("__wait_ref")), f.owner, [.int(Int64(f.rrid.whence)), .int(Int64(f.rrid.id))], [], t)
    }

    /// `isready(f::Future)`.
    public func isReady(_ f: Future, _ t: Ctx) throws -> Bool {
        if f.cache != nil { return true }
        if f.owner == myid { return store.future(f.rrid).channel.isReady }
        let v = try remotecallFetch(.fn(try baseFunction("__isready_ref")), f.owner, [.int(Int64(f.rrid.whence)), .int(Int64(f.rrid.id))], [], t)
        if case .bool(let b) = v { return b }
        return false
    }

    /// `put!(f::Future, v)`: sets a future's value, once.
    public func putFuture(_ f: Future, _ v: Value, _ t: Ctx) throws {
        if f.cache != nil { throw JuliaError.error("Future can be set only once") }
        if f.owner == myid {
            let e = store.future(f.rrid)
            if e.channel.isReady { throw JuliaError.error("Future can be set only once") }
            try e.channel.put(v, t)
            f.cache = v
            return
        }
        _ = try remotecallFetch(.fn(try baseFunction("__put_ref")), f.owner, [.int(Int64(f.rrid.whence)), .int(Int64(f.rrid.id)), v], [], t)
        f.cache = v
    }

    // MARK: Remote channels

    /// `RemoteChannel(f, pid)`: makes the channel on `pid` by calling `f` there.
    public func makeRemoteChannel(_ f: Value, _ pid: Int, _ t: Ctx) throws -> RemoteChannelRef {
        try checkPid(pid)
        let rrid = newRRID()
        if pid == myid {
            let made = try t.call(f, [])
            guard case .obj(let o) = made, let ch = o as? JChannel else {
                throw JuliaError.error("RemoteChannel: the function must return an AbstractChannel, got \(typeOf(made))")
            }
            store.storeChannel(rrid, ch, clients: [myid])
            let r = RemoteChannelRef(owner: pid, rrid: rrid, channelType: ch.jtype, runtime: self)
            registerRef(r)
            return r
        }
        let ty = try remotecallFetch(.fn(try baseFunction("__make_channel")), pid,
                                     [f, .int(Int64(rrid.whence)), .int(Int64(rrid.id))], [], t)
        guard case .type(let ct) = ty else { throw JuliaError.error("RemoteChannel: unexpected reply \(typeOf(ty))") }
        let r = RemoteChannelRef(owner: pid, rrid: rrid, channelType: ct, runtime: self)
        registerRef(r)
        return r
    }

    /// Runs a channel operation on the owner of a remote channel.
    public func channelOperation(_ r: RemoteChannelRef, _ op: ChannelOp, _ arg: Value?, _ t: Ctx) throws -> Value {
        if r.finalized { throw JuliaError.error("RemoteChannel has been finalized") }
        if r.owner == myid {
            guard let e = store.channel(r.rrid) else { throw JuliaError.error("RemoteChannel \(r.rrid) no longer exists") }
            return try localChannelOperation(e.channel, op, arg, t)
        }
        var args: [Value] = [.int(Int64(r.rrid.whence)), .int(Int64(r.rrid.id)), .sym(JSym.intern(op.rawValue))]
        if let a = arg { args.append(a) }
        return try remotecallFetch(.fn(try baseFunction("__channel_op")), r.owner, args, [], t)
    }

    func localChannelOperation(_ ch: JChannel, _ op: ChannelOp, _ arg: Value?, _ t: Ctx) throws -> Value {
        switch op {
        case .put: try ch.put(arg ?? .nothing, t); return arg ?? .nothing
        case .take: return try ch.take(t)
        case .fetch: return try ch.fetch(t)
        case .isready: return .bool(ch.isReady)
        case .wait: try ch.waitReady(t); return .nothing
        case .close: ch.close(scheduler); return .nothing
        case .isopen: return .bool(ch.isOpen)
        case .isempty: return .bool(!ch.isReady)
        case .count: return .int(Int64(ch.count))
        }
    }

    // MARK: Reference tracking

    /// Remembers a live reference object so that decoding the same reference again in this
    /// process yields the same object (one holder per process).
    public func registerRef(_ r: RemoteRef) {
        liveRefs[r.rrid] = WeakRef(r)
    }

    /// The live reference object for an id, if this process still holds one.
    public func existingRef(_ rrid: RRID) -> RemoteRef? {
        liveRefs[rrid]?.ref
    }

    /// Called when a reference object is released: tells the owner.
    func referenceDropped(_ r: RemoteRef) {
        let rrid = r.rrid, owner = r.owner
        if let w = liveRefs[rrid], w.ref == nil || w.ref === r { liveRefs.removeValue(forKey: rrid) }
        if let f = r as? Future, f.cache != nil { return }
        if owner == myid {
            store.removeClient(rrid, myid)
        } else {
            pendingDeletes.append((owner, rrid))
            scheduleReferenceFlush()
        }
    }

    /// `finalize(ref)`: releases the reference now.
    public func finalizeRef(_ r: RemoteRef, _ t: Ctx) throws {
        if r.finalized { return }
        r.finalized = true
        liveRefs.removeValue(forKey: r.rrid)
        if let f = r as? Future, f.cache != nil { return }
        if r.owner == myid {
            store.removeClient(r.rrid, myid)
        } else {
            try? backend.send(t, to: r.owner, .delClients([(r.rrid, myid)]))
        }
    }

    private func scheduleReferenceFlush() {
        if flushScheduled { return }
        flushScheduled = true
        scheduler.driver.post { [self] in self.flushReferenceMessages() }
    }

    /// Sends the queued "reference dropped" messages, grouped by owner.
    func flushReferenceMessages() {
        flushScheduled = false
        let pending = pendingDeletes
        pendingDeletes = []
        var byOwner: [Int: [(RRID, Int)]] = [:]
        for (owner, rrid) in pending { byOwner[owner, default: []].append((rrid, myid)) }
        for (owner, list) in byOwner {
            sendQuietly(to: owner, .delClients(list))
        }
    }

    /// Sends a message outside any task (reference bookkeeping); failures are ignored.
    func sendQuietly(to pid: Int, _ m: RemoteMessage) {
        backendSendQuietly?(pid, m)
    }

    // MARK: Incoming messages

    /// Handles a message from process `from` (called by the backend on this runtime's thread).
    public func handleIncoming(from: Int, _ m: RemoteMessage) {
        switch m {
        case .call(let f, let args, let kw, let rrid, let notify):
            if let r = rrid { _ = store.future(r) }
            spawnCall(f, args, kw) { [unowned self] v, t in
                // the result is kept only while someone still holds the reference: holders
                // that let go before the call finished must not leave it stored for ever
                if let r = rrid, let entry = self.store.existingFuture(r) { try? entry.channel.put(v, t) }
                if let n = notify {
                    let reply: Value = rrid != nil && !self.isRemoteException(v) ? .sym(JSym.intern("OK")) : v
                    do {
                        try self.backend.send(t, to: n.whence, .result(n, reply))
                    } catch {
                        // the value cannot travel: the caller gets an error instead of waiting forever
                        let why = (error as? JuliaError)?.value ?? JuliaError.error("\(error)").value
                        let failed = JuliaError.remote(pid: self.myid, why).value
                        try? self.backend.send(t, to: n.whence, .result(n, failed))
                    }
                }
                if rrid == nil && notify == nil && self.isRemoteException(v) {
                    // remote_do: nobody waits for the result; the error is shown as Julia's showerror does
                    self.output.writeError(self.errorMessage(v, t) + "\n")
                }
            }
        case .result(let rrid, let v):
            guard let (slot, _) = pendingResults[rrid] else { return }
            try? slot.putNow(v, scheduler)
        case .addClients(let list):
            for (rrid, pid) in list { store.addClient(rrid, pid) }
        case .delClients(let list):
            for (rrid, pid) in list { store.removeClient(rrid, pid) }
        }
    }

    /// A call that could not even be decoded: its future holds the error.
    public func storeFailedCall(_ rrid: RRID, _ error: Value) {
        let entry = store.future(rrid)
        try? entry.channel.putNow(error, scheduler)
    }

    /// A process has gone away: every call waiting on it fails with `ProcessExitedException`.
    public func processExited(_ pid: Int) {
        deadProcesses.insert(pid)
        let err = JuliaError.processExited(pid)
        for (_, (slot, waitingFor)) in pendingResults where waitingFor == pid {
            slot.close(scheduler, error: err)
        }
        store.removeClientEverywhere(pid)
    }

    /// A function of Base by name.
    public func baseFunction(_ name: String) throws -> JFunction {
        guard let b = base.bindings[JSym.intern(name)], case .fn(let f) = b.value else {
            throw JuliaError.undefVar(JSym.intern(name))
        }
        return f
    }
}

/// A weak reference to a remote reference object.
final class WeakRef {
    weak var ref: RemoteRef?
    init(_ r: RemoteRef) { ref = r }
}

extension JChannel {
    /// Puts a value from outside any task (a result arriving): never blocks.
    func putNow(_ v: Value, _ sched: Scheduler) throws {
        guard isOpen else { return }
        buffer.append(v)
        takers.notifyOne(sched)
        readers.notifyAll(sched)
    }
}

extension Runtime {
    /// `finalize(S)`: the other participants drop their mappings of a shared array at once.
    public func finalizeShared(_ s: SharedArrayInfo) {
        // the other participants drop their mappings now; this process's view stays valid
        // while it is referenced
        if let m = s.mapping as? SharedMapping, m.onRelease != nil {
            m.onRelease?()
            m.onRelease = nil
        }
    }
}

extension Runtime {
    /// Defines a global of Main that arrived with a closure (Julia's rule: created if missing,
    /// replaced if not constant; a constant keeps its value and warns when another arrives).
    public func receiveGlobal(_ name: String, _ v: Value, isConst: Bool) {
        let b = main.ownBinding(JSym.intern(name))
        if b.isConst && !b.value.isUndef {
            if !valuesIdentical(b.value, v) && !((try? isEqual(b.value, v, nil)) ?? false) {
                output.writeError("┌ Warning: Cannot transfer global variable \(name); it already has a value.\n")
            }
            return
        }
        b.value = v
        if isConst { b.isConst = true }
    }
}
