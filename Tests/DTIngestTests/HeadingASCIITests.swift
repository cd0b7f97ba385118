import DTTestSupport
@testable import DTIngest
import Testing

/// `HeadingParser.parseASCII` reads printable-ASCII lines on bytes; whenever it answers
/// (a heading or surely none) the answer must be the Character parse's.
@Suite struct HeadingASCIITests {
    /// Heading-like lines built from the pieces the parse looks at: leads, keywords in
    /// several cases, numbers of every shape, trailing punctuation, inserted-article
    /// words, separators, titles with footnote marks, dot leaders and closing punctuation.
    static func line(_ rng: inout SplitMix64) -> String {
        func pick(_ xs: [String]) -> String { xs[Int(rng.next() % UInt64(xs.count))] }
        var s = pick(["", "", "", " ", "  ", "#", "## ", "_", "\"", "*", "\t"])
        s += pick(["Article", "ARTICLE", "article", "Art.", "art", "Chapter", "CHAPTER", "Section", "Part", "Annex",
                   "ANNEX", "Preamble", "Module", "Title", "Artikel", "Articles", "Articulo", "Art", "Paragraph", "X"])
        s += pick([" ", " ", "  ", "", ":", "\u{A0}"])
        s += pick(["5", "14.1", "8.61-F", "IV", "ONE", "TWENTY-ONE", "2.A.1", "A", "a", "1bis", "ORIG.18", "5.", "5,",
                   "5)", "5-", ".", "", "x1", "12345678901234567", "3;"])
        s += pick(["", "", " bis", " ter", " a", " A", " b Scope", "  ", " Quater"])
        s += pick(["", ":", ": ", " - ", ".", " ", " –", "  :"])
        s += pick(["", "Definitions", "Scope and Coverage", "is subject to", "[Reserved]", "(^1)", "Customs Duties[1]",
                   "Title ..... 12", "General - 3 -", "Scope;", "Scope,", "5 years", "Data Flows (2)", "Über", "the end.",
                   String(repeating: "Long title ", count: 20)])
        return s
    }

    @Test func byteParseAgreesWithTheCharacterParse() {
        var rng = SplitMix64(seed: 21)
        var answered = 0, headings = 0
        for _ in 0..<20_000 {
            let l = Self.line(&rng)
            switch HeadingParser.parseASCII(l) {
            case .heading(let m):
                answered += 1
                headings += 1
                #expect(HeadingParser.parseCharacters(l) == m, "\(l)")
            case .noHeading:
                answered += 1
                #expect(HeadingParser.parseCharacters(l) == nil, "\(l)")
            case .unsure:
                break
            }
        }
        // The byte parse answered most lines, headings among them: the comparison was made.
        #expect(answered > 5_000)
        #expect(headings > 800)
    }

    @Test func numberShapeTellsASCIIDigitsOnBytesAsCharactersDo() {
        #expect(HeadingParser.numberShape("6500", kind: .article) == "int")
        #expect(HeadingParser.numberShape("1\u{301}", kind: .article) != "int") // a digit with a mark: no ASCII Character
        #expect(HeadingParser.numberShape("\u{0661}", kind: .article) != "int") // Arabic-Indic one: a number, not ASCII
        #expect(HeadingParser.numberShape("14.1", kind: .article) == "dotted")
    }

    @Test func commonHeadingsAreReadOnBytes() {
        let m = HeadingMatch(kind: .article, number: "Article 14.1", heading: "Definitions",
                             style: "article/title/dotted/punct", offset: 0)
        #expect(HeadingParser.parseASCII("Article 14.1: Definitions") == .heading(m))
        #expect(HeadingParser.parseASCII("ARTICLE 3 bis") != .unsure)
        #expect(HeadingParser.parseASCII("Article 5, paragraph 2") == .noHeading)
        #expect(HeadingParser.parseASCII("Artículo 5") == .unsure) // not ASCII
        #expect(HeadingParser.parseASCII("**Article 5**") == .unsure) // emphasis
    }

    /// `cleanTitle`'s shortcut (`cleansToItself`) against its steps, on titles built of
    /// the pieces the steps act on: spaces at the ends, dot leaders, page numbers,
    /// footnote marks, trailing emphasis, tabs, non-ASCII letters.
    @Test func titleShortcutAgreesWithTheSteps() {
        var rng = SplitMix64(seed: 616)
        let pieces = ["Scope", "Data", " ", "  ", ".", "...", "....", "-", " - 3 -", "[1]", "[^2]", "(^3)", "(a)", "*", "_", "#",
                      "\t", "Über", "é", "x", "12", ";", ",", ":", "]", ")"]
        var kept = 0
        for _ in 0..<60_000 {
            var t = ""
            for _ in 0..<Int(rng.next() % 7) { t += pieces[Int(rng.next() % UInt64(pieces.count))] }
            if HeadingParser.cleansToItself(t) { kept += 1 }
            #expect(HeadingParser.cleanTitle(t) == HeadingParser.cleanTitleSteps(t), "\(t.debugDescription)")
        }
        #expect(kept > 5_000)
    }
}
