/// What arrives from other processes, and what happens when one of them goes away.
extension ProcessGroup {
    // MARK: Incoming messages

    /// Handles a message from process `from` (called by the backend on this runtime's thread).
    public func handleIncoming(from: Int, _ m: RemoteMessage) {
        switch m {
        case .call(let f, let args, let kw, let rrid, let notify):
            if let r = rrid { _ = store.future(r) }
            spawnCall(f, args, kw, from: from) { [unowned(unsafe) self] v, t in
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
                    self.rt.output.writeError(self.rt.errorMessage(v, t) + "\n")
                }
            }
        case .result(let rrid, let v):
            pendingResults[rrid]?.fill(v, rt.scheduler)
        case .addClients(let list):
            for (rrid, pid) in list { store.addClient(rrid, pid) }
        case .delClients(let list):
            for (rrid, pid) in list { store.removeClient(rrid, pid) }
        }
    }

    /// A call that could not even be decoded: its future holds the error.
    public func storeFailedCall(_ rrid: RRID, _ error: Value) {
        let entry = store.future(rrid)
        try? entry.channel.putNow(error, rt.scheduler)
    }

    /// A process has gone away: every call waiting on it fails with `ProcessExitedException`.
    public func processExited(_ pid: Int) {
        deadProcesses.insert(pid)
        let err = JuliaError.processExited(pid)
        for (_, slot) in pendingResults where slot.pid == pid {
            slot.fail(err, rt.scheduler)
        }
        store.removeClientEverywhere(pid)
    }
}
