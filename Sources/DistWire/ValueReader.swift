import DistLang
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// The closures' code one connection's sender asked to be kept, by the number it gave (see
/// `SentGlobals`): code that failed to arrive keeps its error, which a later closure of the
/// same code meets again.
public final class ReceivedCode {
    var code: [Int: Result<(Lambda, [Method]), Error>] = [:]
    /// Types and Base functions read before on this connection, by the bytes that named
    /// them: the sender writes a type or a function the same way every time (see
    /// `SentGlobals.typeBytes`), and a call names the same few again and again, so a match
    /// here saves reading names and looking them up.
    var types = RecentByBytes<JType>()
    var functions = RecentByBytes<Value>()
    /// The last reference to a channel of this process that came on this connection, kept
    /// alive: the same one coming again (`pmap`'s function in a `CachingPool`, a channel
    /// passed to every call) is then the object already here, as Julia finds it in its table
    /// of references, instead of a new one to make, register and drop.
    var lastLocalChannel: RemoteChannelRef?
    public init() {}
}

/// A few values by the bytes they were read from, the most recently used first.
struct RecentByBytes<T> {
    private var entries: [(bytes: [UInt8], value: T)] = []
    static var limit: Int { 8 }

    /// The value whose bytes begin `p`, and how many bytes those are. Bytes of a type (or of
    /// a name with its length) form a prefix code: one that begins `p` is the one there.
    mutating func match(_ p: UnsafeRawBufferPointer) -> (T, Int)? {
        for i in entries.indices {
            let n = entries[i].bytes.count
            guard n <= p.count else { continue }
            let same = entries[i].bytes.withUnsafeBytes { memcmp($0.baseAddress!, p.baseAddress!, n) == 0 }
            if same {
                let v = entries[i].value
                if i > 0 { entries.swapAt(i, i - 1) }
                return (v, n)
            }
        }
        return nil
    }

    mutating func add(_ bytes: [UInt8], _ v: T) {
        // a newcomer starts half-way: one met once does not push out those every call names
        if entries.count >= Self.limit { entries.removeLast() }
        entries.insert((bytes, v), at: entries.count / 2)
    }
}

/// Reads values (and code) from one message, in the receiving process.
///
/// Names are looked up here: a named function or a struct type that this process does not
/// define is an `UndefVarError`, which the caller reports as the call's error.
public struct ValueReader {
    public var r: WireReader
    let runtime: Runtime
    /// The process the message came from.
    let source: Int
    var objects: [Value] = []
    var depth = 0
    /// Inside a type being read (which `type()` caches whole), and whether it names a
    /// user-defined type (which a redefinition can change: not cached).
    var inType = false
    var namesUserType = false
    static let maxDepth = 2000
    /// The exception types met so far (to name one that cannot be decoded).
    public var exceptionTypes: [String] = []

    /// The connection's shared-memory transfers (arrays in segments are read through them).
    let transfers: MemoryTransfers?
    /// The code the other end has sent on this connection to be kept (see `SentGlobals`).
    let receivedCode: ReceivedCode?

    public init(_ buffer: ByteBuffer, runtime: Runtime, source: Int, transfers: MemoryTransfers? = nil,
                receivedCode: ReceivedCode? = nil) {
        r = WireReader(buffer)
        self.runtime = runtime
        self.source = source
        self.transfers = transfers
        self.receivedCode = receivedCode
    }

    mutating func register(_ v: Value) { objects.append(v) }

