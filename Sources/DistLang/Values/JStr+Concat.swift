/// Strings joined with one allocation and two copies of bytes, and counted without decoding.
///
/// Swift's `String.append` (and `+`, and `+=` in a loop) goes through its growth and
/// normalisation machinery, about 230 instructions a piece; `a * b` and `"$x: $y"` make short
/// strings all the time, so they copy the UTF-8 bytes of the parts into a new string instead.
extension JStr {
    /// `length(s)`: the characters (Unicode scalars) counted as the UTF-8 bytes that begin
    /// one, without decoding them.
    var characterCount: Int {
        var s = value
        return s.withUTF8 { b in
            var n = 0
            for c in b where c & 0xC0 != 0x80 { n += 1 }
            return n
        }
    }

    /// `a * b` on strings.
    static func concat(_ a: String, _ b: String) -> String {
        var a = a, b = b
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                String(unsafeUninitializedCapacity: pa.count + pb.count) { out in
                    let raw = UnsafeMutableRawBufferPointer(out)
                    raw.copyMemory(from: UnsafeRawBufferPointer(pa))
                    UnsafeMutableRawBufferPointer(rebasing: raw[pa.count...]).copyMemory(from: UnsafeRawBufferPointer(pb))
                    return pa.count + pb.count
                }
            }
        }
    }

    /// The parts joined (an interpolation's pieces).
    static func concat(_ parts: [String]) -> String {
        var n = 0
        for p in parts { n += p.utf8.count }
        return String(unsafeUninitializedCapacity: n) { out in
            var at = 0
            for p in parts {
                var p = p
                p.withUTF8 { b in
                    UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(out)[at...]).copyMemory(from: UnsafeRawBufferPointer(b))
                    at += b.count
                }
            }
            return at
        }
    }
}
