import Foundation

/// Normalises text once for matching while the original is kept for quoting:
/// Unicode NFKC, case folding, curly quotes and dashes made plain, soft hyphens
/// dropped, words hyphenated across a line break joined, and every run of
/// white space (including OCR's stray tabs and no-break spaces) made one space.
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        var source = text
        // NFKC only when something outside ASCII can change under it (ligatures,
        // full-width forms, no-break spaces); ASCII text takes a byte-level path.
        if source.utf8.allSatisfy({ $0 < 0x80 }) {
            return normalizeASCII(source)
        }
        source = source.precomposedStringWithCompatibilityMapping
        var out = String.UnicodeScalarView()
        out.reserveCapacity(source.unicodeScalars.count)
        var pendingSpace = false
        var scalars = source.unicodeScalars.makeIterator()
        var lookahead: Unicode.Scalar? = scalars.next()
        while let s = lookahead {
            lookahead = scalars.next()
            let mapped: Unicode.Scalar
            switch s.value {
            case 0x00AD, 0x200B, 0x200C, 0x200D, 0xFEFF: continue // soft hyphen, zero-width, BOM
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x0060, 0x00B4: mapped = "'"
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: mapped = "\""
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: mapped = "-"
            default: mapped = s
            }
            if mapped.value < 0x20 || isWhitespace(mapped) {
                pendingSpace = true
                continue
            }
            // "informa-\ntion": a hyphen at a line end between letters joins the word.
            if mapped == "-", let last = out.last, last.value < 0x80 ? (last.value | 0x20 >= 0x61 && last.value | 0x20 <= 0x7A) : last.properties.isAlphabetic,
               let next = lookahead, next == "\n" || next == "\r" {
                var probe = scalars
                var after = probe.next()
                while let a = after, a == "\n" || a == "\r" || a == " " || a == "\t" { after = probe.next() }
                if let a = after, a.properties.isLowercase {
                    scalars = probe
                    lookahead = after
                    continue
                }
            }
            if pendingSpace {
                if !out.isEmpty { out.append(" ") }
                pendingSpace = false
            }
            out.append(mapped)
        }
        return String(out).lowercased()
    }

    /// The same rules as `normalize` for pure-ASCII text, on bytes: most of the
    /// corpus is ASCII and the scalar loop dominated profiles.
    static func normalizeASCII(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var i = 0
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        while i < bytes.count {
            var b = bytes[i]
            i += 1
            if b == 0x60 { b = 0x27 } // ` → '
            if b < 0x20 || b == 0x20 {
                pendingSpace = true
                continue
            }
            // "informa-\ntion": a hyphen at a line end between letters joins the word.
            if b == 0x2D, let last = out.last, isLetter(last), i < bytes.count, bytes[i] == 0x0A || bytes[i] == 0x0D {
                var j = i
                while j < bytes.count, bytes[j] == 0x0A || bytes[j] == 0x0D || bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                if j < bytes.count, bytes[j] >= 0x61 && bytes[j] <= 0x7A {
                    i = j
                    continue
                }
            }
            if pendingSpace {
                if !out.isEmpty { out.append(0x20) }
                pendingSpace = false
            }
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Collapses white space for display without changing case or characters.
    public static func collapseWhitespace(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in text.unicodeScalars {
            if isWhitespace(u) {
                pendingSpace = true
            } else {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(u)
            }
        }
        return String(out)
    }

    /// White space with an ASCII fast path: Unicode property look-ups dominated profiles.
    @inline(__always)
    public static func isWhitespace(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u.value == 0x20 || (0x09...0x0D).contains(u.value) }
        return u.properties.isWhitespace
    }
}
