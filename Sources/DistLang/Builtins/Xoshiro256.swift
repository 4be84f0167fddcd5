/// The xoshiro256++ generator, Julia's default random number generator.
public struct Xoshiro256 {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the state from one number through SplitMix64.
    public init(seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitmix(); s1 = splitmix(); s2 = splitmix(); s3 = splitmix()
    }

    /// A generator with the given state (not all zero).
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    @inline(__always) private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// 64 random bits.
    @inline(__always) public mutating func next() -> UInt64 {
        let result = Xoshiro256.rotl(s0 &+ s3, 23) &+ s0
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Xoshiro256.rotl(s3, 45)
        return result
    }

    /// A uniform float in [0, 1).
    @inline(__always) public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<n` without bias (n > 0).
    public mutating func nextBelow(_ n: UInt64) -> UInt64 {
        if n & (n &- 1) == 0 { return next() & (n &- 1) }
        let limit = UInt64.max - UInt64.max % n
        while true {
            let x = next()
            if x < limit { return x % n }
        }
    }

    /// A standard normal variate (polar method).
    public mutating func nextNormal() -> Double {
        while true {
            let u = 2 * nextDouble() - 1, v = 2 * nextDouble() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * Foundation.log(s) / s).squareRoot() }
        }
    }
}

import Foundation
