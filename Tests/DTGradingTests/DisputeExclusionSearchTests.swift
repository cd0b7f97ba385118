@testable import DTGrading
import DTRules
import Foundation
import Testing

/// The byte search `DisputeExclusion.nextRange` uses on ASCII texts finds every
/// match Foundation's `range(of:range:)` finds, in the same places, and the article
/// numbers read with it are those read with Foundation's search alone.
@Suite struct DisputeExclusionSearchTests {
    /// Every match of `needle` in `text`, one search after the last.
    static func matches(_ needle: String, in text: String, bytes: [UInt8]?) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var from = text.startIndex
        while let r = DisputeExclusion.nextRange(of: needle, in: text, bytes: bytes, from: from) {
            out.append(text.utf8.distance(from: text.startIndex, to: r.lowerBound)..<text.utf8.distance(from: text.startIndex, to: r.upperBound))
            from = r.upperBound
        }
        return out
    }

    @Test func byteSearchFindsWhatFoundationFinds() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["article", "articles", "art", "icle", " ", "\r\n", "\r", "\n", "14.11", "(", ")", ",", "and", "to",
                      "Article", "articulo", "artículo", "e\u{301}", "ártícle", "\u{200D}", "a"]
        var texts = ["", "article", "articlearticle", "an article\r\narticle 5", "articl"]
        for _ in 0..<2_000 {
            texts.append((0..<Int.random(in: 1...12, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined())
        }
        for text in texts {
            let bytes = Array(text.utf8)
            let ascii = bytes.allSatisfy { $0 < 0x80 } ? bytes : nil
            for needle in ["article", "articulo", "art", "a"] {
                #expect(Self.matches(needle, in: text, bytes: ascii) == Self.matches(needle, in: text, bytes: nil), "\(text.debugDescription) / \(needle)")
            }
        }
    }

    @Test func articleNumbersUnchanged() {
        let cases: [(String, [[Int]])] = [
            ("this chapter shall not apply to articles 4 (scope), 5 and 7 to 9", [[4], [5], [7]]),
            ("except article 13.11 bis, dispute settlement shall not apply", [[13, 11]]),
            ("articles 14.1 to 14.15 and article 2", [[14, 1], [2]]),
            ("no article here", []),
        ]
        for (text, firsts) in cases {
            let read = DisputeExclusion.articleNumbers(in: text)
            #expect(read.map(\.from) == firsts, "\(text)")
        }
        #expect(DisputeExclusion.articleNumbers(in: "articles 4 to 7")[0].contains("5"))
        #expect(DisputeExclusion.excepts("this chapter applies except article 14.11", number: "14.11"))
    }
}
