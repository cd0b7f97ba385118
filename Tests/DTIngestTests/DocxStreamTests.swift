@testable import DTIngest
import DTModel
import DTTestSupport
import DTXML
import Foundation
import Testing

/// The streamed Word reader reads what the tree walker reads: the same blocks,
/// lines and paths, with tracked changes accepted and rejected.
@Suite struct DocxStreamTests {
    static func blocks(_ path: String) throws -> (tree: [[String]], stream: [[String]], treeRejected: [[String]], streamRejected: [[String]]) {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let zip = try ZipParts(bytes: bytes, path: path, limit: 1 << 30, kind: "DOCX")
        let document = try #require(try zip.read("word/document.xml"))
        let tree = try LibXMLParser.parseXML(document)
        let body = try #require(tree.root.child("body"))
        func rows(_ b: [DocBlock]) -> [[String]] { b.map { [$0.text, "\($0.line)", $0.path, "\($0.isStyledHeading)", "\($0.isTable)"] } }
        var accepted = DocxWalker(notes: [:])
        accepted.walk(body, path: "/w:document/w:body")
        var rejected = DocxWalker(notes: [:], view: .rejected)
        rejected.walk(body, path: "/w:document/w:body")
        let stream = DocxStream(notes: [:])
        _ = try LibXMLParser.streamXML(document, into: stream)
        #expect(stream.changes.filter { $0.kind != .comment } == accepted.changes.filter { $0.kind != .comment })
        return (rows(accepted.blocks), rows(stream.accepted), rows(rejected.blocks), rows(stream.rejected))
    }

    @Test func redlineFixture() throws {
        let path = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts/negotiating/redline-round4.docx").path
        let b = try Self.blocks(path)
        #expect(b.stream == b.tree)
        #expect(b.streamRejected == b.treeRejected)
        #expect(b.stream != b.streamRejected)
    }

    @Test(arguments: ["other/docx/2021.12.23_EU_ORD_.docx", "other/docx/Final_New_Zealand_Origin_Reference_Document.docx"])
    func sharedWordFiles(_ file: String) throws {
        guard let path = SharedCorpus.path(file) else { return }
        let b = try Self.blocks(path)
        #expect(b.stream.count == b.tree.count)
        #expect(b.stream == b.tree)
    }
}
