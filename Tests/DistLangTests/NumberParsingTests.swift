@testable import DistLang
import Testing

/// `parse(Float64, s)` reads short decimals without `strtod` (Clinger's fast path): every
/// value it gives must be the one `strtod` gives, bit for bit, and anything outside the path
/// must be left to it.
struct NumberParsingTests {
    private func quick(_ s: String) -> Double? {
        var s = s
        return s.withUTF8 { Builtins.quickDecimal($0) }
    }

    @Test func shortDecimalsAreReadAsStrtodReadsThem() {
        var rng = SystemRandomNumberGenerator()
        var taken = 0
        for k in 0..<200_000 {
            let digits = Int.random(in: 1...17, using: &rng)
            var text = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            if k % 3 != 0 { text.insert(".", at: text.index(text.startIndex, offsetBy: Int.random(in: 0...digits, using: &rng))) }
            if k % 5 == 0 { text += "e" + String(Int.random(in: -30...30, using: &rng)) }
            if k % 7 == 0 { text = "-" + text }
            guard let expected = Double(text) else { continue }
            if let got = quick(text) {
                taken += 1
                #expect(got.bitPattern == expected.bitPattern, "\(text): \(got) against \(expected)")
            }
        }
        #expect(taken > 50_000)
    }

    @Test func edgesAreLeftToStrtodOrReadExactly() {
        #expect(quick("12.345") == 12.345)
        #expect(quick("-0.0")?.sign == .minus)
        #expect(quick(".5") == 0.5 && quick("5.") == 5.0 && quick("+7") == 7)
        #expect(quick("1e22") == 1e22 && quick("1e-22") == 1e-22)
        for s in ["", ".", "-", "1e", "1e+", "e5", "1.2.3", "1e23", "9007199254740993", "12345678901234567", "1x", "inf", "0x10"] {
            #expect(quick(s) == nil, "\(s)")
        }
    }
}
