import DistLang
import NIOCore

/// Per-connection memory of what the other end already has: the globals sent with closures,
/// so that a global is re-sent only when its value changed (Julia's rule), and the code of
/// the closures sent, so that a closure made again from the same code (an anonymous function
/// in a loop, `pmap`'s function on every element) travels as a number and its captured values
/// (Julia sends a closure's type once per worker in the same way).
///
/// What a message adds is recorded only when the whole message has been encoded
/// (`commit`): a message that fails to encode is not sent, and the other end must not be
/// thought to have what it carried.
public final class SentGlobals {
    var sent: [JSym: (identity: ObjectIdentifier?, hash: Int)] = [:]
    /// Closures' code sent on this connection, by lambda; the lambda is held so that its
    /// identity is not reused.
    var code: [ObjectIdentifier: SentCode] = [:]
    /// At most this much code is remembered per connection; beyond it closures travel whole.
    static let codeLimit = 4096
    /// Types as written before on this connection (a type's bytes depend on the type alone:
    /// writing them again costs a copy instead of name look-ups), held like the code.
    var typeBytes: [ObjectIdentifier: (type: JType, bytes: [UInt8])] = [:]
    static let typeLimit = 1024

    public init() {}

    func commit(globals: [(JSym, (identity: ObjectIdentifier?, hash: Int))], code newCode: [SentCode]) {
        for (name, fp) in globals { sent[name] = fp }
        for c in newCode { code[ObjectIdentifier(c.lambda)] = c }
    }
}

/// A closure's code as sent once on a connection: the number the receiver keeps it under,
/// and the methods it went with (a closure of the same code whose methods have other
/// signatures travels whole).
struct SentCode {
    let lambda: Lambda
    let number: Int
    let methods: [Method]

    func matches(_ ms: [Method]) -> Bool {
        guard ms.count == methods.count else { return false }
        for (a, b) in zip(ms, methods) {
            guard a.isVararg == b.isVararg, a.varargType === b.varargType, a.sig.count == b.sig.count else { return false }
            for (x, y) in zip(a.sig, b.sig) where x !== y { return false }
        }
        return true
    }
}

/// Writes values (and, through `IRWriter`, code) for one message to one destination.
public struct ValueWriter {
    public var w: WireWriter
    let runtime: Runtime
    /// The process the message goes to.
    let destination: Int
    let sentGlobals: SentGlobals?
    /// Called for every remote reference written to a process other than its owner.
    let onReference: ((RemoteRef) -> Void)?
    var objects: [ObjectIdentifier: Int] = [:]
    /// How deeply values being written nest (the reader refuses more than it allows).
    var depth = 0
    /// The connection's shared-memory path for large arrays (nil: the socket only).
    let transfers: MemoryTransfers?
    /// Whether closures' code may go by number, its first sending in the message's code
    /// section (set by `MessageCodec.encode`, which writes that section).
    var defersCode = false
    /// What this message gives the other end, recorded in `sentGlobals` once it is encoded.
    var newGlobals: [(JSym, (identity: ObjectIdentifier?, hash: Int))] = []
    var newCode: [SentCode] = []

    public init(_ writer: WireWriter, runtime: Runtime, destination: Int, sentGlobals: SentGlobals?,
                transfers: MemoryTransfers? = nil, onReference: ((RemoteRef) -> Void)?) {
        w = writer
        self.runtime = runtime
        self.destination = destination
        self.sentGlobals = sentGlobals
        self.transfers = transfers
        self.onReference = onReference
    }

    /// A writer that starts with `buffer`'s readable bytes.
    public init(_ buffer: ByteBuffer, runtime: Runtime, destination: Int, sentGlobals: SentGlobals?,
                transfers: MemoryTransfers? = nil, onReference: ((RemoteRef) -> Void)?) {
        self.init(WireWriter(buffer), runtime: runtime, destination: destination, sentGlobals: sentGlobals,
                  transfers: transfers, onReference: onReference)
    }

    /// Writes a back-reference if `o` was written before; otherwise records it.
    mutating func seen(_ o: AnyObject) -> Bool {
        let id = ObjectIdentifier(o)
        if let i = objects[id] {
            w.u8(ValueTag.backref.rawValue)
            w.u32(i)
            return true
        }
        objects[id] = objects.count
        return false
    }

