@testable import DistLang
@testable import DistWire
import Foundation
import NIOCore
import Testing

/// Hostile and damaged input: decoding never crashes, it reports a `WireError`.
///
/// Valid frames of every message kind (with values of every kind in calls and results) are
/// mutated with a fixed seed: bytes flipped, replaced by extreme values, inserted, deleted,
/// lengths set to huge counts, and the frame truncated. A crash fails the whole test run, so
/// the assertion that matters is that the loop finishes; each outcome must also be a message
/// or an error of this layer.
struct WireFuzzTests {
    let sender: TestProcess
    let receiver: TestProcess

    init() throws {
        sender = try TestProcess(sharedDefinitions)
        receiver = try TestProcess(sharedDefinitions)
    }

    /// Values of every kind the writer knows, in one list.
    func sampleValues() throws -> [Value] {
        let sources = [
            "42", "-0.0", "true", "'λ'", "nothing", "\"straße 😀\"", ":sym", "(1, (2.0, \"t\"))", "1:10", "10:-2:1",
            "0:0.25:1", "[1.0, 2.0]", "[1 2; 3 4]", "Any[1, \"a\", [2]]", "[true, false]", "UInt8[1, 2]", "['a', 'b']",
            "Point(1.0, 2.0)", "Account(\"a\", 1)", "n = Node(1, nothing); n.next = n; n", "Dict(\"a\" => [1])",
            "Set([1, 2])", "(a = 1, b = \"x\")", "Ref(1)", "IOBuffer(\"io\")", "MIME(\"text/plain\")",
            "ch = Channel{Any}(2); put!(ch, 1); ch", "Int64", "Array{Float64,2}", "Union{Int64,String}",
            "Geometry.Circle", "Geometry", "sum", "k = 2; x -> x * k", "1 => 2",
            "function mk(); c = 0; (a, b = 1; s = 2) -> (c += a + b + s); end; mk()",
        ]
        var out = try sources.map { try sender.run($0) }
        out.append(.undef)
        out.append(.obj(JColon.shared))
        out.append(.obj(Future(owner: 3, rrid: RRID(whence: 1, id: 2), runtime: nil)))
        out.append(.obj(RemoteChannelRef(owner: 2, rrid: RRID(whence: 1, id: 3), channelType: JType.channel(.any), runtime: nil)))
        return out
    }

    /// One valid payload (without its length prefix) per message, covering every kind.
    func validPayloads() throws -> [[UInt8]] {
        var messages = sampleMessages
        let r = RRID(whence: 1, id: 9)
        for v in try sampleValues() {
            messages.append(.result(r, v))
            messages.append(.call(f: try sender.run("identity"), args: [v], kw: [(JSym.intern("k"), v)], rrid: r, notify: r))
        }
        return try messages.map { m in
            var f = try MessageCodec.encode(m, allocator: ByteBufferAllocator(), runtime: sender.runtime, destination: 2,
                                            sentGlobals: SentGlobals(), onReference: nil)
            f.moveReaderIndex(forwardBy: 4)
            return f.bytes
        }
    }

    /// Bytes that make interesting lengths, counts, tags and dimensions.
    static let extremes: [UInt8] = [0x00, 0x01, 0x02, 0x7F, 0x80, 0xFE, 0xFF]