    public mutating func value() throws -> Value {
        depth += 1
        defer { depth -= 1 }
        if depth > ValueReader.maxDepth { throw WireError.malformed("values nested too deeply") }
        let tagByte = try r.u8()
        guard let tag = ValueTag(rawValue: tagByte) else { throw WireError.badTag("value", tagByte) }
        switch tag {
        case .int: return .int(try r.i64())
        case .float: return .float(try r.f64())
        case .bool: return .bool(try r.bool())
        case .char:
            let c = try r.u32()
            guard Unicode.Scalar(UInt32(c)) != nil else { throw WireError.malformed("bad character") }
            return .char(UInt32(c))
        case .nothing: return .nothing
        case .undef: return .undef
        case .string: return .str(JStr(try r.string()))
        case .symbol: return .sym(JSym.intern(try r.string()))
        case .tuple:
            let n = try r.count()
            var items: [Value] = []
            items.reserveCapacity(n)
            for _ in 0..<n { items.append(try value()) }
            return .tuple(JTuple.of(items))
        case .array: return try array()
        case .arrayInSegment: return try arrayInSegment()
        case .range:
            let kindByte = try r.u8()
            guard let kind = JRange.Kind(rawValue: kindByte) else { throw WireError.badTag("range", kindByte) }
            if kind == .float {
                let s = try r.f64(), e = try r.f64(), n = try r.int(), step = try r.f64()
                if n < 0 { throw WireError.malformed("negative range length") }
                if n <= 1 { return .range(JRange(fstart: s, fstep: step, length: n)) }
                return .range(JRange(fstart: s, fstop: e, length: n))
            }
            let s = try r.i64(), st = try r.i64(), e = try r.i64()
            if kind == .unit { return .range(JRange(start: s, stop: e)) }
            // typemin's negation overflows in JRange's length computation
            if st == 0 || st == .min { throw WireError.malformed("range step \(st)") }
            return .range(JRange(start: s, step: st, stop: e))
        case .function: return try function()
        case .type: return .type(try type())
        case .structValue:
            let t = try type()
            if t.isSubtype(of: .exception) && t !== JType.remoteException && t !== JType.capturedException {
                exceptionTypes.append(t.name)
            }
            let n = try r.count()
            guard t.isStructType || t.root === JType.pairFamily, n == t.fieldNames.count || t.root === JType.pairFamily else {
                throw WireError.malformed("struct \(t) with \(n) fields")
            }
            let s = JStruct(t, [])
            if t.isMutable { register(.obj(s)) }
            var fields: [Value] = []
            for _ in 0..<n { fields.append(try value()) }
            s.fields = fields
            if t.root === JType.pairFamily && t.fieldNames.isEmpty {
                return runtime.makePair(fields.first ?? .nothing, fields.count > 1 ? fields[1] : .nothing)
            }
            return .obj(s)
        case .dict:
            let kt = try type(), vt = try type()
            let d = JDict(keyType: kt, valueType: vt)
            register(.obj(d))
            let n = try r.count()
            for _ in 0..<n {
                let k = try value(), x = try value()
                do { try d.set(k, x, runtime) } catch { throw WireError.malformed("dictionary entry of the wrong type") }
            }
            return .obj(d)
        case .set:
            let t = try type()
            let s = t === JType.bitSet ? JSet(bitSet: ()) : JSet(elType: t)
            register(.obj(s))
            let n = try r.count()
            for _ in 0..<n {
                do { try s.insert(try value(), runtime) } catch { throw WireError.malformed("set element of the wrong type") }
            }
            return .obj(s)
        case .namedTuple:
            let n = try r.count()
            var names: [JSym] = [], values: [Value] = []
            for _ in 0..<n {
                names.append(JSym.intern(try r.string()))
                values.append(try value())
            }
            return .obj(JNamedTuple(names: names, values: values))
        case .future:
            let owner = try r.int()
            let rrid = RRID(whence: try r.int(), id: try r.int())
            let cached = try r.bool()
            let cache = cached ? try value() : nil
            if let existing = runtime.pgrp.existingRef(rrid) as? Future {
                if existing.cache == nil, let c = cache { existing.cache = c }
                return .obj(existing)
            }
            let f = Future(owner: owner, rrid: rrid, runtime: runtime)
            f.cache = cache
            runtime.pgrp.registerRef(f)
            return .obj(f)
        case .remoteChannel:
            let owner = try r.int()
            let rrid = RRID(whence: try r.int(), id: try r.int())
            let ct = try type()
            if let existing = runtime.pgrp.existingRef(rrid) as? RemoteChannelRef { return .obj(existing) }
            let rc = RemoteChannelRef(owner: owner, rrid: rrid, channelType: ct, runtime: runtime)
            runtime.pgrp.registerRef(rc)
            if owner == runtime.pgrp.myid { receivedCode?.lastLocalChannel = rc }
            return .obj(rc)
        case .module:
            let p = try r.path()
            guard let m = runtime.module(at: p.map { JSym.intern($0) }) else {
                throw WireError.undefined(JuliaErrorValue(error: .undefVar(p.last ?? "Main"), text: p.joined(separator: ".")))
            }
            return .obj(m)
        case .backref:
            let i = try r.u32()
            guard i < objects.count else { throw WireError.malformed("bad back-reference") }
            return objects[i]
        case .channel:
            let t = try type()
            let cap = try r.int()
            if cap < 0 { throw WireError.malformed("negative channel size") }
            let ch = JChannel(elType: t, capacity: cap)
            register(.obj(ch))
            let n = try r.count()
            for _ in 0..<n { ch.restore(try value()) }
            return .obj(ch)
        case .sharedArray:
            let t = try type()
            let nd = Int(try r.u8())
            var dims: [Int] = []
            // the bytes the segment holds must be a size: [2^61] Float64s would overflow
            var bytes = ElementKind.of(t).stride
            for _ in 0..<nd {
                let d = try r.int()
                if d < 0 { throw WireError.malformed("negative dimension") }
                let (product, overflow) = bytes.multipliedReportingOverflow(by: d)
                if overflow { throw WireError.malformed("shared array too large") }
                bytes = product
                dims.append(d)
            }
            let segment = try r.string(), id = try r.string()
            let n = try r.count()
            var pids: [Int] = []
            for _ in 0..<n { pids.append(try r.int()) }
            var file: (offset: Int, mode: String)?
            if try r.bool() {
                let offset = try r.int()
                if offset < 0 { throw WireError.malformed("negative file offset") }
                file = (offset, try r.string())
            }
            let mapper = runtime.pgrp.sharedArrayMapper
            do {
                return try mapper(SharedArraySpec(eltype: t, dims: dims, segment: segment, id: id, pids: pids, file: file))
            } catch let e as JuliaError {
                throw WireError.undefined(JuliaErrorValue(error: e, text: "SharedArray \(id)"))
            }
        case .ref:
            let t = try type()
            let ref = JRef(.undef, t)
            register(.obj(ref))
            ref.value = try value()
            return .obj(ref)
        case .colon: return .obj(JColon.shared)
        case .mime: return .obj(JMime(try r.string()))
        case .regex:
            let pattern = try r.string()
            do { return .obj(try JRegex(pattern)) } catch let e as JuliaError {
                throw WireError.undefined(JuliaErrorValue(error: e, text: "Regex"))
            }
        case .task:
            let state = try r.u8()
            guard state <= 2 else { throw WireError.badTag("task state", state) }
            // registered before its result, which may refer back to it
            let task = JTask.arrived()
            register(.obj(task))
            switch state {
            case 1: task.arrived(result: try value())
            case 2: task.arrived(error: JuliaError(try value()))
            default: break
            }
            return .obj(task)
        case .regexMatch:
            guard case .obj(let o) = try value(), let regex = o as? JRegex else { throw WireError.malformed("a RegexMatch without its Regex") }
            let match = try r.string(), offset = Int(try r.i64())
            let n = try r.count()
            var captures: [String?] = [], offsets: [Int] = []
            for _ in 0..<n {
                captures.append(try r.u8() == 0 ? nil : try r.string())
                offsets.append(Int(try r.i64()))
            }
            return .obj(JRegexMatch(regex: regex, match: match, offset: offset, captures: captures, offsets: offsets))
        case .ioBuffer:
            let n = try r.count()
            let io = JIO(.buffer)
            var bytes = [UInt8](repeating: 0, count: n)
            try bytes.withUnsafeMutableBytes { p in if let b = p.baseAddress { try r.bytes(into: b, count: n) } }
            io.buffer = bytes
            return .obj(io)
        case .varinfo:
            let n = try r.count()
            var rows: [(String, String, String)] = []
            for _ in 0..<n { rows.append((try r.string(), try r.string(), try r.string())) }
            return .obj(VarInfo(rows))
        case .cmd:
            let n = try r.count()
            var words: [String] = []
            for _ in 0..<n { words.append(try r.string()) }
            let c = JCmd(words)
            if try r.bool() {
                let m = try r.count()
                var env: [String] = []
                for _ in 0..<m { env.append(try r.string()) }
                c.env = env
            }
            if try r.bool() { c.dir = try r.string() }
            let flags = try r.u8()
            c.detach = flags & 1 != 0
            c.ignoreStatus = flags & 2 != 0
            return .obj(c)
        case .workerPool:
            let id = RRID(whence: try r.int(), id: try r.int())
            do {
                return .obj(try runtime.pgrp.pool(for: id, caching: false))
            } catch let e as JuliaError {
                throw WireError.undefined(JuliaErrorValue(error: e, text: "WorkerPool \(id)"))
            }
        }
    }

