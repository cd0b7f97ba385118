/// Guesses the language of a text by counting very common function words, read
/// from its UTF-8 bytes (ASCII letters lower-cased; a word with other letters is
/// counted as a word but matches no list). Enough to tell English from Spanish,
/// French, Dutch, German and Portuguese in legal prose. `DTIngest.LanguageDetector`
/// asks it for a whole document; grading asks it for articles, to find the
/// languages of a bilingual text.
public enum LanguageGuess {
    static let stopwords: [(String, Set<String>)] = [
        ("en", ["the", "of", "and", "to", "shall", "in", "or", "any", "party", "this", "with", "be", "by", "which"]),
        ("es", ["el", "la", "los", "las", "del", "que", "y", "en", "por", "con", "para", "una", "se", "al"]),
        ("fr", ["le", "la", "les", "des", "du", "et", "en", "est", "une", "pour", "dans", "au", "aux", "qui"]),
        ("nl", ["de", "het", "van", "een", "en", "in", "is", "op", "te", "dat", "voor", "met", "zijn", "worden"]),
        ("de", ["der", "die", "und", "das", "den", "von", "zu", "mit", "ist", "im", "des", "sich", "nicht", "auf"]),
        ("pt", ["o", "os", "da", "do", "das", "dos", "que", "e", "em", "uma", "para", "com", "no", "na"]),
    ]

    /// Each stop word packed into a UInt64 (its ASCII bytes, first byte lowest),
    /// with the languages whose list holds it as bits, in a small open-addressed
    /// table: grading asks for many short samples, and hashing each word as an
    /// array cost more than the rest of the reading.
    private static let table: (keys: [UInt64], bits: [UInt8]) = {
        var keys = [UInt64](repeating: 0, count: tableSize)
        var bits = [UInt8](repeating: 0, count: tableSize)
        for (i, (_, words)) in stopwords.enumerated() {
            for w in words {
                var key: UInt64 = 0
                for (k, b) in w.utf8.enumerated() { key |= UInt64(b) << (8 * UInt64(k)) }
                var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 57)
                while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & (tableSize - 1) }
                keys[slot] = key
                bits[slot] |= 1 << UInt8(i)
            }
        }
        return (keys, bits)
    }()
    private static let tableSize = 128

    /// The languages whose lists hold the packed word `key`, as bits.
    @inline(__always)
    private static func languages(of key: UInt64, _ keys: UnsafeBufferPointer<UInt64>, _ bits: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 57)
        while true {
            let k = keys[slot]
            if k == key { return bits[slot] }
            if k == 0 { return 0 }
            slot = (slot + 1) & (tableSize - 1)
        }
    }

    /// The language of `text`, or nil when fewer than five words or no list holds
    /// one word in twenty. At most `maxWords` words are read.
    public static func detect(text: String, maxWords: Int = 20_000) -> String? {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { detect(bytes: $0, maxWords: maxWords) } ?? nil
    }

    public static func detect(bytes: UnsafeBufferPointer<UInt8>, maxWords: Int = 20_000) -> String? {
        let (keys, bits) = table
        return keys.withUnsafeBufferPointer { keys in
            bits.withUnsafeBufferPointer { bits in detect(bytes: bytes, maxWords: maxWords, keys, bits) }
        }
    }

    private static func detect(bytes: UnsafeBufferPointer<UInt8>, maxWords: Int,
                               _ keys: UnsafeBufferPointer<UInt64>, _ tableBits: UnsafeBufferPointer<UInt8>) -> String? {
        var counts = (0, 0, 0, 0, 0, 0)
        var total = 0
        // The word read so far, packed (up to 6 letters: longer words match no list).
        var key: UInt64 = 0
        var length = 0
        var inWord = false
        var plain = true
        @inline(__always) func flush() {
            guard inWord else { return }
            total += 1
            if plain && length <= 6 {
                let bits = languages(of: key, keys, tableBits)
                if bits != 0 {
                    if bits & 1 != 0 { counts.0 += 1 }
                    if bits & 2 != 0 { counts.1 += 1 }
                    if bits & 4 != 0 { counts.2 += 1 }
                    if bits & 8 != 0 { counts.3 += 1 }
                    if bits & 16 != 0 { counts.4 += 1 }
                    if bits & 32 != 0 { counts.5 += 1 }
                }
            }
            key = 0
            length = 0
            inWord = false
            plain = true
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0x80 {
                // A letter outside ASCII is part of the word; other characters end it.
                let (v, w) = TextNormalizer.decode(bytes, at: i) ?? (0, 1)
                if let scalar = Unicode.Scalar(v), scalar.properties.isAlphabetic {
                    plain = false
                    inWord = true
                } else {
                    flush()
                }
                i += w
                continue
            }
            if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
                if length < 8 { key |= UInt64(b | 0x20) << (8 * UInt64(length)) }
                length += 1
                inWord = true
            } else {
                flush()
                if total > maxWords { break }
            }
            i += 1
        }
        flush()
        let tally = [counts.0, counts.1, counts.2, counts.3, counts.4, counts.5]
        guard total >= 5, let best = tally.indices.max(by: { tally[$0] < tally[$1] || (tally[$0] == tally[$1] && $0 > $1) }),
              tally[best] * 20 >= total else { return nil }
        return stopwords[best].0
    }
}
