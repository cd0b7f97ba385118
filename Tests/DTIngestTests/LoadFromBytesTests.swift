import DTIngest
import DTModel
import Foundation
import Testing

/// `DocumentLoader.load(bytes:path:)`, the entry point `dtcheck serve` reads uploads
/// through: the name is a label (format hint, messages), never a file that is opened.
@Suite struct LoadFromBytesTests {
    @Test func bytesUnderAnyNameReadAsTheFileDoes() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("sample.docx"))))
        let fromFile = try Fixtures.load("sample.docx")
        let fromBytes = try DocumentLoader.load(bytes: bytes, path: "/no/such/folder/upload.docx")
        #expect(fromBytes.title == fromFile.title)
        #expect(fromBytes.articleNumbers == fromFile.articleNumbers)
        #expect(fromBytes.articles.map(\.article.fullText) == fromFile.articles.map(\.article.fullText))
    }

    @Test func theNameOfARealFileIsNotOpened() {
        // Named after a readable draft, the bytes are what is read: and they are not a draft.
        let real = Fixtures.path("sample.docx")
        #expect(throws: IngestError.self) { try DocumentLoader.load(bytes: [0x50, 0x4B, 0, 0], path: real) }
        #expect(throws: IngestError(path: "empty.md", message: "empty file")) { try DocumentLoader.load(bytes: [], path: "empty.md") }
    }

    @Test func theSizeLimitHoldsForBytesToo() {
        var options = IngestOptions()
        options.maxFileSize = 10
        #expect(throws: IngestError.self) { try DocumentLoader.load(bytes: Array("0123456789A".utf8), path: "a.txt", options: options) }
    }
}
