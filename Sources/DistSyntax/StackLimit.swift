import CDistSupport

/// True when less than `margin` bytes of the stack the caller runs on are left: the lexer
/// and the parser recurse as deep as their input and stop with a syntax error there instead
/// of overflowing the stack, whichever stack (thread or task) they run on. The same check as
/// the resolver's and the compiler's (`DeepStack.swift`), both made in `CDistSupport`.
@inline(__always) func stackNearlyExhausted(margin: UInt = 512 << 10) -> Bool {
    dist_stack_nearly_exhausted(margin) != 0
}
