@testable import DistLang
import Testing

/// The layout check that guards `dist_make_immortal`: on a toolchain whose objects differ,
/// this suite fails (and `dist` stops at start-up) instead of memory being corrupted.
struct ImmortalTests {
    @Test func thisToolchainLaysOutObjectsAsTheShortcutAssumes() {
        let witness = Immortal.Witness()
        #expect(Immortal.mismatch(probe: Immortal.Probe(witness)) == nil)
        #expect(!witness.freed)
    }

    @Test func anImmortalObjectOutlivesMoreReleasesThanRetains() {
        let witness = Immortal.Witness()
        let probe = Immortal.Probe(witness)
        Immortal.make(probe)
        for _ in 0..<8 { Unmanaged.passUnretained(probe).release() }
        withExtendedLifetime(probe) { #expect(!witness.freed) }
        #expect(!witness.freed)
    }

    @Test func theCheckRefusesCountsItDoesNotRecognise() {
        // an object that is already immortal does not carry a live object's counts
        let probe = Immortal.Probe(Immortal.Witness())
        Immortal.make(probe)
        #expect(Immortal.mismatch(probe: probe) != nil)
    }
}
