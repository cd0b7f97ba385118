@testable import DTGrading
import DTIngest
import DTModel
import DTTestSupport
import Foundation
import Testing

/// The index walks the document its own way; it must find the articles, and the
/// chapters around them, that `Agreement.articles` finds.
@Suite struct DocumentIndexTests {
    @Test func articlesAndChaptersAsTheModelHasThem() throws {
        let drafts = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts").path
        var paths = try FileManager.default.contentsOfDirectory(atPath: drafts).sorted().map { drafts + "/" + $0 }
        paths += SharedCorpus.totaFiles(15) ?? []
        if let other = SharedCorpus.path("other"),
           let names = FileManager.default.enumerator(atPath: other)?.allObjects as? [String] {
            // Every format there (files over 5 MB would be slow in a debug build).
            paths += names.sorted().map { other + "/" + $0 }
                .filter { !FileManager.default.isDirectory($0) && FileManager.default.size($0) < 5_000_000 }
        }
        var checked = 0
        for path in paths {
            guard let agreement = try? DocumentLoader.load(path: path) else { continue }
            let walked = DocumentIndex.articlesWithChapters(agreement.divisions)
            let model = agreement.articles
            #expect(walked.map(\.article) == model.map(\.article), "\(path)")
            #expect(walked.map(\.chapter) == model.map(\.chapter), "\(path)")
            checked += 1
        }
        #expect(checked >= 10)
    }
}

private extension FileManager {
    func size(_ path: String) -> Int {
        ((try? attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
