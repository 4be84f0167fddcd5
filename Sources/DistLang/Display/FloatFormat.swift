/// Julia's text forms of floating-point numbers.
///
/// `show(1.0e20)` is the shortest text that reads back to the same number, with an exponent
/// when the decimal point would be more than 6 places right or 4 places left of the first
/// digit (`100000.0`, `1.0e6`, `0.0001`, `1.0e-5`). Arrays use the compact form: at most six
/// significant digits (`0.850651`).

/// Digits and decimal exponent: value = 0.d1d2d3… × 10^point.
func decimalDigits(_ v: Double) -> (digits: [UInt8], point: Int) {
    // Swift's description is the shortest round-trip representation.
    var s = "\(abs(v))"
    var exp = 0
    if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        exp = Int(s[s.index(after: e)...]) ?? 0
        s = String(s[..<e])
    }
    var intPart = s
    var frac = ""
    if let dot = s.firstIndex(of: ".") {
        intPart = String(s[..<dot])
        frac = String(s[s.index(after: dot)...])
    }
    var digits = Array((intPart + frac).utf8).map { $0 - 48 }
    var point = intPart.count + exp
    while digits.count > 1 && digits.first == 0 {
        digits.removeFirst()
        point -= 1
    }
    while digits.count > 1 && digits.last == 0 { digits.removeLast() }
    if digits == [0] { point = 1 }
    return (digits, point)
}

/// Formats digits and a decimal point position as Julia does.
func formatDigits(_ digits: [UInt8], _ point: Int, negative: Bool) -> String {
    var out = negative ? "-" : ""
    let ds = digits.map { Character(Unicode.Scalar($0 + 48)) }
    if point > -4 && point <= 6 || digits == [0] {
        if point <= 0 {
            out += "0." + String(repeating: "0", count: -point) + String(ds)
        } else if point >= ds.count {
            out += String(ds) + String(repeating: "0", count: point - ds.count) + ".0"
        } else {
            out += String(ds[..<point]) + "." + String(ds[point...])
        }
    } else {
        out += String(ds[0]) + "." + (ds.count > 1 ? String(ds[1...]) : "0") + "e" + String(point - 1)
    }
    return out
}

/// `show(x::Float64)`: the shortest round-trip form.
public func formatFloatShortest(_ v: Double) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v < 0 ? "-Inf" : "Inf" }
    if v == 0 { return v.sign == .minus ? "-0.0" : "0.0" }
    let (d, p) = decimalDigits(v)
    return formatDigits(d, p, negative: v < 0)
}

/// The compact form used inside arrays: at most six significant digits.
public func formatFloatCompact(_ v: Double) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v < 0 ? "-Inf" : "Inf" }
    if v == 0 { return v.sign == .minus ? "-0.0" : "0.0" }
    var (d, p) = decimalDigits(v)
    if d.count > 6 {
        // round half to even on the decimal digits
        var kept = Array(d[0..<6])
        let rest = Array(d[6...])
        var roundUp = false
        if rest[0] > 5 { roundUp = true } else if rest[0] == 5 {
            roundUp = rest.dropFirst().contains { $0 != 0 } || kept[5] % 2 == 1
        }
        if roundUp {
            var i = 5
            while i >= 0 {
                if kept[i] == 9 { kept[i] = 0; i -= 1 } else { kept[i] += 1; break }
            }
            if i < 0 {
                kept.insert(1, at: 0)
                kept.removeLast()
                p += 1
            }
        }
        while kept.count > 1 && kept.last == 0 { kept.removeLast() }
        d = kept
    }
    return formatDigits(d, p, negative: v < 0)
}
