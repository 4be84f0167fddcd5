@testable import DistLang
import DistSyntax
@testable import DistWire
import NIOCore
import Testing

/// Source snippets whose resolved code, together, contains every `IR` and `LValue` case
/// (except `.everywhere`, which is never sent; see `everywhereIsNotSendable`). Each entry is
/// one REPL input; they run in order, so later ones may use earlier definitions.
let irCorpus: [String] = [
    "x = 1",                                                             // global assign, literal
    "q = :(a + $x)",                                                     // a quoted expression, with interpolation
    "const C = 3",                                                       // declareConst
    "begin y = x + C; y * 2 end",                                        // block, op
    "if x > 0 \"pos\" else \"neg\" end",                                 // ifElse
    "x > 0 && y < 0",                                                    // and (false; `or` would be true)
    "x < 0 || y > 0",                                                    // or (true; `and` would be false)
    "i = 0; while i < 3; i += 1; end; i",                                // whileLoop
    "s = 0; for k in 1:10; if k == 2; continue; end; if k > 5; break; end; s += k; end; s",
    "function addone(v) w = v; return w + 1 end",                        // defineMethod, local, returnValue
    "addone(41)",                                                        // call
    "kwf(a, b = 2; c = 3, kws...) = a + b + c + length(kws)",
    "kwf(1; c = 10, d = 4)",
    "opts = (c = 1,); kwf(1; opts...)",                                  // splatted keywords
    "xs = [1, 2, 3]",                                                    // vect
    "addtwo(a, b) = a + b; addtwo(xs[1:2]...)",                          // splat, index
    "(sin.(xs), xs .+ 1)",                                               // broadcast, tuple
    "ys = zeros(3); ys .= 7.0; ys",                                      // dotAssign
    "(xs[end], xs[end - 1])",                                            // endOf
    "xs[2] = 20; xs",                                                    // index lvalue
    "struct Pt; x::Int; y; end",                                         // defineStruct
    "p = Pt(1, 2); p.x",                                                 // field
    "nt = (a = 1, b = 2.5); nt.b",                                       // namedTuple
    "[1 2 3]",                                                           // hcat
    "[1; 2; 3]",                                                         // vcat
    "m = [1 2; 3 4]; (m[end, 1], m[1, end])",                            // hvcat
    "(Float64[1, 2], Float64[1 2; 3 4], Int64[k for k in 1:3])",         // typedLiteral
    "[k^2 for k in 1:4 if isodd(k)]",                                    // comprehension
    "sum(k for k in 1:4)",                                               // generator
    "[(i, j) for i in 1:2 for j in 1:i]",                                // nested comprehension
    "sq = v -> v^2; sq(9)",                                              // lambda
    "function mkcounter() c = 0; () -> (c += 1) end",                    // captured, captured lvalue
    "cnt = mkcounter(); cnt(); cnt()",
    "function twice_captured(n) f = () -> (() -> n + 1); f()() end; twice_captured(1)",
    "mutable struct Acc; total; Acc() = new(0); end",                    // inner constructor
    "acc = Acc(); acc.total = 5; acc.total",                             // field lvalue
    "abstract type Animal end",                                          // defineAbstract
    "struct Dog <: Animal; name::String; end; Dog(\"rex\") isa Animal",
    "module Mod1; export mval; mval = 42; end",                          // defineModule, export
    "using .Mod1",                                                       // using
    "mval",
    "import Base: show",                                                 // importNames
    "try error(\"boom\") catch e; e.msg finally println(\"finally\") end", // tryCatch
    "(1 + 2)::Int",                                                      // typeAssert
    "Vector{Int}",                                                       // curly
    "\"x is $(x) and y is $y\"",                                         // interpolate
    "let z = 5; f = () -> z; f() end",                                   // freshBoxes
    "fs = []; for k in 1:3; push!(fs, () -> k); end; [f() for f in fs]",
    "@sync begin end",                                                   // sync
    "t = @elapsed sum(1:10); t >= 0",                                    // timed
    "@show x + 1",                                                       // show
    "@isdefined x",                                                      // isDefined
    "x > 0 || :(a + b)",                                                 // quoted (resolves; cannot run)
    "q, r = 1, 2; _, second = (3, 4); (q, r, second)",                   // tuple, discard lvalues
    "function typed(a::Int, b::Float64 = 1.0)::Float64 local u::Float64 = a; u + b end; typed(2)",
]

