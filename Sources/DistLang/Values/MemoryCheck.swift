import CDistSupport
import Glibc

/// Whether the system would give the memory for `count` elements of `stride` bytes, asked
/// before a Swift array or string of a size that came from the program is made
/// (`collect(1:n)`, `"a"^n`, a comprehension over a huge range).
///
/// Swift's allocator ends the process when memory is refused; Julia raises
/// `OutOfMemoryError`, and a runaway size (`map(f, 1:typemax(Int))`) fails at once rather
/// than after eating the host's memory. Small sizes are not probed: only blocks of
/// `probeThreshold` bytes or more are asked of `malloc` and given back.
func requireMemory(_ count: Int, stride: Int) throws {
    let (bytes, overflow) = count.multipliedReportingOverflow(by: stride)
    guard count >= 0, !overflow else { throw JuliaError.outOfMemory }
    guard bytes >= probeThreshold else { return }
    // asked through C: in Swift the optimiser removes a malloc/free pair, answer and all;
    // with room for the header of the array or string that is then made (a probe of exactly
    // the limit passed, and the block with its header was refused: an abort in Swift)
    guard bytes <= Int.max - 4096, dist_can_allocate(bytes + 4096) != 0 else { throw JuliaError.outOfMemory }
}

/// Blocks smaller than this (64 MB) are made without asking first.
private let probeThreshold = 1 << 26

/// `requireMemory` for `count` values.
func requireValues(_ count: Int) throws {
    try requireMemory(count, stride: MemoryLayout<Value>.stride)
}

/// `s` repeated `n` times (`s^n`, `repeat(s, n)`), with Julia's errors for a negative count
/// and for a result larger than memory.
func repeated(_ s: String, _ n: Int) throws -> String {
    guard n >= 0 else { throw JuliaError.argument("can't repeat a string \(n) times") }
    // (the empty string repeated is empty at once: String(repeating:count:) would loop n times)
    if s.isEmpty { return "" }
    try requireMemory(n, stride: s.utf8.count)
    return String(repeating: s, count: n)
}