    /// An array's dimensions and element count, within the limits of a frame.
    /// An array's dimensions and their product, and whether it is a `BitArray`.
    mutating func dimensions() throws -> (dims: [Int], total: Int, bits: Bool) {
        let (nd, bits) = try dimensionCount()
        var dims: [Int] = []
        var total = 1
        for _ in 0..<nd {
            let d = try r.int()
            if d < 0 || d > WireFormat.maxFrame { throw WireError.malformed("bad dimension") }
            dims.append(d)
            let (product, overflow) = total.multipliedReportingOverflow(by: d)
            if overflow || product > WireFormat.maxFrame { throw WireError.malformed("array too large") }
            total = product
        }
        return (dims, total, bits)
    }

    mutating func dimensionCount() throws -> (Int, bits: Bool) {
        let b = try r.u8()
        return (Int(b & ~WireFormat.bitArrayFlag), b & WireFormat.bitArrayFlag != 0)
    }

    mutating func array() throws -> Value {
        let et = try type()
        let (dims, total, bits) = try dimensions()
        let kind = ElementKind.of(et)
        if kind != .any {
            guard total * kind.stride <= r.remaining else { throw WireError.truncated }
            let a = JArray(eltype: et, dims: Dims(dims), uninitialized: ())
            register(.arr(a))
            try r.bytes(into: a.data, count: total * kind.stride)
            if kind == .bool {
                for i in 0..<total where a.bytes[i] > 1 { a.bytes[i] = 1 }
                a.isBitArray = bits
            }
            return .arr(a)
        }
        guard total <= r.remaining else { throw WireError.truncated }
        let a = JArray(eltype: et, dims: dims)
        register(.arr(a))
        for i in 0..<total { a.values[i] = try value() }
        return .arr(a)
    }

