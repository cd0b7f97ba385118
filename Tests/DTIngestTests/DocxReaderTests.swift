import DTTestSupport
import DTIngest
import DTModel
import Foundation
import Testing

@Suite struct DocxReaderTests {
    @Test func fixtureGivesStyledAndPlainNumberedHeadings() throws {
        let a = try Fixtures.load("sample.docx")
        #expect(a.sourceFormat == .docx)
        #expect(a.title == "Sample Rules of Origin")
        #expect(a.articleNumbers == ["Article ORIG.1", "Article ORIG.2", "Article ORIG.3"])
        #expect(a.articles.map(\.article.heading) == ["Objective", "Definitions", "Tolerances"])
        let first = a.articles[0].article
        // Line is the paragraph's number in the document; path is its element path.
        #expect(first.location.line == 3)
        #expect(first.location.path == "/w:document/w:body/w:p[3]")
        #expect(first.footnotes.map(\.text) == ["For greater certainty, this applies to both Parties."])
        #expect(a.articles[1].article.fullText.contains("Heading\tRule\n01.01\tCC"))
        #expect(a.articles.first?.ancestors.first?.number == "SECTION 1")
    }

    @Test func odtFixtureGivesHeadingsTitlesAndNotes() throws {
        let a = try Fixtures.load("sample.odt")
        #expect(a.sourceFormat == .odt)
        #expect(a.title == "Sample ODT Origin Document")
        #expect(a.articleNumbers == ["Article 1", "Article 2"])
        #expect(a.articles.map(\.article.heading) == ["Definitions", "Requirements"])
        #expect(a.articles[0].article.footnotes.map(\.text) == ["Including fish farming."])
        #expect(a.articles[0].article.text.contains("this document"))
        #expect(a.articles[1].article.children.map(\.number) == ["1."])
    }

    @Test func zipBombIsRefused() throws {
        let options = IngestOptions(maxUncompressedSize: 1_000_000)
        #expect(throws: IngestError.self) { try Fixtures.load("bomb.docx", options: options) }
        do {
            _ = try Fixtures.load("bomb.docx", options: options)
        } catch let e as IngestError {
            #expect(e.message.contains("ZIP bomb"))
            #expect(e.message.contains("word/document.xml"))
        }
        // Under the default limit the same file reads.
        #expect(try Fixtures.load("bomb.docx").articleNumbers.count == 3)
    }

    @Test func packageWithoutDocumentIsAClearError() throws {
        do {
            _ = try Fixtures.load("no-document.docx")
            Issue.record("expected an error")
        } catch let e as IngestError {
            #expect(e.message.contains("word/document.xml"))
        }
    }

    @Test(.needsSharedCorpus) func euOriginDocumentGivesOrigArticles() throws {
        guard let path = SharedCorpus.path("other/docx/2021.12.23_EU_ORD_.docx") else { return }
        let a = try DocumentLoader.load(path: path)
        let numbers = a.articleNumbers
        #expect(numbers.count >= 20)
        #expect(Array(numbers.prefix(17)) == (1...17).map { "Article ORIG.\($0)" })
        #expect(numbers.allSatisfy { $0.hasPrefix("Article ORIG.") })
        // An inserted article keeps its letter: ORIG.18, ORIG.18 a, ORIG.19.
        #expect(Array(numbers.dropFirst(17).prefix(3)) == ["Article ORIG.18", "Article ORIG.18 a", "Article ORIG.19"])
        #expect(a.articles.first { $0.article.number == "Article ORIG.18 a" }?.article.heading == "Time of the Claim for Preferential Tariff Treatment")
        #expect(a.articles.first?.article.heading == "Objective")
        #expect(!a.allDivisions.flatMap(\.footnotes).isEmpty)
    }

    @Test(.needsSharedCorpus) func everyRealWordAndODTFileReads() throws {
        guard let dir = SharedCorpus.path("other/docx") else { return }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(files.count == 4)
        // Every 2nd in a plain `swift test`; all under DTCHECK_SLOW_TESTS=1.
        for file in SweepSample.every(2, of: files) {
            let a = try DocumentLoader.load(path: dir + "/" + file)
            #expect(a.articleNumbers.count >= 10, "\(file)")
            #expect(a.language == "en", "\(file)")
            #expect(a.articles.allSatisfy { $0.article.location.path?.hasPrefix(file.hasSuffix(".odt") ? "/office:document-content" : "/w:document/w:body/") == true }, "\(file)")
        }
    }

    @Test(.needsSharedCorpus) func renderedPta159DocxHasTheToTAArticleNumbers() throws {
        guard let path = SharedCorpus.path("other/rendered/pta_159.docx"),
              let expected = try ToTASource.articleNumbers("pta_159") else { return }
        let a = try DocumentLoader.load(path: path)
        #expect(a.articleNumbers == expected)
    }
}
