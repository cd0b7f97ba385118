@testable import DTGrading
import DTModel
import Foundation
import Testing

/// `AmendingInstrument` reads the opening with its own byte search and a running
/// character count (for speed): the same answers as Foundation's search and as
/// counting the whole opening again.
@Suite struct AmendingInstrumentSearchTests {
    @Test(arguments: ["", "is amended as follows", "the article is amended as follows:", "is amended as follow",
                      "protocolo modificatorio é", "ñ protocole modifiant", "is amended  as follows", "iis amended as follows"])
    func bytesSearchAsFoundationDoes(_ text: String) {
        for formula in AmendingInstrument.titleFormulas + AmendingInstrument.operativeFormulas + ["is amended as follows"] {
            #expect(AmendingInstrument.holds(text, formula) == text.contains(formula), "\(text) / \(formula)")
        }
    }

    @Test(arguments: ["", "abc", "ab\r\ncd", "\r\n\r\n", "cafe\u{301} au lait", "e\u{301}\u{302}x", "“Article” 1", "a\u{1F1EB}\u{1F1F7}\u{1F1EB}b",
                      "x\u{0301}", "\u{0301}abc", "ab\r", "\r\u{301}\n", "line\nnext", "ñandú", "👩‍👩‍👧 family", "\u{0600}1 x", "각ᄀᄀ",
                      String(repeating: "ab\u{301}", count: 30)])
    func leadingCharactersAsPrefix(_ text: String) {
        for limit in [0, 1, 2, 3, 5, 8, 13, 40, 100] {
            let got = AmendingInstrument.leadingCharacters(text, upTo: limit)
            #expect(got.count == text.prefix(limit).count, "\(text.debugDescription) up to \(limit)")
            #expect(AmendingInstrument.prefix(text, limit) == String(text.prefix(limit)), "\(text.debugDescription) up to \(limit)")
            #expect(got.bytes == String(text.prefix(limit)).utf8.count, "\(text.debugDescription) up to \(limit)")
        }
        #expect(AmendingInstrument.characters(text) == text.count)
    }

    @Test(arguments: ["", "\n", "\n\nfirst\nsecond", "only", "a\r\nb\nc", "\n\u{301}x\ny"])
    func firstLineAsSplit(_ text: String) {
        for limit in [0, 1, 2, 200] {
            #expect(AmendingInstrument.firstLine(of: text, upTo: limit) == text.split(separator: "\n").first.map { $0.prefix(limit) })
        }
    }

    /// A formula just inside the opening's 4,000 characters is read; one just past
    /// them is not, however the text is cut into divisions.
    @Test(arguments: [1, 7, 40])
    func theOpeningEndsAtItsLength(_ pieces: Int) {
        func agreement(padding: Int) -> Agreement {
            let size = (padding + pieces - 1) / pieces
            var divisions: [Division] = []
            var left = padding
            while left > 0 {
                divisions.append(Division(kind: .paragraph, text: String(repeating: "x", count: min(size, left)), location: SourceLocation(line: 1)))
                left -= size
            }
            divisions.append(Division(kind: .paragraph, text: "Article 2 is replaced by the following", location: SourceLocation(line: 2)))
            return Agreement(language: "en", sourceFormat: .text, sourcePath: "a.txt", divisions: divisions)
        }
        #expect(AmendingInstrument.formula(in: agreement(padding: 3_000)) == "is replaced by the following")
        #expect(AmendingInstrument.formula(in: agreement(padding: 4_100)) == nil)
    }
}
