@testable import DTRules
import DTTestSupport
import Testing

/// The phrase search reads an ASCII text's scalars from its bytes (a fast path):
/// they must be the text's Unicode scalars, for ASCII texts (shorter and longer
/// than the eight-byte steps of the ASCII test), texts with a character outside
/// ASCII anywhere, and the empty text.
@Suite struct PhraseScalarsTests {
    @Test func scalarsAreTheTextsUnicodeScalars() {
        var rng = SplitMix64(seed: 4)
        let pieces = ["a", "Party", " ", "\n", "\r\n", "é", "e\u{0301}", "\u{00A0}", "𝒳", "—", "12", "shall not", "\t", "~"]
        var texts = ["", "x", String(repeating: "abcdefgh", count: 9), String(repeating: "abcdefgh", count: 9) + "é"]
        for _ in 0..<500 {
            texts.append((0..<Int(rng.next() % 40)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined())
        }
        for text in texts {
            #expect(PhraseProgram.scalars(of: text) == text.unicodeScalars.map(\.value), "\(text.debugDescription)")
        }
    }
}
