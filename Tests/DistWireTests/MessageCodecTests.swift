@testable import DistLang
@testable import DistWire
import NIOCore
import Testing

/// Every message kind, as `MessageKind` lists them. `MessageCodecTests.kind(of:)` switches
/// over `WireMessage` without a default, so a new message does not compile until it is here.
let sampleMessages: [WireMessage] = {
    let r1 = RRID(whence: 1, id: 42), r2 = RRID(whence: 3, id: Int(Int32.max) + 5)
    let peers = [PeerAddress(pid: 2, host: "127.0.0.1", port: 9001), PeerAddress(pid: 3, host: "nöde-3.local", port: 65535, local: "dist-77-5eed"),
                 PeerAddress(pid: 4, host: "10.0.0.4", port: 9004, fingerprint: (0..<32).map { UInt8($0 * 7 & 0xff) })]
    return [
        .call(f: .symbol("f"), args: [.int(1), .string("two"), .tuple([.float(3.0)])],
              kw: [(JSym.intern("k"), .bool(true)), (JSym.intern("λ"), .nothing)], rrid: r1, notify: r2),
        .call(f: .int(0), args: [], kw: [], rrid: nil, notify: nil),
        .call(f: .int(0), args: [.char(0x1F600)], kw: [], rrid: r1, notify: nil),
        .call(f: .int(0), args: [], kw: [], rrid: nil, notify: r2),
        .result(r1, .string("done")),
        .result(r2, .tuple([.int(-1), .float(-.infinity)])),
        .join(pid: 4, peers: peers, connect: [2, 3], masterOnly: false),
        .join(pid: 2, peers: [], connect: [], masterOnly: true),
        .joinAck(ospid: 123_456),
        .identify(pid: 7),
        .addClients([(r1, 2), (r2, 3)]),
        .delClients([(r2, 9)]),
        .addClients([]),
        .peers(peers),
        .connectTo(pid: 5),
        .error(r1, "could not decode: ünïcode"),
        .error(nil, ""),
        .heartbeat,
        .memoryProbe(name: "/jl001234abcdefghijABCDEFGHIJ", token: (0..<16).map { UInt8($0 * 13 & 0xff) }),
        .memoryProbeAck(true),
        .memoryProbeAck(false),
    ]
}()

/// `MessageCodec`: each message comes back whole, with its length prefix right.
struct MessageCodecTests {
    let sender: TestProcess
    let receiver: TestProcess

    init() throws {
        sender = try TestProcess(sharedDefinitions)
        receiver = try TestProcess(sharedDefinitions)
    }

    /// The kind of a message, by an exhaustive switch.
    static func kind(of m: WireMessage) -> MessageKind {
        switch m {
        case .call: return .call
        case .result: return .result
        case .join: return .join
        case .joinAck: return .joinAck
        case .identify: return .identify
        case .addClients: return .addClients
        case .delClients: return .delClients
        case .peers: return .peers
        case .connectTo: return .connectTo
        case .error: return .error
        case .heartbeat: return .heartbeat
        case .memoryProbe: return .memoryProbe
        case .memoryProbeAck: return .memoryProbeAck
        }
    }

    /// A canonical text of a message (`WireMessage` is not `Equatable`: it carries values).
    static func dump(_ m: WireMessage) -> String {
        func peers(_ ps: [PeerAddress]) -> String { ps.map { "\($0.pid)@\($0.host):\($0.port)#\($0.fingerprint)" }.joined(separator: ",") }
        func clients(_ l: [(RRID, Int)]) -> String { l.map { "\($0.0)->\($0.1)" }.joined(separator: ",") }
        switch m {
        case .call(let f, let args, let kw, let rrid, let notify):
            return "call \(ValueDump.of(f)) \(args.map { ValueDump.of($0) }) "
                + kw.map { "\($0.0.name)=\(ValueDump.of($0.1))" }.joined(separator: ",")
                + " rrid \(rrid.map { "\($0)" } ?? "-") notify \(notify.map { "\($0)" } ?? "-")"
        case .result(let r, let v): return "result \(r) \(ValueDump.of(v))"
        case .join(let pid, let ps, let c, let mo): return "join \(pid) [\(peers(ps))] \(c) \(mo)"
        case .joinAck(let ospid): return "joinAck \(ospid)"
        case .identify(let pid): return "identify \(pid)"
        case .addClients(let l): return "addClients [\(clients(l))]"
        case .delClients(let l): return "delClients [\(clients(l))]"
        case .peers(let ps): return "peers [\(peers(ps))]"
        case .connectTo(let pid): return "connectTo \(pid)"
        case .error(let r, let text): return "error \(r.map { "\($0)" } ?? "-") \(text.debugDescription)"
        case .heartbeat: return "heartbeat"
        case .memoryProbe(let name, let token): return "memoryProbe \(name) \(token)"
        case .memoryProbeAck(let ok): return "memoryProbeAck \(ok)"
        }
    }

    func encode(_ m: WireMessage) throws -> ByteBuffer {
        try MessageCodec.encode(m, allocator: ByteBufferAllocator(), runtime: sender.runtime, destination: 2,
                                sentGlobals: SentGlobals(), onReference: nil)
    }

