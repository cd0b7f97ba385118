import DTIngest
import DTModel
import DTTestSupport
import Foundation
import Testing

@Suite struct MalformedInputTests {
    private func error(_ name: String) -> IngestError? {
        do {
            _ = try Fixtures.load(name)
            return nil
        } catch let e as IngestError {
            return e
        } catch {
            Issue.record("\(name): not an IngestError: \(error)")
            return nil
        }
    }

    @Test func truncatedXMLGivesLineAndColumn() throws {
        let e = try #require(error("truncated.xml"))
        #expect(e.message.hasPrefix("malformed XML"))
        #expect((e.line ?? 0) >= 5)
        #expect(e.column != nil)
        #expect(e.description.contains("truncated.xml:\(e.line ?? 0):"))
    }

    @Test func emptyFileIsRefused() throws {
        let e = try #require(error("empty.txt"))
        #expect(e.message == "empty file")
    }

    @Test func binaryRenamedXMLIsRefused() throws {
        let e = try #require(error("binary.xml"))
        #expect(e.message.contains("binary"))
        #expect(e.line == 1)
    }

    @Test func docxThatIsNotAZipIsRefused() throws {
        let e = try #require(error("not-a-zip.docx"))
        #expect(e.message.contains("not a ZIP"))
    }

    @Test func forcedDocxOnTextIsRefused() throws {
        let options = IngestOptions(inputFormat: .docx)
        #expect(throws: IngestError.self) { try Fixtures.load("sample.txt", options: options) }
    }

    @Test func invalidUTF8IsPositioned() throws {
        let bytes: [UInt8] = Array("Article 1: Scope\nTe".utf8) + [0xFF, 0xFE, 0x41] + Array("xt\n".utf8)
        do {
            _ = try DocumentLoader.load(bytes: bytes, path: "bad.txt")
            Issue.record("expected an error")
        } catch let e as IngestError {
            #expect(e.line == 2)
            #expect(e.column == 3)
        }
    }

    @Test func malformedHTMLIsReadTolerantly() throws {
        let html = "<html><body><h2>Article 1: Scope<p>Text without closing tags<h2>Article 2: Other"
        let a = try DocumentLoader.load(bytes: Array(html.utf8), path: "broken.html")
        #expect(a.articleNumbers == ["Article 1", "Article 2"])
    }
}
