/// Strings counted without decoding.
extension JStr {
    /// `length(s)`: the characters (Unicode scalars) counted as the UTF-8 bytes that begin
    /// one, without decoding them (`unicodeScalars.count` decodes each).
    var characterCount: Int {
        withBytes { b in
            // every byte but UTF-8's continuation bytes (10xxxxxx) starts a character; eight
            // bytes at a time: a byte's bit 7 set and bit 6 clear marks a continuation
            guard let p = b.baseAddress else { return 0 }
            let n = b.count
            var continuations = 0, i = 0
            while i &+ 8 <= n {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                continuations &+= (w & ~(w << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                i &+= 8
            }
            while i < n {
                if p[i] & 0xC0 == 0x80 { continuations &+= 1 }
                i &+= 1
            }
            return n &- continuations
        }
    }
}
