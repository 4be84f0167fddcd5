@testable import DistLang
@testable import DistWire
import NIOCore
import Testing

/// `ValueWriter` / `ValueReader`: every kind of value survives the trip to another process.
struct ValueCodecTests {
    let sender: TestProcess
    let receiver: TestProcess

    init() throws {
        sender = try TestProcess(sharedDefinitions)
        receiver = try TestProcess(sharedDefinitions)
    }

    /// Sends `v` and checks the copy has the same structure (`ValueDump`) and the same display.
    @discardableResult
    func expectRoundTrip(_ v: Value, _ comment: Comment? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Value {
        let copy = try roundTrip(v, from: sender, to: receiver)
        #expect(ValueDump.of(copy) == ValueDump.of(v), comment, sourceLocation: sourceLocation)
        return copy
    }

    /// Evaluates `source` in the sender, sends the value, and checks the copy.
    @discardableResult
    func expectRoundTrip(source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Value {
        let v = try sender.run(source)
        let copy = try expectRoundTrip(v, Comment(rawValue: source), sourceLocation: sourceLocation)
        #expect(try receiver.repr(copy) == sender.repr(v), Comment(rawValue: source), sourceLocation: sourceLocation)
        return copy
    }

    // MARK: Every tag

    /// A value whose encoding uses `tag`, and the offset where the tag must appear. The switch
    /// has no default: a new tag does not compile until it has a sample here.
    func sample(for tag: ValueTag) throws -> (Value, offset: Int) {
        switch tag {
        case .int: return (.int(7), 0)
        case .float: return (.float(-0.5), 0)
        case .bool: return (.bool(true), 0)
        case .char: return (.char(0x3BB), 0)
        case .nothing: return (.nothing, 0)
        case .undef: return (.undef, 0)
        case .string: return (.string("s"), 0)
        case .symbol: return (.symbol("s"), 0)
        case .tuple: return (try sender.run("(1, 2)"), 0)
        case .array: return (try sender.run("[1.0 2.0]"), 0)
        case .arrayInSegment: return (try sender.run("collect(reshape(1.0:300_000.0, 600, 500))"), 0)
        case .range: return (try sender.run("1:3"), 0)
        case .function: return (try sender.run("x -> x"), 0)
        case .type: return (.type(.int64), 0)
        case .structValue: return (try sender.run("Point(0.0, 1.0)"), 0)
        case .dict: return (try sender.run("Dict(1 => 2)"), 0)
        case .set: return (try sender.run("Set([1])"), 0)
        case .namedTuple: return (try sender.run("(a = 1,)"), 0)
        case .future: return (.obj(Future(owner: 2, rrid: RRID(whence: 1, id: 100), runtime: nil)), 0)
        case .remoteChannel:
            return (.obj(RemoteChannelRef(owner: 2, rrid: RRID(whence: 1, id: 101), channelType: JType.channel(.any), runtime: nil)), 0)
        case .module: return (try sender.run("Geometry"), 0)
        case .backref:
            // (a, a): the second element refers back to the first
            let a = try sender.run("Float64[]")
            return (.tuple([a, a]), 5 + (try encode(a, from: sender)).readableBytes)
        case .channel: return (try sender.run("Channel{Int64}(1)"), 0)
        case .sharedArray:
            let a = JArray(eltype: .float64, dims: [2, 2])
            a.shared = SharedArrayInfo(pids: [1, 2], segment: "/dist-test", id: "s1", mapping: nil)
            return (.arr(a), 0)
        case .ref: return (try sender.run("Ref(1)"), 0)
        case .colon: return (.obj(JColon.shared), 0)
        case .mime: return (try sender.run("MIME(\"text/html\")"), 0)
        case .regex: return (try sender.run("r\"a(b)?\\d\""), 0)
        case .regexMatch: return (try sender.run("match(r\"(a)(x)?\", \"bä a\")"), 0)
        case .ioBuffer: return (try sender.run("IOBuffer(\"x\")"), 0)
        case .varinfo: return (try sender.run("varinfo()"), 0)
        case .cmd: return (try sender.run("`echo 'a b' c`"), 0)
        case .workerPool: return (.obj(WorkerPoolObject.proxy(of: RRID(whence: 2, id: 7))), 0)
        case .task: return (try sender.run("t = @async 41 + 1; wait(t); t"), 0)
        }
    }

    @Test func everyValueTagHasASampleThatRoundTrips() throws {
        // the receiver maps shared arrays through this hook (the cluster target sets it)
        receiver.runtime.pgrp.sharedArrayMapper = { spec in
            let a = JArray(eltype: spec.eltype, dims: spec.dims)
            a.shared = SharedArrayInfo(pids: spec.pids, segment: spec.segment, id: spec.id, file: spec.file, mapping: nil)
            return .arr(a)
        }
        let tags = (0...UInt8.max).compactMap { ValueTag(rawValue: $0) }
        #expect(tags.count > 20)
        let ends = sharedMemoryEnds()
        defer { ends.0.connectionClosed() }
        for tag in tags {
            let (v, offset) = try sample(for: tag)
            if tag == .arrayInSegment {
                let bytes = try encode(v, from: sender, transfers: ends.0).bytes
                #expect(bytes[offset] == tag.rawValue && bytes.count < 100, "\(tag): the elements are not in the message")
                let copy = try decode(ByteBuffer(bytes: bytes), into: receiver, transfers: ends.1)
                #expect(ValueDump.of(copy) == ValueDump.of(v))
                continue
            }
            let bytes = try encode(v, from: sender).bytes
            #expect(offset < bytes.count && bytes[offset] == tag.rawValue, "\(tag)")
            try expectRoundTrip(v, "\(tag)")
        }
    }

    // MARK: Scalars

    @Test func integersRoundTripIncludingExtremes() throws {
        for i: Int64 in [0, 1, -1, 42, .max, .min, 1 << 53 + 1] { try expectRoundTrip(.int(i)) }
    }

    @Test func floatsRoundTripBitForBit() throws {
        let specials: [Double] = [0.0, -0.0, 1.5, -2.25, .pi, .infinity, -.infinity, .nan, -.nan,
                                  Double(bitPattern: 0x7FF8_0000_DEAD_BEEF), .leastNonzeroMagnitude,
                                  .greatestFiniteMagnitude, .ulpOfOne]
        for f in specials {
            let copy = try expectRoundTrip(.float(f))
            guard case .float(let g) = copy else {
                Issue.record("\(f) came back as \(copy)")
                continue
            }
            #expect(g.bitPattern == f.bitPattern)
        }
    }

    @Test func boolsCharsNothingAndUndefRoundTrip() throws {
        try expectRoundTrip(.bool(true))
        try expectRoundTrip(.bool(false))
        for c in ["a", "é", "€", "😀", "\u{0}", "\u{10FFFF}"] as [Unicode.Scalar] { try expectRoundTrip(.char(c.value)) }
        try expectRoundTrip(.nothing)
        try expectRoundTrip(.undef)
        try expectRoundTrip(source: "'λ'")
    }

    @Test func unicodeStringsAndSymbolsRoundTrip() throws {
        for s in ["", "hello", "héllo wörld", "日本語テキスト", "emoji 😀👍🏽 and \u{0} nul", String(repeating: "ab", count: 5000)] {
            try expectRoundTrip(.string(s))
        }
        try expectRoundTrip(.symbol("x"))
        try expectRoundTrip(.symbol("∂ψ"))
        let copy = try roundTrip(.symbol("interned"), from: sender, to: receiver)
        guard case .sym(let s) = copy else { Issue.record("not a symbol: \(copy)"); return }
        #expect(s === JSym.intern("interned"))
    }

    // MARK: Collections

    @Test func tuplesNamedTuplesAndRangesRoundTrip() throws {
        try expectRoundTrip(source: "(1, 2.5, \"three\", :four, (5, (6,)))")
        try expectRoundTrip(source: "()")
        try expectRoundTrip(source: "(a = 1, b = \"two\", c = (x = 3.0,))")
        try expectRoundTrip(source: "1:10")
        try expectRoundTrip(source: "10:-3:1")
        try expectRoundTrip(source: "5:4")
        try expectRoundTrip(source: "0:0.1:1")
        try expectRoundTrip(source: "range(0, 1, length = 7)")
        try expectRoundTrip(source: "1.0:1.0:1.0")
    }

    @Test func arraysOfEveryElementKindRoundTrip() throws {
        try expectRoundTrip(source: "[1.5, -0.0, NaN, Inf]")
        try expectRoundTrip(source: "Int64[1, -2, typemax(Int64), typemin(Int64)]")
        try expectRoundTrip(source: "[true, false, true]")
        try expectRoundTrip(source: "UInt8[0, 1, 255]")
        try expectRoundTrip(source: "['a', 'ß', '😀']")
        try expectRoundTrip(source: "Any[1, \"two\", 3.0, :four, nothing]")
        try expectRoundTrip(source: "String[\"a\", \"b\"]")
        try expectRoundTrip(source: "Float64[]")
        try expectRoundTrip(source: "Vector{Any}(undef, 3)")
    }

    @Test func multidimensionalArraysKeepTheirShape() throws {
        try expectRoundTrip(source: "[1.0 2.0 3.0; 4.0 5.0 6.0]")
        try expectRoundTrip(source: "reshape(collect(1:24), 2, 3, 4)")
        try expectRoundTrip(source: "zeros(0, 3)")
        try expectRoundTrip(source: "reshape(Any[1, \"a\", 2.0, :b], 2, 2)")
        try expectRoundTrip(source: "fill(true, 2, 2)")
    }

    @Test func nestedArraysOfArraysRoundTrip() throws {
        try expectRoundTrip(source: "[[1, 2], [3, 4, 5], Int64[]]")
        try expectRoundTrip(source: "[[[1.0]], [[2.0, 3.0]]]")
        try expectRoundTrip(source: "Any[[1, 2], Dict(\"k\" => [3.0]), (4, [5])]")
    }

    @Test func bitsArraysArePackedNotBoxed() throws {
        let n = 100_000
        let v = try sender.run("collect(1.0:\(n))")
        let bytes = try encode(v, from: sender).readableBytes
        // tag + eltype (kind, name) + ndims + one dimension: well under 64 bytes of header
        #expect(bytes >= 8 * n)
        #expect(bytes < 8 * n + 64, "a 10^5-element Float64 array took \(bytes) bytes")
        let ints = try encode(try sender.run("collect(1:\(n))"), from: sender).readableBytes
        #expect(ints < 8 * n + 64)
        let bools = try encode(try sender.run("fill(true, \(n))"), from: sender).readableBytes
        #expect(bools < n + 64, "a Bool array takes one byte per element")
        let copy = try expectRoundTrip(v)
        guard case .arr(let a) = copy else { Issue.record("not an array"); return }
        #expect(a.count == n && a.floats[0] == 1.0 && a.floats[n - 1] == Double(n))
    }

    @Test func bitArraysArriveAsBitArrays() throws {
        let shared = sharedMemoryEnds()
        defer { shared.0.connectionClosed(); shared.1.connectionClosed() }
        let sources = ["trues(3)", "falses(2, 2)", "[1, 5, 3] .> 2", "BitArray(undef, 0)", "fill(true, 3)"]
        for source in sources {
            let v = try sender.run(source)
            for ends in [nil, shared] {
                let copy = try roundTrip(v, from: sender, to: receiver, transfers: ends)
                #expect(try receiver.callShowing(receiver.run("typeof"), [copy]) == sender.callShowing(sender.run("typeof"), [v]), Comment(rawValue: source))
                #expect(try receiver.repr(copy) == sender.repr(v), Comment(rawValue: source))
            }
        }
        // large enough to travel through a shared-memory segment
        let big = try sender.run("rand(2_000_000) .> 0.5")
        let copy = try roundTrip(big, from: sender, to: receiver, transfers: shared)
        #expect(try receiver.callShowing(receiver.run("typeof"), [copy]) == "BitArray{1}")
        #expect(try receiver.callShowing(receiver.run("count"), [copy]) == sender.callShowing(sender.run("count"), [big]))
    }

    @Test func tasksArriveFinishedAsTheyLeft() throws {
        let done = try roundTrip(try sender.run("t1 = @async 6 * 7; wait(t1); t1"), from: sender, to: receiver)
        #expect(try receiver.callShowing(receiver.run("fetch"), [done]) == "42")
        #expect(try receiver.callShowing(receiver.run("istaskdone"), [done]) == "true")
        // a failed task carries its error, captured with where it happened
        let failed = try roundTrip(try sender.run("t2 = @async error(\"boom\"); try wait(t2) catch end; t2"), from: sender, to: receiver)
        #expect(try receiver.callShowing(receiver.run("istaskfailed"), [failed]) == "true")
        let e = try receiver.call(receiver.run("TaskFailedException"), [failed])
        let text = try receiver.callShowing(receiver.run("e -> sprint(showerror, e)"), [e])
        #expect(text.hasPrefix("\"TaskFailedException\\n\\n    nested task error: boom\\n    Stacktrace:\\n"), "\(text)")
        // sent on again, it is captured once
        let again = try roundTrip(failed, from: receiver, to: sender)
        #expect(try sender.callShowing(sender.run("t -> typeof(t.exception)"), [again]) == "CapturedException")
        // a task that has not finished arrives unfinished
        let running = try roundTrip(try sender.run("c3 = Channel(1); t3 = @async take!(c3); yield(); t3"), from: sender, to: receiver)
        #expect(try receiver.callShowing(receiver.run("istaskdone"), [running]) == "false")
        _ = try sender.run("put!(c3, 1); wait(t3)")
    }

    @Test func boolArraysNormaliseBytesAboveOne() throws {
        var w = ValueWriter(ByteBuffer(), runtime: sender.runtime, destination: 2, sentGlobals: nil, onReference: nil)
        try w.value(try sender.run("[true, false, true]"))
        var bytes = w.w.buffer.bytes
        bytes[bytes.count - 3] = 7
        let copy = try decode(ByteBuffer(bytes: bytes), into: receiver)
        #expect(try receiver.repr(copy) == sender.repr(try sender.run("[true, false, true]")))
    }

    @Test func dictsAndSetsKeepTheirTypesAndOrder() throws {
        try expectRoundTrip(source: "Dict(\"a\" => 1, \"b\" => 2, \"c\" => 3)")
        try expectRoundTrip(source: "Dict{Any,Any}(1 => \"x\", :k => [1.0], (1, 2) => nothing)")
        try expectRoundTrip(source: "Dict{String,Float64}()")
        try expectRoundTrip(source: "Set([3, 1, 2])")
        try expectRoundTrip(source: "Set{Any}([\"a\", 1, :b])")
        try expectRoundTrip(source: "1 => \"one\"")
        try expectRoundTrip(source: "Ref(41)")
        try expectRoundTrip(source: "IOBuffer(\"bytes ü\")")
        try expectRoundTrip(source: "MIME(\"text/plain\")")
        try expectRoundTrip(.obj(JColon.shared))
        try expectRoundTrip(source: "varinfo()")
        try expectRoundTrip(source: "ch = Channel{Int64}(4); put!(ch, 1); put!(ch, 2); ch")
    }

    // MARK: Structs, sharing and cycles

    @Test func immutableAndMutableStructsRoundTrip() throws {
        try expectRoundTrip(source: "Point(1.5, -2.0)")
        try expectRoundTrip(source: "Account(\"Zoë\", 100)")
        try expectRoundTrip(source: "Geometry.Circle(2.0)")
        try expectRoundTrip(source: "[Point(1.0, 2.0), Point(3.0, 4.0)]")
        try expectRoundTrip(source: "ErrorException(\"boom\")")
    }

    @Test func aStructTheReceiverDoesNotDefineIsAnUndefVarError() throws {
        let v = try sender.run("struct OnlyHere; a; end; OnlyHere(1)")
        #expect {
            try roundTrip(v, from: sender, to: receiver)
        } throws: { e in
            guard case WireError.undefined(let u) = e else { return false }
            return u.text.contains("OnlyHere")
        }
    }

    @Test func aMutableObjectSentTwiceArrivesAsOneObject() throws {
        let copy = try expectRoundTrip(source: "acc = Account(\"shared\", 1); v = [1.0, 2.0]; d = Dict(1 => 2); (acc, acc, v, [v, v], d, d)")
        guard case .tuple(let tp) = copy, tp.items.count == 6,
              case .obj(let a0) = tp.items[0], case .obj(let a1) = tp.items[1],
              case .arr(let v0) = tp.items[2], case .arr(let vs) = tp.items[3],
              case .arr(let v1) = vs.values[0], case .arr(let v2) = vs.values[1],
              case .obj(let d0) = tp.items[4], case .obj(let d1) = tp.items[5] else {
            Issue.record("unexpected shape \(ValueDump.of(copy))")
            return
        }
        #expect(a0 === a1)
        #expect(v0 === v1 && v1 === v2)
        #expect(d0 === d1)
        // the receiver's copies alias just as the sender's objects do
        _ = try receiver.call(try receiver.run("(x) -> x[1].balance = 99"), [copy])
        #expect(try receiver.repr(tp.items[1]) == "Account(\"shared\", 99)")
    }

    @Test func cyclesThroughMutableObjectsArePreserved() throws {
        let copy = try expectRoundTrip(source: "n = Node(1, nothing); n.next = n; n")
        guard case .obj(let o) = copy, let s = o as? JStruct, case .obj(let next) = s.fields[1] else {
            Issue.record("unexpected shape \(ValueDump.of(copy))")
            return
        }
        #expect(next === s)
        let ring = try expectRoundTrip(source: "a = Node(1, nothing); b = Node(2, a); a.next = b; [a, b]")
        guard case .arr(let arr) = ring, case .obj(let a) = arr.values[0], case .obj(let b) = arr.values[1],
              let sa = a as? JStruct, let sb = b as? JStruct,
              case .obj(let an) = sa.fields[1], case .obj(let bn) = sb.fields[1] else {
            Issue.record("unexpected shape \(ValueDump.of(ring))")
            return
        }
        #expect(an === b && bn === a)
        let selfArray = try expectRoundTrip(source: "x = Any[1]; push!(x, x); x")
        guard case .arr(let sa2) = selfArray, case .arr(let inner) = sa2.values[1] else {
            Issue.record("unexpected shape \(ValueDump.of(selfArray))")
            return
        }
        #expect(inner === sa2)
        // (structure only: showing a dictionary or Ref that contains itself does not terminate)
        let d = try expectRoundTrip(try sender.run("d = Dict{Any,Any}(); d[:self] = d; d"))
        guard case .obj(let dobj) = d, let dict = dobj as? JDict, case .obj(let inside)? = dict.entries.first?.1 else {
            Issue.record("unexpected shape \(ValueDump.of(d))")
            return
        }
        #expect(inside === dict)
        let r = try expectRoundTrip(try sender.run("r = Ref{Any}(nothing); r[] = r; r"))
        guard case .obj(let robj) = r, let ref = robj as? JRef, case .obj(let target) = ref.value else {
            Issue.record("unexpected shape \(ValueDump.of(r))")
            return
        }
        #expect(target === ref)
    }

    @Test func immutableValuesAreCopiedWithoutBackReferences() throws {
        // strings and tuples have no identity to keep: each occurrence is written in full
        let once = try encode(try sender.run("s = \"abcdefgh\"; (s,)"), from: sender).readableBytes
        let twice = try encode(try sender.run("(s, s)"), from: sender).readableBytes
        #expect(twice - once == once - 5)
    }

    // MARK: Code

    @Test func aClosureRunsInTheReceiverWithItsCapturedValues() throws {
        let f = try sender.run("make_adder(n) = x -> x + n; make_adder(5)")
        let copy = try expectRoundTrip(f)
        #expect(try receiver.callShowing(copy, [.int(10)]) == "15")
        // the receiver never saw make_adder
        #expect(receiver.global("make_adder") == nil)
    }

    @Test func aClosureKeepsItsOwnStateInTheReceiver() throws {
        let f = try sender.run("function counter(); c = 0; () -> (c += 1); end; counter()")
        let copy = try expectRoundTrip(f)
        #expect(try receiver.callShowing(copy, []) == "1")
        #expect(try receiver.callShowing(copy, []) == "2")
        // the sender's cell is a different one
        #expect(try sender.callShowing(f, []) == "1")
    }

    @Test func closuresWithDefaultsKeywordsVarargsAndNestedClosures() throws {
        let g = try sender.run("scale = 3; g = function (x, y = 2; z = 10) (x + y) * z + scale end")
        let gc = try expectRoundTrip(g)
        #expect(try receiver.callShowing(gc, [.int(1)]) == "33")
        #expect(try receiver.callShowing(gc, [.int(1), .int(1)], kw: [(JSym.intern("z"), .int(2))]) == "7")
        let h = try sender.run("h = (xs...) -> sum(map(v -> v * 2, collect(xs)))")
        let hc = try expectRoundTrip(h)
        #expect(try receiver.callShowing(hc, [.int(1), .int(2), .int(3)]) == "12")
        let typed = try sender.run("function mk(); k = 4; (a::Int) -> [i * k for i in 1:a]; end; mk()")
        let tc = try expectRoundTrip(typed)
        #expect(try receiver.repr(try receiver.call(tc, [.int(3)])) == "[4, 8, 12]")
    }

    @Test func globalsAClosureUsesTravelWithItOnceUntilTheyChange() throws {
        _ = try sender.run("table = [10, 20, 30]; lookup = i -> table[i]")
        let f = try sender.run("lookup")
        let cache = SentGlobals()
        let first = try encode(f, from: sender, sentGlobals: cache)
        let again = try encode(f, from: sender, sentGlobals: cache)
        #expect(again.readableBytes < first.readableBytes, "an unchanged global is not sent again")
        let copy = try decode(first, into: receiver)
        #expect(try receiver.callShowing(copy, [.int(2)]) == "20")
        _ = try sender.run("table[2] = 99")
        let changed = try encode(f, from: sender, sentGlobals: cache)
        #expect(changed.readableBytes == first.readableBytes, "a changed global is sent again")
        _ = try decode(changed, into: receiver)
        #expect(try receiver.callShowing(copy, [.int(2)]) == "99")
    }

    @Test func namedFunctionsTravelByName() throws {
        try expectRoundTrip(source: "sum")
        try expectRoundTrip(source: "+")
        try expectRoundTrip(source: "Geometry")
        let f = try sender.run("only_in_sender(x) = x; only_in_sender")
        #expect(throws: WireError.self) { try roundTrip(f, from: sender, to: receiver) }
        let both = "shared_fn(x) = 2x"
        _ = try sender.run(both)
        _ = try receiver.run(both)
        let copy = try roundTrip(try sender.run("shared_fn"), from: sender, to: receiver)
        #expect(try receiver.callShowing(copy, [.int(21)]) == "42")
    }

    // MARK: References, modules, types

    @Test func futuresAndRemoteChannelsTravelAsReferences() throws {
        var reported: [RRID] = []
        let fut = Future(owner: 3, rrid: RRID(whence: 1, id: 7), runtime: nil)
        let buf = try encode(.obj(fut), from: sender, destination: 2, onReference: { reported.append($0.rrid) })
        #expect(reported == [RRID(whence: 1, id: 7)], "a reference sent to a non-owner is reported")
        let copy = try decode(buf, into: receiver)
        #expect(ValueDump.of(copy) == ValueDump.of(.obj(fut)))
        // the same reference decoded again is the same object in the receiver
        let again = try decode(try encode(.obj(fut), from: sender), into: receiver)
        guard case .obj(let a) = copy, case .obj(let b) = again else { Issue.record("not objects"); return }
        #expect(a === b)

        reported = []
        _ = try encode(.obj(fut), from: sender, destination: 3, onReference: { reported.append($0.rrid) })
        #expect(reported.isEmpty, "a reference sent to its owner is not reported")

        let done = Future(owner: 2, rrid: RRID(whence: 1, id: 8), runtime: nil)
        done.cache = .string("cached value")
        _ = try expectRoundTrip(.obj(done))

        let rc = RemoteChannelRef(owner: 2, rrid: RRID(whence: 1, id: 9), channelType: JType.channel(.int64), runtime: nil)
        _ = try expectRoundTrip(.obj(rc))
        _ = try expectRoundTrip(.tuple([.obj(rc), .obj(fut), .obj(done)]))
    }

    @Test func modulesTravelByPath() throws {
        let main = try expectRoundTrip(.obj(sender.runtime.main))
        guard case .obj(let m) = main else { Issue.record("not an object"); return }
        #expect(m === receiver.runtime.main)
        let geo = try expectRoundTrip(source: "Geometry")
        guard case .obj(let g) = geo, let gm = g as? JModule else { Issue.record("not a module"); return }
        #expect(gm.path.map { $0.name } == ["Geometry"])
        let base = try expectRoundTrip(.obj(sender.runtime.base))
        guard case .obj(let b) = base else { Issue.record("not an object"); return }
        #expect(b === receiver.runtime.base)
        let missing = try sender.run("module NotThere end; NotThere")
        #expect(throws: WireError.self) { try roundTrip(missing, from: sender, to: receiver) }
    }

    @Test func typesTravelByName() throws {
        for source in ["Int64", "Float64", "String", "Any", "Nothing", "Array{Float64,2}", "Vector{Any}",
                       "Dict{String,Vector{Int64}}", "Tuple{Int64,String}", "Union{Int64,String}",
                       "Union{Nothing,Point}", "Point", "Account", "Geometry.Circle", "Shape", "Array{Float64}",
                       "Channel{Point}", "BoundsError"] {
            try expectRoundTrip(source: source)
        }
        let copy = try roundTrip(try sender.run("Point"), from: sender, to: receiver)
        guard case .type(let t) = copy else { Issue.record("not a type"); return }
        #expect(t === (receiver.global("Point").flatMap { if case .type(let x) = $0 { return x } else { return nil } }))
    }
}
