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
            // Every 4th in a plain `swift test`; all under DTCHECK_SLOW_TESTS=1.
            paths += SweepSample.every(4, of: names.sorted().map { other + "/" + $0 }
                .filter { !FileManager.default.isDirectory($0) && FileManager.default.size($0) < 5_000_000 })
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

/// The dispute exclusion's "except Article …" check, on bytes, against the
/// Foundation search it replaced.
@Suite struct DisputeExceptionTests {
    static func reference(_ text: String, number: String) -> Bool {
        for marker in ["except", "other than", "with the exception of", "save for"] {
            var search = text.startIndex..<text.endIndex
            while let r = text.range(of: marker, range: search) {
                let tail = text[r.upperBound...].prefix(80)
                if DisputeExclusion.articleNumbers(in: String(tail)).contains(where: { $0.contains(number) }) { return true }
                search = r.upperBound..<text.endIndex
            }
        }
        return false
    }

    @Test func exceptsAgreesWithTheFoundationSearch() {
        let texts = [
            "chapter 28 (dispute settlement) shall not apply to this chapter, except article 14.3.",
            "dispute settlement shall not apply to this chapter other than articles 14.2 (definitions) to 14.5 and 14.9.",
            "with the exception of article 7, nothing applies; save for articles 3 and 4 — naïve café except article 12",
            "except except article", "other than", "exceptional article 5", "", "é except article 1.1 (ü) and 1.2",
        ]
        for text in texts {
            for number in ["14.3", "14.4", "14.9", "7", "3", "4", "5", "12", "1.2", "2"] {
                #expect(DisputeExclusion.excepts(text, number: number) == Self.reference(text, number: number), "\(text) / \(number)")
            }
        }
        #expect(DisputeExclusion.excepts(texts[0], number: "14.3"))
        #expect(!DisputeExclusion.excepts(texts[0], number: "14.4"))
    }
}
