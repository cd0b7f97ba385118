@testable import DTModel
import DTTestSupport
import Foundation
import Testing

/// The fast paths of normalising and of guessing a language must answer as the
/// readings they stand in for, byte for byte, on any text.
@Suite struct NormalizerFastPathTests {
    /// `plainWord` against its statement, byte by byte: every byte from 0x20 to 0x7F
    /// but `-` and `` ` ``, spaces neither first nor last nor two together; the word
    /// lower-cased.
    @Test func plainWordIsWhatItSays() {
        func reference(_ bytes: [UInt8]) -> [UInt8]? {
            for (k, b) in bytes.enumerated() {
                guard b >= 0x20, b < 0x80, b != 0x2D, b != 0x60 else { return nil }
                if b == 0x20 && (k == 0 || k == 7 || bytes[k - 1] == 0x20) { return nil }
            }
            return bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        }
        // Bytes near every edge the word test draws.
        let edges: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x2C, 0x2D, 0x2E, 0x40, 0x41, 0x4D, 0x5A, 0x5B, 0x5F, 0x60, 0x61,
                              0x7A, 0x7B, 0x7F, 0x80, 0xA0, 0xC3, 0xFF]
        var g = SplitMix64(seed: 22)
        var plain = 0
        for round in 0..<60_000 {
            let bytes: [UInt8] = (0..<8).map { _ in
                // Mostly letters and spaces, so that many words pass.
                switch g.next() % 4 {
                case 0: return edges[Int(g.next() % UInt64(edges.count))]
                case 1: return 0x20
                default: return UInt8(0x41 + g.next() % 58)
                }
            }
            var w: UInt64 = 0
            for (k, b) in bytes.enumerated() { w |= UInt64(b) << (8 * UInt64(k)) }
            let got = TextNormalizer.plainWord(w).map { v in (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) } }
            #expect(got == reference(bytes), "round \(round): \(bytes)")
            if got != nil { plain += 1 }
        }
        #expect(plain > 3_000, "too few plain words to test the path: \(plain)")
    }

    /// Whole texts through the byte path, which reads eight bytes at a time where it
    /// can, against the general (NFKC, scalar) normaliser.
    @Test func eightBytePathAgreesWithTheScalarOne() throws {
        let pieces = ["the", "Parties", "SHALL", "not", " ", " ", " ", "  ", "\n", "\t", "\r\n", "-", "-\n", "-\n  ", "`", "\u{7F}",
                      "informa", "tion", ".", ",", "(a)", "Article 19.11", "e-commerce", "é", "É", "ñ", "\u{2019}", "\u{201C}",
                      "\u{00A0}", "\u{2013}", "\u{2026}", "\u{00AD}", "x", "Y", "z", "0", "12345678", "abcdefghij", "Ω", "ω"]
        var g = SplitMix64(seed: 2026)
        var fast = 0
        for _ in 0..<6_000 {
            let n = Int(g.next() % 30)
            let text = (0..<n).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()
            let general = TextNormalizer.normalizeScalars(text)
            if let bytes = TextNormalizer.normalizeBytes(text) {
                #expect(bytes == general, "\(text.debugDescription)")
                fast += 1
            }
            #expect(TextNormalizer.normalize(text) == general, "\(text.debugDescription)")
        }
        #expect(fast > 3_000, "too few texts on the byte path: \(fast)")
    }

    /// NFKC asked of Foundation piece by piece (only where a run of characters
    /// outside ASCII may change) against NFKC of the whole text: marks that compose
    /// with the ASCII letter before them or with each other, Hangul jamo, ligatures,
    /// full-width and compatibility letters, capitals of every script, ordinals.
    @Test func compatibilityComposedIsNFKC() {
        let pieces = ["e", "E", "a", " ", "x", ".", "\u{0301}", "\u{0308}", "\u{0323}\u{0302}", "\u{0338}", "<", "=", "é", "º", "ª", "²", "½",
                      "\u{1100}", "\u{1161}", "\u{11A8}", "\u{AC00}", "한국", "\u{3131}", "ﬁ", "Ｆ", "𝐀", "Ĳ", "ſ", "ǅ", "ΟΔΟΣ", "σας", "ς",
                      "ά", "\u{0391}\u{0301}", "РОССИЯ", "й", "и\u{0306}", "日本", "\u{FF9E}", "\u{0B47}\u{0B3E}", "\u{0B47}", "\u{0B3E}",
                      "\u{00A0}", "…", "\u{2019}", "\u{00B4}", "\u{2033}", "İ", "Å", "\u{212B}", "\u{2126}", "\u{FFFD}", "😀", "\u{0344}"]
        var g = SplitMix64(seed: 44)
        for _ in 0..<4_000 {
            let n = Int(g.next() % 14)
            let text = (0..<n).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()
            let whole = text.precomposedStringWithCompatibilityMapping
            #expect(Array(TextNormalizer.compatibilityComposed(text).unicodeScalars) == Array(whole.unicodeScalars), "\(text.debugDescription)")
        }
    }

    /// `LanguageGuess.detect` against the reading it replaced: byte by byte, each
    /// ASCII letter added to the packed word, a letter outside ASCII making the word
    /// unlisted, any other character ending it, the word limit checked after ASCII
    /// separators only.
    @Test func languageGuessAgreesWithTheByteByByteReading() {
        var lists: [UInt64: UInt8] = [:]
        for (i, (_, words)) in LanguageGuess.stopwords.enumerated() {
            for w in words {
                var key: UInt64 = 0
                for (k, b) in w.utf8.enumerated() { key |= UInt64(b) << (8 * UInt64(k)) }
                lists[key, default: 0] |= 1 << UInt8(i)
            }
        }
        func reference(_ text: String, maxWords: Int) -> String? {
            let bytes = Array(text.utf8)
            var counts = [Int](repeating: 0, count: 6)
            var total = 0, key: UInt64 = 0, length = 0, inWord = false, plain = true
            func flush() {
                guard inWord else { return }
                total += 1
                if plain && length <= 6, let bits = lists[key] {
                    for l in 0..<6 where bits & (1 << UInt8(l)) != 0 { counts[l] += 1 }
                }
                key = 0; length = 0; inWord = false; plain = true
            }
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b >= 0x80 {
                    let (v, w) = bytes.withUnsafeBufferPointer { TextNormalizer.decode($0, at: i) } ?? (0, 1)
                    if let s = Unicode.Scalar(v), s.properties.isAlphabetic { plain = false; inWord = true } else { flush() }
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
            guard total >= 5, let best = counts.indices.max(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }),
                  counts[best] * 20 >= total else { return nil }
            return LanguageGuess.stopwords[best].0
        }
        let words = LanguageGuess.stopwords.flatMap { $0.1 } + ["The", "SHALL", "Partie", "électronique", "año", "Ωmega", "x", "aé", "éa",
                                                               "stopwordsxx", "abcdefgh", "abcdefg", "de la", "1234", "ς"]
        let separators = [" ", " ", "  ", ", ", ". ", "\n", "\u{00A0}", "\u{2019}", "-", "§", "é", ""]
        var g = SplitMix64(seed: 15)
        var answered = 0
        for round in 0..<4_000 {
            let text = g.text(words: words, separators: separators, fewerThan: 60)
            let maxWords = round % 3 == 0 ? Int(g.next() % 12) : 20_000
            let expected = reference(text, maxWords: maxWords)
            #expect(LanguageGuess.detect(text: text, maxWords: maxWords) == expected, "\(text.debugDescription) \(maxWords)")
            if expected != nil { answered += 1 }
        }
        #expect(answered > 1_000, "too few texts with a language: \(answered)")
    }
}
