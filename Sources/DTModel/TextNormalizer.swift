import Foundation

/// Normalises text once for matching while the original is kept for quoting:
/// Unicode NFKC, case folding, curly quotes and dashes made plain, soft hyphens
/// dropped, words hyphenated across a line break joined, and every run of
/// white space (including OCR's stray tabs and no-break spaces) made one space.
/// Latin letters with accents are folded to their base letters (á→a, ñ→n, ç→c,
/// œ→oe), so Spanish and French rules match however a text is accented; quotes
/// come from the original text and keep every accent.
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        // NFKC only when something outside ASCII can change under it (ligatures,
        // full-width forms, accents); ASCII text, and text whose only other
        // characters are the quotes, dashes and spaces of `plainScalar`, takes a
        // byte-level path.
        if let fast = normalizeBytes(text) { return fast }
        return normalizeScalars(text)
    }

    /// The general path: NFKC, then the scalar rules, then lower case. The scalars
    /// are kept in an array and written out as UTF-8 once, each lower-cased on its
    /// own, which is what `String.lowercased()` does (it has no context rules: "Σ"
    /// at a word's end is "σ"); appending scalar by scalar to a String, and asking
    /// for the lower-case mapping of scalars that have none, cost over a thousand
    /// instructions a byte on texts in other scripts.
    static func normalizeScalars(_ text: String) -> String {
        lowercasedUTF8(applyingScalarRules(to: compatibilityComposed(text)))
    }

    /// `text.precomposedStringWithCompatibilityMapping` (NFKC), with Foundation asked
    /// only for the stretches that may change under it. NFKC of a text is the NFKC of
    /// its pieces cut before each ASCII character: an ASCII character is in NFKC, is a
    /// starter (no mark is reordered across it) and is never the second of a
    /// composition (those are combining marks and Hangul jamo), so nothing before it
    /// composes with it or with anything after it. A piece is an ASCII character with
    /// the run of other characters after it (the character may compose with the run's
    /// marks); a run whose characters are `inert` is in NFKC already and is kept as it
    /// is, any other goes to Foundation with the character before it. A few letters
    /// outside the byte path (a Greek capital, "º") sent whole texts to Foundation,
    /// 43 M instructions for 52 texts of the ToTA corpus
    /// (`compatibilityComposedIsNFKC`).
    static func compatibilityComposed(_ text: String) -> String {
        var text = text
        text.makeContiguousUTF8()
        let pieced: String?? = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            let n = bytes.count
            var out: [UInt8] = []
            out.reserveCapacity(n + n / 8)
            var known: [UInt32: Bool] = [:]
            var i = 0
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    out.append(b)
                    i += 1
                    continue
                }
                var j = i
                var kept = true
                while j < n && bytes[j] >= 0x80 {
                    guard let (v, w) = decode(bytes, at: j) else { return nil }
                    if kept && !isInert(v, known: &known) { kept = false }
                    j += w
                }
                if kept {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                } else {
                    // The byte before a run is ASCII (runs are maximal), already written.
                    let from = i > 0 ? i - 1 : i
                    if from < i { out.removeLast() }
                    let piece = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<j]), as: UTF8.self)
                    out.append(contentsOf: piece.precomposedStringWithCompatibilityMapping.utf8)
                }
                i = j
            }
            return String(decoding: out, as: UTF8.self)
        }
        return (pieced ?? nil) ?? text.precomposedStringWithCompatibilityMapping
    }

    /// Whether the scalar `v` stays as it is under NFKC next to any neighbour: not a
    /// combining mark or Hangul (which compose with what comes before them), and in
    /// NFKC on its own. A scalar that NFKC case folding leaves alone is in NFKC (the
    /// folding's result always is); any other is asked of Foundation once per text.
    static func isInert(_ v: UInt32, known: inout [UInt32: Bool]) -> Bool {
        if let answer = known[v] { return answer }
        var answer = false
        if let s = Unicode.Scalar(v) {
            switch v {
            case 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xAC00...0xD7FF: answer = false // Hangul
            default:
                switch s.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark: answer = false
                default:
                    answer = !s.properties.changesWhenNFKCCaseFolded
                        || String(Character(s)).precomposedStringWithCompatibilityMapping.unicodeScalars.elementsEqual(CollectionOfOne(s))
                }
            }
        }
        known[v] = answer
        return answer
    }

    /// The scalar rules on NFKC text: invisible marks dropped, quotes and dashes made
    /// ASCII, white space collapsed to single spaces (none leading), and a hyphen at a
    /// line end between letters joining the word.
    static func applyingScalarRules(to source: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(source.utf8.count)
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
        return out
    }

    /// `scalars` as a lower-cased String, as `String.lowercased()` makes it.
    static func lowercasedUTF8(_ scalars: [Unicode.Scalar]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count + scalars.count / 2)
        for s in scalars {
            if s.value < 0x80 {
                let b = UInt8(s.value)
                bytes.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            } else if let f = foldedLatin(s.value) {
                bytes.append(f.0)
                if f.1 != 0 { bytes.append(f.1) }
            } else if !s.properties.changesWhenLowercased {
                appendUTF8(s.value, to: &bytes)
            } else {
                bytes.append(contentsOf: s.properties.lowercaseMapping.utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 bytes of scalar `v` (above ASCII).
    @inline(__always)
    static func appendUTF8(_ v: UInt32, to bytes: inout [UInt8]) {
        if v < 0x800 {
            bytes.append(UInt8(0xC0 | v >> 6))
        } else if v < 0x10000 {
            bytes.append(UInt8(0xE0 | v >> 12))
            bytes.append(UInt8(0x80 | (v >> 6) & 0x3F))
        } else {
            bytes.append(UInt8(0xF0 | v >> 18))
            bytes.append(UInt8(0x80 | (v >> 12) & 0x3F))
            bytes.append(UInt8(0x80 | (v >> 6) & 0x3F))
        }
        bytes.append(UInt8(0x80 | v & 0x3F))
    }

    /// What a non-ASCII scalar becomes on the byte path, for the few that NFKC
    /// leaves alone or maps to a space and that have no case: quotes, dashes,
    /// no-break and other spaces, invisible marks. Nil sends the text to the
    /// general path (`normalizeScalars`), which the tests compare this with.
    public enum PlainScalar {
        case byte(UInt8)      // a quote, dash or semicolon made ASCII
        case space            // white space, as NFKC and the scalar rules make it
        case drop             // soft hyphen, zero-width characters, BOM
        case keep             // unchanged by NFKC and by case folding
        case periods          // "…", which NFKC makes three full stops
    }

    public static func plainScalar(_ v: UInt32) -> PlainScalar? {
        // Folded letters are rewritten, not kept: readers of raw bytes (trigrams,
        // keywords) must see them as the normalised text does.
        if foldedLatin(v) != nil { return nil }
        switch v {
        case 0x00AD, 0x200B, 0x200C, 0x200D, 0xFEFF: return .drop
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032: return .byte(0x27)
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB: return .byte(0x22)
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: return .byte(0x2D)
        // GREEK QUESTION MARK, which NFKC makes a semicolon: Greek-encoded PDFs put it
        // for every ';' of English texts in the corpus.
        case 0x037E: return .byte(0x3B)
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0x0085, 0x2028, 0x2029: return .space
        case 0x00A7, 0x00B0, 0x00B6, 0x2022, 0x2020, 0x2021: return .keep // § ° ¶ • † ‡
        case 0x2026: return .periods
        // Letters and signs that neither NFKC nor case folding changes, up to Hebrew:
        // lower-case and precomposed Latin (Côte d'Ivoire, Québec), Greek and Cyrillic
        // (names in the corpus's English texts), the middle dot. None of them composes
        // with a neighbour (only combining marks and Hangul do, and marks are left
        // out), so each stays as it is in any text. Combining marks, capitals, white
        // space and compatibility letters (ĳ, ſ, ς) take the general path.
        case 0x00A1...0x05FF:
            guard let scalar = Unicode.Scalar(v), !scalar.properties.changesWhenNFKCCaseFolded,
                  !scalar.properties.changesWhenLowercased, !scalar.properties.isWhitespace else { return nil }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return nil
            default: return .keep
            }
        default: return nil
        }
    }

    /// The same rules as `normalizeScalars`, on bytes, for text that is ASCII but
    /// for `plainScalar` characters; nil for any other text. Most of the corpus is
    /// such text and the scalar loop dominated profiles.
    static func normalizeBytes(_ text: String) -> String? {
        var text = text
        text.makeContiguousUTF8()
        let result: String?? = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            // Written in place: the text never grows (every rule keeps, drops or shortens
            // what it reads, and a space is written only for white space read).
            var out = OutputBytes(capacity: bytes.count)
            defer { out.release() }
            var pendingSpace = false
            var i = 0
            @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
            /// Whether the last scalar written is a letter (the hyphen rule's left side).
            var lastAlphabetic = false
            /// The hyphen rule's right side: a lower-case letter at `j`.
            func isLowercase(at j: Int) -> Bool {
                let c = bytes[j]
                if c < 0x80 { return c >= 0x61 && c <= 0x7A }
                guard let (v, _) = decode(bytes, at: j), let scalar = Unicode.Scalar(v) else { return false }
                return scalar.properties.isLowercase
            }
            /// The byte at `j` as the hyphen rule sees it after NFKC: a space for the
            /// spaces NFKC maps to U+0020, 0xFF for other non-ASCII; with its width.
            func peek(_ j: Int) -> (UInt8, Int)? {
                guard j < bytes.count else { return nil }
                let b = bytes[j]
                if b < 0x80 { return (b, 1) }
                guard let (v, w) = decode(bytes, at: j) else { return (0xFF, 1) }
                return (nfkcSpace(v) ? 0x20 : 0xFF, w)
            }
            // Whether to try eight bytes at once (`plainWord`) here: at the start, after
            // eight taken so, and at the first byte after white space; not inside a word
            // the body below is reading byte by byte, nor on white space (the line breaks
            // and indentation of XML text), where a failed try would be paid on each byte.
            var tryWords = true
            while i < bytes.count {
                if tryWords || pendingSpace, bytes[i] > 0x20 {
                    if let base = bytes.baseAddress, i + 8 <= bytes.count,
                       let word = plainWord(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))) {
                        if pendingSpace {
                            if !out.isEmpty { out.append(0x20) }
                            pendingSpace = false
                        }
                        out.append(word: word)
                        lastAlphabetic = isLetter(UInt8(truncatingIfNeeded: word >> 56))
                        i += 8
                        tryWords = true
                        continue
                    }
                    tryWords = false
                }
                var b = bytes[i]
                var width = 1
                if b >= 0x80 {
                    guard let (v, w) = decode(bytes, at: i) else { return nil }
                    // An accented Latin letter, either case: its folded base letters.
                    // (A combining mark after it has no `plainScalar`, so a letter NFKC
                    // would compose with its mark never gets here.)
                    if let f = foldedLatin(v) {
                        if pendingSpace {
                            if !out.isEmpty { out.append(0x20) }
                            pendingSpace = false
                        }
                        out.append(f.0)
                        if f.1 != 0 { out.append(f.1) }
                        lastAlphabetic = true
                        i += w
                        continue
                    }
                    guard let p = plainScalar(v) else { return nil }
                    width = w
                    switch p {
                    case .drop:
                        i += w
                        continue
                    case .space:
                        pendingSpace = true
                        i += w
                        continue
                    case .byte(let m):
                        b = m
                    case .periods:
                        // Three full stops, read as three of them written.
                        if pendingSpace {
                            if !out.isEmpty { out.append(0x20) }
                            pendingSpace = false
                        }
                        for _ in 0..<3 { out.append(0x2E) }
                        lastAlphabetic = false
                        i += w
                        continue
                    case .keep:
                        if pendingSpace {
                            if !out.isEmpty { out.append(0x20) }
                            pendingSpace = false
                        }
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + w)]))
                        lastAlphabetic = Unicode.Scalar(v)?.properties.isAlphabetic ?? false
                        i += w
                        continue
                    }
                }
                i += width
                if b == 0x60 { b = 0x27 } // ` → '
                if b < 0x20 || b == 0x20 {
                    pendingSpace = true
                    continue
                }
                // "informa-\ntion": a hyphen at a line end between letters joins the word.
                if b == 0x2D, lastAlphabetic, let (next, _) = peek(i), next == 0x0A || next == 0x0D {
                    var j = i
                    while let (c, w) = peek(j), c == 0x0A || c == 0x0D || c == 0x20 || c == 0x09 { j += w }
                    if j < bytes.count, isLowercase(at: j) {
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
                lastAlphabetic = isLetter(b)
            }
            return out.string()
        }
        return result ?? normalizeScalars(text)
    }

    /// Eight bytes (the first in the low byte) as the byte path writes them when they
    /// need no rule but lower-casing, so they can be written at once; nil otherwise.
    /// Such bytes are ASCII from 0x20 to 0x7F but for `-` and `` ` `` (the hyphen rule and
    /// the backtick's quote), and their spaces stand alone between other bytes (not
    /// first, not last, never two together). Read one by one, each other byte is written
    /// lower-cased, and each space, coming after a byte written and before another, is
    /// written as the one space it is; the hyphen rule reads nothing here but the last
    /// byte (the left side of a hyphen that may follow), which is no space. So writing
    /// the lower-cased word is what the byte loop writes, ending in the same state
    /// (nothing pending, the last byte written the word's last). Ordinary prose is such
    /// words but around line breaks, double spaces and hyphens; reading them a byte at
    /// a time was most of normalising (`byteNormaliserAgreesWithTheScalarOne`,
    /// `eightBytePathAgreesWithTheScalarOne`).
    @inline(__always)
    static func plainWord(_ w: UInt64) -> UInt64? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        // Some byte zero in v (exact as to whether there is one).
        @inline(__always) func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & high != 0 }
        guard w & high == 0,
              (w &- 0x20 &* ones) & ~w & high == 0,  // no byte below 0x20
              !hasZero(w ^ (0x2D &* ones)), !hasZero(w ^ (0x60 &* ones)) else { return nil }
        // Each space's high bit, exactly: a byte of w ^ 0x20… is zero just where w has a space.
        let t = w ^ (0x20 &* ones)
        let spaces = ~(((t & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | t) & high
        guard spaces & 0x80 == 0, spaces >> 56 == 0, spaces & (spaces << 8) == 0 else { return nil }
        // Capitals: bytes from 0x41 to 0x5A (no carry between bytes, all below 0x80).
        let upper = (w &+ (0x80 - 0x41) &* ones) & ~(w &+ (0x80 - 0x5B) &* ones) & high
        return w | (upper >> 2)
    }

    /// The ASCII letters an accented Latin letter (U+00C0–U+024F, either case)
    /// folds to, as its NFKC form lower-cased and stripped of combining marks reads
    /// (é→e, Ñ→n, ç→c), or by the usual transliteration for letters that do not
    /// decompose (œ→oe, æ→ae, ß→ss, ø→o, ł→l, đ→d); the second byte is 0 when there
    /// is one letter. Nil outside the range and for letters with no ASCII reading.
    /// Never longer than the letter's two UTF-8 bytes, so normalising never grows.
    @inline(__always)
    public static func foldedLatin(_ v: UInt32) -> (UInt8, UInt8)? {
        guard v >= 0xC0 && v <= 0x24F else { return nil }
        let entry = latinFolds[Int(v - 0xC0)]
        return entry.0 == 0 ? nil : entry
    }

    private static let latinFolds: [(UInt8, UInt8)] = (0xC0...0x24F).map { (v: UInt32) -> (UInt8, UInt8) in
        guard let scalar = Unicode.Scalar(v) else { return (0, 0) }
        let special: [UInt32: String] = [0xC6: "ae", 0xE6: "ae", 0x152: "oe", 0x153: "oe", 0xDF: "ss", 0xD8: "o", 0xF8: "o",
                                         0x141: "l", 0x142: "l", 0x110: "d", 0x111: "d", 0xD0: "d", 0xF0: "d", 0x131: "i"]
        let letters: String
        if let s = special[v] {
            letters = s
        } else {
            let lowered = String(Character(scalar)).precomposedStringWithCompatibilityMapping.lowercased()
            letters = String(String.UnicodeScalarView(lowered.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
                $0.properties.generalCategory != .nonspacingMark
            }))
        }
        let bytes = Array(letters.utf8)
        guard (1...2).contains(bytes.count), bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return (0, 0) }
        return (bytes[0], bytes.count == 2 ? bytes[1] : 0)
    }

    /// `text` with accented Latin letters folded (`foldedLatin`), other characters as
    /// they are: for rule patterns and keywords, which are matched against folded text.
    public static func foldAccents(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if let f = foldedLatin(s.value) {
                out.append(Unicode.Scalar(f.0))
                if f.1 != 0 { out.append(Unicode.Scalar(f.1)) }
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// A fixed-size byte buffer written front to back, for `normalizeBytes`: appending
    /// to an array checked its capacity and uniqueness on every byte.
    private struct OutputBytes {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = max(capacity, 1)
            base = .allocate(capacity: self.capacity)
        }

        var isEmpty: Bool { count == 0 }

        @inline(__always) mutating func append(_ b: UInt8) {
            precondition(count < capacity)
            base[count] = b
            count += 1
        }

        /// Eight bytes, the first from the low byte of `word`.
        @inline(__always) mutating func append(word: UInt64) {
            precondition(count + 8 <= capacity)
            UnsafeMutableRawPointer(base + count).storeBytes(of: word.littleEndian, as: UInt64.self)
            count += 8
        }

        mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
            precondition(count + bytes.count <= capacity)
            for b in bytes {
                base[count] = b
                count += 1
            }
        }

        func string() -> String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

        func release() { base.deallocate() }
    }

    /// Spaces that NFKC turns into U+0020.
    static func nfkcSpace(_ v: UInt32) -> Bool {
        v == 0x00A0 || (0x2000...0x200A).contains(v) || v == 0x202F || v == 0x205F || v == 0x3000
    }

    /// The scalar at `i` of valid UTF-8 and its width in bytes.
    @inline(__always)
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int)? {
        let b = bytes[i]
        if b < 0x80 { return (UInt32(b), 1) }
        if b & 0xE0 == 0xC0, i + 1 < bytes.count { return (UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
        if b & 0xF0 == 0xE0, i + 2 < bytes.count {
            return (UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        if b & 0xF8 == 0xF0, i + 3 < bytes.count {
            return (UInt32(b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F), 4)
        }
        return nil
    }

    /// Collapses white space for display without changing case or characters.
    /// Works on the UTF-8 bytes; only non-ASCII scalars are decoded, to ask
    /// whether they are white space.
    public static func collapseWhitespace(_ text: String) -> String {
        var text = text
        text.makeContiguousUTF8()
        let result: String? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                var width = 1
                var space: Bool
                if b < 0x80 {
                    space = b == 0x20 || (0x09...0x0D).contains(b)
                } else if let (v, w) = decode(bytes, at: i) {
                    width = w
                    space = Unicode.Scalar(v).map { isWhitespace($0) } ?? false
                } else {
                    space = false
                }
                if space {
                    pendingSpace = true
                } else {
                    if pendingSpace && !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                    if width == 1 {
                        out.append(b)
                    } else {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<min(bytes.count, i + width)]))
                    }
                }
                i += width
            }
            return String(decoding: out, as: UTF8.self)
        }
        return result ?? text
    }

    /// White space with an ASCII fast path: Unicode property look-ups dominated profiles.
    @inline(__always)
    public static func isWhitespace(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u.value == 0x20 || (0x09...0x0D).contains(u.value) }
        return u.properties.isWhitespace
    }
}
