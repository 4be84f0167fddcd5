@testable import DistLang
@testable import DistWire
import Foundation
import NIOCore
import Testing

/// Large arrays for a process of the same host travel through shared memory (`BulkTransfer`):
/// the message carries a segment's name, the receiver maps it and unlinks the name, and
/// nothing stays in /dev/shm whether the message is read or dropped.
@Suite(.serialized)
struct BulkTransferTests {
    let sender: TestProcess
    let receiver: TestProcess

    init() throws {
        sender = try TestProcess()
        receiver = try TestProcess()
    }

    /// This process's transfer segments now in /dev/shm.
    func segments() -> [String] {
        let prefix = SharedMapping.segmentPrefix(getpid()) + "b"
        return ((try? FileManager.default.contentsOfDirectory(atPath: "/dev/shm")) ?? []).filter { $0.hasPrefix(prefix) }
    }

    @Test func aLargeArrayArrivesThroughSharedMemoryAndGrowsLikeAnyOther() throws {
        let a = try sender.run("a = collect(1.0:2.0^18)")
        let frame = try encode(a, from: sender)
        #expect(frame.readableBytes < 200, "the bytes went inline: \(frame.readableBytes)")
        #expect(segments().count == 1)
        let b = try decode(frame, into: receiver)
        #expect(segments().isEmpty, "the receiver unlinks the name")
        guard case .arr(let arr) = b else { Issue.record("not an array"); return }
        #expect(arr.count == 1 << 18 && arr.floats[0] == 1 && arr.floats[(1 << 18) - 1] == Double(1 << 18))
        let grow = try receiver.run("b -> (push!(b, -1.0); (length(b), b[end], sum(b[1:4])))")
        #expect(try receiver.callShowing(grow, [b]) == "(262145, -1.0, 10.0)")
    }

    @Test func smallArraysAndBoxedElementsGoInline() throws {
        for source in ["collect(1:1000)", "fill(\"x\", 200_000)"] {
            let frame = try encode(try sender.run(source), from: sender)
            #expect(segments().isEmpty, "\(source)")
            _ = try decode(frame, into: receiver)
        }
    }

    @Test func theSameArrayTwiceIsSentOnceAndArrivesAsOne() throws {
        let v = try sender.run("a = rand(Bool, 2^21); (a, a)")
        let back = try decode(try encode(v, from: sender), into: receiver)
        guard case .tuple(let t) = back, case .arr(let x) = t.items[0], case .arr(let y) = t.items[1] else {
            Issue.record("not a tuple of arrays")
            return
        }
        #expect(x === y)
        #expect(segments().isEmpty)
    }

    @Test func aMessageNeverReadLeavesNothingBehind() throws {
        _ = try encode(try sender.run("zeros(2^18)"), from: sender, destination: 3)
        #expect(segments().count == 1)
        BulkTransfer.discard(destination: 3)
        #expect(segments().isEmpty)
        // a message that fails after its array was placed: the array goes with it
        let m = WireMessage.result(RRID(whence: 1, id: 1), .tuple(JTuple([try sender.run("zeros(2^18)"), try sender.run("Task(() -> 1)")])))
        #expect(throws: (any Error).self) {
            _ = try MessageCodec.encode(m, allocator: ByteBufferAllocator(), runtime: sender.runtime, destination: 2,
                                        sentGlobals: SentGlobals(), onReference: nil)
        }
        #expect(segments().isEmpty)
    }

    @Test func aPeerCannotNameAnyOtherSharedMemory() throws {
        for name in ["/etc/passwd", "/jl000001xxxxxxxxxxxxxxxxxxxx", "/jl00000bxxxxxxxxxxxxxxxxxxx", "/../../tmp/x"] {
            var w = WireWriter(ByteBuffer())
            w.u8(ValueTag.bulkArray.rawValue)
            var vw = ValueWriter(ByteBuffer(), runtime: sender.runtime, destination: 2, sentGlobals: nil, onReference: nil)
            try vw.type(.float64)
            var typeBytes = vw.w.buffer
            w.buffer.writeBuffer(&typeBytes)
            w.u8(1)
            w.int(4)
            w.string(name)
            #expect(throws: WireError.self, "\(name)") { _ = try decode(w.buffer, into: receiver) }
        }
        #expect(!BulkTransfer.isBulkName("/jl001234a0123456789abcdefghi"))
        #expect(BulkTransfer.isBulkName("/jl001234b0123456789abcdefghi"))
    }
}
