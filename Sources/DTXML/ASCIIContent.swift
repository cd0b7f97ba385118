/// A UTF-8 document with the non-ASCII characters of its character data written
/// as character references (`“` as `&#x201C;`): the same document to an XML
/// parser, which reads it several times faster. libxml2 (2.9) reads a text node
/// byte by byte in a fast loop until its first non-ASCII character, then the whole
/// rest of the node character by character, decoding each; ToTA articles are one
/// text node each with a curly quote near the start, so most of the corpus took
/// the slow way, for under 80,000 non-ASCII characters in 42 MB. A reference is
/// resolved by the parser into the same character, handed over as character data.
///
/// Only character data between tags is rewritten. Tags (names and attribute
/// values), comments, CDATA sections and processing instructions are copied as
/// they are, and so is a byte that does not begin valid UTF-8 (the parser reports
/// it). A document whose XML declaration names an encoding other than UTF-8, that
/// does not begin with `<`, white space or a UTF-8 byte-order mark, or that has a
/// DOCTYPE (whose entities and subset need the parser's own reading) is not
/// rewritten. Line breaks are kept, so every element keeps its line; callers parse
/// the bytes as written when the rewritten document fails, so that errors name
/// positions in the file.
public enum ASCIIContent {
    /// The document rewritten, or nil when it needs no rewriting (no non-ASCII
    /// byte) or must not be rewritten (see above).
    public static func referencing(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { buffer -> [UInt8]? in
            guard let base = buffer.baseAddress else { return nil }
            let n = buffer.count
            let first = skip(base, from: 0, count: n) { $0 } // to the first non-ASCII byte, or the last few
            guard (first..<n).contains(where: { base[$0] >= 0x80 }), declaresUTF8(buffer) else { return nil }
            return rewrite(buffer)
        }
    }

