/// Remote references: `Future` and `RemoteChannel`.
///
/// A reference names a value stored on its owner (`where`) by the id its creator gave it
/// (`whence`, `id`). Operations on a reference go to the owner; on the owner itself they
/// touch the stored value directly. The owner keeps the value while some process holds the
/// reference (see `RemoteValueStore`).
public class RemoteRef: JObject, FieldAccessible {
    /// The process that stores the value.
    public let owner: Int
    /// The reference's identity.
    public let rrid: RRID
    /// Set by `finalize`: the reference may no longer be used.
    public var finalized = false
    /// The runtime whose process holds this reference (to notify the owner when dropped).
    unowned(unsafe) var runtime: Runtime?

    init(owner: Int, rrid: RRID, runtime: Runtime?) {
        self.owner = owner
        self.rrid = rrid
        self.runtime = runtime
    }

    /// The value, fetched if needed (for `getindex` on a future).
    func fetchValue(_ t: Ctx) throws -> Value { throw JuliaError.method("fetch", [.obj(self)]) }

    public func field(_ name: JSym, _ t: Ctx) throws -> Value? {
        switch name.name {
        case "where": return .int(Int64(owner))
        case "whence": return .int(Int64(rrid.whence))
        case "id": return .int(Int64(rrid.id))
        case "v" where self is Future:
            // the local cache, as Julia's `Future.v`: nothing until the value is known here
            return (self as! Future).cache.map { .obj(JStruct(.someType, [$0])) } ?? .nothing
        default: return nil
        }
    }

    deinit {
        if let rt = runtime, !finalized { rt.pgrp.referenceDropped(self) }
    }
}

/// `Future`: a write-once reference to the result of a remote call. Its value is cached
/// locally on first `fetch`.
public final class Future: RemoteRef, CustomShow, SyncWaitable {
    /// The fetched value.
    public var cache: Value?
    /// Tasks of this process waiting while another one fetches (see `ProcessGroup.fetch`).
    var fetchWaiters: WaitQueue?

    public override init(owner: Int, rrid: RRID, runtime: Runtime?) {
        super.init(owner: owner, rrid: rrid, runtime: runtime)
    }

    public override var jtype: JType { JType.future }

    override func fetchValue(_ t: Ctx) throws -> Value { try t.runtime.pgrp.fetch(self, t) }

    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        let v = try cache.map { "Some(" + (try rt.repr($0, t)) + ")" } ?? "nothing"
        return "Future(\(owner), \(rrid.whence), \(rrid.id), \(v))"
    }

    public func syncWait(_ t: Ctx) throws {
        _ = try t.runtime.pgrp.fetch(self, t)
    }
}

/// `RemoteChannel{T}`: a reference to a channel stored on its owner.
public final class RemoteChannelRef: RemoteRef, CustomShow, IterableObject {
    /// The type of the channel (`Channel{Int64}`), for display.
    public let channelType: JType

    public init(owner: Int, rrid: RRID, channelType: JType, runtime: Runtime?) {
        self.channelType = channelType
        super.init(owner: owner, rrid: rrid, runtime: runtime)
    }

    public override var jtype: JType { JType.apply(JType.remoteChannelFamily, [.type(channelType)]) }

    override func fetchValue(_ t: Ctx) throws -> Value { try t.runtime.pgrp.channelOperation(self, .fetch, nil, t) }

    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        "RemoteChannel{\(channelType)}(\(owner), \(rrid.whence), \(rrid.id))"
    }

    public func makeIterator(_ t: Ctx) throws -> ValueIterator { RemoteChannelIterator(self) }
    public var knownCount: Int? { nil }
}

final class RemoteChannelIterator: ValueIterator {
    let ref: RemoteChannelRef
    init(_ r: RemoteChannelRef) { ref = r }
    func next(_ t: Ctx) throws -> Value? {
        do {
            return try t.runtime.pgrp.channelOperation(ref, .take, nil, t)
        } catch let e as JuliaError {
            if e.isa(.invalidStateException) { return nil }
            if e.isa(.remoteException), case .obj(let o) = e.value, let s = o as? JStruct,
               case .obj(let co) = s[1], let c = co as? JStruct, case .obj(let io) = c[0],
               let inner = io as? JStruct, inner.type === JType.invalidStateException {
                return nil
            }
            throw e
        }
    }
}

/// The operations on a channel that `RemoteChannel` forwards to its owner.
public enum ChannelOp: String {
    case put = "put!", take = "take!", fetch, isready, wait, close, isopen, isempty, count
}
