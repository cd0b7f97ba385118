import DTTestSupport
import DTIngest
import DTModel
import Foundation
import Testing

@Suite struct GenericXMLReaderTests {
    @Test func structureFromElementNames() throws {
        let a = try Fixtures.load("utf16-bom.xml")
        #expect(a.sourceFormat == .xml)
        #expect(a.title == "UTF-16 Agreement")
        #expect(a.articleNumbers == ["Article 1", "Article 2"])
        #expect(a.articles.map(\.article.heading) == ["Scope", "Definitions"])
        #expect(a.articles[1].article.location.path == "/agreement/article[2]")
    }

    @Test func structureFromNumberedHeadingsInText() throws {
        let a = try Fixtures.load("structureless.xml")
        #expect(a.articleNumbers == ["ARTICLE 9.10", "ARTICLE 9.11"])
        #expect(a.articles.map(\.article.heading) == ["Transparency", "Cooperation"])
        #expect(a.articles[0].article.text == "Each Party shall publish its measures promptly.")
        #expect(a.articles[0].article.location.path == "/export/block[2]")
    }

    @Test func noStructureStillKeepsTheText() throws {
        let a = try Fixtures.load("plain-body.xml")
        #expect(a.divisions.count == 1)
        #expect(a.divisions[0].kind != .article)
        #expect(a.allText.contains("The Parties met and discussed electronic commerce at length."))
    }

    @Test(.needsSharedCorpus) func uslmParsesIntoSections() throws {
        guard let path = SharedCorpus.path("other/uslm/114hr644enr_good.xml") else { return }
        let a = try DocumentLoader.load(path: path)
        #expect(a.sourceFormat == .xml)
        #expect(a.title?.hasPrefix("114 HR 644 ENR") == true)
        #expect(a.language == "en")
        let numbers = a.articleNumbers
        #expect(numbers.first == "SECTION 1.")
        #expect(numbers.count > 80)
        #expect(numbers.dropFirst().allSatisfy { $0.hasPrefix("SEC. ") })
        // Sections quoted by amendments belong to other Acts and are not this Act's sections.
        #expect(Set(numbers).count == numbers.count)
        #expect(a.count(of: .part) >= 5)
        #expect(a.articles[1].article.heading == "DEFINITIONS.")
    }
}