    /// The payload of an encoded frame, after checking its length prefix.
    func payload(_ frame: ByteBuffer) -> ByteBuffer {
        var f = frame
        let len = f.readInteger(endianness: .little, as: UInt32.self)
        #expect(len.map(Int.init) == f.readableBytes, "the length prefix counts the payload")
        return f
    }

    @Test func everyMessageKindRoundTrips() throws {
        var kinds: Set<UInt8> = []
        for m in sampleMessages {
            let frame = try encode(m)
            let body = payload(frame)
            #expect(body.getInteger(at: body.readerIndex, as: UInt8.self) == MessageCodecTests.kind(of: m).rawValue)
            kinds.insert(MessageCodecTests.kind(of: m).rawValue)
            guard case .message(let copy) = MessageCodec.decode(body, runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) else {
                Issue.record("\(MessageCodecTests.dump(m)) did not decode")
                continue
            }
            #expect(MessageCodecTests.dump(copy) == MessageCodecTests.dump(m))
        }
        // a code section is not a message of its own: it comes before one
        let all = Set((UInt8(1)...UInt8(20)).compactMap { MessageKind(rawValue: $0)?.rawValue }).subtracting([MessageKind.code.rawValue])
        #expect(kinds == all, "samples cover every message kind")
    }

    @Test func messagesCarryCodeAndStructsToTheReceiver() throws {
        let f = try sender.run("offset = 100; p -> p.x + p.y + offset")
        let m = WireMessage.call(f: f, args: [try sender.run("Point(1.0, 2.0)")], kw: [], rrid: RRID(whence: 1, id: 1), notify: nil)
        guard case .message(.call(let g, let args, _, let rrid, _)) = MessageCodec.decode(payload(try encode(m)), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) else {
            Issue.record("the call did not decode")
            return
        }
        #expect(rrid == RRID(whence: 1, id: 1))
        #expect(try receiver.callShowing(g, args) == "103.0")
    }

    @Test func aLargeArrayGoesWholeWithTheLengthAndTheCodeBeforeIt() throws {
        // the array's bytes go straight into the frame's buffer (see WireWriter): the length
        // prefix, set afterwards, and a code section put before the message must still fit
        let f = try sender.run("big = collect(1.0:100_000.0); x -> sum(big) + x")
        let m = WireMessage.call(f: f, args: [try sender.run("zeros(Int, 20_000)"), .int(1)], kw: [],
                                 rrid: RRID(whence: 1, id: 1), notify: nil)
        let frame = try encode(m)
        #expect(firstKind(frame) == MessageKind.code.rawValue)
        guard case .message(.call(let g, let args, _, _, _)) = MessageCodec.decode(payload(frame), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) else {
            Issue.record("the call did not decode")
            return
        }
        #expect(try receiver.callShowing(g, [args[1]]) == "5.000050001e9")
        guard case .arr(let zs) = args[0] else { Issue.record("not an array: \(args[0])"); return }
        #expect(zs.count == 20_000)
    }

    @Test func typesAndFunctionsNamedAgainOnAConnectionDecodeTheSame() throws {
        let received = ReceivedCode(), sent = SentGlobals()
        for k in 0..<5 {
            let arg = try sender.run(k % 2 == 0 ? "Dict{String,Vector{Float64}}(\"a\" => [1.0])" : "Channel{Int}(2)")
            let frame = try MessageCodec.encode(.call(f: .fn(try sender.runtime.baseFunction("typeof")), args: [arg], kw: [], rrid: nil, notify: nil),
                                                allocator: ByteBufferAllocator(), runtime: sender.runtime, destination: 2,
                                                sentGlobals: sent, onReference: nil)
            guard case .message(.call(let g, let args, _, _, _)) = MessageCodec.decode(payload(frame), runtime: receiver.runtime, source: 1, receivedCode: received) else {
                Issue.record("call \(k) did not decode")
                continue
            }
            #expect(try receiver.callShowing(g, args) == (k % 2 == 0 ? "Dict{String,Array{Float64,1}}" : "Channel{Int64}"))
        }
    }

    /// The first byte of a frame's payload: a message kind, or `code` before one.
    func firstKind(_ frame: ByteBuffer) -> UInt8? {
        frame.getInteger(at: frame.readerIndex + 4, as: UInt8.self)
    }

