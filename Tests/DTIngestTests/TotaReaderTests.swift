import DTTestSupport
import DTIngest
import DTModel
import Foundation
import Testing

@Suite struct TotaReaderTests {
    @Test(.needsSharedCorpus) func everyToTAFileParsesWithOneArticlePerArticleElement() throws {
        guard let dir = SharedCorpus.path("tota") else { return }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(files.count == 450)
        // Every 15th in a plain `swift test`; all under DTCHECK_SLOW_TESTS=1.
        for file in SweepSample.every(15, of: files) {
            let path = dir + "/" + file
            let raw = try String(contentsOfFile: path, encoding: .utf8)
            let expected = raw.components(separatedBy: "<article").count - 1
            let agreement = try DocumentLoader.load(path: path)
            #expect(agreement.sourceFormat == .tota, "\(file)")
            #expect(agreement.count(of: .article) == expected, "\(file): articles")
            #expect(agreement.title?.isEmpty == false, "\(file): title")
            #expect(agreement.language != nil, "\(file): language")
        }
    }

    @Test(.needsSharedCorpus) func metaAndNumbersAreRead() throws {
        guard let path = SharedCorpus.path("tota/pta_449.xml") else { return }
        let a = try DocumentLoader.load(path: path)
        #expect(a.title == "Trans-Pacific Partnership")
        #expect(a.dateSigned == "2016-02-03")
        #expect(a.parties.count == 12)
        #expect(a.language == "en")
        let art = try #require(a.articles.first { $0.article.number == "ARTICLE 14.13" })
        #expect(art.article.heading == "Location Of Computing Facilities")
        #expect(art.chapter?.number == "CHAPTER 14")
        #expect(art.article.children.map(\.number) == ["1.", "2.", "3."])
        #expect(art.article.location.line > 5000)
        #expect(art.article.location.path?.hasPrefix("/treaty/body/chapter[") == true)
    }
}
