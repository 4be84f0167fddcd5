/// The remote-call primitives of `Distributed`, independent of how messages travel.
///
/// Calls to this process run here without copying anything (the chapter's "Local
/// invocations"); calls to other processes go through the backend as `RemoteMessage`s.
extension ProcessGroup {
    /// `remotecall(f, pid, args...)`: starts the call and returns a `Future` at once.
    public func remotecall(_ f: Value, _ pid: Int, _ args: [Value], _ kw: [(JSym, Value)], _ t: Ctx) throws -> Future {
        try checkPid(pid)
        let rrid = newRRID()
        let fut = Future(owner: pid, rrid: rrid, runtime: rt)
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
        let slot = ResultSlot(pid: pid)
        pendingResults[notify] = slot
        defer { pendingResults.removeValue(forKey: notify) }
        try backend.send(t, to: pid, .call(f: f, args: args, kw: kw, rrid: nil, notify: notify))
        let v = try waitingOn([pid]) { try slot.take(t) }
        if isRemoteException(v) { throw JuliaError(v) }
        return v
    }

    /// Runs a wait for work on `pids`; a Ctrl-C during it interrupts that work there too
    /// (Julia leaves the workers computing; here they stop as the caller does).
    public func waitingOn<T>(_ pids: [Int], _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as JuliaError where e.isa(.interruptException) {
            try? backend.interrupt(pids.filter { $0 != myid })
            throw e
        }
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
        let fut = Future(owner: pid, rrid: rrid, runtime: rt)
        registerRef(fut)
        let notify = newRRID()
        let slot = ResultSlot(pid: pid)
        pendingResults[notify] = slot
        defer { pendingResults.removeValue(forKey: notify) }
        try backend.send(t, to: pid, .call(f: f, args: args, kw: kw, rrid: rrid, notify: notify))
        let v = try waitingOn([pid]) { try slot.take(t) }
        if isRemoteException(v) { throw JuliaError(v) }
        return fut
    }

    /// `remote_do(f, pid, args...)`: runs the call and forgets it; errors are printed there.
    public func remoteDo(_ f: Value, _ pid: Int, _ args: [Value], _ kw: [(JSym, Value)], _ t: Ctx) throws {
        try checkPid(pid)
        if pid == myid {
            spawnCall(f, args, kw) { v, t in
                if self.isRemoteException(v) { self.rt.output.writeError("ERROR: " + self.rt.errorMessage(v, t) + "\n") }
            }
            return
        }
        try backend.send(t, to: pid, .call(f: f, args: args, kw: kw, rrid: nil, notify: nil))
    }

    /// Runs `f(args...)` as a new task and hands its value (or the error, as a
    /// `RemoteException`) to `done`.
    func spawnCall(_ f: Value, _ args: [Value], _ kw: [(JSym, Value)], from caller: Int? = nil, done: @escaping (Value, Ctx) -> Void) {
        let task = JTask { [unowned(unsafe) self] t in
            defer { if let me = self.rt.scheduler.current { self.callEnded(me) } }
            var v: Value
            let start = self.tracer != nil ? Tracer.now() : 0
            do {
                v = try t.call(f, args, kw: kw)
            } catch let e as JuliaError {
                v = self.wrapRemote(e).value
            }
            if let tr = self.tracer, let caller, !Tracer.isInternal(f) {
                tr.ran(Tracer.callName(f, self.rt), from: caller, start: start, end: Tracer.now())
            }
            done(v, t)
            return .nothing
        }
        task.callIndex = runningCalls.count
        runningCalls.append(task)
        rt.scheduler.schedule(task)
    }

    /// Takes a finished call's task off `runningCalls` (the last one takes its place).
    private func callEnded(_ task: JTask) {
        let i = task.callIndex
        guard i >= 0, i < runningCalls.count, runningCalls[i] === task else { return }
        let last = runningCalls.removeLast()
        if last !== task {
            runningCalls[i] = last
            last.callIndex = i
        }
        task.callIndex = -1
    }

    /// An error as a `RemoteException` of this process, carrying where it happened here (its
    /// stack trace as `StackFrame`s). A `RemoteException` from a further process is wrapped
    /// too, so that the error shows each hop; one of this process is left as it is.
    public func wrapRemote(_ e: JuliaError) -> JuliaError {
        if e.isa(.remoteException), case .obj(let o) = e.value, let s = o as? JStruct,
           case .int(let p) = s[0], Int(p) == myid {
            return e
        }
        return JuliaError.remote(pid: myid, e.value, backtrace: rt.capturedFrames(e.backtrace))
    }

    func isRemoteException(_ v: Value) -> Bool {
        if case .obj(let o) = v, let s = o as? JStruct, s.type === JType.remoteException { return true }
        return false
    }

    func checkPid(_ pid: Int) throws {
        if pid == myid { return }
        if deadProcesses.contains(pid) { throw JuliaError.processExited(pid) }
        if !backend.hasProcess(pid) {
            if pid > 0 && pid < nextKnownPid { throw JuliaError.processExited(pid) }
            throw JuliaError.error("no process with id \(pid) exists")
        }
    }

}
