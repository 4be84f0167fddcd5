import DequeModule

/// `Channel{T}(n)`: a queue that blocks `take!` when empty and `put!` when full.
///
/// A channel of size 0 is unbuffered: `put!` waits until a `take!` receives the value.
public final class JChannel: JObject, IterableObject {
    public let elType: JType
    /// Maximum number of buffered values (0: unbuffered).
    public let capacity: Int
    var buffer = Deque<Value>()
    /// For an unbuffered channel: values offered by blocked `put!`s, in order.
    var offers = Deque<(Value, JTask)>()
    public private(set) var isOpen = true
    let takers = WaitQueue()
    let putters = WaitQueue()
    /// Tasks waiting for a value to be available (`wait`, `fetch`).
    let readers = WaitQueue()
    var closeError: JuliaError?

    public init(elType: JType, capacity: Int) {
        self.elType = elType
        self.capacity = capacity
    }

    public override var jtype: JType { JType.channel(elType) }

    /// The values waiting in the channel, in order (for sending a copy of it).
    public var snapshot: [Value] { Array(buffer) + offers.map { $0.0 } }

    /// Adds a value to a channel being rebuilt from a message (no waiting, no checks).
    public func restore(_ v: Value) { buffer.append(v) }

    /// Number of values ready to take.
    public var count: Int { buffer.count + offers.count }

    /// True when a value can be taken without blocking.
    public var isReady: Bool { count > 0 }

    func closedError() -> JuliaError {
        closeError ?? JuliaError.invalidState("Channel is closed.", "closed")
    }

    /// `put!(ch, v)`.
    public func put(_ v: Value, _ t: Ctx) throws {
        let sched = t.runtime.scheduler
        let x = try t.runtime.convert(elType, v)
        while true {
            guard isOpen else { throw closedError() }
            if capacity == 0 {
                guard let me = sched.current else { throw JuliaError.error("cannot put! outside a task") }
                offers.append((x, me))
                takers.notifyOne(sched)
                readers.notifyAll(sched)
                do {
                    try putters.wait(sched)
                } catch {
                    offers.removeAll { $0.1 === me }
                    throw error
                }
                // woken: either our value was taken or the channel closed
                if !offers.contains(where: { $0.1 === me }) { return }
                offers.removeAll { $0.1 === me }
                if !isOpen { throw closedError() }
                continue
            }
            if buffer.count < capacity {
                buffer.append(x)
                takers.notifyOne(sched)
                readers.notifyAll(sched)
                return
            }
            try putters.wait(sched)
        }
    }

    /// `take!(ch)`.
    public func take(_ t: Ctx) throws -> Value {
        let sched = t.runtime.scheduler
        while true {
            if let v = buffer.popFirst() {
                putters.notifyOne(sched)
                return v
            }
            if let (v, putter) = offers.popFirst() {
                sched.wake(putter)
                return v
            }
            guard isOpen else { throw closedError() }
            try takers.wait(sched)
        }
    }

    /// `fetch(ch)`: the next value, without removing it.
    public func fetch(_ t: Ctx) throws -> Value {
        let sched = t.runtime.scheduler
        while true {
            if let v = buffer.first { return v }
            if let (v, _) = offers.first { return v }
            guard isOpen else { throw closedError() }
            try readers.wait(sched)
        }
    }

    /// `wait(ch)`: until a value is available.
    public func waitReady(_ t: Ctx) throws {
        let sched = t.runtime.scheduler
        while !isReady {
            guard isOpen else { throw closedError() }
            try readers.wait(sched)
        }
    }

    /// `close(ch)`: wakes every waiter; buffered values can still be taken.
    public func close(_ sched: Scheduler, error: JuliaError? = nil) {
        guard isOpen else { return }
        isOpen = false
        closeError = error
        let e = closedError()
        takers.notifyAll(sched, error: buffer.isEmpty && offers.isEmpty ? e : nil)
        putters.notifyAll(sched)
        readers.notifyAll(sched, error: buffer.isEmpty && offers.isEmpty ? e : nil)
    }

    public func makeIterator(_ t: Ctx) throws -> ValueIterator { ChannelIterator(self) }
    public var knownCount: Int? { nil }
}

/// `for x in ch`: takes until the channel is closed and empty.
final class ChannelIterator: ValueIterator {
    let ch: JChannel
    init(_ c: JChannel) { ch = c }
    func next(_ t: Ctx) throws -> Value? {
        do {
            return try ch.take(t)
        } catch let e as JuliaError where e.isa(.invalidStateException) && !ch.isOpen {
            return nil
        }
    }
}

extension JChannel: CustomShow {
    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        "Channel{\(elType)}(\(capacity == Int.max ? "Inf" : String(capacity)))"
    }
}
