@testable import DistLang
@testable import DistWire
import Foundation
import NIOCore
import Testing

/// One process of the tests: a runtime on a `LocalDriver`, driven from the calling thread
/// (the way `Tests/DistLangTests/TestSupport.swift` runs the REPL).
///
/// Codec tests use two of them, a sender and a receiver, so that nothing decodes by accident
/// into the objects it was encoded from (user types, references and modules are looked up
/// by name in the receiving runtime).
final class TestProcess {
    let driver = LocalDriver()
    let output = BufferOutput()
    let runtime: Runtime

    /// A runtime that has evaluated `prelude` (definitions both sides of a test need).
    init(_ prelude: String = "") throws {
        runtime = Runtime(driver: driver, output: output)
        if !prelude.isEmpty { _ = try run(prelude) }
    }

    /// Evaluates source text in Main and returns the value of its last statement.
    @discardableResult
    func run(_ source: String) throws -> Value {
        try inTask { [runtime] t in try runtime.evalSource(source, in: runtime.main, t) }
    }

    /// Calls `f(args...)` in a task of this runtime.
    func call(_ f: Value, _ args: [Value], kw: [(JSym, Value)] = []) throws -> Value {
        try inTask { t in try t.call(f, args, kw: kw) }
    }

    /// Runs `body` in a task of this runtime; a language error comes back as its message.
    func inTask(_ body: @escaping (Ctx) throws -> Value) throws -> Value {
        do {
            return try runtime.runToCompletion(driver, body)
        } catch let e as JuliaError {
            throw LanguageError(message: runtime.errorMessage(e.value, nil))
        }
    }

    /// Calls `f(args...)` and returns the `repr` of the result.
    func callShowing(_ f: Value, _ args: [Value], kw: [(JSym, Value)] = []) throws -> String {
        try repr(try call(f, args, kw: kw))
    }

    /// The value of a global of Main.
    func global(_ name: String) -> Value? {
        runtime.main.bindings[JSym.intern(name)]?.value
    }

    /// Julia's `repr` of a value, as this runtime shows it.
    func repr(_ v: Value) throws -> String {
        try runtime.repr(v, nil)
    }
}

/// A language error raised in a test process, with the message the REPL would print.
struct LanguageError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Source defining the types and modules that the value tests send: evaluated in both the
/// sending and the receiving process.
let sharedDefinitions = """
struct Point
    x::Float64
    y::Float64
end
mutable struct Account
    owner::String
    balance::Int64
end
mutable struct Node
    value
    next
end
abstract type Shape end
module Geometry
    struct Circle
        r::Float64
    end
end
"""

// MARK: Encoding and decoding single values

/// Encodes one value as `from` would send it to process `destination`.
func encode(_ v: Value, from: TestProcess, destination: Int = 2, sentGlobals: SentGlobals? = SentGlobals(),
            transfers: MemoryTransfers? = nil, onReference: ((RemoteRef) -> Void)? = nil) throws -> ByteBuffer {
    var w = ValueWriter(ByteBuffer(), runtime: from.runtime, destination: destination, sentGlobals: sentGlobals,
                        transfers: transfers, onReference: onReference)
    try w.value(v)
    sentGlobals?.commit(globals: w.newGlobals, code: [])
    return w.w.buffer
}

/// Decodes one value in `into`, requiring that the whole buffer was consumed.
func decode(_ b: ByteBuffer, into: TestProcess, source: Int = 1, transfers: MemoryTransfers? = nil) throws -> Value {
    var r = ValueReader(b, runtime: into.runtime, source: source, transfers: transfers)
    let v = try r.value()
    if r.r.remaining != 0 { throw WireError.malformed("\(r.r.remaining) bytes left over") }
    return v
}

/// Sends a value from one process to another and back into a value (through shared memory
/// for large arrays when `transfers` are given: the sender's end and the receiver's).
func roundTrip(_ v: Value, from: TestProcess, to: TestProcess, transfers: (MemoryTransfers, MemoryTransfers)? = nil) throws -> Value {
    try decode(try encode(v, from: from, transfers: transfers?.0), into: to, transfers: transfers?.1)
}

/// Two ends of a connection that have agreed to use shared memory (a probe answered).
func sharedMemoryEnds() -> (MemoryTransfers, MemoryTransfers) {
    let sender = MemoryTransfers(), receiver = MemoryTransfers()
    if let (name, token) = sender.startProbe() { sender.probeAnswered(receiver.answerProbe(name: name, token: token)) }
    return (sender, receiver)
}

// MARK: Seeded randomness

/// SplitMix64: a small, fast generator, so that fuzzing is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension ByteBuffer {
    /// The readable bytes as an array.
    var bytes: [UInt8] { getBytes(at: readerIndex, length: readableBytes) ?? [] }
}
