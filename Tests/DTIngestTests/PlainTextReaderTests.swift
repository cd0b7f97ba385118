import DTTestSupport
import DTIngest
import DTModel
import Foundation
import Testing

@Suite struct PlainTextReaderTests {
    @Test func markdownFixtureGivesChapterArticlesParagraphsAndFootnotes() throws {
        let a = try Fixtures.load("sample.md")
        #expect(a.sourceFormat == .markdown)
        #expect(a.title == "Sample Digital Trade Agreement")
        #expect(a.articleNumbers == ["Article 3.1", "Article 3.2", "Article 3.3"])
        let chapter = try #require(a.divisions.first { $0.kind == .chapter })
        #expect(chapter.number == "CHAPTER 3")
        #expect(chapter.heading == "Digital Trade")
        let art2 = try #require(a.articles.first { $0.article.number == "Article 3.2" }).article
        #expect(art2.heading == "Customs Duties")
        #expect(art2.location.line == 13)
        #expect(art2.location.column == 5)
        #expect(art2.children.map(\.number) == ["1.", "2."])
        #expect(art2.children[1].children.map(\.number) == ["(a)", "(b)"])
        #expect(!art2.fullText.contains("- 7 -"))
        let art3 = try #require(a.articles.first { $0.article.number == "Article 3.3" }).article
        #expect(art3.heading == "Source Code")
        #expect(art3.footnotes.map(\.label) == ["2"])
        #expect(!art3.fullText.contains("Viet Nam"))
        let art1 = try #require(a.articles.first).article
        #expect(art1.footnotes.first?.text.hasPrefix("For greater certainty, a digital product") == true)
        #expect(!a.allText.contains("layout: default"))
        #expect(!a.allText.contains("](#"))
    }

    @Test func textFixtureDropsPageFurnitureAndJoinsWrappedTitles() throws {
        let a = try Fixtures.load("sample.txt")
        #expect(a.sourceFormat == .text)
        #expect(a.title == "SAMPLE AGREEMENT ON ELECTRONIC COMMERCE")
        #expect(a.articleNumbers == ["Article 12.1", "Article 12.2", "ARTICLE 12.3"])
        let headings = a.articles.map(\.article.heading)
        #expect(headings == ["Definitions", "Cross-border Transfer of Information by Electronic Means",
                             "Location of Computing Facilities"])
        #expect(a.articles.first?.chapter?.heading == "ELECTRONIC COMMERCE")
        #expect(a.articles.first?.ancestors.last?.number == "SECTION A")
        let text = a.allText
        for furniture in ["12-1", "Page 2 of 3", "- 3 -", "Sample Agreement - Chapter 12"] {
            #expect(!text.contains(furniture), "\(furniture) left in the text")
        }
        // A cross-reference at a line start is not a heading.
        #expect(!a.articleNumbers.contains("Article 10.8"))
        #expect(a.articles[2].article.location == SourceLocation(line: 32, column: 1, path: nil))
    }

    @Test(.needsSharedCorpus) func tppChapter14GivesArticles1To18InOrder() throws {
        guard let path = SharedCorpus.path("other/tpp-ch14.md") else { return }
        let a = try DocumentLoader.load(path: path)
        #expect(a.articleNumbers == (1...18).map { "Article 14.\($0)" })
        #expect(a.language == "en")
        let a13 = try #require(a.articles.first { $0.article.number == "Article 14.13" }).article
        #expect(a13.heading == "Location of Computing Facilities")
        #expect(a13.children.map(\.number) == ["1.", "2.", "3."])
        #expect(a13.location.line == 156)
    }

    @Test(.needsSharedCorpus) func rcepChapter12GivesArticles1To17WithoutPageFurniture() throws {
        guard let path = SharedCorpus.path("other/rcep-ch12.txt") else { return }
        let a = try DocumentLoader.load(path: path)
        #expect(a.articleNumbers == (1...17).map { "Article 12.\($0)" })
        #expect(a.articles.first { $0.article.number == "Article 12.15" }?.article.heading
                == "Cross-border Transfer of Information by Electronic Means")
        let pageNumber = /(?m)^\s*1[23]-\d{1,2}\s*$/
        for art in a.articles {
            let text = art.article.fullText
            #expect(text.firstMatch(of: pageNumber) == nil, "\(art.article.number ?? ""): page number left in text")
        }
        // Page-bottom footnotes are kept apart, not in the article text.
        #expect(a.articles.reduce(0) { $0 + $1.article.footnotes.count } >= 10)
    }

    @Test(.needsSharedCorpus) func wtoJSIGivesArticlesAndSpacedParagraphNumbers() throws {
        guard let path = SharedCorpus.path("other/wto-jsi-ecommerce-2024.md") else { return }
        let a = try DocumentLoader.load(path: path)
        #expect(a.articleNumbers == (1...38).map { "Article \($0)" })
        let a11 = try #require(a.articles.first { $0.article.number == "Article 11" }).article
        #expect(a11.heading == "Customs Duties on Electronic Transmissions")
        #expect(a11.children.map(\.number) == ["11 .1", "11 .2", "11 .3", "11 .4", "11 .5"])
        #expect(a.articles.first { $0.article.number == "Article 23" }?.article.heading == "Security Exception")
        #expect(a.articles.first { $0.article.number == "Article 28" }?.article.heading
                == "Committee on Trade-Related Aspects of Electronic Commerce")
        #expect(!a.allText.contains("### - 11 -"))
    }

    @Test(.needsSharedCorpus) func renderedPta159TextHasTheToTAArticleNumbers() throws {
        guard let path = SharedCorpus.path("other/rendered/pta_159.txt"),
              let expected = try ToTASource.articleNumbers("pta_159") else { return }
        let a = try DocumentLoader.load(path: path)
        #expect(expected.count == 270)
        #expect(a.articleNumbers == expected)
    }

    @Test(.needsSharedCorpus) func dutchMarkdownIsDetectedAsDutch() throws {
        guard let path = SharedCorpus.path("other/nl_eu-korea-fta_BWBV0005188.md") else { return }
        let a = try DocumentLoader.load(path: path)
        #expect(a.sourceFormat == .markdown)
        #expect(a.language == "nl")
        #expect(a.articleNumbers.count == 332)
        #expect(a.articleNumbers.first == "Artikel 1.1")
        #expect(a.articleNumbers.contains("Artikel 3 bis"))
        #expect(a.articles.first?.chapter?.number == "HOOFDSTUK EEN")
    }
}
