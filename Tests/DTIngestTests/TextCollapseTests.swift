import DTTestSupport
@testable import DTIngest
import Testing

/// `TextCollapse.collapse` works on scalars for speed; it must give what splitting on
/// `Character.isWhitespace` gives, including where marks join white space into a Character.
@Suite struct TextCollapseTests {
    static func reference(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test func matchesTheCharacterDefinitionOnRandomText() {
        let alphabet: [Unicode.Scalar] = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "a", "B", "1", ".", "“", "é",
                                          "\u{301}", "\u{A0}", "\u{2003}", "\u{2028}", "\u{85}", "\u{200D}", "\u{AD}",
                                          "\u{600}", "\u{903}", "日", "\u{1F600}", "\u{1F3FB}", "\u{1C}"]
        var rng = SplitMix64(seed: 15)
        for _ in 0..<5_000 {
            let text = rng.text(of: alphabet, shorterThan: 24)
            #expect(TextCollapse.collapse(text) == Self.reference(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// ASCII text, where an already collapsed text is given back as it is: the shortcut
    /// and the byte collapse must agree with the Character definition.
    @Test func matchesTheCharacterDefinitionOnRandomASCII() {
        let alphabet: [Unicode.Scalar] = [" ", " ", " ", "a", "a", "B", ".", "\t", "\n", "\r", "\u{0B}", "\u{1C}", "\u{01}", "\u{7F}"]
        var rng = SplitMix64(seed: 16)
        var unchanged = 0
        for _ in 0..<20_000 {
            let text = rng.text(of: alphabet, shorterThan: 12)
            let collapsed = TextCollapse.collapse(text)
            #expect(collapsed == Self.reference(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            if collapsed == text { unchanged += 1 }
        }
        #expect(unchanged > 1_000)
    }

    @Test func collapsesRunsAndEnds() {
        #expect(TextCollapse.collapse("  Article\t 1 \r\n  Scope  ") == "Article 1 Scope")
        #expect(TextCollapse.collapse("") == "")
        #expect(TextCollapse.collapse(" \n ") == "")
    }
}
