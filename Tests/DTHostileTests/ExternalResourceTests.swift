import DTIngest
import DTModel
import DTXML
import Foundation
import Testing

/// XXE and friends: nothing outside the file may end up in the model, and the
/// parser must never open a file or a network connection on the document's behalf.
@Suite struct ExternalResourceTests {
    /// A local file with a marker that would show up in the text if it were read.
    /// /etc/passwd is tried as well, but a secret we control cannot be missing.
    static let marker = "SECRET-MARKER-7f3c2a"

    /// Each case: a name and a document template; `FILE` becomes a file:// URL to read,
    /// `HTTP` an http:// URL on a local listener.
    static let cases: [(String, String)] = [
        ("external general entity", totaDocument(
            prolog: #"<!DOCTYPE treaty [<!ENTITY xxe SYSTEM "FILE">]>"#, name: "&xxe;", article: "Leak: &xxe; end.")),
        ("external entity over http", totaDocument(
            prolog: #"<!DOCTYPE treaty [<!ENTITY xxe SYSTEM "HTTP">]>"#, article: "Leak: &xxe; end.")),
        ("public id with system id", totaDocument(
            prolog: #"<!DOCTYPE treaty [<!ENTITY xxe PUBLIC "-//X//Y" "FILE">]>"#, article: "Leak: &xxe; end.")),
        ("entity in an attribute", totaDocument(
            prolog: #"<!DOCTYPE treaty [<!ENTITY xxe SYSTEM "FILE">]>"#, article: "x",
            articleAttributes: #"number="&xxe;" name="&xxe;""#)),
        ("external DTD", totaDocument(prolog: #"<!DOCTYPE treaty SYSTEM "FILE">"#, article: "Text.")),
        ("external DTD over http", totaDocument(prolog: #"<!DOCTYPE treaty SYSTEM "HTTP">"#, article: "Text.")),
        ("parameter entity", totaDocument(
            prolog: #"<!DOCTYPE treaty [<!ENTITY % xxe SYSTEM "FILE"> %xxe;]>"#, article: "Text.")),
        ("parameter entity over http (out-of-band XXE)", totaDocument(
            prolog: #"<!DOCTYPE treaty [<!ENTITY % dtd SYSTEM "HTTP"> %dtd; <!ENTITY leak "%dtd;">]>"#,
            article: "Leak: &leak; end.")),
        ("parameter entity building a general entity", totaDocument(
            prolog: """
            <!DOCTYPE treaty [<!ENTITY % file SYSTEM "FILE"><!ENTITY % wrap "<!ENTITY leak '%file;'>"> %wrap;]>
            """, article: "Leak: &leak; end.")),
        ("XInclude of text", totaDocument(
            article: #"Leak: <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="FILE" parse="text"/> end."#)),
        ("XInclude of XML over http", totaDocument(
            article: #"Leak: <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="HTTP"/> end."#)),
        ("xml-stylesheet processing instruction", totaDocument(
            prolog: #"<?xml-stylesheet type="text/xsl" href="FILE"?><?xml-stylesheet href="HTTP"?>"#, article: "Text.")),
        ("XML Schema location", totaDocument(
            article: #"<x xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:x HTTP">Text.</x>"#)),
    ]

    @Test(arguments: 0..<cases.count)
    func externalResourcesAreNeverRead(index: Int) throws {
        let (name, template) = Self.cases[index]
        let dir = try TempDir()
        let secret = try dir.write("secret.txt", "root:x:0:0:\(Self.marker)\n")
        guard let listener = LocalListener() else {
            Issue.record("could not open a local listener")
            return
        }
        let http = "http://127.0.0.1:\(listener.port)/x"
        for (label, target) in [("secret file", "file://" + secret), ("/etc/passwd", "file:///etc/passwd")] {
            let xml = template.replacingOccurrences(of: "FILE", with: target).replacingOccurrences(of: "HTTP", with: http)
            let path = try dir.write("xxe.xml", xml)
            let (result, elapsed) = timed { load(path) }
            #expect(elapsed < .seconds(2), "\(name) (\(label)): took \(elapsed)")
            switch result {
            case .document(let agreement)?:
                #expect(!agreement.contains(Self.marker), "\(name): the secret file was read into the model")
                #expect(!agreement.contains("root:"), "\(name): /etc/passwd was read into the model")
                // The document itself is still read: the article is there.
                #expect(agreement.count(of: .article) == 1, "\(name): article lost")
            case .refused(let error)?:
                #expect(!error.description.contains(Self.marker), "\(name): secret leaked into the error")
                #expect(!error.description.contains("root:"), "\(name): /etc/passwd leaked into the error")
            case nil:
                break // recorded by `load`
            }
        }
        #expect(listener.connectionAttempts() == 0, "\(name): the parser connected to \(http)")
    }

    /// The same protections hold for the raw parser, whatever reader sits on top.
    @Test func rawXMLParserDoesNotExpandExternalEntities() throws {
        let dir = try TempDir()
        let secret = try dir.write("secret.txt", Self.marker)
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE r [<!ENTITY xxe SYSTEM "file://\(secret)"><!ENTITY ok "fine">]>
        <r a="&xxe;">&ok; &xxe;</r>
        """
        do {
            _ = try LibXMLParser.parseXML(Array(xml.utf8))
            Issue.record("an external entity in an attribute value was accepted")
        } catch let e as XMLParseError {
            // Not well-formed (WFC: No External Entity References), and said so with a position.
            #expect(e.message.contains("external entity"), "\(e)")
            #expect(e.line == 3)
            #expect(!e.description.contains(Self.marker))
        }
        let inText = xml.replacingOccurrences(of: #" a="&xxe;""#, with: "")
        let tree = try LibXMLParser.parseXML(Array(inText.utf8))
        #expect(!tree.root.textContent.contains(Self.marker))
        #expect(tree.root.textContent.contains("fine"), "short internal entities are still expanded")
    }

    @Test func htmlParserDoesNotFetchAnything() throws {
        let dir = try TempDir()
        let secret = try dir.write("secret.txt", Self.marker)
        guard let listener = LocalListener() else { Issue.record("no listener"); return }
        let http = "http://127.0.0.1:\(listener.port)"
        let html = """
        <!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" "\(http)/dtd">
        <html><head><link rel="stylesheet" href="\(http)/css"><base href="file://\(secret)"></head>
        <body><iframe src="file://\(secret)"></iframe><img src="\(http)/img">
        <object data="file://\(secret)"></object><p>Article 1</p></body></html>
        """
        let tree = try LibXMLParser.parseHTML(Array(html.utf8))
        #expect(!tree.root.textContent.contains(Self.marker))
        #expect(tree.root.textContent.contains("Article 1"))
        #expect(listener.connectionAttempts() == 0)
        // Through the loader (HTML reader may not exist yet): clean outcome, no leak.
        let path = try dir.write("page.html", html)
        if case .document(let a)? = load(path) { #expect(!a.contains(Self.marker)) }
    }
}
