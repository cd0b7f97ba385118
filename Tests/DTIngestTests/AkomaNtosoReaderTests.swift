import DTTestSupport
import DTIngest
import DTModel
import Foundation
import Testing

@Suite struct AkomaNtosoReaderTests {
    @Test func fixtureGivesMetadataHierarchyAndNotes() throws {
        let a = try Fixtures.load("sample.akn.xml")
        #expect(a.sourceFormat == .akomaNtoso)
        #expect(a.title == "Acuerdo de Comercio Digital")
        #expect(a.dateSigned == "2020-06-12")
        #expect(a.language == "es") // FRBRlanguage "spa"
        #expect(a.divisions.first?.kind == .preamble)
        #expect(a.articleNumbers == ["Artículo 1", "Artículo 2"])
        let art1 = a.articles[0]
        #expect(art1.chapter?.number == "Capítulo 1")
        #expect(art1.article.heading == "Ámbito de aplicación")
        #expect(art1.article.location.path == "chp_1__art_1")
        #expect(art1.article.location.line == 30)
        let paragraphs = art1.article.children
        #expect(paragraphs.map(\.number) == ["1.", "2."])
        #expect(paragraphs[0].footnotes.map(\.label) == ["1"])
        #expect(!paragraphs[0].text.contains("autoridades locales"))
        #expect(paragraphs[1].text == "El presente Acuerdo no se aplica a:")
        #expect(paragraphs[1].children.map(\.number) == ["(a)", "(b)"])
        #expect(paragraphs[1].children.map(\.kind) == [.subparagraph, .subparagraph])
        #expect(a.articles[1].article.text == "Ninguna Parte impondrá derechos de aduana a las transmisiones electrónicas.")
    }

    @Test(.needsSharedCorpus) func everyRealSampleParses() throws {
        guard let dir = SharedCorpus.path("other/akn") else { return }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(files.count == 9)
        for file in files {
            let a = try DocumentLoader.load(path: dir + "/" + file)
            #expect(a.sourceFormat == .akomaNtoso, "\(file)")
            #expect(!a.divisions.isEmpty, "\(file)")
            #expect(a.language != nil, "\(file)")
            #expect(a.allText.count > 500, "\(file)")
        }
    }

    @Test(.needsSharedCorpus) func realSamplesGiveTheirStructureAndLanguages() throws {
        guard let dir = SharedCorpus.path("other/akn") else { return }
        let eu = try DocumentLoader.load(path: dir + "/eu_COM(2013)0619_EN-8.xml")
        #expect(eu.articleNumbers.first == "Article 1")
        #expect(eu.articleNumbers.count == 24)
        #expect(eu.dateSigned == "2013-09-17")
        let uy = try DocumentLoader.load(path: dir + "/uy_bill_2010-09-27.xml")
        #expect(uy.language == "es") // FRBRlanguage "esp"
        #expect(uy.articleNumbers.count == 3)
        let cl = try DocumentLoader.load(path: dir + "/cl_Sesion56_2.xml")
        #expect(cl.language == "es")
        let za = try DocumentLoader.load(path: dir + "/za_capetown_community-fire-safety.xml")
        #expect(za.title == "Community Fire Safety By-law")
        #expect(za.count(of: .chapter) == 15)
        #expect(za.articles.first?.article.location.path?.isEmpty == false)
        let us = try DocumentLoader.load(path: dir + "/us_Title9-Chap3-eng.xml")
        #expect(us.articleNumbers == (301...307).map { "§ \($0)." })
    }
}