    public mutating func value(_ v: Value) throws {
        depth += 1
        defer { depth -= 1 }
        if depth > ValueReader.maxDepth { throw WireError.unsendable("a value nested more than \(ValueReader.maxDepth) levels deep") }
        switch v {
        case .int(let i): w.u8(ValueTag.int.rawValue); w.i64(i)
        case .float(let f): w.u8(ValueTag.float.rawValue); w.f64(f)
        case .bool(let b): w.u8(ValueTag.bool.rawValue); w.bool(b)
        case .char(let c): w.u8(ValueTag.char.rawValue); w.u32(Int(c))
        case .nothing: w.u8(ValueTag.nothing.rawValue)
        case .undef: w.u8(ValueTag.undef.rawValue)
        case .str(let s): w.u8(ValueTag.string.rawValue); w.string(s.value)
        case .sym(let s): w.u8(ValueTag.symbol.rawValue); w.string(s.name)
        case .tuple(let tp):
            w.u8(ValueTag.tuple.rawValue)
            w.u32(tp.count)
            for x in tp.buffer { try value(x) }
        case .arr(let a): try array(a)
        case .range(let r):
            w.u8(ValueTag.range.rawValue)
            w.u8(r.kind.rawValue)
            if r.kind == .float {
                w.f64(r.fstart); w.f64(r.fstop); w.int(r.count); w.f64(r.fstep)
            } else {
                w.i64(r.start); w.i64(r.step); w.i64(r.stop)
            }
        case .fn(let f): try function(f)
        case .type(let t): w.u8(ValueTag.type.rawValue); try type(t)
        case .obj(let o): try object(o, v)
        }
    }

    mutating func array(_ a: JArray) throws {
        if let sh = a.shared {
            try sharedArray(SharedArraySpec(a, sh))
            return
        }
        if seen(a) { return }
        let bytes = a.count * a.kind.stride
        if a.kind != .any, let t = transfers, let (name, dropAfter) = t.write(UnsafeRawBufferPointer(start: a.data, count: bytes)) {
            w.u8(ValueTag.arrayInSegment.rawValue)
            try type(a.eltype)
            try dimensions(a)
            w.string(name)
            w.bool(dropAfter)
            return
        }
        w.u8(ValueTag.array.rawValue)
        try type(a.eltype)
        try dimensions(a)
        if a.kind == .any {
            for i in 0..<a.count { try value(a.values[i]) }
        } else {
            w.bytes(UnsafeRawBufferPointer(start: a.data, count: a.count * a.kind.stride))
        }
    }

    /// An array's dimensions: their number, with `WireFormat.bitArrayFlag` added for a
    /// `BitArray`, then each.
    mutating func dimensions(_ a: JArray) throws {
        guard a.dims.count < Int(WireFormat.bitArrayFlag) else { throw WireError.unsendable("an array of \(a.dims.count) dimensions") }
        w.u8(UInt8(a.dims.count) | (a.isBitArray ? WireFormat.bitArrayFlag : 0))
        for d in a.dims { w.int(d) }
    }

    /// A SharedArray travels as its description; the receiver maps the same memory.
    mutating func sharedArray(_ s: SharedArraySpec) throws {
        w.u8(ValueTag.sharedArray.rawValue)
        try type(s.eltype)
        w.u8(UInt8(s.dims.count))
        for d in s.dims { w.int(d) }
        w.string(s.segment)
        w.string(s.id)
        w.u32(s.pids.count)
        for p in s.pids { w.int(p) }
        w.bool(s.file != nil)
        if let f = s.file {
            w.int(f.offset)
            w.string(f.mode)
        }
    }

