@testable import DTIngest
import DTModel
import Testing

@Suite struct ParagraphSplitterTests {
    @Test func numbersLettersAndGluedNumbers() {
        let text = "Lead text.\n1.Each Party shall maintain a framework.\n2. Each Party shall endeavour to:\n(a) avoid burdens;\n(b) facilitate input.\n1.a is not a paragraph"
        let r = ParagraphSplitter.split(text, firstLine: 10, path: "/a")
        #expect(r.leadText == "Lead text.")
        #expect(r.paragraphs.map(\.number) == ["1.", "2."])
        #expect(r.paragraphs.map(\.location.line) == [11, 12])
        #expect(r.paragraphs[1].children.map(\.number) == ["(a)", "(b)"])
        #expect(r.paragraphs[1].children[1].text.hasSuffix("1.a is not a paragraph"))
        #expect(r.paragraphs[0].text == "Each Party shall maintain a framework.")
    }

    @Test func crlfLinesAreSplitToo() {
        let r = ParagraphSplitter.split("1. First.\r\n2. Second.\r\n", firstLine: 1, path: nil)
        #expect(r.paragraphs.map(\.text) == ["First.", "Second."])
    }
}

@Suite struct InsertedArticleHeadingTests {
    @Test func aLetterAfterTheNumberIsPartOfIt() {
        #expect(HeadingParser.parse("Article ORIG.18 a Time of the Claim for Preferential Tariff Treatment")?.number == "Article ORIG.18 a")
        #expect(HeadingParser.parse("Article 10 bis")?.number == "Article 10 bis")
    }

    @Test func aSentenceIsNotAnInsertedArticle() {
        #expect(HeadingParser.parse("Article 5 a Party shall not impose customs duties on such goods.")?.number != "Article 5 a")
    }
}
