import DTIngest
import DTModel
import DTXML
import Foundation
import Testing

/// Billion laughs and quadratic blow-up: refused or parsed fast, and never
/// multiplied into a huge model.
@Suite struct EntityExpansionTests {
    static func billionLaughs(levels: Int = 10) -> String {
        var decls = #"<!ENTITY lol0 "lol">"#
        for i in 1..<levels {
            decls += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">"
        }
        let top = "&lol\(levels - 1);"
        return totaDocument(prolog: "<!DOCTYPE treaty [\(decls)]>", name: top, article: top,
                            articleAttributes: "number=\"\(top)\"")
    }

    /// One entity of `entityLength` characters referenced `references` times.
    static func quadratic(entityLength: Int, references: Int, inAttribute: Bool = false) -> String {
        let decl = "<!DOCTYPE treaty [<!ENTITY a \"" + String(repeating: "a", count: entityLength) + "\">]>"
        let refs = String(repeating: "&a;", count: references)
        return inAttribute
            ? totaDocument(prolog: decl, article: "x", articleAttributes: "number=\"\(refs)\" name=\"\(refs)\"")
            : totaDocument(prolog: decl, article: refs)
    }

    static let cases: [(String, String)] = [
        ("billion laughs", billionLaughs()),
        ("billion laughs, 4 levels (small enough to look harmless)", billionLaughs(levels: 4)),
        ("quadratic: 4 KB entity x 40,000", quadratic(entityLength: 4000, references: 40_000)),
        ("quadratic: 4 KB entity x 40,000 in attributes", quadratic(entityLength: 4000, references: 40_000, inAttribute: true)),
        ("quadratic: 100 KB entity x 2,000", quadratic(entityLength: 100_000, references: 2_000)),
        ("quadratic: 100 KB entity x 2,000 in attributes", quadratic(entityLength: 100_000, references: 2_000, inAttribute: true)),
        ("entity containing markup x 10,000", totaDocument(
            prolog: #"<!DOCTYPE treaty [<!ENTITY m "<b>bold</b> text">]>"#,
            article: String(repeating: "&m;", count: 10_000))),
    ]

    @Test(arguments: 0..<cases.count)
    func expansionIsBounded(index: Int) throws {
        let (name, xml) = Self.cases[index]
        let dir = try TempDir()
        let path = try dir.write("bomb.xml", xml)
        let (result, elapsed) = timed { load(path) }
        #expect(elapsed < .seconds(2), "\(name): took \(elapsed)")
        if let agreement = result?.agreement {
            // A document may come back, but not bigger than a small multiple of the input.
            let limit = max(2 * xml.utf8.count, 1_100_000)
            #expect(agreement.totalTextLength <= limit,
                    "\(name): \(xml.utf8.count)-byte input became \(agreement.totalTextLength) bytes of text")
        }
    }

    /// The raw parser keeps the same bound, for readers that walk the tree themselves.
    @Test func rawParserBoundsExpansion() throws {
        let xml = Self.quadratic(entityLength: 4000, references: 40_000)
        let (result, elapsed) = timed { () -> Result<XMLDocumentTree, any Error> in
            Result { try LibXMLParser.parseXML(Array(xml.utf8)) }
        }
        #expect(elapsed < .seconds(2))
        switch result {
        case .success(let tree):
            #expect(tree.root.textContent.utf8.count <= 2 * xml.utf8.count)
        case .failure(let error):
            let e = try #require(error as? XMLParseError)
            #expect(e.message.lowercased().contains("entit"), "unclear error: \(e)")
        }
    }

    /// Short entities used normally still work: the bound is not a ban.
    @Test func ordinaryEntitiesAreStillExpanded() throws {
        let dir = try TempDir()
        let xml = totaDocument(prolog: #"<!DOCTYPE treaty [<!ENTITY party "the Republic of Chile">]>"#,
                               article: String(repeating: "&party; shall ", count: 500))
        let path = try dir.write("ok.xml", xml)
        let agreement = try #require(load(path)?.agreement)
        #expect(agreement.contains("the Republic of Chile shall the Republic of Chile"))
    }
}
