import DTTestSupport
import DTIngest
import DTModel
import DTXML
import Foundation
import Testing

@Suite struct HTMLReaderTests {
    @Test func fixtureSkipsChromeAndKeepsFootnotesAndTables() throws {
        let a = try Fixtures.load("sample.html")
        #expect(a.sourceFormat == .html)
        #expect(a.title == "Sample Agreement - Chapter 2")
        #expect(a.articleNumbers == ["Article 2.1", "Article 2.2", "ARTICLE 2.3"])
        let text = a.allText
        for chrome in ["Skip to main content", "Menu", "You are here", "Date modified", "Terms and conditions", "var menu"] {
            #expect(!text.contains(chrome), "chrome left: \(chrome)")
        }
        let a1 = a.articles[0].article
        #expect(a1.footnotes.count == 1)
        #expect(a1.footnotes.first?.label == "1")
        #expect(a1.footnotes.first?.text == "Including any surcharge.")
        #expect(!a1.text.contains("Footnote"))
        #expect(a1.location.path == "/html/body/main[1]/h2[1]")
        #expect(a1.location.line == 10)
        let a2 = a.articles[1].article
        #expect(a2.fullText.contains("Category\tStaging\nA\tImmediate\nB\tFive years"))
        #expect(a.articles[2].article.heading == "Export Duties")
    }

    /// A page with no charset declaration whose bytes are UTF-8 is read as UTF-8: read as
    /// Latin-1, the em dash of "ARTICLE 12.1 — Scope" became mojibake and lost every heading.
    @Test func undeclaredUTF8IsReadAsUTF8() throws {
        let html = """
        <!DOCTYPE html><html lang="en"><head><title>Treaty text</title></head><body>
        <main><h1>CHAPTER 12 — DIGITAL TRADE</h1>
        <h3>ARTICLE 12.1 — Objective and scope</h3><p>The Parties recognise the “digital” economy.</p>
        <h3>ARTICLE 12.2 — Customs duties</h3><p>No Party shall impose customs duties on electronic transmissions.</p>
        </main></body></html>
        """
        let a = try DocumentLoader.load(bytes: Array(html.utf8), path: "undeclared.html")
        #expect(a.title == "Treaty text")
        #expect(a.articleNumbers == ["ARTICLE 12.1", "ARTICLE 12.2"])
        #expect(a.allText.contains("“digital”"))
    }

    /// A page whose parse made no `a` element skips the footnote search; one with links
    /// (whatever their case or prefix) still finds its footnotes.
    @Test func footnoteSearchIsSkippedOnlyWithoutLinks() throws {
        func tree(_ html: String) throws -> XMLDocumentTree { try LibXMLParser.parseHTML(Array(html.utf8)) }
        #expect(try !tree("<html><body><p>1. No link here.</p></body></html>").mayHaveLinks)
        #expect(try tree("<p>See <A HREF=\"#x\">1</A></p>").mayHaveLinks)
        #expect(try tree("<p>See <o:a href=\"#x\">1</o:a></p>").mayHaveLinks)
        let html = """
        <html><body><h2>Article 1: Duties</h2>
        <p>1. No Party shall impose customs duties.<SUP><A HREF="#fn1">1</A></SUP></p>
        <div id="fn1"><p>1. Including any surcharge on transmissions.</p></div>
        </body></html>
        """
        let a = try DocumentLoader.load(bytes: Array(html.utf8), path: "links.html")
        let footnotes = a.allDivisions.flatMap(\.footnotes)
        #expect(footnotes.map(\.label) == ["1"])
        #expect(footnotes.first?.text.contains("surcharge") == true)
    }

    @Test func declaredWindows1252IsHonoured() throws {
        let a = try Fixtures.load("cp1252.html")
        #expect(a.title == "Accord de libre-échange")
        #expect(a.language == "fr")
        #expect(a.articles.map(\.article.heading) == ["Objet", "Définitions"])
        #expect(a.allText.contains("« marchandises »"))
        #expect(!a.allText.contains("Skip to"))
    }

    @Test(.needsSharedCorpus) func cusmaChapter2GivesArticleHeadingsWithoutMenuText() throws {
        guard let path = SharedCorpus.path("other/html/cusma_ch02_gac_en.html") else { return }
        let a = try DocumentLoader.load(path: path)
        let top = a.articleNumbers.filter { !$0.contains(".A.") }
        #expect(top == (1...17).map { "Article 2.\($0)" })
        #expect(a.articles.first?.article.heading == "Definitions")
        #expect(a.articles.first { $0.article.number == "Article 2.16" }?.article.heading == "Administrative Fees and Formalities")
        let text = a.allText
        for chrome in ["Skip to main content", "Menu", "Language selection", "You are here", "Date modified", "About this site"] {
            #expect(!text.contains(chrome), "chrome left: \(chrome)")
        }
        let footnotes = a.allDivisions.flatMap(\.footnotes)
        #expect(footnotes.count >= 5)
        #expect(!text.contains("Return to footnote"))
        #expect(a.title?.hasPrefix("Canada-United States-Mexico Agreement") == true)
    }

    @Test(.needsSharedCorpus) func renderedPta159HTMLHasTheToTAArticleNumbers() throws {
        guard let path = SharedCorpus.path("other/rendered/pta_159.html"),
              let expected = try ToTASource.articleNumbers("pta_159") else { return }
        let a = try DocumentLoader.load(path: path)
        #expect(a.articleNumbers == expected)
        #expect(!a.allText.contains("Trade agreements"))
    }

    @Test(.needsSharedCorpus) func renderedTppHTMLHasTheMarkdownArticleNumbers() throws {
        guard let html = SharedCorpus.path("other/rendered/tpp-ch14.html"),
              let md = SharedCorpus.path("other/tpp-ch14.md") else { return }
        let fromHTML = try DocumentLoader.load(path: html)
        let fromMarkdown = try DocumentLoader.load(path: md)
        #expect(fromHTML.articleNumbers == (1...18).map { "Article 14.\($0)" })
        #expect(fromHTML.articleNumbers == fromMarkdown.articleNumbers)
        #expect(fromHTML.articles.map(\.article.heading) == fromMarkdown.articles.map(\.article.heading))
    }
}
