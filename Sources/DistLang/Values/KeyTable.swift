/// The hash index of `Dict` and `Set`: open addressing over a power-of-two table of slots,
/// each holding an entry's position and the high half of its hash.
///
/// Swift's `Dictionary<ValueKey, Int>` hashed every key with SipHash through `Hasher` and
/// compared keys through a protocol witness: about 1 µs per `d[w] = get(d, w, 0) + 1`. Here
/// numbers hash with one multiply-mix, strings once per `JStr` (the hash is cached in it),
/// a probe compares the hash half kept in the slot before it looks at the entry (so a probe
/// that misses touches only the slot table, and a hit touches one entry), and the table stays
/// at most two thirds full, so a look-up is usually one or two probes in one cache line.
/// Other keys (structs, arrays, long tuples) hash with `StableHash`, as `hash` does. The owner keeps
/// the entries (in insertion order) and tells the table which are live when it grows.
struct KeyTable: ~Copyable {
    /// The hash of each entry, by position (`count` of them, room for `capacity`), for
    /// rebuilding and removing.
    private var hashes: UnsafeMutablePointer<Int>
    private var capacity = 0
    /// The number of entries, live and removed.
    private(set) var count = 0
    /// Per slot: the high 32 bits of the entry's hash, then in the low 32 bits its position
    /// + 1; 0 for an empty slot, `removed` for a removed entry's.
    private var slots: UnsafeMutablePointer<UInt64>
    private var slotCount = 0
    /// Slots that are not empty (live entries and removed ones).
    private var used = 0

    private static let removed: UInt64 = 0xFFFF_FFFF

    // The arrays are raw memory, not Swift arrays: a look-up through a class's stored arrays
    // retained and released each one (atomic operations that cost more than the probe).
    init() {
        hashes = .allocate(capacity: 1)
        slots = .allocate(capacity: 1)
    }

    deinit {
        hashes.deallocate()
        slots.deallocate()
    }

    @inline(__always) private static func tag(_ h: Int) -> UInt64 { UInt64(UInt(bitPattern: h)) & 0xFFFF_FFFF_0000_0000 }

    /// The position of the entry with hash `h` for which `matches` holds, or nil.
    @inline(__always) func find(_ h: Int, _ matches: (Int) -> Bool) -> Int? {
        let n = slotCount
        if n == 0 { return nil }
        let mask = n &- 1
        let tag = KeyTable.tag(h)
        var i = h & mask
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            if s & 0xFFFF_FFFF_0000_0000 == tag {
                let e = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) &- 1
                if e != Int(KeyTable.removed) &- 1 && matches(e) { return e }
            }
            i = (i &+ 1) & mask
        }
    }

    /// Adds the entry at the next position (`count`) with hash `h`; `live` tells which older
    /// entries are still there when the table grows.
    mutating func append(_ h: Int, live: (Int) -> Bool) {
        if (used + 1) * 3 > slotCount * 2 { rebuild(live: live, adding: 1) }
        RawBuffer.makeRoom(&hashes, count: count, capacity: &capacity)
        precondition(count < Int(KeyTable.removed) - 1, "too many entries in a dictionary")
        hashes[count] = h
        count += 1
        place(h, count)
        used += 1
    }

    /// Marks entry `e` (which must be in the table) removed.
    mutating func remove(_ e: Int) {
        let mask = slotCount - 1
        var i = hashes[e] & mask
        while slots[i] & 0xFFFF_FFFF != UInt64(e + 1) { i = (i + 1) & mask }
        slots[i] = KeyTable.removed
    }

    /// Empties the table.
    mutating func removeAll() {
        count = 0
        used = 0
        slotCount = 0
    }

    /// Keeps only the live entries, renumbered in order (the owner compacts its arrays the
    /// same way).
    mutating func compact(live: (Int) -> Bool) {
        var n = 0
        for e in 0..<count where live(e) {
            hashes[n] = hashes[e]
            n += 1
        }
        count = n
        rebuild(live: { _ in true }, adding: 0)
    }

    private mutating func rebuild(live: (Int) -> Bool, adding extra: Int) {
        var n = 0
        for e in 0..<count where live(e) { n += 1 }
        // at most half full after a rebuild, and the next one comes past two thirds: a small
        // table stays in the cache, and a probe that meets another key's slot mostly rejects
        // it by the hash half kept there, in the same cache line
        var size = 8
        while size < (n + extra) * 2 { size *= 2 }
        if size > slotCount {
            slots.deallocate()
            slots = .allocate(capacity: size)
        }
        slots.initialize(repeating: 0, count: size)
        slotCount = size
        used = 0
        for e in 0..<count where live(e) {
            place(hashes[e], e + 1)
            used += 1
        }
    }

    @inline(__always) private mutating func place(_ h: Int, _ position: Int) {
        let mask = slotCount &- 1
        var i = h & mask
        while slots[i] != 0 && slots[i] != KeyTable.removed { i = (i &+ 1) & mask }
        slots[i] = KeyTable.tag(h) | UInt64(position)
    }
}