    /// A bits array whose elements are in a shared-memory segment (see `MemoryTransfers`),
    /// made over the segment. Its size is bounded by the segment's, not by the frame's.
    mutating func arrayInSegment() throws -> Value {
        let et = try type()
        let kind = ElementKind.of(et)
        guard kind != .any else { throw WireError.malformed("a shared-memory array of boxed elements") }
        let (nd, bits) = try dimensionCount()
        var dims: [Int] = []
        var total = 1
        for _ in 0..<nd {
            let d = try r.int()
            let (product, overflow) = total.multipliedReportingOverflow(by: d)
            if d < 0 || overflow { throw WireError.malformed("bad dimension") }
            dims.append(d)
            total = product
        }
        let (bytes, overflow) = total.multipliedReportingOverflow(by: kind.stride)
        if overflow { throw WireError.malformed("array too large") }
        let name = try r.string()
        let dropAfter = try r.bool()
        guard let t = transfers else { throw WireError.malformed("a shared-memory array on a connection without them") }
        // the array is made once the segment is known to hold that many bytes (as a frame's
        // bytes bound an array read from it), and uses the segment as its memory
        let (memory, owner) = try t.receive(name, count: bytes, dropAfter: dropAfter)
        let a = JArray(eltype: et, dims: Dims(dims), memory: memory, owner: owner)
        register(.arr(a))
        if kind == .bool {
            for i in 0..<total where a.bytes[i] > 1 { a.bytes[i] = 1 }
            a.isBitArray = bits
        }
        return .arr(a)
    }

    mutating func function() throws -> Value {
        let kind = try r.u8()
        switch kind {
        case 0:
            if let cache = receivedCode, let (f, n) = r.buffer.withUnsafeReadableBytes({ cache.functions.match($0) }) {
                r.buffer.moveReaderIndex(forwardBy: n)
                return f
            }
            // (a buffer's bytes can be read again only before its reader index passes them)
            let before = r.buffer
            let name = try r.string()
            guard let b = runtime.base.bindings[JSym.intern(name)], case .fn = b.value else {
                throw WireError.undefined(JuliaErrorValue(error: .undefVar(name), text: name))
            }
            if let cache = receivedCode, let bytes = before.getBytes(at: before.readerIndex, length: r.buffer.readerIndex - before.readerIndex) {
                cache.functions.add(bytes, b.value)
            }
            return b.value
        case 1:
            let path = try r.path(), name = try r.string()
            let syms = path.map { JSym.intern($0) }
            guard let m = runtime.module(at: syms), let b = runtime.lookupBinding(m, JSym.intern(name)), !b.value.isUndef else {
                throw WireError.undefined(JuliaErrorValue(error: .undefVar(name), text: name))
            }
            return b.value
        case 2, 3:
            let l: Lambda, methods: [Method]
            if kind == 3 {
                let number = try r.u32()
                guard let known = receivedCode?.code[number] else { throw WireError.malformed("closure code \(number) was never sent") }
                (l, methods) = try known.get()
            } else {
                (l, methods) = try closureCode()
            }
            let n = try r.count()
            var env: [Box] = []
            for _ in 0..<n { env.append(Box(try value())) }
            guard env.count == l.captures.count else { throw WireError.malformed("closure cells do not match its lambda") }
            let g = try r.count()
            var globals: [(String, Bool, Value)] = []
            for _ in 0..<g {
                let name = try r.string(), isConst = try r.bool()
                globals.append((name, isConst, try value()))
            }
            // globals travel with the closure that uses them and are defined here, in Main
            for (name, isConst, v) in globals { runtime.receiveGlobal(name, v, isConst: isConst) }
            guard let first = methods.first else { throw WireError.malformed("closure without methods") }
            let f = JFunction(closure: first, env: env)
            for x in methods.dropFirst() { f.addMethod(x) }
            return .fn(f)
        default:
            throw WireError.badTag("function", kind)
        }
    }

