@testable import DTGrading
import DTIngest
import DTModel
import DTTestSupport
import Foundation
import Testing

/// The byte-level sentence splitter must cut exactly where the scalar version it
/// replaced did: the same sentences, the same offsets.
@Suite struct SentenceSplitterTests {
    @Test func splitsAtFullStopsButNotAbbreviationsOrLabels() {
        let text = "1. Each Party shall, e.g. by law, act. Art. 5 applies. 2. The Parties agree!  “Next” one? (a) item"
        #expect(SentenceSplitter.split(text).map(\.0) == [
            "1. Each Party shall, e.g. by law, act.", "Art. 5 applies.", "2. The Parties agree!", "“Next” one?", "(a) item",
        ])
        // Offsets are in UTF-8 bytes: "Café olé. " is 12.
        #expect(SentenceSplitter.split("Café olé. Égal.").map(\.1) == [0, 12])
    }

    @Test func agreesWithTheScalarSplitterOnRandomText() {
        // Pieces that exercise every branch: stops, white space of several kinds,
        // openers (capitals, digits, brackets, quotes, non-ASCII capitals and
        // digits), abbreviations, single letters and multi-byte scalars.
        let pieces = [".", "!", "?", " ", "  ", "\n", "\u{00A0}", "\u{2003}", "A", "a", "The", "é", "É", "Ω", "1", "٣", "(", "\"", "“", "•",
                      "art", "e.g", "No", "x", "Party", "—", "12.3", "…", "\t"]
        var g = SplitMix64(seed: 7)
        for _ in 0..<3000 {
            let count = Int(g.next() % 40)
            let text = (0..<count).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()
            expectSame(text)
        }
    }

    @Test func cutsOverlongRunsAtWhiteSpaceAsBefore() {
        let long = String(repeating: "word ", count: 1_500) + "end. Next"
        expectSame(long)
        expectSame(String(repeating: "é ", count: 3_500))
        #expect(SentenceSplitter.split(String(repeating: "ab ", count: 2_000)).count == 2)
    }

    /// The byte splitter skips ASCII runs eight bytes at a time up to the next stop or
    /// the cut length: long texts of mostly-ASCII words, stops and multi-byte scalars
    /// at every alignment, some past the 3,000-scalar cut, split as the scalar version does.
    @Test func agreesWithTheScalarSplitterOnLongMixedText() {
        let pieces = ["word ", "Party ", "shall ", "abcdefgh", "x", ". ", ".", "! ", "? ", "e.g. ", "No. ", "1. ", " ", "\n", "é", "É ", "“A", "\u{00A0}",
                      "\u{2003}", "(a) ", "12.3 ", "…", "—", "Ω", "\t", "\u{1F600}"]
        var g = SplitMix64(seed: 22)
        for round in 0..<300 {
            // Short texts, then texts long enough to reach the cut (some without any stop).
            let count = round < 200 ? Int(g.next() % 200) : 700 + Int(g.next() % 1200)
            let stops = round % 3 != 0
            let text = (0..<count).map { _ -> String in
                let p = pieces[Int(g.next() % UInt64(pieces.count))]
                return !stops && p.contains(where: { ".!?".contains($0) }) ? "ab " : p
            }.joined()
            expectSame(text)
            #expect(text.utf8.withContiguousStorageIfAvailable(SentenceSplitter.countScalars) == text.unicodeScalars.count)
        }
    }

    /// Every paragraph of TPP, of a Spanish-language text with accented capitals
    /// and of a text quoting Greek.
    @Test(.needsSharedCorpus) func agreesWithTheScalarSplitterOnRealText() throws {
        for name in ["tota/pta_449.xml", "tota/pta_103.xml", "tota/pta_140.xml"] {
            guard let path = SharedCorpus.path(name) else { return }
            let agreement = try DocumentLoader.load(path: path)
            var units = 0
            for ctx in agreement.articles {
                for unit in SentenceSplitter.units(of: ctx.article) {
                    expectSame(unit.text)
                    units += 1
                }
            }
            #expect(units > 50, "\(name)")
        }
    }

    private func expectSame(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let new = SentenceSplitter.split(text)
        let old = ScalarSentenceSplitter.split(text)
        #expect(new.map(\.0) == old.map(\.0) && new.map(\.1) == old.map(\.1), "\(text.prefix(200).debugDescription)",
                sourceLocation: sourceLocation)
    }
}

/// The scalar splitter as it was before the byte rewrite, kept as the reference.
private enum ScalarSentenceSplitter {
    static let abbreviations: Set<String> = [
        "art", "arts", "no", "nos", "para", "paras", "e.g", "i.e", "etc", "u.s", "sec", "ch", "vol", "p", "pp", "cf",
        "mr", "ms", "dr", "st", "inc", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    static func split(_ text: String) -> [(String, Int)] {
        let chars = Array(text.unicodeScalars)
        var offsets: [Int] = []
        var o = 0
        for c in chars { offsets.append(o); o += UTF8.width(c) }
        offsets.append(o)
        let utf8 = text.utf8
        var out: [(String, Int)] = []
        var start = 0
        var i = 0
        func slice(_ r: Range<Int>) -> String {
            let a = utf8.index(utf8.startIndex, offsetBy: offsets[r.lowerBound])
            let b = utf8.index(utf8.startIndex, offsetBy: offsets[r.upperBound])
            return String(Substring(utf8[a..<b]))
        }
        func piece(_ r: Range<Int>) -> (String, Int) { (slice(r), offsets[r.lowerBound]) }
        while i < chars.count {
            let c = chars[i]
            if c == "." || c == "!" || c == "?", i + 2 < chars.count, TextNormalizer.isWhitespace(chars[i + 1]) {
                var j = i + 1
                while j < chars.count, TextNormalizer.isWhitespace(chars[j]) { j += 1 }
                if j < chars.count, opensSentence(chars[j]) {
                    var k = i - 1
                    while k >= start, !TextNormalizer.isWhitespace(chars[k]) { k -= 1 }
                    let word = slice((k + 1)..<i).lowercased()
                    let isLeadingLabel = k < start && word.unicodeScalars.allSatisfy { isDigit($0) || $0 == "." }
                    let isAbbrev = abbreviations.contains(word) || (word.unicodeScalars.count == 1 && word.unicodeScalars.first.map(isLetter) == true)
                    if !isLeadingLabel && !isAbbrev {
                        out.append(piece(start..<(i + 1)))
                        start = j
                        i = j
                        continue
                    }
                }
            }
            if i - start >= SentenceSplitter.maxSentenceLength && TextNormalizer.isWhitespace(c) {
                out.append(piece(start..<i))
                start = i + 1
            }
            i += 1
        }
        if start < chars.count { out.append(piece(start..<chars.count)) }
        return out
    }

    static func opensSentence(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return (0x41...0x5A).contains(u.value) || isDigit(u) || u == "(" || u == "\"" }
        return u.properties.isUppercase || u.properties.numericType != nil || u == "“" || u == "•"
    }

    static func isDigit(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x80 ? (0x30...0x39).contains(u.value) : u.properties.numericType != nil
    }

    static func isLetter(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x80 ? ((0x41...0x5A).contains(u.value) || (0x61...0x7A).contains(u.value)) : u.properties.isAlphabetic
    }
}
