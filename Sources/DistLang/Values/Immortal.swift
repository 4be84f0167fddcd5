import CDistSupport

/// Takes objects that live as long as the process (types, symbols, built-in functions, the
/// runtime) out of reference counting, after checking once that the Swift runtime lays out
/// objects the way that shortcut assumes.
///
/// `dist_make_immortal` overwrites an object's inline reference counts with the runtime's
/// own "immortal" encoding (what statically initialised objects carry), so that retain and
/// release leave the object alone. That encoding and where it lives are private to the
/// runtime: the word after the metadata pointer; the strong extra count in bits 33–62; the
/// unowned count in bits 1–31; "use the slow path" in bit 63; immortal when the low 32 bits
/// are all set (Swift 5.9 and later). A toolchain that changes any of these would make the
/// write corrupt the object's counts, and the corruption would surface much later as a
/// use-after-free. So before the first object is made immortal, `make` runs `mismatch` on a
/// probe object of its own and stops the process with a message if the runtime behaves
/// otherwise. The probe costs a few atomic operations, once per process (at start-up: the
/// first types and symbols are made there).
public enum Immortal {
    /// Bits of the strong extra count: the strong count minus one.
    static let strongExtraShift: UInt64 = 33
    static let strongExtraMask: UInt64 = ((1 << 30) - 1) << 33
    /// The unowned count (an object starts with one, released when it is deinitialised).
    static let unownedMask: UInt64 = ((1 << 31) - 1) << 1
    /// Set while the object is being deinitialised.
    static let deinitingBit: UInt64 = 1 << 32
    /// Set when the counts live in a side table or the object is immortal.
    static let slowRCBit: UInt64 = 1 << 63

    /// Makes `object` immortal: it is never freed, and retains and releases of it cost no
    /// atomic operation.
    public static func make(_ object: AnyObject) {
        _ = verified
        dist_make_immortal(Unmanaged.passUnretained(object).toOpaque())
    }

    /// The check, run once, before the first object is made immortal.
    private static let verified: Void = {
        if let why = mismatch(probe: Probe(Witness())) {
            fatalError("""
                dist: this Swift runtime does not lay out objects as dist_make_immortal \
                (Sources/CDistSupport/system.c) assumes: \(why). Making objects immortal \
                would corrupt memory; update the shortcut for this toolchain.
                """)
        }
    }()

    /// Why the runtime's object layout is not the one `dist_make_immortal` writes, or nil if
    /// it is. `probe` must be a fresh `Probe` that nothing else holds: it is made immortal
    /// when every check before that passes (so it is never freed).
    static func mismatch(probe: Probe) -> String? {
        let witness = probe.witness
        let object = Unmanaged.passRetained(probe)
        let p = UnsafeRawPointer(object.toOpaque())
        // The header: the metadata pointer, then the counts.
        guard p.load(as: UnsafeRawPointer.self) == unsafeBitCast(Probe.self as AnyClass, to: UnsafeRawPointer.self) else {
            object.release()
            return "the first word of an object is not its class's metadata"
        }
        let fresh = dist_object_refcounts(p)
        guard fresh & slowRCBit == 0, fresh & deinitingBit == 0, fresh & unownedMask == 1 << 1,
              (fresh & strongExtraMask) >> strongExtraShift < 16 else {
            object.release()
            return "a live object's reference counts read 0x\(String(fresh, radix: 16))"
        }
        // A retain adds one to the strong extra count; a release takes it off.
        _ = object.retain()
        let retained = dist_object_refcounts(p)
        object.release()
        let released = dist_object_refcounts(p)
        guard retained == fresh &+ (1 << strongExtraShift), released == fresh else {
            object.release()
            return "a retain changed the counts from 0x\(String(fresh, radix: 16)) to 0x\(String(retained, radix: 16))"
        }
        // Made immortal, the object's counts no longer move, and releasing it more often than
        // it was retained does not free it.
        dist_make_immortal(UnsafeMutableRawPointer(mutating: p))
        let immortal = dist_object_refcounts(p)
        _ = object.retain()
        let afterRetain = dist_object_refcounts(p)
        guard afterRetain == immortal else {
            return "a retain of an immortal object changed its counts to 0x\(String(afterRetain, radix: 16))"
        }
        for _ in 0..<4 { object.release() }
        guard dist_object_refcounts(p) == immortal, !witness.freed else {
            return "an immortal object was released like any other"
        }
        return nil
    }

    /// The object the check makes immortal: it tells its witness when it is freed.
    final class Probe {
        let witness: Witness

        init(_ witness: Witness) { self.witness = witness }

        deinit { witness.freed = true }
    }

    /// Outlives the probe, to tell whether it was freed.
    final class Witness {
        var freed = false
    }
}
