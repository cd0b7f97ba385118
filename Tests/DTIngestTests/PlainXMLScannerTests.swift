@testable import DTIngest
import DTModel
import DTTestSupport
@testable import DTXML
import Foundation
import Testing

/// `PlainXMLScanner` reads ToTA files instead of libxml2: whatever it vouches for
/// must be well-formed and read by libxml2 to the same events (elements, attributes,
/// lines, text joined), and what libxml2 refuses it must never vouch for.
@Suite struct PlainXMLScannerTests {
    /// The attribute names the generated documents use, and those ToTA readers ask for.
    static let attributeNames = ["number", "name", "a", "b", "article_identifier"]

    /// What a parse hands over, element by element, character data joined.
    final class Recorder: XMLStreamHandler {
        var events: [String] = []
        var text: [UInt8] = []
        /// Stop after the start tag of this element name (as a reader that has seen enough).
        let stopAt: String?
        var wantsMore = true

        init(stopAt: String? = nil) { self.stopAt = stopAt }

        func flush() {
            if !text.isEmpty { events.append("text " + String(decoding: text, as: UTF8.self).debugDescription) }
            text = []
        }

        func startElement(_ name: String, namespaceURI: String?, attributes: XMLAttributes, line: Int) {
            flush()
            let attrs = PlainXMLScannerTests.attributeNames.map { "\($0)=\(attributes[$0]?.debugDescription ?? "-")" }
            events.append("start \(name) \(namespaceURI ?? "-") \(attrs.joined(separator: " ")) line \(line)")
            if name == stopAt { wantsMore = false }
        }

        func characters(_ bytes: UnsafeBufferPointer<UInt8>) { text += bytes }

        func endElement() {
            flush()
            events.append("end")
        }
    }

    enum Outcome: Equatable {
        case read(completed: Bool, events: [String])
        case refused
    }

    func libxml(_ bytes: [UInt8], stopAt: String? = nil) -> Outcome {
        let r = Recorder(stopAt: stopAt)
        guard let completed = try? LibXMLParser.streamXML(bytes, into: r) else { return .refused }
        r.flush()
        return .read(completed: completed, events: r.events)
    }

    /// nil when the scanner leaves the document to libxml2.
    func plain(_ bytes: [UInt8], stopAt: String? = nil) -> Outcome? {
        let r = Recorder(stopAt: stopAt)
        guard let completed = PlainXMLScanner.stream(bytes, into: r) else { return nil }
        r.flush()
        return .read(completed: completed, events: r.events)
    }

    @Test func readsAPlainDocumentAsLibxml2Does() throws {
        let doc = Array("""
        \u{FEFF}<?xml version="1.0" encoding="UTF-8" standalone='yes' ?>
        <treaty>
          <meta><name>Japan &amp; Thailand &#x201C;EPA&#8221; &lt;x&gt; &quot;&apos;</name><date_inactive/></meta>
          <body><chapter number=" 1 " name='Trade &amp; &quot;E&#x2d;commerce&quot; &#38;amp; é'>
            <article
              number="ARTICLE 2"
              name="Défïnitions > 😀"
            >“Quoted” —\ttabs
        and lines ] ]> ]]&gt;</article><article/></chapter></body>
        </treaty>
        \t
        """.utf8)
        let scanned = try #require(plain(doc))
        #expect(scanned == libxml(doc))
        guard case .read(true, let events) = scanned else { Issue.record("not read to the end"); return }
        #expect(events.contains { $0.hasPrefix("start article - number=\"ARTICLE 2\"") && $0.hasSuffix("line 8") })
    }

