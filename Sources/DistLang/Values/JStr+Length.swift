/// Strings counted without decoding.
extension JStr {
    /// `length(s)`: the characters (Unicode scalars) counted as the UTF-8 bytes that begin
    /// one, without decoding them (`unicodeScalars.count` decodes each).
    var characterCount: Int {
        var s = value
        return s.withUTF8 { b in
            var n = 0
            for c in b where c & 0xC0 != 0x80 { n += 1 }
            return n
        }
    }
}
