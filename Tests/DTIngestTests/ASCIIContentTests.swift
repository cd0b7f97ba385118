@testable import DTIngest
import DTModel
import DTTestSupport
@testable import DTXML
import Foundation
import Testing

/// Character data rewritten with references (`ASCIIContent`) must be the same
/// document to the parser as the bytes as written, and everything else untouched.
@Suite struct ASCIIContentTests {
    func rewritten(_ s: String) -> String? {
        ASCIIContent.referencing(Array(s.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func rewritesOnlyCharacterData() {
        let doc = """
        <?xml version="1.0" encoding="utf-8"?><?pi “kept”?>
        <treaty é="“a>b”" q='x>“'><!-- “comment” --><![CDATA[“cdata”]]><name>“Quoted” — naïve 😀</name>
        <löng>é</löng></treaty>
        """
        #expect(rewritten(doc) == """
        <?xml version="1.0" encoding="utf-8"?><?pi “kept”?>
        <treaty é="“a>b”" q='x>“'><!-- “comment” --><![CDATA[“cdata”]]><name>&#x201C;Quoted&#x201D; &#x2014; na&#xEF;ve &#x1F600;</name>
        <löng>&#xE9;</löng></treaty>
        """)
        // A UTF-8 byte-order mark stays; no declaration means UTF-8.
        #expect(rewritten("\u{FEFF}<a>é</a>") == "\u{FEFF}<a>&#xE9;</a>")
        #expect(rewritten("\n<a>é</a>") == "\n<a>&#xE9;</a>")
    }

    @Test func leavesAloneWhatItMustNot() {
        #expect(rewritten("<a>plain</a>") == nil)
        #expect(rewritten("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>é</a>") == nil)
        #expect(rewritten("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e \"é\">]><a>é</a>") == nil)
        #expect(rewritten("é<a/>") == nil)
        #expect(ASCIIContent.referencing([0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00, 0xE9, 0x00]) == nil)
        // Bytes that are not well-formed UTF-8 are left for the parser to report.
        let bad: [UInt8] = Array("<a>".utf8) + [0xC3, 0x28, 0xED, 0xA0, 0x80, 0xE0, 0x80, 0x80, 0x80] + Array("é</a>".utf8)
        let out = ASCIIContent.referencing(bad)
        #expect(out == Array("<a>".utf8) + [0xC3, 0x28, 0xED, 0xA0, 0x80, 0xE0, 0x80, 0x80, 0x80] + Array("&#xE9;</a>".utf8))
    }

    /// What a parse hands over, element by element, character data joined.
    final class Recorder: XMLStreamHandler {
        var events: [String] = []
        var text: [UInt8] = []
        var wantsMore: Bool { true }

        func flush() {
            if !text.isEmpty { events.append("text " + String(decoding: text, as: UTF8.self)) }
            text = []
        }

        func startElement(_ name: String, namespaceURI: String?, attributes: XMLAttributes, line: Int) {
            flush()
            events.append("start \(name) \(namespaceURI ?? "-") \(attributes["number"] ?? "-") \(attributes["name"] ?? "-") line \(line)")
        }

        func characters(_ bytes: UnsafeBufferPointer<UInt8>) { text += bytes }

        func endElement() {
            flush()
            events.append("end")
        }
    }

    func events(_ bytes: [UInt8]) throws -> [String] {
        let r = Recorder()
        _ = try LibXMLParser.streamXML(bytes, into: r)
        r.flush()
        return r.events
    }

    /// The same elements, attributes, lines and text, on real files in every script.
    @Test func sameEventsAsTheBytesAsWritten() throws {
        var compared = 0
        var files = SharedCorpus.totaFiles(450) ?? []
        files = files.enumerated().filter { $0.offset % 9 == 0 }.map(\.element)
        if let other = SharedCorpus.path("other") {
            files += try FileManager.default.contentsOfDirectory(atPath: other).sorted().filter { $0.hasSuffix(".xml") }.map { other + "/" + $0 }
        }
        for file in files {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: file)))
            guard let referenced = ASCIIContent.referencing(bytes), let original = try? events(bytes) else { continue }
            #expect(try events(referenced) == original, "\(file)")
            compared += 1
        }
        if SharedCorpus.isPresent { #expect(compared > 30) }
    }

    /// Random documents of every kind of markup: where the bytes as written parse,
    /// the rewritten ones parse to the same events.
    @Test func randomDocumentsParseTheSame() throws {
        let pieces = ["“x”", "é", "—", "😀", "plain ", "&amp;", "&#x201C;", "\n", "\r\n", " > ", "]]", "<!-- “c” -->", "<![CDATA[“d” <x>]]>",
                      "<?p “q”?>", "<b n=\"“a>b”\">", "</b>", "<c name='é>'/>", "<é>ü</é>", "\u{0085}", "\u{2028}", "\u{FEFF}"]
        var generator = SplitMix64(seed: 99)
        var compared = 0
        for _ in 0..<3000 {
            let n = Int(generator.next() % 14)
            var body = ""
            for _ in 0..<n { body += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let doc = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<treaty>\(body)</treaty>".utf8)
            guard let original = try? events(doc) else { continue }
            let referenced = try #require(ASCIIContent.referencing(doc) ?? doc)
            #expect(try events(referenced) == original, "\(body.debugDescription)")
            compared += 1
        }
        #expect(compared > 300)
    }

    /// A fault after non-ASCII text on its line: the reader names the column in the
    /// file, not in the rewritten bytes.
    @Test func errorsNameThePositionsInTheFile() throws {
        let doc = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <treaty><meta><language>en</language></meta><body><chapter><article>“One” — “two” <b></article></chapter></body></treaty>
        """.utf8)
        func error(_ body: () throws -> Any?) -> XMLParseError? {
            do { _ = try body() } catch let e as XMLParseError { return e } catch { return nil }
            return nil
        }
        let asWritten = try #require(error { try LibXMLParser.streamXML(doc, into: Recorder()) })
        let referenced = try #require(ASCIIContent.referencing(doc))
        let shifted = try #require(error { try LibXMLParser.streamXML(referenced, into: Recorder()) })
        #expect(shifted.column != asWritten.column)
        let read = try #require(error { try TotaReader.stream(doc, path: "t.xml", options: IngestOptions()) })
        #expect(read == asWritten)
    }

    /// A body the caller does not read is not rewritten, whatever the case of the language.
    @Test func skipsTheRewriteOfABodyLeftUnread() {
        func doc(_ language: String) -> [UInt8] {
            Array("<treaty><meta><language> \(language) </language></meta><body>é</body></treaty>".utf8)
        }
        let english = IngestOptions(bodyLanguages: ["en"])
        #expect(TotaReader.skipsBody(doc("es"), options: english))
        #expect(!TotaReader.skipsBody(doc("EN"), options: english))
        #expect(!TotaReader.skipsBody(doc("es"), options: IngestOptions()))
        #expect(!TotaReader.skipsBody(Array("<treaty><body/><language>es</language></treaty>".utf8), options: english))
    }
}
