@testable import DistLang
@testable import DistWire
import Foundation
import NIOCore
import Testing

/// `FrameDecoder` behind NIO's `ByteToMessageHandler`, as the cluster uses it: frames come out
/// whole however the bytes arrive.
final class FrameDecoderTests {
    let channel = TestChannel()
    let collector = FrameCollector()

    init() throws {
        try channel.pipeline.syncOperations.addHandlers([FrameDecoder(), collector])
    }

    deinit { channel.finish() }

    /// A frame: little-endian u32 length, then the payload.
    static func frame(_ payload: [UInt8]) -> [UInt8] {
        let n = UInt32(payload.count)
        return [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + payload
    }

    /// Payloads of assorted sizes, including empty ones.
    static let payloads: [[UInt8]] = [
        [1, 2, 3], [], Array(repeating: 0xAB, count: 300), [0xFF], Array(0...255), [],
        Array(repeating: 7, count: 70_000),
    ]

    static var stream: [UInt8] { payloads.flatMap { frame($0) } }

    @Test func framesFedByteByByteComeOutWhole() {
        // without the 70 kB payload: a feed costs tens of microseconds in a debug build
        let small = FrameDecoderTests.payloads.filter { $0.count < 1000 }
        for b in small.flatMap({ FrameDecoderTests.frame($0) }) { channel.feed([b]) }
        #expect(collector.frames == small)
        #expect(collector.errors.isEmpty)
    }

    @Test func framesSplitAtRandomPointsComeOutWhole() {
        var rng = SeededGenerator(seed: 0xF4A3)
        let stream = FrameDecoderTests.stream
        for _ in 0..<20 {
            let c = TestChannel(), out = FrameCollector()
            defer { c.finish() }
            #expect(throws: Never.self) { try c.pipeline.syncOperations.addHandlers([FrameDecoder(), out]) }
            var i = 0
            while i < stream.count {
                let n = Int.random(in: 1...600, using: &rng)
                c.feed(Array(stream[i..<min(i + n, stream.count)]))
                i += n
            }
            #expect(out.frames == FrameDecoderTests.payloads)
            #expect(out.errors.isEmpty)
        }
    }

    @Test func severalFramesInOneReadAllComeOut() {
        channel.feed(FrameDecoderTests.stream)
        #expect(collector.frames == FrameDecoderTests.payloads)
    }

    @Test func aZeroLengthFrameIsAnEmptyPayload() {
        channel.feed([0, 0, 0, 0])
        #expect(collector.frames == [[]])
        channel.feed([0, 0, 0, 0, 0, 0, 0, 0])
        #expect(collector.frames == [[], [], []])
    }

    @Test func truncatedInputWaitsForTheRest() {
        let f = FrameDecoderTests.frame([9, 8, 7, 6, 5])
        channel.feed(Array(f[0..<2]))
        #expect(collector.frames.isEmpty)
        channel.feed(Array(f[2..<6]))
        #expect(collector.frames.isEmpty)
        channel.feed(Array(f[6...]))
        #expect(collector.frames == [[9, 8, 7, 6, 5]])
        // a frame that announces a megabyte and sends three bytes just waits
        channel.feed([0, 0, 16, 0, 1, 2, 3])
        #expect(collector.frames.count == 1)
        #expect(collector.errors.isEmpty)
        channel.feed(Array(repeating: 0, count: (1 << 20) - 3))
        #expect(collector.frames.count == 2)
        #expect(collector.frames.last?.count == 1 << 20)
    }

    @Test func aConnectionClosedMidFrameDeliversOnlyWholeFrames() {
        channel.feed(FrameDecoderTests.frame([1]) + [5, 0, 0, 0, 1, 2])
        channel.finish()
        #expect(collector.frames == [[1]])
    }

    @Test func anOversizedLengthIsRejectedWithoutWaiting() {
        for len in [UInt32(WireFormat.maxFrame) + 1, UInt32.max] {
            let c = TestChannel(), out = FrameCollector()
            defer { c.finish() }
            #expect(throws: Never.self) { try c.pipeline.syncOperations.addHandlers([FrameDecoder(), out]) }
            c.feed(FrameDecoderTests.frame([1, 2, 3]))
            c.feed([UInt8(len & 0xFF), UInt8(len >> 8 & 0xFF), UInt8(len >> 16 & 0xFF), UInt8(len >> 24), 1])
            #expect(out.frames == [[1, 2, 3]])
            #expect(out.errors.count == 1)
            guard let e = out.errors.first, case WireError.malformed = e else {
                Issue.record("expected a malformed-frame error, got \(out.errors)")
                continue
            }
        }
    }

    @Test func theLargestFrameIsAcceptedWithoutTouchingMemoryForIt() {
        // a length of exactly maxFrame is legal: the decoder waits. It may reserve address
        // space for the frame, but must not fill a gigabyte before the bytes arrive.
        let before = FrameDecoderTests.residentBytes()
        let len = UInt32(WireFormat.maxFrame)
        channel.feed([UInt8(len & 0xFF), UInt8(len >> 8 & 0xFF), UInt8(len >> 16 & 0xFF), UInt8(len >> 24), 1, 2])
        #expect(collector.frames.isEmpty)
        #expect(collector.errors.isEmpty)
        let grown = FrameDecoderTests.residentBytes() - before
        #expect(grown < 64 << 20, "resident memory grew by \(grown >> 20) MB for a frame header")
    }

    /// A frame larger than the 64 MiB reserved at once, arriving in socket-sized pieces, comes
    /// out whole; the kept bytes grow by doubling (were they copied at every piece, this would
    /// copy gigabytes and run into the suite's time limit).
    @Test func aFrameBeyondTheFirstReservationArrivesInPieces() {
        let n = (64 << 20) + 3_000_000
        var assembler = FrameAssembler()
        var got: [ByteBuffer] = []
        var header = ByteBuffer()
        header.writeInteger(UInt32(n), endianness: .little)
        #expect(throws: Never.self) { try assembler.feed(header) { got.append($0) } }
        let piece = ByteBuffer(repeating: 0x5A, count: 65_536)
        var sent = 0
        while sent < n {
            let k = min(piece.readableBytes, n - sent)
            #expect(throws: Never.self) { try assembler.feed(piece.getSlice(at: 0, length: k)!) { got.append($0) } }
            sent += k
        }
        #expect(got.count == 1)
        #expect(got.first?.readableBytes == n)
        #expect(got.first.map { $0.getInteger(at: n - 1, as: UInt8.self) } == 0x5A)
    }

    /// This process's resident memory, from `/proc/self/statm` (0 where there is none).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func garbagePayloadsAreReportedAndLaterFramesStillDecode() throws {
        let sender = try TestProcess(), receiver = try TestProcess()
        func encoded(_ m: WireMessage) throws -> [UInt8] {
            try MessageCodec.encode(m, allocator: ByteBufferAllocator(), runtime: sender.runtime, destination: 2,
                                    sentGlobals: nil, onReference: nil).bytes
        }
        let stream = try encoded(.identify(pid: 2))
            + FrameDecoderTests.frame([0xEE, 1, 2, 3])                       // unknown kind
            + FrameDecoderTests.frame([MessageKind.join.rawValue, 1])        // truncated body
            + FrameDecoderTests.frame([])                                    // empty
            + FrameDecoderTests.frame([MessageKind.result.rawValue] + Array(repeating: 0, count: 16) + [0xEE])  // bad value tag
            + (try encoded(.result(RRID(whence: 1, id: 2), .string("still here"))))
            + (try encoded(.connectTo(pid: 4)))
        var rng = SeededGenerator(seed: 77)
        var i = 0
        while i < stream.count {
            let n = Int.random(in: 1...9, using: &rng)
            channel.feed(Array(stream[i..<min(i + n, stream.count)]))
            i += n
        }
        #expect(collector.errors.isEmpty, "bad payloads are not framing errors")
        let outcomes = collector.frames.map { MessageCodec.decode(ByteBuffer(bytes: $0), runtime: receiver.runtime, source: 1) }
        let summary = outcomes.map { o -> String in
            switch o {
            case .message(let m): return MessageCodecTests.dump(m)
            case .failedBody(let r, _, let kind, _): return "failed \(kind) \(r.map { "\($0)" } ?? "-")"
            case .garbage: return "garbage"
            }
        }
        #expect(summary == [
            "identify 2", "garbage", "garbage", "garbage", "failed result (0, 0)",
            "result (1, 2) String(\"still here\")", "connectTo 4",
        ])
    }
}
