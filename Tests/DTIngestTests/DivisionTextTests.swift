import DTIngest
import DTModel
import DTTestSupport
import Testing

/// A division's text kept as UTF-8 bytes (streamed ToTA for grading) reads, compares
/// and encodes exactly as the same text kept as a string.
@Suite struct DivisionTextTests {
    let location = SourceLocation(line: 3, path: "/treaty/body/article[1]")

    @Test func bytesReadAsTheString() {
        let text = "1. Each Party shall allow the cross-border transfer of information — “by electronic means”.\n2. Café."
        let asBytes = Division(kind: .article, number: "1", heading: "Flows", utf8Text: Array(text.utf8), location: location,
                               paragraphsPending: true)
        let asString = Division(kind: .article, number: "1", heading: "Flows", text: text, location: location,
                                paragraphsPending: true)
        #expect(asBytes.text == text)
        #expect(asBytes == asString)
        #expect(asBytes.withTextUTF8 { Array($0) } == Array(text.utf8))
        #expect(asString.withTextUTF8 { Array($0) } == Array(text.utf8))
        #expect(asBytes.withParagraphs() == asString.withParagraphs())
        #expect(asBytes.withParagraphs().children.count == 2)
        var changed = asBytes
        changed.text = "other"
        #expect(changed.text == "other" && changed.withTextUTF8 { Array($0) } == Array("other".utf8))
        #expect(changed != asString)
        #expect(Division(kind: .article, utf8Text: [], location: location).text.isEmpty)
    }

    /// The non-generic readers (nothing returned, a Bool returned) see the bytes the
    /// generic one does, for text kept as bytes and as a string (bridged or not).
    @Test func everyReaderSeesTheSameBytes() {
        let texts = ["", "a", "Each Party shall allow [the transfer] — “by electronic means”.\r\n2. Café, œuvre, 日本",
                     String(repeating: "x", count: 5_000)]
        for text in texts {
            let asBytes = Division(kind: .article, utf8Text: Array(text.utf8), location: location)
            let asString = Division(kind: .article, text: text, location: location)
            let sliced = Division(kind: .article, text: String(("#" + text).dropFirst()), location: location)
            for d in [asBytes, asString, sliced] {
                let generic: [UInt8] = d.withTextUTF8 { Array($0) }
                var fed: [UInt8] = []
                d.withTextUTF8 { (bytes: UnsafeBufferPointer<UInt8>) in fed.append(contentsOf: bytes) }
                var asked: [UInt8] = []
                let answer = d.withTextUTF8 { (bytes: UnsafeBufferPointer<UInt8>) -> Bool in
                    asked = Array(bytes)
                    return bytes.contains(0x5B)
                }
                #expect(generic == Array(text.utf8))
                #expect(fed == generic && asked == generic)
                #expect(answer == text.utf8.contains(0x5B))
            }
        }
    }

    /// Element paths are written as bytes: the same string as the plain concatenation.
    @Test func childPathIsParentSlashElementIndex() {
        for (parent, element, n) in [("/treaty/body", "article", 1), ("/treaty/body/chapter[14]", "article", 203), ("", "p", 0),
                                     ("/akn/body", "paragraph", Int.max), ("/a", "b", -7), ("/é/ü", "ß", 42)] {
            #expect(SourceLocation.childPath(parent, element, n) == parent + "/" + element + "[" + String(n) + "]")
        }
    }

    /// Every ToTA article read for grading (bytes) against the same file read for the
    /// model dump (strings).
    @Test(.needsSharedCorpus) func streamedForGradingEqualsTheStringRead() throws {
        guard let files = SharedCorpus.totaFiles(30) else { return }
        // Every 3rd in a plain `swift test`; all under DTCHECK_SLOW_TESTS=1.
        for file in SweepSample.every(3, of: files) {
            let graded = try DocumentLoader.load(path: file, options: IngestOptions(deferParagraphs: true))
            let plain = try DocumentLoader.load(path: file, options: IngestOptions(deferParagraphs: false))
            let gradedArticles = graded.articles.map { $0.article.withParagraphs() }
            #expect(gradedArticles == plain.articles.map(\.article), "\(file)")
        }
    }
}
