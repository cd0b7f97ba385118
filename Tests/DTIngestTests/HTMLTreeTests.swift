import DTXML
import Testing

/// Issue #15 point 5: HTML is parsed with SAX handlers that build our tree directly
/// (`HTMLTreeBuilder`), with the shape libxml2's own tree builder gave (the fuzzer
/// compares the two on every input: fuzz/HTMLTreeOracle.swift). These pin the
/// shapes the readers depend on.
@Suite struct HTMLTreeTests {
    private func parse(_ html: String) throws -> XMLElement {
        try LibXMLParser.parseHTML(Array(html.utf8)).root
    }

    @Test func textIsOneNodeUntilAnElementOrCommentComesBetween() throws {
        let root = try parse("<html><body><p>one &amp; two<!-- c -->three<b>four</b>five</p></body></html>")
        let p = try #require(root.child("body")?.child("p"))
        #expect(p.children == [.text("one & two", line: 1), .text("three", line: 1),
                               .element(XMLElement(name: "b", children: [.text("four", line: 1)], line: 1)),
                               .text("five", line: 1)])
    }

    @Test func elementsAndTextKeepTheirLinesAndAttributes() throws {
        let root = try parse("<html lang=EN>\n<body>\n<h2 ID=a class=x disabled>Article 1</h2>\n<p>\ntext</p></body></html>")
        #expect(root["lang"] == "EN")
        let body = try #require(root.child("body"))
        let h2 = try #require(body.child("h2"))
        // A boolean attribute without a value has its name as its value (found by the fuzzer's tree oracle).
        #expect(h2.attributes == ["id": "a", "class": "x", "disabled": "disabled"])
        #expect(try parse("<p hidden-x>t</p>").child("body")?.child("p")?.attributes == ["hidden-x": ""])
        #expect(h2.line == 3)
        let p = try #require(body.child("p"))
        #expect(p.line == 4)
        // A text node has the line libxml2 had reached when it reported the run (as its tree had).
        #expect(p.children == [.text("\ntext", line: 5)])
    }

    @Test func scriptAndStyleAreTextAndImpliedElementsAreThere() throws {
        let root = try parse("<title>T</title><script>if (a<b) x();</script><p>body text")
        #expect(root.name == "html")
        #expect(root.child("head")?.child("script")?.textContent == "if (a<b) x();")
        #expect(root.child("body")?.child("p")?.textContent == "body text")
    }

    @Test func contentAfterTheRootGoesIntoItUnlessADoctypeCameFirst() throws {
        let bare = try parse("<html><body><p>in</p></body></html><div>after</div>")
        #expect(bare.textContent == "inafter")
        let declared = try parse("<!DOCTYPE html><html><body><p>in</p></body></html><div>after</div>")
        #expect(declared.textContent == "in")
        // Deep nesting in what is dropped flattens nothing that is kept (found by the fuzzer's tree oracle).
        let deepDropped = "<!DOCTYPE html><html><body><p>in</p></body></html>" + String(repeating: "<div>", count: 230) + "x"
        #expect(try LibXMLParser.parseHTML(Array(deepDropped.utf8)).flattenedDeepNesting == false)
    }

    @Test func anElementTheParserDropsWithoutAnEndTagIsClosed() throws {
        // After `<meta charset=ibm037` the rest reads as EBCDIC: libxml2 cannot find the end
        // of the start tag and pops `meta` with no end event; what follows is not inside it
        // (found by the fuzzer's tree oracle: `body` landed inside `head`).
        let root = try parse("<html><head><meta charset=ibm037><title>Enc</title></head><body><h2>Article 7</h2></body></html>")
        let head = try #require(root.child("head"))
        #expect(head.child("meta")?.children.isEmpty == true)
        #expect(head.child("body") == nil)
        #expect(root.child("body") != nil)
    }

    @Test func prefixedNamesAreTheirLocalNames() throws {
        // Word's HTML writes `<o:p>`; libxml2's tree named it `p` (found by the fuzzer's tree oracle).
        let body = try #require(try parse("<html><body><p>a<o:p></o:p></p><w:t>b</w:t><xml:x>c</xml:x></body></html>").child("body"))
        #expect(body.child("p")?.child("p")?.namespaceURI == nil)
        #expect(body.child("t")?.textContent == "b")
        #expect(body.child("x")?.namespaceURI == "http://www.w3.org/XML/1998/namespace")
    }

    @Test func linesPastTheOldLimitAreTheFilesLines() throws {
        // libxml2's HTML tree stored at most 65,535; the tree built from events keeps the line.
        let html = "<html><body>" + String(repeating: "\n", count: 70_000) + "<p>late</p></body></html>"
        let p = try #require(try parse(html).child("body")?.child("p"))
        #expect(p.line == 70_001)
    }

    @Test func deepNestingIsFlattenedFrom200() throws {
        let html = "<html><body>" + String(repeating: "<div>", count: 230) + "deep" + String(repeating: "</div>", count: 230) + "</body></html>"
        let tree = try LibXMLParser.parseHTML(Array(html.utf8))
        #expect(tree.flattenedDeepNesting)
        #expect(tree.root.textContent == "deep")
        var depth = 1
        var e = tree.root
        while let c = e.childElements.first { e = c; depth += 1 }
        #expect(depth == XMLParseLimits.maxDepth)
    }
}