    mutating func function(_ f: JFunction) throws {
        w.u8(ValueTag.function.rawValue)
        if !f.isClosure {
            if f.module.first?.name == "Base" {
                w.u8(0)
                w.string(f.name)
            } else {
                w.u8(1)
                w.path(f.module.map { $0.name })
                w.string(f.name)
            }
            return
        }
        guard let l = f.methods.first?.lambda else { throw WireError.unsendable("a closure without a method") }
        // 2: the code and its methods here; 3: code the receiver keeps under a number, sent
        // before or in this message's code section. Then the captured values and globals.
        let cache = defersCode ? sentGlobals : nil
        let known = cache?.code[ObjectIdentifier(l)] ?? newCode.first { $0.lambda === l }
        if let known, known.matches(f.methods) {
            w.u8(3)
            w.u32(known.number)
        } else if known == nil, let cache, cache.code.count + newCode.count < SentGlobals.codeLimit {
            let number = cache.code.count + newCode.count
            newCode.append(SentCode(lambda: l, number: number, methods: f.methods))
            w.u8(3)
            w.u32(number)
        } else {
            w.u8(2)
            try closureCode(l, f.methods)
        }
        w.u32(f.env.count)
        for b in f.env { try value(b.value) }
        let globals = globalsToSend(l)
        w.u32(globals.count)
        for (name, isConst, v) in globals {
            w.string(name)
            w.bool(isConst)
            try value(v)
        }
    }

    /// A closure's code and the signatures of its methods.
    mutating func closureCode(_ l: Lambda, _ methods: [Method]) throws {
        var iw = IRWriter(values: self)
        try iw.lambda(l)
        self = iw.values
        w.u32(methods.count)
        for m in methods {
            w.u32(m.sig.count)
            for t in m.sig { try type(t) }
            w.bool(m.isVararg)
            try type(m.varargType)
        }
    }

    /// Globals of Main that a closure mentions and the destination does not have yet (or
    /// has with another value). Named functions are not sent: they are looked up by name
    /// where they run, so a function defined only here fails there as Julia's does
    /// (`UndefVarError: f not defined`). A global holding a type or a module travels as a
    /// reference by name, which fails to arrive where that type or module does not exist.
    /// The binding a `struct` or `module` definition makes is the destination's own.
    mutating func globalsToSend(_ l: Lambda) -> [(String, Bool, Value)] {
        guard let cache = sentGlobals, !l.isToplevel else { return [] }
        var out: [(String, Bool, Value)] = []
        for g in l.globalsUsed where g.module.isEmpty {
            guard let b = runtime.main.bindings[g.name], !b.value.isUndef else { continue }
            switch b.value {
            case .fn(let fn) where !fn.isClosure: continue
            case .type(let ty) where b.isConst && ty.name == g.name.name: continue
            case .obj(let o) where (o as? JModule)?.name == g.name && b.isConst: continue
            default: break
            }
            let fp = fingerprint(b.value)
            let prev = newGlobals.last { $0.0 === g.name }?.1 ?? cache.sent[g.name]
            if let prev, prev.identity == fp.identity, prev.hash == fp.hash, fp.identity != nil {
                continue
            }
            newGlobals.append((g.name, fp))
            out.append((g.name.name, b.isConst, b.value))
        }
        return out
    }

    /// Identity and content hash of a value, to tell whether a global changed.
    func fingerprint(_ v: Value) -> (identity: ObjectIdentifier?, hash: Int) {
        var h = Hasher()
        var identity: ObjectIdentifier?
        switch v {
        case .arr(let a):
            identity = ObjectIdentifier(a)
            h.combine(a.count)
            if a.kind != .any {
                h.combine(bytes: UnsafeRawBufferPointer(start: a.data, count: a.count * a.kind.stride))
            } else {
                for i in 0..<a.count { ValueKey(a.values[i]).hash(into: &h) }
            }
        case .obj(let o):
            identity = ObjectIdentifier(o)
            if let s = o as? JStruct { for f in s.fields { ValueKey(f).hash(into: &h) } }
            if let d = o as? JDict { h.combine(d.count); for (k, x) in d.entries { ValueKey(k).hash(into: &h); ValueKey(x).hash(into: &h) } }
        case .str(let s): identity = ObjectIdentifier(s); h.combine(s.value)
        case .tuple(let tp): identity = ObjectIdentifier(tp); ValueKey(v).hash(into: &h)
        case .fn(let f): identity = ObjectIdentifier(f)
        default:
            // bits values are always sent again (Julia does the same)
            return (nil, 0)
        }
        return (identity, h.finalize())
    }

