import DTRules
import Foundation
import Testing

@Suite struct PatternTests {
    func matches(_ pattern: String, _ text: String) throws -> Bool {
        try Pattern(pattern).firstMatch(in: text as NSString) != nil
    }

    @Test func spacesMatchMergedOCRWords() throws {
        #expect(try matches("customs duties on electronic transmissions", "impose customsdutiesonelectronic transmissions;"))
    }

    @Test func hyphenMatchesSpaceOrNothing() throws {
        #expect(try matches("cross-border transfer", "the cross border transfer"))
        #expect(try matches("cross-border transfer", "the crossborder transfer"))
    }

    @Test func optionalsAlternativesAndWildcards() throws {
        #expect(try matches("[the] (use|location) of computing facilit*", "location of computing facilities"))
        #expect(try matches("transmissions?", "transmission"))
        #expect(try !matches("\\bmay\\b", "dismayed"))
    }

    @Test func gapsAreBounded() throws {
        let far = "require " + String(repeating: "x", count: 400) + " source code"
        #expect(try !matches("require ... source code", far))
        #expect(try matches("require ... source code", "require the transfer of, or access to, source code"))
    }

    @Test func keywordPrefilterReadsTextSqueezed() {
        let m = KeywordMatcher(groups: [[Squeezed.of("customs dut")], [Squeezed.of("source code")], []])
        // Case, hyphens, merged words and a line break do not hide a keyword; an empty group always passes.
        #expect(m.groups(in: ["Impose CUSTOMS-", "duties on e-transmissions"]) == 0b101)
        #expect(m.groups(in: ["no sourcecode here"]) == 0b110)
    }
}

import DTModel

/// The ASCII fast path of the normaliser must agree with the general one.
@Suite struct NormalizerTests {
    @Test func asciiAndUnicodePathsAgree() {
        let samples = ["No Party SHALL   impose\tcustoms duties", "informa-\n  tion flows", "cross-\nBorder", "`quoted'  text\r\nnext", "a -\nb", "X-\n"]
        for s in samples {
            // Appending a non-ASCII no-op character forces the general path.
            let general = TextNormalizer.normalize(s + "\u{00AD}")
            #expect(TextNormalizer.normalize(s) == general, "\(s.debugDescription)")
        }
        #expect(TextNormalizer.normalize("informa-\n  tion FLOWS") == "information flows")
        #expect(TextNormalizer.normalize("“Customs” – duties") == "\"customs\" - duties")
    }
}
