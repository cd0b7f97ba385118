@testable import DTIngest
import DTModel
import DTTestSupport
import Foundation
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

    /// The byte-level split against the line-by-line Character version it replaced,
    /// on openings that leave ASCII and on real article bodies.
    @Test func byteSplitAgreesWithTheCharacterRules() throws {
        var texts = [
            "Lead\n1\u{0301}. combining mark on the number\n2. plain",
            "1.\u{00C9}ach glued non-ASCII capital\n2.Each glued\n3.\u{0301}x",
            "1. A\n(\u{00E9}) accented label\n(a)\u{0301} combining on the bracket\n(iv) roman\n(abcde) too long\n(b no close",
            "  12 .3 WTO style\n\t(a)\ttabs\n123. three digits\n1.5 decimal\n1.",
            "", "\n\n", "1. only", "(a) before any paragraph\n1. then", "é lead\n1. x\n  continuation é\n(b) sub\n  more",
        ]
        if let files = SharedCorpus.totaFiles(40) {
            for file in files {
                let a = try DocumentLoader.load(path: file, options: IngestOptions(deferParagraphs: true))
                texts += a.articles.map(\.article.text)
            }
            #expect(texts.count > 1000)
        }
        for (i, text) in texts.enumerated() {
            let fast = ParagraphSplitter.split(text, firstLine: 7, path: "/p")
            let reference = Self.characterSplit(text, firstLine: 7, path: "/p")
            #expect(fast.leadText == reference.leadText, "text \(i)")
            #expect(fast.paragraphs == reference.paragraphs, "text \(i)")
        }
    }

    /// The rules on Substrings, line by line: what `split` did before it read bytes.
    static func characterSplit(_ text: String, firstLine: Int, path: String?) -> ParagraphSplitter.Result {
        var lead: [Substring] = [], currentLines: [Substring] = [], subLines: [Substring] = []
        var paragraphs: [Division] = []
        var current: Division?, sub: Division?
        var line = firstLine
        func joined(_ lines: [Substring]) -> Substring {
            guard let first = lines.first, let last = lines.last else { return "" }
            return text[first.startIndex..<last.endIndex]
        }
        func closeSub() {
            guard var s = sub else { return }
            s.text = joined(subLines).trimmed()
            current?.children.append(s)
            sub = nil
            subLines = []
        }
        func closeParagraph() {
            closeSub()
            guard var p = current else { return }
            p.text = joined(currentLines).trimmed()
            paragraphs.append(p)
            current = nil
            currentLines = []
        }
        for raw in ParagraphSplitter.lines(of: text) {
            defer { line += 1 }
            if let (number, rest) = ParagraphSplitter.paragraphNumber(raw) {
                closeParagraph()
                let n = paragraphs.count + 1
                current = Division(kind: .paragraph, number: number, location: SourceLocation(line: line, path: path.map { "\($0)/paragraph[\(n)]" }))
                currentLines = [rest]
            } else if current != nil, let (label, rest) = ParagraphSplitter.subparagraphLabel(raw) {
                closeSub()
                let n = (current?.children.count ?? 0) + 1
                sub = Division(kind: .subparagraph, number: label, location: SourceLocation(
                    line: line, path: current?.location.path.map { "\($0)/subparagraph[\(n)]" }))
                subLines = [rest]
            } else if sub != nil {
                subLines.append(raw)
            } else if current != nil {
                currentLines.append(raw)
            } else {
                lead.append(raw)
            }
        }
        closeParagraph()
        return ParagraphSplitter.Result(leadText: joined(lead).trimmed(), paragraphs: paragraphs)
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
