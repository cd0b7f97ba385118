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
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var counts = (0, 0, 0, 0, 0, 0)
        var total = 0
        // The word read so far, packed (up to 6 letters: longer words match no list).
        var key: UInt64 = 0
        var length = 0
        var inWord = false
        var plain = true
        @inline(__always) func flush() {
            guard inWord else { return }
            total &+= 1
            if plain && length <= 6 {
                let bits = languages(of: key, keys, tableBits)
                if bits != 0 {
                    if bits & 1 != 0 { counts.0 &+= 1 }
                    if bits & 2 != 0 { counts.1 &+= 1 }
                    if bits & 4 != 0 { counts.2 &+= 1 }
                    if bits & 8 != 0 { counts.3 &+= 1 }
                    if bits & 16 != 0 { counts.4 &+= 1 }
                    if bits & 32 != 0 { counts.5 &+= 1 }
                }
            }
            key = 0
            length = 0
            inWord = false
            plain = true
        }
        /// Whether `b` is an ASCII letter (a byte from 0x80 up is not: `b | 0x20` is then 0xA0 or more).
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
        var i = 0
        while i < n {
            let b = base[i]
            if isLetter(b) {
                // A fresh run of up to seven ASCII letters read from one word of eight
                // bytes: the letters' high bits, exactly (no carry crosses a byte: each
                // sum is of a byte below 0x80 and a constant below 0x20), and the run
                // up to the first byte that is no letter; the packed word is those
                // bytes lower-cased, as the loop below packs them. Longer runs, and
                // runs after letters outside ASCII in the same word, take the loop.
                if length == 0, i &+ 8 <= n {
                    let x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) | 0x2020_2020_2020_2020
                    let t = x & 0x7F7F_7F7F_7F7F_7F7F
                    let letters = (t &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(t &+ 0x0505_0505_0505_0505) & ~x & 0x8080_8080_8080_8080
                    let ends = ~letters & 0x8080_8080_8080_8080
                    if ends != 0 {
                        let run = ends.trailingZeroBitCount &>> 3
                        key = x & ((1 &<< UInt64(truncatingIfNeeded: run &* 8)) &- 1)
                        length = run
                        inWord = true
                        i &+= run
                        continue
                    }
                }
                // The word's ASCII letters in one run, wrapping arithmetic (lengths and
                // offsets stay far below overflow): read byte by byte with the state
                // above, the loop cost some 30 instructions a byte.
                var k = key
                var len = length
                var j = i
                repeat {
                    if len < 8 { k |= UInt64(base[j] | 0x20) &<< UInt64(truncatingIfNeeded: len &* 8) }
                    len &+= 1
                    j &+= 1
                } while j < n && isLetter(base[j])
                key = k
                length = len
                inWord = true
                i = j
                continue
            }
            if b >= 0x80 {
                // A letter outside ASCII is part of the word; other characters end it.
                let (v, w) = TextNormalizer.decode(bytes, at: i) ?? (0, 1)
                if let scalar = Unicode.Scalar(v), scalar.properties.isAlphabetic {
                    plain = false
                    inWord = true
                } else {
                    flush()
                }
                i &+= w
                continue
            }
            flush()
            if total > maxWords { break }
            i &+= 1
        }
        flush()
        // The list with the most words, the first such on a tie (no array made: grading
        // asks some 4,000 times a corpus).
        var best = 0
        var top = counts.0
        if counts.1 > top { best = 1; top = counts.1 }
        if counts.2 > top { best = 2; top = counts.2 }
        if counts.3 > top { best = 3; top = counts.3 }
        if counts.4 > top { best = 4; top = counts.4 }
        if counts.5 > top { best = 5; top = counts.5 }
        guard total >= 5, top * 20 >= total else { return nil }
        return stopwords[best].0
    }
}