/// Growth of the raw buffers behind `KeyTable`, `JDict` and `JSet` (raw memory, as a Swift
/// array in a class is retained and released around each read).
enum RawBuffer {
    /// Makes room for one more entry of `per` elements after the `count` entries at `base`
    /// (room for `capacity` entries): when full, the elements move to a buffer twice as large
    /// (at least 8 entries).
    @inline(__always) static func makeRoom<T>(_ base: inout UnsafeMutablePointer<T>, count: Int, capacity: inout Int, per: Int = 1) {
        guard count == capacity else { return }
        let c = max(8, capacity * 2)
        let p = UnsafeMutablePointer<T>.allocate(capacity: per * c)
        p.moveInitialize(from: base, count: per * count)
        base.deallocate()
        base = p
        capacity = c
    }
}

/// Hashes of keys, consistent with `ValueKey.keysEqual` (Julia's `isequal`): an `Int` and a
/// `Float64` that are equal hash alike.
enum KeyHash {
    @inline(__always) static func of(_ v: Value) -> Int {
        switch v {
        case .int(let i): return mix(UInt64(bitPattern: i))
        case .float(let f):
            if let i = Int64(exactly: f) { return mix(UInt64(bitPattern: i)) }
            return mix(f.isNaN ? 0x7ff8_0000_0000_0000 : f.bitPattern)
        case .str(let s): return s.keyHash
        case .char(let c): return mix(UInt64(c) ^ 0x6368_6172_0000_0000)
        case .bool(let b): return mix(b ? 0x626f_6f6c_0000_0001 : 0x626f_6f6c_0000_0000)
        case .sym(let s): return mix(UInt64(UInt(bitPattern: ObjectIdentifier(s).hashValue)))
        case .tuple(let t) where t.count <= 8: return tuple(t)
        default:
            return Int(truncatingIfNeeded: StableHash.of(v))
        }
    }

    /// A tuple's items combined (`(x, y)` keys of a sparse grid), then mixed once: an Int
    /// item goes in as its bits and any other item as its own hash, a `Float64` equal to an
    /// Int as that Int's bits, so tuples that are `isequal` hash alike, as the keys above
    /// (Swift's `Hasher` cost ~300 instructions per pair, mixing each item ~90). The
    /// multiply by an odd constant keeps distinct items distinct; the final mix spreads them.
    @inline(never) static func tuple(_ t: JTuple) -> Int {
        let xs = t.buffer
        var h: UInt64 = 0x7475_706c_6500_0000 | UInt64(xs.count)
        for i in 0..<xs.count {
            let p = xs.baseAddress! + i
            let x: UInt64
            if Value.tag(at: p) == Value.intTag {
                x = UInt64(bitPattern: Value.intPayload(at: p))
            } else {
                x = item(xs[i])
            }
            h = (h ^ x) &* 0x100_0000_01b3 ^ (h >> 29)
        }
        return mix(h)
    }

    /// What a tuple's item other than an Int puts into its hash.
    private static func item(_ v: Value) -> UInt64 {
        if case .float(let f) = v, let i = Int64(exactly: f) { return UInt64(bitPattern: i) }
        return UInt64(bitPattern: Int64(of(v)))
    }

    /// A 64-bit finaliser (the one of SplitMix64): every input bit changes every output bit,
    /// so the table's low bits are well spread.
    @inline(__always) static func mix(_ x: UInt64) -> Int {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return Int(bitPattern: UInt(z ^ (z >> 31)))
    }

    /// The hash of a string's UTF-8 bytes, eight at a time.
    static func bytes(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { buf in bytes(UnsafeRawPointer(buf.baseAddress), buf.count) }
    }

    /// The hash of a string's UTF-8 bytes (as `bytes(_: String)`), read where they lie.
    static func bytes(_ s: JStr) -> Int {
        s.withBytes { buf in bytes(UnsafeRawPointer(buf.baseAddress), buf.count) }
    }

    /// The hash of `n` bytes at `p` (what `bytes(_: String)` gives for a string of them).
    @inline(__always) static func bytes(_ p: UnsafeRawPointer?, _ n: Int) -> Int {
        var h: UInt64 = UInt64(n) &* 0x9e37_79b9_7f4a_7c15
        var i = 0
        if let p = p {
            while i + 8 <= n {
                let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
                h = (h ^ w) &* 0x100_0000_01b3 ^ (h >> 29)
                i += 8
            }
        }
        // the last 0–7 bytes, little-endian as the eight-byte words: at most three loads
        var w: UInt64 = 0
        let rest = n &- i
        if rest > 0, let p = p {
            var shift: UInt64 = 0
            if rest & 4 != 0 {
                w = UInt64(p.loadUnaligned(fromByteOffset: i, as: UInt32.self).littleEndian)
                i &+= 4; shift = 32
            }
            if rest & 2 != 0 {
                w |= UInt64(p.loadUnaligned(fromByteOffset: i, as: UInt16.self).littleEndian) << shift
                i &+= 2; shift &+= 16
            }
            if rest & 1 != 0 { w |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift }
        }
        h = (h ^ w) &* 0x100_0000_01b3 ^ (h >> 29)
        return mix(h)
    }
}