    /// What the scanner leaves to libxml2, whether libxml2 reads it or refuses it.
    @Test func leavesEverythingElseToLibxml2() {
        let outside = [
            "<!DOCTYPE a><a/>", "<a><!-- c --></a>", "<a><?p x?></a>", "<a><![CDATA[x]]></a>", "<?xml version=\"1.1\"?><a/>",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", "<x:a xmlns:x=\"u\"/>", "<a xmlns=\"u\"/>", "<a xml:lang=\"en\"/>",
            "<a>\r\n</a>", "<a b=\"x\ty\"/>", "<a b=\"x\ny\"/>", "<a>&#X41;</a>", "<a>&nbsp;</a>", "<a>&#0;</a>", "<a>&#xFFFE;</a>",
            "<a>]]></a>", "<a></b>", "<a b='1' b='2'/>", "<a b='1'c='2'/>", "<a b=1/>", "<a b='<'/>", "<a>\u{1}</a>", "<a>x",
            "<a/><b/>", "<a/>x", "x<a/>", "", "<é/>", "<a>\u{FFFF}</a>",
        ]
        for doc in outside {
            #expect(plain(Array(doc.utf8)) == nil, "\(doc.debugDescription)")
        }
        for bytes: [UInt8] in [[0x3C, 0x61, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x61, 0x3E], [0x3C, 0x61, 0x3E, 0xED, 0xA0, 0x80, 0x3C, 0x2F, 0x61, 0x3E],
                               [0x3C, 0x61, 0x3E, 0xE0, 0x80, 0x80, 0x3C, 0x2F, 0x61, 0x3E]] {
            #expect(plain(bytes) == nil)
        }
        // An attribute value longer than libxml2 takes without XML_PARSE_HUGE: refused there,
        // left to it here; one just within the scanner's limit is read as libxml2 reads it.
        let long = Array("<a b='".utf8) + [UInt8](repeating: 0x78, count: 10_000_001) + Array("'/>".utf8)
        #expect(plain(long) == nil)
        #expect(libxml(long) == .refused)
        let within = Array("<a b='".utf8) + [UInt8](repeating: 0x78, count: 1_000_000) + Array("'/>".utf8)
        #expect(plain(within) != nil && plain(within) == libxml(within))
        // Deeper than the scanner reads: libxml2's (which stops at 256).
        let deep = String(repeating: "<d>", count: 201) + String(repeating: "</d>", count: 201)
        #expect(plain(Array(deep.utf8)) == nil)
        let shallow = String(repeating: "<d>", count: 200) + String(repeating: "</d>", count: 200)
        #expect(plain(Array(shallow.utf8)) == libxml(Array(shallow.utf8)))
    }