/// `IRWriter` / `IRReader`: resolved code survives the trip, case by case.
struct IRCodecTests {
    /// Round-trips a lambda from the sender's runtime into the receiver's.
    static func roundTrip(_ l: Lambda, from: TestProcess, to: TestProcess) throws -> Lambda {
        var w = IRWriter(values: ValueWriter(ByteBuffer(), runtime: from.runtime, destination: 2, sentGlobals: nil, onReference: nil))
        try w.lambda(l)
        var r = IRReader(values: ValueReader(w.values.w.buffer, runtime: to.runtime, source: 1))
        let copy = try r.lambda(parentLocals: nil)
        #expect(r.values.r.remaining == 0, "bytes left after \(l.name)")
        return copy
    }

    /// Resolves the top-level statements of `source` in `p`'s Main one at a time, each after
    /// the previous one ran (as the REPL does: whether a name is global depends on it), and
    /// hands each to `body` before running it. Returns the value of the last statement.
    @discardableResult
    static func forEachStatement(_ source: String, in p: TestProcess, _ body: (Lambda) throws -> Void) throws -> Value {
        var last = Value.nothing
        for s in try Parser.parseProgram(source) {
            let l = try p.runtime.resolveStatement(s, in: p.runtime.main)
            try body(l)
            last = try p.inTask { t in try p.runtime.runThunk(l, t) }
        }
        return last
    }

    @Test func everyCaseOfTheCorpusRoundTripsToTheSameCode() throws {
        let sender = try TestProcess()
        let receiver = try TestProcess()
        var seen: Set<IRCase> = [], seenLValues: Set<LValueCase> = []
        for source in irCorpus {
            // resolve each input after the previous one ran, as the REPL does
            try IRCodecTests.forEachStatement(source, in: sender) { l in
                var before = IRDump(), after = IRDump()
                before.lambda(l)
                after.lambda(try IRCodecTests.roundTrip(l, from: sender, to: receiver))
                #expect(after.out == before.out, "\(source)")
                seen.formUnion(after.cases)
                seenLValues.formUnion(after.lvalueCases)
            }
        }
        let missing = Set(IRCase.allCases).subtracting(seen).subtracting([.everywhere])
        #expect(missing.isEmpty, "no corpus entry produces \(missing.map { $0.rawValue }.sorted())")
        let missingLValues = Set(LValueCase.allCases).subtracting(seenLValues)
        #expect(missingLValues.isEmpty, "no corpus entry assigns to \(missingLValues.map { $0.rawValue }.sorted())")
    }

    @Test func decodedCodeRunsLikeTheOriginal() throws {
        let sender = try TestProcess()
        let receiver = try TestProcess()
        for source in irCorpus {
            var there = Value.nothing
            let here = try IRCodecTests.forEachStatement(source, in: sender) { l in
                let copy = try IRCodecTests.roundTrip(l, from: sender, to: receiver)
                there = try receiver.inTask { t in try receiver.runtime.runThunk(copy, t) }
            }
            #expect(try receiver.repr(there) == sender.repr(here), "\(source)")
        }
        #expect(receiver.output.text == sender.output.text)
    }

    @Test func everywhereIsNotSendable() throws {
        let p = try TestProcess()
        let l = try p.runtime.resolveStatement(try Parser.parseProgram("@everywhere z = 1")[0], in: p.runtime.main)
        var d = IRDump()
        d.lambda(l)
        #expect(d.cases.contains(.everywhere))
        #expect {
            try IRCodecTests.roundTrip(l, from: p, to: p)
        } throws: { e in
            if case WireError.unsendable = e { return true }
            return false
        }
    }

    @Test func everyOperatorRoundTrips() throws {
        let p = try TestProcess()
        for op in Op.allCases {
            let l = Lambda(name: "ops", params: [], nRequired: 0, isVararg: false, kwParams: [], kwSplat: nil, nslots: 0,
                           locals: [], captures: [], captureNames: [], body: .op(op, [.literal(.int(1)), .literal(.int(2))]),
                           globalsUsed: [], module: [], isToplevel: true)
            let copy = try IRCodecTests.roundTrip(l, from: p, to: p)
            #expect(IRDump.lambda(copy) == IRDump.lambda(l))
        }
        for kind in [TimingKind.time, .elapsed, .allocated, .timed] {
            let l = Lambda(name: "timing", params: [], nRequired: 0, isVararg: false, kwParams: [], kwSplat: nil, nslots: 0,
                           locals: [], captures: [], captureNames: [], body: .timed(.literal(.nothing), kind),
                           globalsUsed: [], module: [], isToplevel: true)
            #expect(IRDump.lambda(try IRCodecTests.roundTrip(l, from: p, to: p)) == IRDump.lambda(l))
        }
    }
}
