@testable import DTModel
import DTTestSupport
import Testing

/// `WordDiff.scalarWords` splits as `split(whereSeparator: \.isWhitespace)` does,
/// wherever it answers, and answers on the texts suggestions meet.
@Suite struct WordSplitTests {
    static let alphabet: [Unicode.Scalar] = ["a", "Z", "9", ",", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1F}", "\u{7F}",
                                             "\u{85}", "\u{A0}", "\u{AD}", "\u{E9}", "\u{153}", "\u{17F}", "\u{180}", "\u{2002}", "\u{200A}",
                                             "\u{200B}", "\u{200C}", "\u{200D}", "\u{2019}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}",
                                             "\u{2060}", "\u{203C}", "\u{301}", "\u{3000}", "\u{1F600}"]

    @Test func splitsAsCharactersDo() {
        var rng = SplitMix64(seed: 0x5B1D)
        var answered = 0
        for _ in 0..<20_000 {
            let s = rng.text(of: Self.alphabet, shorterThan: 30)
            guard let got = WordDiff.scalarWords(s) else { continue }
            answered += 1
            #expect(got.map(String.init) == s.split(whereSeparator: \.isWhitespace).map(String.init),
                    "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(answered > 1_000)
        #expect(WordDiff.scalarWords("Each Party shall, where it considers \u{2018}necessary\u{2019} \u{2014} allow") != nil)
        #expect(WordDiff.scalarWords("e\u{301}") == nil)
    }
}
