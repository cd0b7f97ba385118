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

    /// Each stop word (as its bytes) and the languages whose list holds it, as bits.
    private static let table: [[UInt8]: UInt8] = {
        var t: [[UInt8]: UInt8] = [:]
        for (i, (_, words)) in stopwords.enumerated() {
            for w in words { t[Array(w.utf8), default: 0] |= 1 << UInt8(i) }
        }
        return t
    }()

    /// The language of `text`, or nil when fewer than five words or no list holds
    /// one word in twenty. At most `maxWords` words are read.
    public static func detect(text: String, maxWords: Int = 20_000) -> String? {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { detect(bytes: $0, maxWords: maxWords) } ?? nil
    }

    public static func detect(bytes: UnsafeBufferPointer<UInt8>, maxWords: Int = 20_000) -> String? {
        var counts = [Int](repeating: 0, count: stopwords.count)
        var total = 0
        var word: [UInt8] = []
        word.reserveCapacity(16)
        var plain = true
        func flush() {
            guard !word.isEmpty || !plain else { return }
            total += 1
            if plain, word.count <= 6, let bits = table[word] {
                for i in 0..<stopwords.count where bits & (1 << UInt8(i)) != 0 { counts[i] += 1 }
            }
            word.removeAll(keepingCapacity: true)
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
                } else {
                    flush()
                }
                i += w
                continue
            }
            if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
                word.append(b | 0x20)
            } else {
                flush()
                if total > maxWords { break }
            }
            i += 1
        }
        flush()
        guard total >= 5, let best = counts.indices.max(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }),
              counts[best] * 20 >= total else { return nil }
        return stopwords[best].0
    }
}