    /// A reader that stops early: the same events up to there, nothing checked after.
    @Test func stopsWhereTheReaderStops() throws {
        let doc = Array("<treaty><meta><language>es</language></meta><body><article>x</article></body><bad></treaty>".utf8)
        let scanned = try #require(plain(doc, stopAt: "body"))
        #expect(scanned == libxml(doc, stopAt: "body"))
        #expect(scanned == .read(completed: false, events: ["start treaty - number=- name=- a=- b=- article_identifier=- line 1",
                                                            "start meta - number=- name=- a=- b=- article_identifier=- line 1",
                                                            "start language - number=- name=- a=- b=- article_identifier=- line 1",
                                                            "text \"es\"", "end", "end",
                                                            "start body - number=- name=- a=- b=- article_identifier=- line 1"]))
    }

    /// Random documents built from well-formed and ill-formed pieces: every one the
    /// scanner reads, libxml2 reads to the same events; libxml2 refuses none of them.
    @Test func randomDocumentsReadTheSame() throws {
        let pieces = [
            "plain ", "“x”", "é", "—", "😀", "\u{0085}", "\u{2028}", "\u{FEFF}", "\t", "\n", "\n\n", " > ", "]", "]]", "]]>", "\r", "\r\n",
            "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#x201C;", "&#8221;", "&#38;", "&#9;", "&#13;", "&#x10FFFF;", "&#0;", "&#X41;",
            "&#x110000;", "&nbsp;", "&amp", "& ", "<b>", "</b>", "<b/>", "<c a=\"1\" b='x > y'>", "</c>", "<c a=\"&amp;&#60;\"/>",
            "<c a=\"“é”\" b=\"&#38;amp;\"/>", "<c a='1' a='2'/>", "<c a='1'b='2'/>", "<c\n  a=\"1\"\n/>", "<c a=\"1\"\n>", "</c >",
            "<c a=\"x\ty\"/>", "<c xmlns=\"u\"/>", "<x:c/>", "<!-- c -->", "<?p q?>", "<![CDATA[d]]>", "<é/>", "\u{1}", "<", "&",
            "<article number=\" 3 \" name=\"N\">", "</article>",
        ]
        var generator = SplitMix64(seed: 2212)
        var read = 0
        var left = 0
        var refused = 0
        for _ in 0..<6000 {
            let n = Int(generator.next() % 12)
            var body = ""
            for _ in 0..<n { body += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let prolog = ["", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "\u{FEFF}", "\n \t", "<?xml version='1.0'?>"][Int(generator.next() % 5)]
            let tail = ["", "\n", " x", "<!-- e -->"][Int(generator.next() % 4)]
            let doc = Array("\(prolog)<treaty>\(body)</treaty>\(tail)".utf8)
            let expected = libxml(doc)
            if expected == .refused { refused += 1 }
            guard let scanned = plain(doc) else {
                left += 1
                continue
            }
            #expect(scanned == expected, "\(String(decoding: doc, as: UTF8.self).debugDescription)")
            read += 1
        }
        // The test can fail both ways: many documents read, and many refused by libxml2.
        #expect(read > 400)
        #expect(refused > 400)
        #expect(left > 400)
    }

    /// Long texts, where the scanner reads sixteen bytes at a time and counts line feeds
    /// without stopping at them (names and attribute values too): the same events and
    /// lines as libxml2's, whatever falls at a block's edge (a line feed, a tab, a
    /// reference, an accent, a control byte).
    @Test func longTextsCountLinesAsLibxml2Does() throws {
        let pieces = ["plain words of text ", "\n", "\n\n   ", "\t", "é", "“x”", "&amp;", "&#10;", "]]", " > ", "x",
                      "<b>x\ny</b>", "<c a=\"1\"\n/>", String(repeating: "y", count: 15), String(repeating: "\n", count: 17),
                      // Names of every kind of name byte, long values (read sixteen bytes at a time too).
                      "<c-1.x_Y z_9.q-2=\"v\" Long.Attribute_Name-3='w'/>", "<Item9 a=\"a long value with “é”, &amp; and &#60; in it\"/>"]
        // Rarely, a byte outside the subset (then the document is libxml2's).
        let outside = ["\u{1}", "\r", "]]>"]
        var generator = SplitMix64(seed: 0x11FE)
        var read = 0
        for _ in 0..<1500 {
            var body = ""
            var leavesTheSubset = false
            for _ in 0..<(8 + Int(generator.next() % 40)) {
                if generator.next() % 150 == 0 {
                    body += outside[Int(generator.next() % 3)]
                    leavesTheSubset = true
                } else {
                    body += pieces[Int(generator.next() % UInt64(pieces.count))]
                }
            }
            let doc = Array("<treaty>\n<article number=\"1\">\(body)</article>\n\(body)<end/></treaty>".utf8)
            guard let scanned = plain(doc) else {
                // Only a piece outside the subset leaves a document to libxml2.
                #expect(leavesTheSubset, "\(String(decoding: doc, as: UTF8.self).debugDescription)")
                continue
            }
            #expect(scanned == libxml(doc), "\(String(decoding: doc, as: UTF8.self).debugDescription)")
            read += 1
        }
        #expect(read > 300)
    }

    /// The scanner reads every ToTA file (else the corpus pays for libxml2 again), to the
    /// events libxml2 reads from the file (every 9th file; all with DTCHECK_SLOW_TESTS=1).
    @Test(.needsSharedCorpus) func readsTheCorpusAsLibxml2Does() throws {
        let files = SweepSample.every(9, of: SharedCorpus.totaFiles(10_000) ?? [])
        for file in files {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: file)))
            let scanned = plain(bytes)
            #expect(scanned != nil, "\(file) left to libxml2")
            if let scanned { #expect(scanned == libxml(bytes), "\(file)") }
        }
        if SharedCorpus.isPresent { #expect(files.count >= 50) }
    }

    /// Through the ToTA reader: the same agreement as libxml2's reading of the file.
    @Test(.needsSharedCorpus) func totaReaderGivesTheSameAgreement() throws {
        let files = SweepSample.every(15, of: SharedCorpus.totaFiles(10_000) ?? [])
        for file in files {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: file)))
            let options = IngestOptions()
            let viaScanner = try #require(try TotaReader.stream(bytes, path: file, options: options))
            let builder = TotaBuilder(path: file, deferParagraphs: options.deferParagraphs, bodyLanguages: options.bodyLanguages)
            _ = try LibXMLParser.streamXML(bytes, name: file, into: builder)
            let viaLibxml2 = builder.agreement()
            #expect(viaScanner.divisions == viaLibxml2.divisions, "\(file)")
            #expect(viaScanner.title == viaLibxml2.title && viaScanner.language == viaLibxml2.language
                    && viaScanner.parties == viaLibxml2.parties && viaScanner.dateSigned == viaLibxml2.dateSigned, "\(file)")
        }
    }
}
