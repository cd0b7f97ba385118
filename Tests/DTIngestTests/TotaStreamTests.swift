@testable import DTIngest
import DTModel
import DTTestSupport
@testable import DTXML
import Foundation
import Testing

/// The streamed ToTA read (SAX2, no tree) against the tree read it replaced: one
/// reader consumes both, and they must build the same agreement.
@Suite struct TotaStreamTests {
    static let sample = Array("""
    <?xml version="1.0" encoding="UTF-8"?>
    <treaty>
      <meta>
        <name> Alpha &amp; Beta </name>
        <name>Second name is ignored</name>
        <date_signed>2020-01-02</date_signed>
        <parties_original><partyisocode>AAA</partyisocode></parties_original>
        <parties><partyisocode n="1">AAA</partyisocode><partyisocode n="2"> BBB </partyisocode><partyisocode/></parties>
        <language>EN</language>
      </meta>
      <body>
        <article number="Art. 0" name="Loose">Before any chapter.</article>
        <chapter number="CHAPTER 1" name="Science &#38; Technology">
          <article number="1.1" name="Trade &amp; Data">Lead.
    1. Each Party shall <em>allow</em> the cross-border transfer of information.
    (a) first; and
    (b) second.
    2. Paragraph two.</article>
          <note>not an article</note>
          <article>Unnumbered &#x41;rticle text.</article>
        </chapter>
        <annex><article>Inside an annex: not read.</article></annex>
      </body>
    </treaty>
    """.utf8)

    @Test func streamedAndTreeReadsBuildTheSameAgreement() throws {
        let options = IngestOptions()
        let streamed = try #require(try TotaReader.stream(Self.sample, path: "s.xml", options: options))
        let tree = try LibXMLParser.parseXML(Self.sample, name: "s.xml")
        let fromTree = try TotaReader.read(tree, path: "s.xml", options: options)
        #expect(streamed == fromTree)
        #expect(streamed.title == "Alpha & Beta")
        #expect(streamed.parties == ["AAA", "BBB"])
        #expect(streamed.language == "en")
        #expect(streamed.divisions.map(\.kind) == [.article, .chapter])
        let chapter = streamed.divisions[1]
        #expect(chapter.heading == "Science & Technology")
        #expect(chapter.children.map(\.heading) == ["Trade & Data", nil])
        #expect(chapter.children[0].children.map(\.number) == ["1.", "2."])
        #expect(chapter.children[0].children[0].children.map(\.number) == ["(a)", "(b)"])
        #expect(chapter.children[1].text == "Unnumbered Article text.")
        #expect(chapter.children[0].location.path == "/treaty/body/chapter[1]/article[1]")
    }

    @Test func deferredParagraphsSplitToTheSameDivision() throws {
        let whole = try #require(try TotaReader.stream(Self.sample, path: "s.xml", options: IngestOptions()))
        let deferred = try #require(try TotaReader.stream(Self.sample, path: "s.xml", options: IngestOptions(deferParagraphs: true)))
        let article = deferred.divisions[1].children[0]
        #expect(article.paragraphsPending)
        #expect(article.children.isEmpty)
        #expect(article.text.contains("1. Each Party"))
        #expect(article.withParagraphs() == whole.divisions[1].children[0])
    }