    /// Whether the document is UTF-8 to the parser: a UTF-8 byte-order mark or none,
    /// then `<` or white space, and an XML declaration naming UTF-8 or no encoding.
    static func declaresUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        guard i < bytes.count, bytes[i] == 0x3C || bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D else {
            return false
        }
        guard let base = bytes.baseAddress, matches(base, count: bytes.count, at: i, "<?xml") else { return true }
        // The declaration ends at the first "?>"; look for encoding="…" inside it.
        var end = i
        while end + 1 < bytes.count, !(bytes[end] == 0x3F && bytes[end + 1] == 0x3E) { end += 1 }
        let declaration = Array(bytes[i..<min(end, bytes.count)])
        let key = Array("encoding".utf8)
        guard let at = (0..<max(0, declaration.count - key.count + 1)).first(where: { declaration[$0..<($0 + key.count)].elementsEqual(key) }) else {
            return true
        }
        var k = at + 8
        while k < declaration.count, declaration[k] == 0x20 || declaration[k] == 0x3D || declaration[k] == 0x09 { k += 1 }
        guard k < declaration.count, declaration[k] == 0x22 || declaration[k] == 0x27 else { return false }
        let quote = declaration[k]
        var name: [UInt8] = []
        k += 1
        while k < declaration.count, declaration[k] != quote { name.append(declaration[k] | (declaration[k] >= 0x41 && declaration[k] <= 0x5A ? 0x20 : 0)); k += 1 }
        return name == Array("utf-8".utf8) || name == Array("utf8".utf8)
    }

    /// Copies `bytes`, writing the non-ASCII characters of character data as
    /// references; nil when a DOCTYPE (or another `<!` declaration) is met.
    private static func rewrite(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var out: [UInt8] = []
        out.reserveCapacity(n + n / 64 + 64)
        // A UTF-8 byte-order mark is not character data: it is copied as it is.
        var i = n >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0 // read up to here
        var copied = 0 // copied up to here
        func copy(to end: Int) {
            if end > copied { out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: end - copied)) }
            copied = end
        }
        while i < n {
            // Character data: on to the next '<' or non-ASCII byte.
            i = skip(base, from: i, count: n) { w in w | zeroBytes(w ^ 0x3C3C_3C3C_3C3C_3C3C) }
            guard i < n else { break }
            let b = base[i]
            if b >= 0x80 {
                guard let (v, width) = decodeUTF8(base, at: i, count: n) else {
                    i += 1 // left for the parser to report
                    continue
                }
                copy(to: i)
                appendReference(v, to: &out)
                i += width
                copied = i
                continue
            }
            guard b == 0x3C else {
                i += 1
                continue
            }
            // Markup: copied as it is, to its end.
            let next: UInt8 = i + 1 < n ? base[i + 1] : 0
            if next == 0x21 { // "<!"
                if i + 3 < n, base[i + 2] == 0x2D, base[i + 3] == 0x2D { // "<!--"
                    i = endOf(base, count: n, from: i + 4, closing: (0x2D, 0x2D, 0x3E))
                } else if matches(base, count: n, at: i + 2, "[CDATA[") {
                    i = endOf(base, count: n, from: i + 9, closing: (0x5D, 0x5D, 0x3E))
                } else {
                    return nil // a DOCTYPE or another declaration: the parser's own reading
                }
            } else if next == 0x3F { // "<?"
                i = endOf(base, count: n, from: i + 2, closing: (0x3F, 0x3E, nil))
            } else {
                // A tag: to its '>', past quoted attribute values (which may hold '>').
                i += 1
                var quote: UInt8 = 0
                while i < n {
                    // On to the next '>' or quote.
                    i = skip(base, from: i, count: n) { w in
                        zeroBytes(w ^ 0x3E3E_3E3E_3E3E_3E3E) | zeroBytes(w ^ 0x2222_2222_2222_2222) | zeroBytes(w ^ 0x2727_2727_2727_2727)
                    }
                    guard i < n else { break }
                    let c = base[i]
                    i += 1
                    if quote != 0 {
                        if c == quote { quote = 0 }
                    } else if c == 0x22 || c == 0x27 {
                        quote = c
                    } else if c == 0x3E {
                        break
                    }
                }
            }
        }
        copy(to: n)
        return out
    }

    /// From `i`, eight bytes at a time, to the first byte whose high bit `flags` sets
    /// in the word it reads (the lowest flagged byte must be a wanted one); the last
    /// seven or fewer bytes are left to the caller's byte-by-byte reading.
    @inline(__always)
    private static func skip(_ base: UnsafePointer<UInt8>, from i: Int, count n: Int, _ flags: (UInt64) -> UInt64) -> Int {
        var i = i
        while i + 8 <= n {
            let hits = flags(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) & 0x8080_8080_8080_8080
            if hits != 0 { return i + hits.trailingZeroBitCount >> 3 }
            i += 8
        }
        return i
    }

    /// The high bit set in each byte of `w` that is zero, and perhaps in bytes above
    /// one that is (the lowest flagged byte is always a zero byte).
    @inline(__always)
    private static func zeroBytes(_ w: UInt64) -> UInt64 {
        (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
    }

    /// Just past the first `closing` (two or three bytes) at or after `from`, or the end.
    private static func endOf(_ base: UnsafePointer<UInt8>, count n: Int, from: Int, closing: (UInt8, UInt8, UInt8?)) -> Int {
        let width = closing.2 == nil ? 2 : 3
        var i = from
        while i + width <= n {
            if base[i] == closing.0, base[i + 1] == closing.1, closing.2.map({ base[i + 2] == $0 }) ?? true { return i + width }
            i += 1
        }
        return n
    }

    /// Whether the ASCII `s` is written at `i`.
    private static func matches(_ base: UnsafePointer<UInt8>, count n: Int, at i: Int, _ s: StaticString) -> Bool {
        let count = s.utf8CodeUnitCount
        guard i + count <= n else { return false }
        let p = s.utf8Start
        for k in 0..<count where base[i + k] != p[k] { return false }
        return true
    }

    /// The scalar of the well-formed UTF-8 sequence at `i` and its length, or nil
    /// (a stray continuation byte, a truncated or overlong sequence, a surrogate,
    /// or a value past U+10FFFF).
    static func decodeUTF8(_ base: UnsafePointer<UInt8>, at i: Int, count n: Int) -> (UInt32, Int)? {
        let b = base[i]
        let width: Int
        var v: UInt32
        switch b {
        case 0xC2...0xDF: width = 2; v = UInt32(b & 0x1F)
        case 0xE0...0xEF: width = 3; v = UInt32(b & 0x0F)
        case 0xF0...0xF4: width = 4; v = UInt32(b & 0x07)
        default: return nil
        }
        guard i + width <= n else { return nil }
        for k in 1..<width {
            let c = base[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            v = v << 6 | UInt32(c & 0x3F)
        }
        switch width {
        case 3 where v < 0x800 || (0xD800...0xDFFF).contains(v): return nil
        case 4 where v < 0x10000 || v > 0x10FFFF: return nil
        default: return (v, width)
        }
    }

    /// `&#x…;` for `v`, in upper-case hexadecimal.
    @inline(__always)
    private static func appendReference(_ v: UInt32, to out: inout [UInt8]) {
        var digits = 1
        while digits < 6 && v >> (4 * UInt32(digits)) != 0 { digits += 1 }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buf in
            buf[0] = 0x26
            buf[1] = 0x23
            buf[2] = 0x78
            for k in 0..<digits {
                let d = UInt8((v >> (4 * UInt32(digits - 1 - k))) & 0xF)
                buf[3 + k] = d < 10 ? 0x30 + d : 0x41 + d - 10
            }
            buf[3 + digits] = 0x3B
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[0..<(4 + digits)]))
        }
    }
}
