import DTIngest
import DTModel
import DTXML
import Foundation
import Testing

/// Issue #15, point 2: libxml2's HTML tree builder stops at nesting deeper than 256
/// and at a text node over 10 MB without failing the parse. The text after that
/// point is kept, or the document is an error naming the line: never a document
/// silently cut short and graded `absent`.
@Suite struct CutShortTests {
    static let article = "<h2>Article 7: Customs Duties</h2>\n<p>No Party shall impose customs duties on electronic transmissions.</p>\n"

    /// `n` nested divs, one a line, then the article: the probe from the issue.
    static func nested(_ n: Int) -> String {
        "<html><head><title>Deep</title></head><body>\n" + String(repeating: "<div>\n", count: n) + "x"
            + String(repeating: "</div>", count: n) + "\n" + article + "</body></html>\n"
    }

    @Test func deeperThanTheParserLimitIsAnErrorNamingTheLine() throws {
        let dir = try TempDir()
        let path = try dir.write("deep.html", Self.nested(260))
        let error = try #require(load(path)?.error, "a document cut short at depth 256 was returned")
        #expect(error.message.contains("nested more than \(XMLParseLimits.maxHTMLDepth) deep"), "\(error)")
        // html and body are 2 deep, on line 1; the div that is 257 deep is the 255th, on line 256.
        #expect(error.line == 256, "\(error)")
    }

    @Test func betweenFlatteningAndTheLimitTheTextAfterIsKept() throws {
        let dir = try TempDir()
        let path = try dir.write("deep250.html", Self.nested(250))
        let agreement = try #require(load(path)?.agreement)
        #expect(agreement.contains("No Party shall impose customs duties on electronic transmissions."))
        #expect(agreement.articles.contains { $0.article.number?.contains("7") == true })
    }

    @Test func aTextNodeOverTenMegabytesKeepsWhatFollows() throws {
        let filler = String(repeating: "The Parties affirm their rights and obligations. ", count: 11 * 1024 * 1024 / 49 + 1)
        let html = "<html><head><title>Big</title></head><body><p>" + filler + "</p>\n" + Self.article + "</body></html>\n"
        #expect(html.utf8.count > 11 * 1024 * 1024)
        let tree = try LibXMLParser.parseHTML(Array(html.utf8))
        #expect(tree.root.textContent.contains("No Party shall impose customs duties on electronic transmissions."))
        let dir = try TempDir()
        let path = try dir.write("big.html", html)
        let agreement = try #require(load(path)?.agreement)
        #expect(agreement.contains("No Party shall impose customs duties on electronic transmissions."))
    }

    /// A deep stack of open elements followed by stray end tags: each stray tag makes
    /// libxml2 scan the stack, so the stack must stay bounded (it once took minutes).
    @Test func strayEndTagsUnderADeepStackStayFast() throws {
        let html = "<html><body>" + String(repeating: "<div>", count: 200_000) + String(repeating: "</x>", count: 200_000) + "</body></html>"
        let (result, elapsed) = timed { Result { try LibXMLParser.parseHTML(Array(html.utf8)) } }
        #expect(elapsed < .seconds(5), "took \(elapsed)")
        if case .failure(let e) = result { #expect("\(e)".contains("deep"), "\(e)") }
    }
}
