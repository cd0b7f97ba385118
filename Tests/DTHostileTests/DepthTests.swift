import DTIngest
import DTModel
import DTXML
import Foundation
import Testing

/// Deep nesting must not overflow the stack: XML is refused with an error that
/// says why, HTML is flattened beyond `XMLParseLimits.maxDepth`.
@Suite struct DepthTests {
    static let depth = 100_000

    @Test func deepXMLIsRefusedWithADepthError() throws {
        let dir = try TempDir()
        let xml = totaDocument(article: String(repeating: "<b>", count: Self.depth) + "deep"
                                   + String(repeating: "</b>", count: Self.depth))
        let path = try dir.write("deep.xml", xml)
        let (result, elapsed) = timed { load(path) }
        #expect(elapsed < .seconds(5), "took \(elapsed)")
        switch result {
        case .refused(let error)?:
            #expect(error.message.lowercased().contains("depth") || error.message.lowercased().contains("deep"),
                    "error does not say the nesting is too deep: \(error)")
            #expect((error.line ?? 0) > 0, "no line: \(error)")
        case .document(let agreement)?:
            #expect(agreement.contains("deep"))
        case nil:
            break
        }
    }

    @Test func deepXMLThroughTheRawParser() throws {
        let xml = "<r>" + String(repeating: "<b>", count: Self.depth) + String(repeating: "</b>", count: Self.depth) + "</r>"
        do {
            let tree = try LibXMLParser.parseXML(Array(xml.utf8))
            #expect(tree.flattenedDeepNesting)
        } catch let error as XMLParseError {
            #expect(error.message.lowercased().contains("depth"), "\(error)")
        }
    }

    /// Between the flattening depth (200) and libxml2's XML limit (256): parsed, flattened, text kept.
    @Test func xmlBetweenFlattenAndParserLimitIsFlattenedNotLost() throws {
        let n = 240
        let xml = "<r>" + String(repeating: "<b>", count: n) + "deep text" + String(repeating: "</b>", count: n) + "</r>"
        let tree = try LibXMLParser.parseXML(Array(xml.utf8))
        #expect(tree.flattenedDeepNesting)
        #expect(tree.root.textContent == "deep text")
        var depth = 0
        var element: XMLElement? = tree.root
        while let e = element { depth += 1; element = e.childElements.first }
        #expect(depth <= XMLParseLimits.maxDepth)

        let dir = try TempDir()
        let path = try dir.write("deep240.xml", totaDocument(
            article: String(repeating: "<b>", count: n) + "deep text" + String(repeating: "</b>", count: n)))
        let agreement = try #require(load(path)?.agreement)
        #expect(agreement.contains("deep text"))
    }

    static let htmlCases: [(String, String)] = [
        ("nested div", String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)),
        ("unclosed div", String(repeating: "<div>", count: depth) + "deep"),
        ("unclosed span", String(repeating: "<span>", count: depth) + "deep"),
        ("nested tables", String(repeating: "<table><tr><td>", count: depth / 3) + "deep"),
        ("nested lists", String(repeating: "<ul><li>", count: depth / 2) + "deep"),
        ("unclosed b/i", String(repeating: "<b><i>", count: depth / 2) + "deep"),
    ]

    @Test(arguments: 0..<htmlCases.count)
    func deepHTMLIsFlattened(index: Int) throws {
        let (name, body) = Self.htmlCases[index]
        let html = "<!DOCTYPE html><html><body><p>Article 1</p>" + body + "</body></html>"
        let (result, elapsed) = timed { Result { try LibXMLParser.parseHTML(Array(html.utf8)) } }
        #expect(elapsed < .seconds(5), "\(name): took \(elapsed)")
        switch result {
        case .success(let tree):
            #expect(tree.flattenedDeepNesting, "\(name): not flattened")
            var depth = 0
            var stack: [(XMLElement, Int)] = [(tree.root, 1)]
            while let (e, d) = stack.popLast() {
                depth = max(depth, d)
                stack.append(contentsOf: e.childElements.map { ($0, d + 1) })
            }
            #expect(depth <= XMLParseLimits.maxDepth + 1, "\(name): tree is \(depth) deep")
        case .failure(let error):
            let e = try #require(error as? XMLParseError, "\(name): \(error)")
            #expect(e.message.lowercased().contains("depth"), "\(name): unclear error \(e)")
        }

        // Through the loader: a document or a clean IngestError, quickly.
        let dir = try TempDir()
        let path = try dir.write("deep.html", html)
        let (_, loaderElapsed) = timed { load(path) }
        #expect(loaderElapsed < .seconds(5), "\(name) via loader: took \(loaderElapsed)")
    }
}