    mutating func object(_ o: JObject, _ v: Value) throws {
        if let s = o as? JStruct {
            if s.type.isMutable, seen(s) { return }
            w.u8(ValueTag.structValue.rawValue)
            try type(s.type)
            w.u32(s.count)
            for f in s.fields { try value(f) }
            return
        }
        if let d = o as? JDict {
            if seen(d) { return }
            w.u8(ValueTag.dict.rawValue)
            try type(d.keyType)
            try type(d.valueType)
            let es = d.entries
            w.u32(es.count)
            for (k, x) in es { try value(k); try value(x) }
            return
        }
        if let s = o as? JSet {
            if seen(s) { return }
            w.u8(ValueTag.set.rawValue)
            // a BitSet is told by its type in the element type's place
            try type(s.isBitSet ? JType.bitSet : s.elType)
            let vs = s.values
            w.u32(vs.count)
            for x in vs { try value(x) }
            return
        }
        if let n = o as? JNamedTuple {
            w.u8(ValueTag.namedTuple.rawValue)
            w.u32(n.names.count)
            for (k, x) in zip(n.names, n.values) { w.string(k.name); try value(x) }
            return
        }
        if let f = o as? Future {
            w.u8(ValueTag.future.rawValue)
            w.int(f.owner)
            w.int(f.rrid.whence)
            w.int(f.rrid.id)
            if let c = f.cache {
                w.bool(true)
                try value(c)
            } else {
                w.bool(false)
                if destination != f.owner { onReference?(f) }
            }
            return
        }
        if let r = o as? RemoteChannelRef {
            w.u8(ValueTag.remoteChannel.rawValue)
            w.int(r.owner)
            w.int(r.rrid.whence)
            w.int(r.rrid.id)
            try type(r.channelType)
            if destination != r.owner { onReference?(r) }
            return
        }
        if let m = o as? JModule {
            w.u8(ValueTag.module.rawValue)
            w.path(m.path.map { $0.name })
            return
        }
        if let ch = o as? JChannel {
            if seen(ch) { return }
            w.u8(ValueTag.channel.rawValue)
            try type(ch.elType)
            w.int(ch.capacity)
            let items = ch.snapshot
            w.u32(items.count)
            for x in items { try value(x) }
            return
        }
        if let r = o as? JRef {
            if seen(r) { return }
            w.u8(ValueTag.ref.rawValue)
            try type(r.elType)
            try value(r.value)
            return
        }
        if o is JColon { w.u8(ValueTag.colon.rawValue); return }
        if let m = o as? JMime { w.u8(ValueTag.mime.rawValue); w.string(m.mime); return }
        if let r = o as? JRegex {
            // flags travel as PCRE2's inline options, which compile to the same pattern
            w.u8(ValueTag.regex.rawValue)
            w.string(r.flags.isEmpty ? r.pattern : "(?" + r.flags + ")" + r.pattern)
            return
        }
        if let m = o as? JRegexMatch {
            w.u8(ValueTag.regexMatch.rawValue)
            try value(.obj(m.regex))
            w.string(m.match)
            w.int(m.offset)
            w.u32(m.captures.count)
            for (c, at) in zip(m.captures, m.offsets) {
                w.u8(c == nil ? 0 : 1)
                if let c { w.string(c) }
                w.int(at)
            }
            return
        }
        if let io = o as? JIO, io.kind == .buffer {
            w.u8(ValueTag.ioBuffer.rawValue)
            w.u32(io.buffer.count)
            io.buffer.withUnsafeBytes { w.bytes($0) }
            return
        }
        if let vi = o as? VarInfo {
            w.u8(ValueTag.varinfo.rawValue)
            w.u32(vi.rows.count)
            for (n, s, m) in vi.rows { w.string(n); w.string(s); w.string(m) }
            return
        }
        if let c = o as? JCmd {
            w.u8(ValueTag.cmd.rawValue)
            w.u32(c.exec.count)
            for x in c.exec { w.string(x) }
            w.bool(c.env != nil)
            if let env = c.env {
                w.u32(env.count)
                for e in env { w.string(e) }
            }
            w.bool(c.dir != nil)
            if let d = c.dir { w.string(d) }
            w.u8((c.detach ? 1 : 0) | (c.ignoreStatus ? 2 : 0))
            return
        }
        if let u = o as? UnmappedSharedArray {
            try sharedArray(u.spec)
            return
        }
        if let p = o as? WorkerPoolObject {
            // as Julia's: a CachingPool stays where it was made
            if p.caching { throw WireError.unsendable("CachingPool objects are not serializable.") }
            w.u8(ValueTag.workerPool.rawValue)
            w.int(p.id.whence)
            w.int(p.id.id)
            return
        }
        if let task = o as? JTask {
            if seen(task) { return }
            w.u8(ValueTag.task.rawValue)
            switch task.state {
            case .done:
                w.u8(1)
                try value(task.result)
            case .failed:
                w.u8(2)
                try value(runtime.captured(task.error ?? JuliaError(.nothing)))
            default:
                w.u8(0)
            }
            return
        }
        if let b = o as? Box { try value(b.value); return }
        throw WireError.unsendable("a value of type \(o.jtype)")
    }

