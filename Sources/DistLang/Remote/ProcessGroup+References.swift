/// Remote references: `Future` and `RemoteChannel` operations, and the distributed reference
/// counting that frees an owner's stored value when no process holds the reference any more.
extension ProcessGroup {
    // MARK: Futures

    /// `fetch(f::Future)`. Concurrent fetches of one Future in a process take turns (Julia's
    /// per-Future lock, julia#23109): the first asks the owner, the others find its value
    /// cached. Without the turns, the owner could free the value on the first fetch's "done"
    /// before the second one's request arrived, and the second would wait for ever.
    public func fetch(_ f: Future, _ t: Ctx) throws -> Value {
        while let waiters = f.fetchWaiters, f.cache == nil {
            try waiters.wait(rt.scheduler)
        }
        if f.finalized { throw JuliaError.error("Future has been finalized") }
        if let c = f.cache {
            if isRemoteException(c) { throw JuliaError(c) }
            return c
        }
        let waiters = WaitQueue()
        f.fetchWaiters = waiters
        defer {
            f.fetchWaiters = nil
            waiters.notifyAll(rt.scheduler)
        }
        let v: Value
        if f.owner == myid {
            v = try store.future(f.rrid).channel.fetch(t)
            f.cache = v
            store.removeClient(f.rrid, myid)
        } else {
            v = try remotecallFetch(.fn(try rt.baseFunction("__fetch_ref")), f.owner, [.int(Int64(f.rrid.whence)), .int(Int64(f.rrid.id))], [], t)
            if f.cache == nil {
                f.cache = v
                try? backend.send(t, to: f.owner, .delClients([(f.rrid, myid)]))
            }
        }
        if isRemoteException(v) { throw JuliaError(v) }
        return v
    }

    /// `wait(f::Future)`.
    /// As Julia's, it throws the call's `RemoteException` when the call failed (unless
    /// `rethrow` is false: waiting only for the call to be over).
    public func wait(_ f: Future, _ t: Ctx, rethrow: Bool = true) throws {
        var outcome: Value
        if let c = f.cache {
            outcome = c
        } else if f.owner == myid {
            let ch = store.future(f.rrid).channel
            try ch.waitReady(t)
            outcome = try ch.fetch(t)
        } else {
            outcome = try remotecallFetch(.fn(try rt.baseFunction("__wait_ref")), f.owner, [.int(Int64(f.rrid.whence)), .int(Int64(f.rrid.id))], [], t)
        }
        if rethrow && isRemoteException(outcome) { throw JuliaError(outcome) }
    }

    /// `isready(f::Future)`.
    public func isReady(_ f: Future, _ t: Ctx) throws -> Bool {
        if f.cache != nil { return true }
        if f.owner == myid { return store.future(f.rrid).channel.isReady }
        let v = try remotecallFetch(.fn(try rt.baseFunction("__isready_ref")), f.owner, [.int(Int64(f.rrid.whence)), .int(Int64(f.rrid.id))], [], t)
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
            // as Julia's: this process has the value now, so it no longer holds the stored
            // one (other holders — processes it was sent to — keep it until they let go)
            store.removeClient(f.rrid, myid)
            return
        }
        _ = try remotecallFetch(.fn(try rt.baseFunction("__put_ref")), f.owner,
                                [.int(Int64(f.rrid.whence)), .int(Int64(f.rrid.id)), v, .int(Int64(myid))], [], t)
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
                throw JuliaError.error("RemoteChannel: the function must return an AbstractChannel, got \(rt.typeOf(made))")
            }
            store.storeChannel(rrid, ch, clients: [myid])
            let r = RemoteChannelRef(owner: pid, rrid: rrid, channelType: ch.jtype, runtime: rt)
            registerRef(r)
            return r
        }
        let ty = try remotecallFetch(.fn(try rt.baseFunction("__make_channel")), pid,
                                     [f, .int(Int64(rrid.whence)), .int(Int64(rrid.id))], [], t)
        guard case .type(let ct) = ty else { throw JuliaError.error("RemoteChannel: unexpected reply \(rt.typeOf(ty))") }
        let r = RemoteChannelRef(owner: pid, rrid: rrid, channelType: ct, runtime: rt)
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
        return try remotecallFetch(.fn(try rt.baseFunction("__channel_op")), r.owner, args, [], t)
    }

    func localChannelOperation(_ ch: JChannel, _ op: ChannelOp, _ arg: Value?, _ t: Ctx) throws -> Value {
        switch op {
        case .put: try ch.put(arg ?? .nothing, t); return arg ?? .nothing
        case .take: return try ch.take(t)
        case .fetch: return try ch.fetch(t)
        case .isready: return .bool(ch.isReady)
        case .wait: try ch.waitReady(t); return .nothing
        case .close: ch.close(rt.scheduler); return .nothing
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
        if let f = r as? Future, f.cache != nil {
            // the value is forgotten here too: a later fetch fails, as Julia's does
            f.cache = nil
            return
        }
        if r.owner == myid {
            store.removeClient(r.rrid, myid)
        } else {
            try? backend.send(t, to: r.owner, .delClients([(r.rrid, myid)]))
        }
    }

    private func scheduleReferenceFlush() {
        if flushScheduled { return }
        flushScheduled = true
        rt.scheduler.driver.post { [self] in self.flushReferenceMessages() }
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
        backend.sendQuietly(to: pid, m)
    }

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

