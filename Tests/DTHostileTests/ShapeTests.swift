import DTIngest
import DTModel
import DTXML
import Foundation
import Testing

/// Legal-looking but extreme shapes: very wide, very long lines, many paragraphs.
/// Each must be read in time roughly linear in its size (limits are generous for debug builds).
@Suite struct ShapeTests {
    static let cases: [(String, @Sendable () -> String)] = [
        ("50,000 articles", {
            var body = ""
            for i in 0..<50_000 { body += "<article number=\"ARTICLE \(i)\">1. Text \(i).</article>" }
            return "<treaty><meta><name>Wide</name></meta><body><chapter>\(body)</chapter></body></treaty>"
        }),
        ("one article with 100,000 paragraphs and subparagraphs", {
            var text = ""
            for i in 0..<50_000 { text += "\(i % 99 + 1). Paragraph.\n(a) sub;\n" }
            return totaDocument(article: text)
        }),
        ("a 5 MB line", { totaDocument(article: String(repeating: "word ", count: 1_000_000)) }),
        ("a 1 MB attribute", { totaDocument(article: "x", articleAttributes: "number=\"" + String(repeating: "9", count: 1 << 20) + "\"") }),
        ("100,000 empty chapters", {
            "<treaty><meta/><body>" + String(repeating: "<chapter/>", count: 100_000) + "</body></treaty>"
        }),
        ("100,000 comments and PIs", { totaDocument(article: String(repeating: "<!-- c --><?pi x?>", count: 100_000)) }),
        ("10,000 namespace declarations", {
            totaDocument(article: (0..<10_000).map { "<x:e xmlns:x=\"urn:\($0)\">t</x:e>" }.joined())
        }),
    ]

    @Test(arguments: 0..<cases.count)
    func extremeShapeIsReadInTime(index: Int) throws {
        let (name, make) = Self.cases[index]
        let xml = make()
        let dir = try TempDir()
        let path = try dir.write("shape.xml", xml)
        let (result, elapsed) = timed { load(path) }
        #expect(elapsed < .seconds(8), "\(name): \(xml.utf8.count) bytes took \(elapsed)")
        if let a = result?.agreement {
            #expect(a.totalTextLength <= 2 * xml.utf8.count, "\(name)")
        }
    }
}
