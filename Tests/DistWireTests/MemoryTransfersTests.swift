@testable import DistWire
import Foundation
import Testing

/// The shared-memory path for large arrays, between two connection ends in one process
/// (which share /dev/shm, as processes of one host do).
struct MemoryTransfersTests {
    static let megabytes = [UInt8]((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })

    /// Reads what `name` holds through `receiver`.
    static func read(_ receiver: MemoryTransfers, _ name: String, dropAfter: Bool, count: Int = megabytes.count) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        try out.withUnsafeMutableBytes { b in try receiver.read(name, count: count, dropAfter: dropAfter, into: b.baseAddress!) }
        return out
    }

    static func exists(_ name: String) -> Bool { access("/dev/shm" + name, F_OK) == 0 }

    @Test func onlyAfterTheProbeIsAnswered() throws {
        let sender = MemoryTransfers(), receiver = MemoryTransfers()
        let data = Self.megabytes
        // unknown: the socket carries the first array, and the connection wants a probe
        #expect(data.withUnsafeBytes { sender.write($0) } == nil)
        #expect(sender.wantsProbe)
        // small arrays never take this path
        #expect([UInt8](repeating: 1, count: 1000).withUnsafeBytes { sender.write($0) } == nil)
        guard let (name, token) = sender.startProbe() else { Issue.record("no probe"); return }
        #expect(sender.state == .probing)
        #expect(receiver.answerProbe(name: name, token: token))
        #expect(!Self.exists(name), "the receiver unlinks the probe")
        sender.probeAnswered(true)
        #expect(sender.state == .confirmed)

        // a segment is reused once read, and kept
        guard let (first, drop1) = data.withUnsafeBytes({ sender.write($0) }) else { Issue.record("not written"); return }
        #expect(!drop1)
        #expect(try Self.read(receiver, first, dropAfter: drop1) == data)
        guard let (again, _) = data.withUnsafeBytes({ sender.write($0) }) else { Issue.record("not written"); return }
        #expect(again == first)
        // while it is unread, the next array gets another
        guard let (second, _) = data.withUnsafeBytes({ sender.write($0) }) else { Issue.record("not written"); return }
        #expect(second != first)
        #expect(try Self.read(receiver, first, dropAfter: false) == data)
        #expect(try Self.read(receiver, second, dropAfter: false) == data)
        // reading a segment not filled again is an error, not stale data
        #expect(throws: WireError.self) { try Self.read(receiver, first, dropAfter: false) }
        // more than the segment holds is refused
        _ = data.withUnsafeBytes { sender.write($0) }
        #expect(throws: WireError.self) { try Self.read(receiver, first, dropAfter: false, count: 64 << 20) }

        sender.connectionClosed()
        #expect(!Self.exists(first) && !Self.exists(second))
    }

    /// A received array's memory is the segment: the sender does not reuse it while the
    /// array lives, gives the next arrays one-off segments when every kept one is in use, and
    /// reuses a segment once the array using it is gone.
    @Test func receivedArraysHoldTheirSegments() throws {
        let sender = MemoryTransfers(), receiver = MemoryTransfers()
        guard let (probe, token) = sender.startProbe() else { Issue.record("no probe"); return }
        sender.probeAnswered(receiver.answerProbe(name: probe, token: token))
        #expect(sender.state == .confirmed)
        var held: [(name: String, owner: AnyObject, memory: UnsafeMutableRawPointer)] = []
        for k in 0..<MemoryTransfers.poolSize {
            let data = [UInt8](repeating: UInt8(k), count: 1 << 20)
            guard let (name, drop) = data.withUnsafeBytes({ sender.write($0) }) else { Issue.record("not written"); return }
            #expect(!drop, "kept segment \(k)")
            let (memory, owner) = try receiver.receive(name, count: data.count, dropAfter: drop)
            held.append((name, owner, memory))
        }
        #expect(Set(held.map(\.name)).count == MemoryTransfers.poolSize)
        // all in use: a one-off, unlinked by the receiver but mapped while its array lives
        let five = [UInt8](repeating: 5, count: 1 << 20)
        guard let (oneOff, drop) = five.withUnsafeBytes({ sender.write($0) }) else { Issue.record("not written"); return }
        #expect(drop && !held.contains { $0.name == oneOff })
        let single = try receiver.receive(oneOff, count: five.count, dropAfter: true)
        #expect(!Self.exists(oneOff))
        #expect(single.0.load(fromByteOffset: (1 << 20) - 1, as: UInt8.self) == 5)
        // what the receiver holds is as it was sent
        for (k, h) in held.enumerated() {
            #expect(h.memory.load(as: UInt8.self) == UInt8(k) && h.memory.load(fromByteOffset: (1 << 20) - 1, as: UInt8.self) == UInt8(k))
        }
        // the third array freed: its segment is the next one used
        let third = held[2].name
        held.remove(at: 2)
        guard let (again, dropAgain) = five.withUnsafeBytes({ sender.write($0) }) else { Issue.record("not written"); return }
        #expect(again == third && !dropAgain)
        let reused = try receiver.receive(again, count: five.count, dropAfter: false)
        #expect(reused.0.load(as: UInt8.self) == 5)
        held = []
        sender.connectionClosed()
        receiver.connectionClosed()
    }

    @Test func aPeerThatDoesNotShareMemoryIsNotUsed() throws {
        let sender = MemoryTransfers(), stranger = MemoryTransfers()
        _ = Self.megabytes.withUnsafeBytes { sender.write($0) }
        guard let (name, token) = sender.startProbe() else { Issue.record("no probe"); return }
        // a wrong token (another /dev/shm holding a segment of that name) is a no
        #expect(!stranger.answerProbe(name: name, token: token.map { $0 ^ 1 }))
        // so is a name that is not a segment's, or that is not there
        #expect(!stranger.answerProbe(name: "/etc/passwd", token: token))
        #expect(!stranger.answerProbe(name: "/jl000001aaaaaaaaaaaaaaaaaaaa", token: token))
        sender.probeAnswered(false)
        #expect(sender.state == .refused)
        #expect(!Self.exists(name), "the sender removes a probe nobody read")
        #expect(Self.megabytes.withUnsafeBytes { sender.write($0) } == nil)
        #expect(throws: WireError.self) { try Self.read(stranger, "/../../tmp/x", dropAfter: true) }
    }
}