    @Test func closureCodeCrossesAConnectionOnce() throws {
        _ = try sender.run("make_adder(k) = x -> x + k")
        let sent = SentGlobals(), received = ReceivedCode()
        func send(_ f: Value, _ arg: Value) throws -> ByteBuffer {
            try MessageCodec.encode(.call(f: f, args: [arg], kw: [], rrid: RRID(whence: 1, id: 1), notify: nil),
                                    allocator: ByteBufferAllocator(), runtime: sender.runtime, destination: 2,
                                    sentGlobals: sent, onReference: nil)
        }
        func call(_ frame: ByteBuffer) -> String? {
            guard case .message(.call(let g, let args, _, _, _)) = MessageCodec.decode(payload(frame), runtime: receiver.runtime,
                                                                                      source: 1, receivedCode: received) else { return nil }
            return try? receiver.callShowing(g, args)
        }
        let first = try send(try sender.run("make_adder(10)"), .int(1))
        #expect(firstKind(first) == MessageKind.code.rawValue, "code goes first, before the message")
        // the same code again, closing over another value: by number, and much smaller
        let second = try send(try sender.run("make_adder(20)"), .int(2))
        #expect(firstKind(second) == MessageKind.call.rawValue)
        #expect(second.readableBytes * 2 < first.readableBytes)
        #expect(call(first) == "11")
        #expect(call(second) == "22")
        // the receiver of another connection has not had the code: a failed call, not a crash
        guard case .failedBody(_, _, .call, let e) = MessageCodec.decode(payload(second), runtime: receiver.runtime, source: 1,
                                                                         receivedCode: ReceivedCode()) else {
            Issue.record("a closure whose code never arrived decoded")
            return
        }
        #expect("\(e)".contains("never sent"))
    }

    @Test func aMessageThatFailsToEncodeLeavesNoCodeOrGlobalsBehind() throws {
        _ = try sender.run("scale = 3; times_scale = x -> x * scale")
        let f = try sender.run("times_scale")
        let sent = SentGlobals()
        // a CachingPool stays where it was made, as Julia's
        let call = WireMessage.call(f: f, args: [try sender.run("CachingPool([2])")], kw: [], rrid: RRID(whence: 1, id: 1), notify: nil)
        #expect(throws: WireError.self) {
            try MessageCodec.encode(call, allocator: ByteBufferAllocator(), runtime: sender.runtime, destination: 2,
                                    sentGlobals: sent, onReference: nil)
        }
        let frame = try MessageCodec.encode(.call(f: f, args: [.int(5)], kw: [], rrid: RRID(whence: 1, id: 1), notify: nil),
                                            allocator: ByteBufferAllocator(), runtime: sender.runtime, destination: 2,
                                            sentGlobals: sent, onReference: nil)
        #expect(firstKind(frame) == MessageKind.code.rawValue, "the failed message's code was not counted as sent")
        guard case .message(.call(let g, let args, _, _, _)) = MessageCodec.decode(payload(frame), runtime: receiver.runtime, source: 1,
                                                                                  receivedCode: ReceivedCode()) else {
            Issue.record("the call did not decode")
            return
        }
        #expect(try receiver.callShowing(g, args) == "15", "nor its globals")
    }

    @Test func remoteMessagesMapOntoWireMessages() throws {
        let r = RRID(whence: 1, id: 2)
        let cases: [RemoteMessage] = [
            .call(f: .int(1), args: [.int(2)], kw: [(JSym.intern("a"), .int(3))], rrid: r, notify: nil),
            .result(r, .nothing), .addClients([(r, 2)]), .delClients([(r, 3)]),
        ]
        let expected: [MessageKind] = [.call, .result, .addClients, .delClients]
        for (m, k) in zip(cases, expected) { #expect(MessageCodecTests.kind(of: WireMessage(m)) == k) }
    }

    @Test func anUndecodableCallBodyNamesWhoToTell() throws {
        let f = try sender.run("only_here(x) = x; only_here")
        let rrid = RRID(whence: 1, id: 5), notify = RRID(whence: 1, id: 6)
        let frame = try encode(.call(f: f, args: [], kw: [], rrid: rrid, notify: notify))
        guard case .failedBody(let r, let n, let kind, let error) = MessageCodec.decode(payload(frame), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) else {
            Issue.record("expected a failed body")
            return
        }
        #expect(r == rrid && n == notify && kind == .call)
        #expect("\(error)".contains("only_here"))
        let result = try encode(.result(rrid, try sender.run("struct Local1; end; Local1()")))
        guard case .failedBody(let r2, nil, .result, _) = MessageCodec.decode(payload(result), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) else {
            Issue.record("expected a failed result body")
            return
        }
        #expect(r2 == rrid)
    }

    @Test func trailingBytesMakeAFrameGarbage() throws {
        var body = payload(try encode(.identify(pid: 3)))
        body.writeInteger(UInt8(0))
        guard case .garbage(let e) = MessageCodec.decode(body, runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) else {
            Issue.record("trailing bytes were accepted")
            return
        }
        #expect(e is WireError)
    }

    @Test func unknownAndEmptyFramesAreGarbage() {
        for bytes in [[], [0], [99], [255], [MessageKind.call.rawValue]] as [[UInt8]] {
            guard case .garbage(let e) = MessageCodec.decode(ByteBuffer(bytes: bytes), runtime: receiver.runtime, source: 1, receivedCode: ReceivedCode()) else {
                Issue.record("\(bytes) decoded")
                continue
            }
            #expect(e is WireError)
        }
    }

    @Test func unsendableValuesAreRefusedWhenEncoding() throws {
        let pool = try sender.run("CachingPool([2])")
        #expect {
            try encode(.result(RRID(whence: 1, id: 1), pool))
        } throws: { e in
            if case WireError.unsendable = e { return true }
            return false
        }
    }
}