    static func mutate(_ bytes: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var b = bytes
        let edits = Int.random(in: 1...4, using: &rng)
        for _ in 0..<edits {
            guard !b.isEmpty else { b.append(UInt8.random(in: 0...255, using: &rng)); continue }
            let i = Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<7, using: &rng) {
            case 0: b[i] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
            case 1: b[i] = extremes.randomElement(using: &rng) ?? 0
            case 2: b[i] = UInt8.random(in: 0...255, using: &rng)
            case 3: b.insert(UInt8.random(in: 0...255, using: &rng), at: i)
            case 4: b.remove(at: i)
            case 5:
                // a whole 4- or 8-byte field set to a huge or negative value
                let width = Bool.random(using: &rng) ? 4 : 8
                let fill: UInt8 = Bool.random(using: &rng) ? 0xFF : 0x7F
                for k in i..<min(i + width, b.count) { b[k] = fill }
            default: b = Array(b.prefix(i))
            }
        }
        return b
    }

    /// Decodes a payload; any error must be this layer's (or a language error met while
    /// rebuilding a value, such as a dictionary key of the wrong type).
    func check(_ payload: [UInt8]) -> Bool {
        switch MessageCodec.decode(ByteBuffer(bytes: payload), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) {
        case .message: return true
        case .failedBody(_, _, _, let e), .garbage(let e): return e is WireError
        }
    }

    @Test func everyTruncationOfEveryValidFrameIsAnError() throws {
        for p in try validPayloads() {
            for n in 0..<p.count {
                let prefix = Array(p.prefix(n))
                #expect(check(prefix), "prefix of \(n) bytes of \(p.prefix(12))…")
                guard case .message = MessageCodec.decode(ByteBuffer(bytes: prefix), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) else { continue }
                Issue.record("a \(n)-byte prefix of a \(p.count)-byte frame decoded as a whole message")
            }
        }
    }

    @Test func randomMutationsOfValidFramesNeverCrash() throws {
        let payloads = try validPayloads()
        var rng = SeededGenerator(seed: 0xD157_0001)
        let start = Date()
        var messages = 0, errors = 0
        for _ in 0..<4000 {
            let p = payloads.randomElement(using: &rng) ?? []
            let m = WireFuzzTests.mutate(p, &rng)
            switch MessageCodec.decode(ByteBuffer(bytes: m), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) {
            case .message: messages += 1
            case .failedBody(_, _, _, let e), .garbage(let e):
                errors += 1
                #expect(e is WireError, "\(type(of: e)): \(e) from \(m.prefix(24))…")
            }
        }
        #expect(errors > messages, "most mutations are caught (\(errors) errors, \(messages) messages)")
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func randomBytesNeverCrash() {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<2000 {
            let n = Int.random(in: 0...64, using: &rng)
            var b = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
            // mostly a real message kind, so the fields behind it are exercised
            if !b.isEmpty, Bool.random(using: &rng) { b[0] = UInt8.random(in: 1...10, using: &rng) }
            if b.count > 1, b[0] == MessageKind.result.rawValue || b[0] == MessageKind.call.rawValue {
                b[min(b.count - 1, 17)] = UInt8.random(in: 0...27, using: &rng)
            }
            #expect(check(b))
        }
    }

    // MARK: Hand-made hostile values

    /// A result frame whose value is `value` (raw bytes after the tag).
    func resultFrame(_ value: [UInt8]) -> [UInt8] {
        [MessageKind.result.rawValue] + Array(repeating: 0, count: 16) + value
    }

    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
    static func le64(_ v: Int64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: v) >> (8 * $0)) } }
    static let float64Type: [UInt8] = [0] + le32(7) + Array("Float64".utf8)
    static let anyType: [UInt8] = [0] + le32(3) + Array("Any".utf8)

    func expectError(_ value: [UInt8], _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        switch MessageCodec.decode(ByteBuffer(bytes: resultFrame(value)), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) {
        case .message: Issue.record("\(what) was accepted", sourceLocation: sourceLocation)
        case .failedBody(_, _, _, let e), .garbage(let e):
            #expect(e is WireError, "\(what): \(e)", sourceLocation: sourceLocation)
        }
    }

    @Test func hugeCountsAndDimensionsAreRejectedBeforeAllocating() {
        let w = WireFuzzTests.self
        expectError([8] + w.le32(.max), "a tuple of 4 billion items")
        expectError([6] + w.le32(.max) + [65], "a 4 GB string")
        expectError([9] + w.float64Type + [1] + w.le64(1 << 40), "a 2^40-element array")
        expectError([9] + w.float64Type + [4] + [w.le64(1 << 30), w.le64(1 << 30), w.le64(1 << 30), w.le64(1 << 30)].flatMap { $0 },
                    "dimensions whose product overflows")
        expectError([9] + w.float64Type + [2] + w.le64(-1) + w.le64(-1), "negative dimensions")
        expectError([9] + w.anyType + [3] + [w.le64(1 << 21), w.le64(1 << 21), w.le64(1 << 21)].flatMap { $0 },
                    "a boxed array larger than the message")
        expectError([14] + w.anyType + w.anyType + w.le32(.max), "a dictionary of 4 billion entries")
        expectError([26] + w.le32(1 << 31), "a 2 GB IOBuffer")
        expectError([21] + w.anyType + w.le64(-5) + w.le32(0), "a channel of negative size")
    }

    @Test func badTagsBackReferencesAndCharactersAreRejected() throws {
        let w = WireFuzzTests.self
        expectError([200], "an unknown value tag")
        expectError([20] + w.le32(0), "a back-reference with nothing before it")
        expectError([8] + w.le32(2) + [20] + w.le32(5) + [4], "a back-reference past the objects read")
        expectError([3] + w.le32(0xD800), "a surrogate as a Char")
        expectError([3] + w.le32(0x110000), "a Char beyond Unicode")
        expectError([10, 9] + w.le64(0) + w.le64(1) + w.le64(2), "an unknown range kind")
        expectError([10, 1] + w.le64(0) + w.le64(0) + w.le64(2), "a zero range step")
        expectError([10, 2] + w.le64(0) + w.le64(0) + w.le64(-3) + w.le64(0), "a negative float range length")
        expectError([12, 9], "an unknown type kind")
        expectError([12, 0] + w.le32(5) + Array("Nope!".utf8), "an unknown built-in type")
        expectError([12, 1, 0] + w.le32(5) + Array("Int64".utf8) + w.le32(0), "parameters on a plain type")
        expectError([11, 7], "an unknown function kind")
        expectError([11, 0] + w.le32(6) + Array("nosuch".utf8), "an undefined built-in")
        expectError([19] + w.le32(1) + w.le32(6) + Array("NoSuch".utf8), "an undefined module")
        expectError([13, 2] + w.le32(0) + w.le32(5) + Array("Point".utf8) + w.le32(5), "a struct with too many fields")
        expectError([22] + w.float64Type + [1] + w.le64(4) + w.le32(1) + [115] + w.le32(1) + [105] + w.le32(0),
                    "a SharedArray to a process that cannot map one")
        // a Bool array holding 7 is read as true
        let bools: [UInt8] = [9, 0] + w.le32(4) + Array("Bool".utf8) + [1] + w.le64(2) + [7, 0]
        guard case .message(.result(_, let v)) = MessageCodec.decode(ByteBuffer(bytes: resultFrame(bools)), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) else {
            Issue.record("a Bool array did not decode")
            return
        }
        #expect(try receiver.repr(v) == sender.repr(try sender.run("[true, false]")))
    }

    // MARK: Hostile code

    /// A closure over `body`, as a sender could write it (the writer does not validate code).
    static func closure(_ body: IR, locals: [LocalVar] = [], nslots: Int = 0, nRequired: Int = 0) -> Value {
        let l = Lambda(name: "hostile", params: [], nRequired: nRequired, isVararg: false, kwParams: [], kwSplat: nil,
                       nslots: nslots, locals: locals, captures: [], captureNames: [], body: body, globalsUsed: [],
                       module: [], isToplevel: false)
        return .fn(JFunction(closure: Method(lambda: l, sig: [], nargs: 0, isVararg: false, varargType: .any), env: []))
    }

    /// Encodes `v` as a result frame and checks that the receiver refuses it.
    func expectRefused(_ v: Value, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        var f = try MessageCodec.encode(.result(RRID(whence: 1, id: 1), v), allocator: ByteBufferAllocator(), runtime: sender.runtime,
                                        destination: 2, sentGlobals: nil, onReference: nil)
        f.moveReaderIndex(forwardBy: 4)
        switch MessageCodec.decode(f, runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) {
        case .message: Issue.record("\(what) was accepted", sourceLocation: sourceLocation)
        case .failedBody(_, _, _, let e), .garbage(let e):
            #expect(e is WireError, "\(what): \(e)", sourceLocation: sourceLocation)
        }
    }

    @Test func codeThatWouldTrapWhenDecodedOrRunIsRefused() throws {
        let one = IR.literal(.int(1))
        // the sum of the row lengths overflowed in the reader
        try expectRefused(WireFuzzTests.closure(.hvcat([Int.max, 2], [one])), "matrix rows that overflow")
        try expectRefused(WireFuzzTests.closure(.hvcat([-1, 2], [one])), "a negative matrix row")
        // these decoded, then trapped when the closure ran
        try expectRefused(WireFuzzTests.closure(.op(.add, [])), "an operator without operands")
        try expectRefused(WireFuzzTests.closure(one, nRequired: -3), "a negative count of required parameters")
        let far = LocalVar(name: JSym.intern("far"), slot: 100_000)
        try expectRefused(WireFuzzTests.closure(.assign(.local(far), one), locals: [far]), "a slot outside the frame")
        // StepRange's length computation negated typemin(Int64)
        let w = WireFuzzTests.self
        expectError([10, 1] + w.le64(0) + w.le64(.min) + w.le64(-5), "a range step of typemin(Int64)")
        expectError([10, 1] + w.le64(.max) + w.le64(.min) + w.le64(.min), "a range step of typemin(Int64) downwards")
    }

    @Test func wellFormedHostileClosuresStillDecode() throws {
        // the checks above must not refuse the code the resolver produces
        let f = try sender.run("function mkh(); k = 2; (a, b = 1) -> [a b; k a + b]; end; mkh()")
        let copy = try roundTrip(f, from: sender, to: receiver)
        #expect(try receiver.callShowing(copy, [.int(3)]) == sender.callShowing(f, [.int(3)]))
    }

    @Test func capturedCellIndicesBeyondTheClosuresCellsAreRefused() throws {
        try expectRefused(WireFuzzTests.closure(.captured(5, JSym.intern("c"))), "a captured cell that does not exist")
        try expectRefused(WireFuzzTests.closure(.assign(.captured(0, JSym.intern("c")), .literal(.int(1)))), "an assignment to a missing cell")
    }

    @Test func sharedArraysLargerThanMemoryCanAddressAreRefused() {
        // an authenticated peer's call frame carried dims [2^61] of Float64: 2^64 bytes
        let w = WireFuzzTests.self
        let spec: [UInt8] = [22] + w.float64Type + [1] + w.le64(1 << 61) + w.le32(1) + [65] + w.le32(1) + [66] + w.le32(0) + [0]
        expectError(spec, "a shared array of 2^61 Float64s")
    }

    @Test func certificateFingerprintsOfAnotherLengthAreRefused() {
        let w = WireFuzzTests.self
        for n in [1, 31, 33, 255] {
            let frame: [UInt8] = [MessageKind.peers.rawValue] + w.le32(1) + w.le64(2) + w.le32(1) + [65] + [1, 0]
                + [UInt8(n)] + [UInt8](repeating: 0xAA, count: n)
            guard case .garbage = MessageCodec.decode(ByteBuffer(bytes: frame), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) else {
                Issue.record("a peers frame with a fingerprint of \(n) bytes was accepted")
                continue
            }
        }
        let good: [UInt8] = [MessageKind.peers.rawValue] + w.le32(1) + w.le64(2) + w.le32(1) + [65] + [1, 0]
            + [32] + [UInt8](repeating: 0xAA, count: 32) + w.le32(3) + Array("d-1".utf8)
        guard case .message(.peers(let ps)) = MessageCodec.decode(ByteBuffer(bytes: good), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) else {
            Issue.record("a peers frame with a 32-byte fingerprint was refused")
            return
        }
        #expect(ps == [PeerAddress(pid: 2, host: "A", port: 1, fingerprint: [UInt8](repeating: 0xAA, count: 32), local: "d-1")])
    }

    @Test func processIDsBeyondTheirRangeAreRefused() {
        let w = WireFuzzTests.self
        for pid in [Int64.max, 0, -1] {
            let frame: [UInt8] = [MessageKind.peers.rawValue] + w.le32(1) + w.le64(pid) + w.le32(1) + [65] + [1, 0] + [0]
            guard case .garbage = MessageCodec.decode(ByteBuffer(bytes: frame), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) else {
                Issue.record("a peers frame with pid \(pid) was accepted")
                continue
            }
        }
        let identify: [UInt8] = [MessageKind.identify.rawValue] + w.le64(.max)
        guard case .garbage = MessageCodec.decode(ByteBuffer(bytes: identify), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) else {
            Issue.record("an identify frame with pid typemax(Int) was accepted")
            return
        }
    }

    @Test func aFutureWhoseValueIsItselfIsShownWithACycleMark() throws {
        // found by Scripts/fuzz (FuzzWire): a future carrying, as its value, a future with the
        // same id decodes as one future that holds itself; showing it recursed until the stack
        // overflowed (each `repr` of the value started a fresh show)
        let w = WireFuzzTests.self
        let inner: [UInt8] = [17] + w.le64(2) + w.le64(1) + w.le64(5) + [0]
        let outer: [UInt8] = [17] + w.le64(2) + w.le64(1) + w.le64(5) + [1] + inner
        guard case .message(.result(_, let v)) = MessageCodec.decode(ByteBuffer(bytes: resultFrame(outer)), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) else {
            Issue.record("the frame did not decode")
            return
        }
        #expect(try receiver.repr(v) == "Future(2, 1, 5, Some(#= circular reference @-1 =#))")
    }

    @Test func deeplyNestedValuesAreRejectedAtTheDepthLimit() {
        // 100 000 nested one-element tuples: the reader stops at its depth limit. Run on a
        // thread with a large stack: in a debug build `ValueReader.value()` takes ~6.7 kB of
        // stack per level, so the 2000 levels the limit allows would not fit in 8 MB.
        let w = WireFuzzTests.self
        let tuples: [UInt8] = Array(repeating: [8] + w.le32(1), count: 100_000).flatMap { $0 } + [4]
        let unions: [UInt8] = [12] + Array(repeating: [3] + w.le32(1), count: 100_000).flatMap { $0 } + w.anyType
        let arrays: [UInt8] = Array(repeating: [9] + w.anyType + [1] + w.le64(1), count: 100_000).flatMap { $0 } + [4]
        withLargeStack {
            expectError(tuples, "tuples nested 100 000 deep")
            expectError(unions, "union types nested 100 000 deep")
            expectError(arrays, "arrays nested 100 000 deep")
        }
        // within the limit, nesting is fine
        let shallow: [UInt8] = Array(repeating: [8] + w.le32(1), count: 100).flatMap { $0 } + [4]
        guard case .message = MessageCodec.decode(ByteBuffer(bytes: resultFrame(shallow)), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) else {
            Issue.record("100 nested tuples were rejected")
            return
        }
    }
}

/// Runs `body` on a thread with a 64 MB stack and waits for it.
func withLargeStack(_ body: @escaping () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let t = Thread {
        body()
        done.signal()
    }
    t.stackSize = 64 << 20
    t.start()
    done.wait()
}