    /// Writes a type reference.
    public mutating func type(_ t: JType) throws {
        guard let cache = sentGlobals else { return try typeFields(t) }
        if let known = cache.typeBytes[ObjectIdentifier(t)] {
            known.bytes.withUnsafeBytes { w.bytes($0) }
            return
        }
        let start = w.count
        try typeFields(t)
        if cache.typeBytes.count < SentGlobals.typeLimit {
            cache.typeBytes[ObjectIdentifier(t)] = (t, w.bytes(from: start))
        }
    }

    mutating func typeFields(_ t: JType) throws {
        if !t.unionMembers.isEmpty {
            w.u8(3)
            w.u32(t.unionMembers.count)
            for m in t.unionMembers { try type(m) }
            return
        }
        if let fam = t.family {
            w.u8(1)
            try type(fam)
            w.u32(t.params.count)
            for p in t.params {
                switch p {
                case .type(let x): w.u8(0); try type(x)
                case .int(let n): w.u8(1); w.int(n)
                case .free: w.u8(2)
                }
            }
            return
        }
        if t.modulePath.isEmpty && TypeNames.builtin[t.name] === t {
            w.u8(0)
            w.string(t.name)
            return
        }
        if t.name.hasPrefix("typeof(") {
            w.u8(0)
            w.string("Function")
            return
        }
        w.u8(2)
        w.path(t.modulePath)
        w.string(t.name)
    }
}

/// Built-in types by name, for decoding.
public enum TypeNames {
    /// Unchecked because `JType` is a class the language target shares without `Sendable`:
    /// the dictionary is made once (a `static let` is initialised under a lock) and never
    /// changes; the wire target only reads it and compares its types by identity, on the thread
    /// that decodes, and the types are DistLang's own process-wide built-ins.
    nonisolated(unsafe) public static let builtin: [String: JType] = {
        var d: [String: JType] = [:]
        let all: [JType] = [
            .any, .number, .real, .integer, .signed, .unsigned, .abstractFloat, .int64, .int32, .uint8, .float64, .float32,
            .int8, .int16, .uint16, .uint32, .uint64, .int128, .uint128, .float16,
            .bool, .abstractChar, .char, .abstractString, .string, .symbol, .nothingType, .function, .typeType, .dataType,
            .unionAllType, .module, .exception, .future, .abstractRemoteRef, .task, .condition, .unionFamily, .box, .namedTuple,
            .ioType, .ioBuffer, .ioStream, .workerPool, .cachingPool, .abstractWorkerPool, .undefInitializer, .mime, .colonType, .typeVarType, .regex, .regexMatch,
            JType.abstractArrayFamily, JType.denseArrayFamily, JType.arrayFamily, JType.sharedArrayFamily,
            JType.abstractRangeFamily, JType.unitRangeFamily, JType.stepRangeFamily, JType.stepRangeLenFamily,
            JType.tupleFamily, JType.abstractDictFamily, JType.dictFamily, JType.abstractSetFamily, JType.setFamily,
            JType.pairFamily, JType.abstractChannelFamily, JType.channelFamily, JType.remoteChannelFamily, JType.refFamily, JType.ptrFamily, JType.bitSet, JType.complexFamily,
            .stackFrame,
        ] + JType.builtinExceptions
        for t in all { d[t.name] = t }
        return d
    }()
}
