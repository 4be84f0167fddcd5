/// What a process stores for the references it owns: for each, a channel holding the value
/// (of size 1 for a `Future`) and the set of processes that hold the reference.
///
/// The value is freed when the last holder lets go: by fetching a `Future`, by `finalize`,
/// or when its local reference object is released (distributed reference counting).
public final class RemoteValueStore {
    final class Entry {
        let channel: JChannel
        var clients: Set<Int>
        let isFuture: Bool
        /// For an unbuffered channel, held by a `take!` from another process until its value
        /// is on the way (Julia's `RemoteValue.synctake`).
        let synctake: JLock?
        init(channel: JChannel, clients: Set<Int>, isFuture: Bool) {
            self.channel = channel
            self.clients = clients
            self.isFuture = isFuture
            synctake = !isFuture && channel.capacity == 0 ? JLock() : nil
        }
    }

    private(set) var entries: [RRID: Entry] = [:]

    public init() {}

    /// Number of stored values (exposed as `Distributed.stored_values()`).
    public var count: Int { entries.count }

    /// The entry for a future, created empty if it does not exist yet (a request for it may
    /// arrive before the call that fills it).
    func future(_ rrid: RRID) -> Entry {
        if let e = entries[rrid] { return e }
        let e = Entry(channel: JChannel(elType: .any, capacity: 1), clients: [rrid.whence], isFuture: true)
        entries[rrid] = e
        return e
    }

    func channel(_ rrid: RRID) -> Entry? { entries[rrid] }

    /// The entry for a future if it still exists (every holder may have let go meanwhile).
    func existingFuture(_ rrid: RRID) -> Entry? { entries[rrid] }

    func storeChannel(_ rrid: RRID, _ ch: JChannel, clients: Set<Int>) {
        entries[rrid] = Entry(channel: ch, clients: clients, isFuture: false)
    }

    /// Adds a holder. A reference the owner has not heard of yet (a `Future(pid)` made
    /// elsewhere and sent on before its first use) is created here, held by its creator too,
    /// as Julia's `lookup_ref` does.
    func addClient(_ rrid: RRID, _ pid: Int) {
        if entries[rrid] == nil { _ = future(rrid) }
        entries[rrid]?.clients.insert(pid)
    }

    /// Records that `pid` holds the reference (its owner sent it there).
    public func addClientPublic(_ rrid: RRID, _ pid: Int) { addClient(rrid, pid) }

    /// Removes a holder; frees the value when none is left.
    func removeClient(_ rrid: RRID, _ pid: Int) {
        guard let e = entries[rrid] else { return }
        guard e.clients.remove(pid) != nil else { return }
        if e.clients.isEmpty { entries.removeValue(forKey: rrid) }
    }

    /// Drops every reference held by a process that has gone away.
    func removeClientEverywhere(_ pid: Int) {
        for (k, e) in entries where e.clients.contains(pid) {
            e.clients.remove(pid)
            if e.clients.isEmpty { entries.removeValue(forKey: k) }
        }
    }
}
