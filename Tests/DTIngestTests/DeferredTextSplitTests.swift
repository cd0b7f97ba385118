import DTTestSupport
import DTIngest
import DTModel
import Foundation
import Testing

/// Issue #15, point 5: text and Markdown bodies read for grading are left unsplit
/// (as ToTA bodies are) and split when the rules reach them; the split must then be
/// the one an eager read makes, paragraph locations included.
@Suite struct DeferredTextSplitTests {
    /// Every division with its pending body split, recursively.
    static func split(_ d: Division) -> Division {
        var s = d.withParagraphs()
        s.children = s.children.map(split)
        return s
    }

    static func files() -> [URL] {
        var out: [URL] = []
        for dir in ["corpus/drafts", "corpus/fixtures"] {
            let root = SharedCorpus.packageRoot.appendingPathComponent(dir)
            guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in e where ["md", "txt", "markdown"].contains(url.pathExtension.lowercased()) { out.append(url) }
        }
        return out.sorted { $0.path < $1.path }
    }

    @Test func deferredThenSplitEqualsEagerOnTheRepositoryTexts() throws {
        let files = Self.files()
        #expect(files.count >= 10)
        var deferredSomewhere = false
        for url in files {
            let eager: Agreement
            do { eager = try DocumentLoader.load(path: url.path) } catch { continue } // hostile fixtures may refuse
            let lazy = try DocumentLoader.load(path: url.path, options: IngestOptions(deferParagraphs: true))
            if lazy.articles.contains(where: { $0.article.paragraphsPending }) { deferredSomewhere = true }
            #expect(lazy.divisions.map(Self.split) == eager.divisions, "\(url.lastPathComponent)")
            #expect(lazy.language == eager.language, "\(url.lastPathComponent)")
        }
        #expect(deferredSomewhere, "no article was left unsplit")
    }

    @Test func bodyBelowItsHeadingKeepsParagraphLines() throws {
        let text = "AGREEMENT\n\nArticle 1: Customs Duties\n\n1. No Party shall impose customs duties.\n\n2. For greater certainty:\n(a) one;\n(b) two.\n"
        let eager = try DocumentLoader.load(bytes: Array(text.utf8), path: "a.txt")
        let lazy = try DocumentLoader.load(bytes: Array(text.utf8), path: "a.txt", options: IngestOptions(deferParagraphs: true))
        let article = try #require(lazy.articles.first).article
        #expect(article.paragraphsPending)
        let split = article.withParagraphs()
        #expect(split.children.map(\.number) == ["1.", "2."])
        #expect(split.children.map(\.location.line) == [5, 7])
        #expect(lazy.divisions.map(Self.split) == eager.divisions)
    }
}
