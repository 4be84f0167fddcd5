/// Julia's text forms of floating-point numbers.
///
/// `show(1.0e20)` is the shortest text that reads back to the same number, with an exponent
/// when the decimal point would be more than 6 places right or 4 places left of the first
/// digit (`100000.0`, `1.0e6`, `0.0001`, `1.0e-5`). Arrays use the compact form: at most six
/// significant digits (`0.850651`).

/// Digits and decimal exponent: value = 0.d1d2d3… × 10^point.
func decimalDigits(_ v: Double) -> (digits: [UInt8], point: Int) {
    // Swift's description is the shortest round-trip representation; read it as bytes.
    var text = abs(v).description
    var digits: [UInt8] = []
    digits.reserveCapacity(24)
    var intCount = 0, exp = 0
    text.withUTF8 { b in
        var seenDot = false
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 46 {  // .
                seenDot = true
            } else if c == 101 || c == 69 {  // e
                var j = i + 1
                var negative = false
                if j < b.count && (b[j] == 45 || b[j] == 43) { negative = b[j] == 45; j += 1 }
                var e = 0
                while j < b.count { e = e * 10 + Int(b[j] &- 48); j += 1 }
                exp = negative ? -e : e
                break
            } else {
                digits.append(c &- 48)
                if !seenDot { intCount += 1 }
            }
            i += 1
        }
    }
    var point = intCount + exp
    var lead = 0
    while lead < digits.count - 1 && digits[lead] == 0 { lead += 1 }
    if lead > 0 {
        digits.removeFirst(lead)
        point -= lead
    }
    while digits.count > 1 && digits.last == 0 { digits.removeLast() }
    if digits == [0] { point = 1 }
    return (digits, point)
}

/// Formats digits and a decimal point position as Julia does.
func formatDigits(_ digits: [UInt8], _ point: Int, negative: Bool) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(digits.count + 10)
    if negative { out.append(45) }
    func put(_ ds: ArraySlice<UInt8>) { for d in ds { out.append(d &+ 48) } }
    func zeros(_ n: Int) { if n > 0 { for _ in 0..<n { out.append(48) } } }
    if point > -4 && point <= 6 || digits == [0] {
        if point <= 0 {
            out.append(48); out.append(46)
            zeros(-point)
            put(digits[...])
        } else if point >= digits.count {
            put(digits[...])
            zeros(point - digits.count)
            out.append(46); out.append(48)
        } else {
            put(digits[..<point])
            out.append(46)
            put(digits[point...])
        }
    } else {
        put(digits[..<1])
        out.append(46)
        if digits.count > 1 { put(digits[1...]) } else { out.append(48) }
        out.append(101)
        out.append(contentsOf: String(point - 1).utf8)
    }
    return String(decoding: out, as: UTF8.self)
}

/// `show(x::Float64)`: the shortest round-trip form.
public func formatFloatShortest(_ v: Double) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v < 0 ? "-Inf" : "Inf" }
    if v == 0 { return v.sign == .minus ? "-0.0" : "0.0" }
    // between 1e-4 and 1e6 Julia writes no exponent, and Swift's description is that text
    // (the same shortest digits; checked over millions of values when this was written)
    let a = abs(v)
    if a >= 1e-4 && a < 1e6 { return v.description }
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