    /// Reads a `code` frame's pieces into the connection's table (the reader stands after
    /// the kind byte; see `WireFormat`).
    mutating func codeSection() throws {
        guard let table = receivedCode else { throw WireError.malformed("closure code from an unknown sender") }
        while try r.u8() != 0 {
            let number = try r.u32(), length = try r.count()
            guard let piece = r.buffer.readSlice(length: length) else { throw WireError.truncated }
            var pr = ValueReader(piece, runtime: runtime, source: source, transfers: transfers, receivedCode: receivedCode)
            table.code[number] = Result {
                let c = try pr.closureCode()
                if pr.r.remaining != 0 { throw WireError.malformed("\(pr.r.remaining) bytes left after closure code") }
                return c
            }
        }
    }

    /// A closure's code and methods (function kind 2, and a `code` frame's pieces).
    mutating func closureCode() throws -> (Lambda, [Method]) {
        var ir = IRReader(values: self)
        let l = try ir.lambda(parentLocals: nil)
        self = ir.values
        let m = try r.count()
        var methods: [Method] = []
        for _ in 0..<m {
            let k = try r.count()
            var sig: [JType] = []
            for _ in 0..<k { sig.append(try type()) }
            let vararg = try r.bool()
            let vt = try type()
            guard sig.count <= l.params.count else { throw WireError.malformed("method signature longer than its lambda") }
            methods.append(Method(lambda: l, sig: sig, nargs: sig.count, isVararg: vararg, varargType: vt))
        }
        guard !methods.isEmpty else { throw WireError.malformed("closure without methods") }
        return (l, methods)
    }

    /// Reads a type reference.
    public mutating func type() throws -> JType {
        // a type made of built-in types only is the same type every time its bytes come
        guard let cache = receivedCode, !inType else { return try typeFields() }
        if let (t, n) = r.buffer.withUnsafeReadableBytes({ cache.types.match($0) }) {
            r.buffer.moveReaderIndex(forwardBy: n)
            return t
        }
        let before = r.buffer
        inType = true
        namesUserType = false
        defer { inType = false }
        let t = try typeFields()
        if !namesUserType, let bytes = before.getBytes(at: before.readerIndex, length: r.buffer.readerIndex - before.readerIndex) {
            cache.types.add(bytes, t)
        }
        return t
    }

    mutating func typeFields() throws -> JType {
        depth += 1
        defer { depth -= 1 }
        if depth > ValueReader.maxDepth { throw WireError.malformed("types nested too deeply") }
        let kind = try r.u8()
        switch kind {
        case 0:
            let name = try r.string()
            guard let t = TypeNames.builtin[name] else { throw WireError.malformed("unknown built-in type \(name)") }
            return t
        case 1:
            let fam = try type()
            guard fam.family == nil, fam.arity != 0 else { throw WireError.malformed("\(fam) is not parametric") }
            let n = try r.count()
            var ps: [TypeParam] = []
            for _ in 0..<n {
                let k = try r.u8()
                switch k {
                case 0: ps.append(.type(try type()))
                case 1: ps.append(.int(try r.int()))
                case 2: ps.append(.free)
                default: throw WireError.badTag("type parameter", k)
                }
            }
            if fam.arity > 0 && ps.count > fam.arity { throw WireError.malformed("too many parameters for \(fam)") }
            return JType.apply(fam, ps)
        case 2:
            namesUserType = true
            let path = try r.path(), name = try r.string()
            guard let t = runtime.userType(path, name) else {
                throw WireError.undefined(JuliaErrorValue(error: .undefVar(name), text: (path + [name]).joined(separator: ".")))
            }
            return t
        case 3:
            let n = try r.count()
            var ms: [JType] = []
            for _ in 0..<n { ms.append(try type()) }
            return JType.union(ms)
        default:
            throw WireError.badTag("type", kind)
        }
    }
}