    @Test func otherXMLIsLeftToTheTreeReaders() throws {
        let akn = Array("<akomaNtoso><act/></akomaNtoso>".utf8)
        #expect(try TotaReader.stream(akn, path: "a.xml", options: IngestOptions()) == nil)
        let noBody = Array("<treaty><meta><name>x</name></meta></treaty>".utf8)
        #expect(try TotaReader.stream(noBody, path: "b.xml", options: IngestOptions()) == nil)
        // Forced as ToTA, both are refused with the tree reader's messages.
        for (bytes, message) in [(akn, "not a ToTA file"), (noBody, "has no <body>")] {
            #expect(throws: IngestError.self) {
                try DocumentLoader.load(bytes: bytes, path: "x.xml", options: IngestOptions(inputFormat: .tota))
            }
            do {
                _ = try DocumentLoader.load(bytes: bytes, path: "x.xml", options: IngestOptions(inputFormat: .tota))
            } catch let e as IngestError {
                #expect(e.message.contains(message), "\(e.message)")
            }
        }
    }

    @Test func malformedStreamedFilesReportLineAndColumn() {
        let broken = Array("<treaty>\n<body>\n<article>text</chapter>\n</body></treaty>".utf8)
        do {
            _ = try DocumentLoader.load(bytes: broken, path: "broken.xml")
            Issue.record("malformed XML was accepted")
        } catch let e as IngestError {
            #expect(e.message.hasPrefix("malformed XML"))
            #expect(e.line == 3)
            #expect((e.column ?? 0) > 0)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// Grading reads English: a ToTA file whose meta declares another language is
    /// read to its `<body>` and no further (its metadata whole, no divisions), so a
    /// fault later in it goes unseen there; read whole, the same file is refused.
    @Test func bodyOfAFileInALanguageNotReadIsSkipped() throws {
        let spanish = Array("""
        <treaty><meta><name>Tratado</name><date_signed>2001-02-03</date_signed>
        <parties><partyisocode>CHL</partyisocode><partyisocode>MEX</partyisocode></parties><language>ES</language></meta>
        <body><chapter number="1"><article number="1">Texto.</article></chapter>
        <article>roto</chapter></body></treaty>
        """.utf8)
        let english = ["en"] as Set<String>
        for deferParagraphs in [true, false] {
            let options = IngestOptions(deferParagraphs: deferParagraphs, bodyLanguages: english)
            let a = try DocumentLoader.load(bytes: spanish, path: "es.xml", options: options)
            #expect(a.sourceFormat == .tota && a.language == "es" && a.title == "Tratado" && a.dateSigned == "2001-02-03")
            #expect(a.parties == ["CHL", "MEX"])
            #expect(a.divisions.isEmpty)
        }
        #expect(throws: IngestError.self) { try DocumentLoader.load(bytes: spanish, path: "es.xml") }
        // Declared in English (or not declared at all), the body is read and its fault found.
        for language in ["<language>en</language>", ""] {
            let text = String(decoding: spanish, as: UTF8.self).replacingOccurrences(of: "<language>ES</language>", with: language)
            #expect(throws: IngestError.self) {
                try DocumentLoader.load(bytes: Array(text.utf8), path: "en.xml", options: IngestOptions(deferParagraphs: true, bodyLanguages: english))
            }
        }
        // Through the tree parse (a DOCTYPE) the body is parsed but not modelled.
        let withDoctype = Array(("<!DOCTYPE treaty>\n" + String(decoding: spanish, as: UTF8.self).replacingOccurrences(of: "<article>roto</chapter>", with: "")).utf8)
        let viaTree = try DocumentLoader.load(bytes: withDoctype, path: "es.xml", options: IngestOptions(bodyLanguages: english))
        #expect(viaTree.sourceFormat == .tota && viaTree.divisions.isEmpty && viaTree.title == "Tratado")
    }

    @Test func doctypeTakesTheTreeParse() {
        #expect(XMLProlog.declaresDoctype(Array("<?xml version='1.0'?>\n<!-- c -->\n<!DOCTYPE treaty [ <!ENTITY a 'b'> ]><treaty/>".utf8)))
        #expect(!XMLProlog.declaresDoctype(Array("\u{FEFF}<?xml version='1.0'?>\n<!-- <!DOCTYPE in a comment> -->\n<treaty/>".utf8)))
        #expect(!XMLProlog.declaresDoctype(Array("  <treaty><body/></treaty>".utf8)))
        #expect(XMLProlog.declaresDoctype([0xFF, 0xFE, 0x3C, 0x00])) // UTF-16: unknown, so the tree parse
        #expect(XMLProlog.declaresDoctype(Array("junk".utf8)))
        // With a DOCTYPE the internal entity is expanded, as before.
        let withEntity = Array("<!DOCTYPE treaty [ <!ENTITY e 'Expanded'> ]><treaty><meta><name>&e; title</name></meta><body><article>x</article></body></treaty>".utf8)
        #expect((try? DocumentLoader.load(bytes: withEntity, path: "e.xml"))?.title == "Expanded title")
    }

    @Test func externalEntitiesInAToTAFileAreNeverRead() throws {
        let xxe = Array("""
        <?xml version="1.0"?>
        <!DOCTYPE treaty [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
        <treaty><meta><name>t &x;</name></meta><body><article>a &x; b</article></body></treaty>
        """.utf8)
        let a = try DocumentLoader.load(bytes: xxe, path: "xxe.xml")
        #expect(a.sourceFormat == .tota)
        #expect(a.title == "t")
        let body = a.divisions.first?.text ?? ""
        #expect(body == "a  b")
    }

    @Test func attributeReferencesAreResolved() {
        #expect(XMLAttributes.resolvingReferences("A &#38; B &amp; C &#x26; &lt;&gt;&quot;&apos; &unknown; &#65;") == "A & B & C & <>\"' &unknown; A")
        #expect(XMLAttributes.resolvingReferences("tail & no semicolon") == "tail & no semicolon")
        #expect(XMLAttributes.resolvingReferences("x &#38") == "x &#38")
    }

    /// Every ToTA file: streamed and tree reads agree (paragraphs split in both).
    @Test(.needsSharedCorpus) func wholeCorpusStreamsLikeTheTreeRead() throws {
        guard let dir = SharedCorpus.path("tota") else { return }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(files.count == 450)
        // Every 15th in a plain `swift test`; all under DTCHECK_SLOW_TESTS=1.
        for file in SweepSample.every(15, of: files, offset: 7) {
            let bytes = try DocumentLoader.readFile(path: dir + "/" + file, options: IngestOptions())
            let streamed = try TotaReader.stream(bytes, path: file, options: IngestOptions())
            let fromTree = try TotaReader.read(LibXMLParser.parseXML(bytes, name: file), path: file, options: IngestOptions())
            #expect(streamed == fromTree, "\(file)")
        }
    }
}
