import DistLang
import DistWire
import Foundation
import FuzzSupport
import NIOCore

/// The wire fuzzer's seed corpus: real messages encoded by the project's own writer, one
/// payload per file, so that mutations start from frames of every kind with values and code
/// of every kind inside (as `WireFuzzTests` builds them), rather than from checked-in bytes.
enum WireSeeds {
    /// Values of every kind the writer knows, as source evaluated in the sending process.
    static let valueSources = [
        "42", "-0.0", "true", "'λ'", "nothing", "\"straße 😀\"", ":sym", "(1, (2.0, \"t\"))", "1:10", "10:-2:1",
        "0:0.25:1", "[1.0, 2.0]", "[1 2; 3 4]", "Any[1, \"a\", [2]]", "[true, false]", "UInt8[1, 2]", "['a', 'b']",
        "Point(1.0, 2.0)", "Account(\"a\", 1)", "n = Node(1, nothing); n.next = n; n", "Dict(\"a\" => [1])",
        "Set([1, 2])", "(a = 1, b = \"x\")", "Ref(1)", "IOBuffer(\"io\")", "MIME(\"text/plain\")",
        "ch = Channel{Any}(2); put!(ch, 1); ch", "Int64", "Array{Float64,2}", "Union{Int64,String}",
        "Geometry.Circle", "Geometry", "sum", "k = 2; x -> x * k", "1 => 2", "typemin(Int)", "zeros(0, 3)",
        "v = Any[1]; v[1] = v; v", "Dict()", "()", "1:0", "big = 2^62", "(x...) -> x", "Int8[-128, 127]",
        "function mk(); c = 0; (a, b = 1; s = 2) -> (c += a + b + s); end; mk()",
        "function fib(n); n < 2 ? n : fib(n - 1) + fib(n - 2); end; fib",
        "x -> try error(\"no\") catch e; string(e) finally nothing end",
        "(a, b) -> [a b; b a]",
        "s -> [c for c in s if c != 'a']",
    ]

    /// Writes one file per payload into `dir`; returns how many.
    static func write(to dir: String) throws -> Int {
        let sender = FuzzRuntime(prelude: fuzzPrelude)
        var values: [Value] = []
        for source in valueSources {
            var v = Value.nothing
            if let e = sender.run({ rt, t in v = try rt.evalSource(source, in: rt.main, t) }) {
                throw SeedError(message: "\(source): \(e)")
            }
            values.append(v)
        }
        var identity = Value.nothing
        sender.run { rt, t in identity = try rt.evalSource("identity", in: rt.main, t) }
        let r = RRID(whence: 1, id: 9)
        let peers = [PeerAddress(pid: 2, host: "127.0.0.1", port: 9001), PeerAddress(pid: 3, host: "nöde-3", port: 65535)]
        var messages: [WireMessage] = [
            .join(pid: 4, peers: peers, connect: [2, 3], masterOnly: false), .joinAck(ospid: 123_456),
            .identify(pid: 7), .addClients([(r, 2)]), .delClients([(r, 3)]), .peers(peers), .connectTo(pid: 5),
            .error(r, "could not decode"), .error(nil, ""),
            .memoryProbe(name: "/jl000123abcdefghijABCDEFGHIJ", token: Array(0..<16)), .memoryProbeAck(true),
        ]
        for (i, v) in values.enumerated() {
            messages.append(.result(r, v))
            // each value also as the function of a call: closures and functions run as on a worker
            messages.append(.call(f: identity, args: [v], kw: [], rrid: r, notify: nil))
            messages.append(.call(f: v, args: [values[(i * 7) % values.count]], kw: [(JSym.intern("k"), v)], rrid: nil, notify: r))
        }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var written = 0
        for m in messages {
            guard var frame = try? MessageCodec.encode(m, allocator: ByteBufferAllocator(), runtime: sender.runtime,
                                                       destination: 2, sentGlobals: SentGlobals(), onReference: nil) else { continue }
            frame.moveReaderIndex(forwardBy: 4)
            let bytes = frame.readBytes(length: frame.readableBytes) ?? []
            try Data(bytes).write(to: URL(fileURLWithPath: dir).appendingPathComponent(String(format: "seed-%03d", written)))
            written += 1
        }
        return written
    }

    struct SeedError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
