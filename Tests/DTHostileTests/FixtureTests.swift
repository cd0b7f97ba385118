import DTIngest
import DTModel
import Foundation
import Testing

/// Every file in corpus/fixtures/hostile (including fuzzer crashers) keeps the contract.
@Suite struct FixtureTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("corpus/fixtures/hostile")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0 != "README.md" }.sorted()
    }

    @Test func fixturesArePresent() {
        #expect(Self.files.count >= 10, "corpus/fixtures/hostile is missing or nearly empty")
    }

    @Test(arguments: files)
    func fixtureKeepsTheContract(name: String) throws {
        let path = Self.directory.appendingPathComponent(name).path
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).intValue
        let (result, elapsed) = timed { load(path) }
        #expect(elapsed < .seconds(2), "\(name): took \(elapsed)")
        if let agreement = result?.agreement {
            #expect(!agreement.contains("root:"), "\(name): /etc/passwd in the model")
            #expect(!agreement.allStrings.contains { $0.contains("\u{0}") }, "\(name): NUL in the model")
            #expect(agreement.totalTextLength <= 2 * size + 1_100_000, "\(name): text blew up")
        }
        // The same bytes through the in-memory entry point, as the fuzzer calls it.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        _ = outcome(path: name) { try DocumentLoader.load(bytes: bytes, path: name) }
    }

    /// Specific expectations for the fixtures that found bugs.
    @Test func fixturesThatFoundBugsAreRefused() throws {
        for name in ["quadratic-entity.xml", "quadratic-entity-attribute.xml", "utf32-bom.txt", "nul-in-xml.xml", "truncated.xml",
                     "zip-seek-past-end.docx"] {
            let path = Self.directory.appendingPathComponent(name).path
            #expect(load(path)?.error != nil, "\(name) was accepted")
        }
        let q = try #require(load(Self.directory.appendingPathComponent("quadratic-entity.xml").path)?.error)
        #expect(q.message.contains("entit"), "\(q)")
    }
}
