@testable import DTIngest
import DTModel
import DTTestSupport
import DTXML
import Foundation
import Testing

@Suite struct BadBytesTests {
    // MARK: Text decoding

    @Test func invalidUTF8HasLineAndColumn() throws {
        // Line 3, column 5 is the 0xFF.
        let bytes: [UInt8] = Array("Article 1\nThe Parties\nAbc ".utf8) + [0xFF] + Array(" rest\n".utf8)
        #expect {
            try TextDecoding.decode(bytes, path: "bad.txt")
        } throws: { error in
            guard let e = error as? IngestError else { return false }
            return e.line == 3 && e.column == 5 && e.message.contains("UTF-8") && e.description.hasPrefix("bad.txt:3:5:")
        }
    }

    @Test func truncatedMultibyteSequenceAtEndHasPosition() throws {
        let bytes: [UInt8] = Array("Café\nx".utf8) + [0xE2, 0x82] // "€" cut short
        do {
            _ = try TextDecoding.decode(bytes, path: "cut.txt")
            Issue.record("truncated UTF-8 was accepted")
        } catch let e as IngestError {
            #expect(e.line == 2)
            #expect(e.column == 2)
        }
    }

    @Test func invalidUTF8AfterBOMCountsTheBOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ab".utf8) + [0xC0, 0x80] // overlong NUL
        do {
            _ = try TextDecoding.decode(bytes, path: "bom.txt")
            Issue.record("overlong encoding was accepted")
        } catch let e as IngestError {
            #expect(e.line == 1)
            #expect(e.column == 6)
        }
    }

    @Test func invalidUTF8ThroughTheLoader() throws {
        let dir = try TempDir()
        let path = try dir.write("bad.txt", Array("Article 1\n1. Text ".utf8) + [0xFF, 0xFE, 0x80] + Array(" more\n".utf8))
        for options in [IngestOptions(inputFormat: .text), IngestOptions()] {
            let error = try #require(load(path, options: options)?.error, "invalid UTF-8 was read")
            #expect(error.message.contains("UTF-8") && error.line == 2 && error.column == 9, "\(error)")
        }
    }

    @Test func utf16WithoutBOMIsNamedAsSuch() throws {
        let text = "Article 1\n1. The Parties shall cooperate.\n"
        for (label, bytes) in [("LE", Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
                               ("BE", Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })] {
            do {
                _ = try TextDecoding.decode(bytes, path: "u16.txt")
                Issue.record("UTF-16\(label) without BOM decoded as if it were UTF-8")
            } catch let e as IngestError {
                #expect(e.message.contains("UTF-16"), "\(label): \(e)")
                #expect(e.line == 1)
            }
            let dir = try TempDir()
            let xmlBytes = Array(totaDocument(article: "x").utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            for (name, data) in [("u16.txt", bytes), ("u16.xml", xmlBytes)] {
                let path = try dir.write(name, data)
                #expect(OutcomeKind(load(path)) == .refused, "\(label) \(name)")
            }
        }
    }

    @Test func utf16WithBOMDecodes() throws {
        let text = "Article 1 é"
        let le: [UInt8] = [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try TextDecoding.decode(le, path: "le.txt") == text)
        #expect(try TextDecoding.decode(be, path: "be.txt") == text)
        // Odd byte count after a BOM: still decoded (the stray byte cannot hide text).
        #expect(OutcomeKind.of { try TextDecoding.decode([0xFF, 0xFE, 0x41], path: "odd.txt") } == .document)
    }

    /// UTF-32 starts with the UTF-16LE BOM (FF FE 00 00): it must not decode into text full of NULs.
    @Test func utf32IsNotMistakenForUTF16() throws {
        let text = "Article 1\n1. The Parties shall cooperate.\n"
        let le: [UInt8] = [0xFF, 0xFE, 0, 0] + text.unicodeScalars.flatMap { s -> [UInt8] in
            let v = s.value
            return [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
        }
        do {
            let decoded = try TextDecoding.decode(le, path: "u32.txt")
            #expect(!decoded.contains("\u{0}"), "UTF-32 decoded as UTF-16: NULs in the text")
        } catch let e as IngestError {
            #expect(e.message.contains("UTF-32"), "\(e)")
        }
        let dir = try TempDir()
        if case .document(let a)? = load(try dir.write("u32.txt", le)) {
            #expect(!a.allStrings.contains { $0.contains("\u{0}") }, "NULs in the model")
        }
    }

    @Test func sniffingUTF16BEWithBOMSeesTheTags() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><html><body>x</body></html>"
        let be: [UInt8] = [0xFE, 0xFF] + Array(xml.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(TextDecoding.asciiPrefix(be, count: 5) == "<?xml")
        let le: [UInt8] = [0xFF, 0xFE] + Array(xml.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(TextDecoding.asciiPrefix(le, count: 5) == "<?xml")
    }

    @Test func utf16XMLWithBOMIsRead() throws {
        let dir = try TempDir()
        let xml = totaDocument(article: "Sixteen bits é.").replacingOccurrences(of: "UTF-8", with: "UTF-16")
        let le: [UInt8] = [0xFF, 0xFE] + Array(xml.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + Array(xml.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(load(try dir.write("le.xml", le))?.agreement?.contains("Sixteen bits é.") == true)
        #expect(load(try dir.write("be.xml", be))?.agreement?.contains("Sixteen bits é.") == true)
    }

    // MARK: XML

    @Test func nulByteInXMLIsRefusedWithPosition() throws {
        let dir = try TempDir()
        let xml = Array(totaDocument(article: "before").utf8)
        var bytes = xml
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "b")))
        bytes.insert(0, at: at)
        let error = try #require(load(try dir.write("nul.xml", bytes))?.error)
        #expect((error.line ?? 0) > 1, "\(error)")
        #expect((error.column ?? 0) > 0, "\(error)")
        let text = try #require(load(try dir.write("nul.txt", Array("Article 1\nab".utf8) + [0] + Array("cd".utf8)))?.error)
        _ = text // any clean refusal is fine for text; the contract is checked by `load`
    }

    @Test(arguments: [50, 120, 200, 300])
    func truncatedXMLHasLineAndColumn(cut: Int) throws {
        let dir = try TempDir()
        let xml = Array(totaDocument(article: "(a) first;\n(b) second.").utf8)
        let path = try dir.write("cut.xml", Array(xml.prefix(cut)))
        let error = try #require(load(path)?.error, "truncated at \(cut) was accepted")
        #expect((error.line ?? 0) > 0, "\(error)")
        #expect((error.column ?? 0) > 0, "\(error)")
        #expect(error.description.hasPrefix(path + ":\(error.line ?? 0):"), "\(error)")
    }

    @Test func emptyAndWhitespaceOnlyFiles() throws {
        let dir = try TempDir()
        for name in ["empty.xml", "empty.txt", "empty.html", "empty.docx", "empty.md", "empty"] {
            let path = try dir.write(name, [UInt8]())
            let error = try #require(load(path)?.error, "\(name) accepted")
            #expect(error.message.contains("empty"), "\(name): \(error)")
        }
        for name in ["blank.xml", "blank.txt", "blank.html", "bom-only.xml"] {
            let bytes: [UInt8] = name.hasPrefix("bom") ? [0xEF, 0xBB, 0xBF] : Array(" \n\t\r\n ".utf8)
            let kind = OutcomeKind(load(try dir.write(name, bytes)))
            // White space only: refused as markup; as plain text, a document with no articles.
            #expect(kind == (name == "blank.txt" ? .document : .refused), "\(name): \(kind)")
        }
    }

    @Test(arguments: ["random.xml", "random.docx", "random.html", "random.txt", "random.akn", "random.odt", "random"])
    func randomBytesAreRefusedCleanly(name: String) throws {
        let dir = try TempDir()
        for seed in UInt64(1)...8 {
            var bytes = SplitMix64.bytes(count: 4096 * Int(seed), seed: seed)
            if seed == 8 { bytes = [0x50, 0x4B, 0x03, 0x04] + bytes } // ZIP signature, garbage after
            let path = try dir.write(name, bytes)
            let (result, elapsed) = timed { load(path) }
            #expect(elapsed < .seconds(2), "\(name) seed \(seed): \(elapsed)")
            #expect(OutcomeKind(result) == .refused, "\(name) seed \(seed)")
        }
    }

    @Test func xmlRenamedAsDocxAndDocxThatIsNotAZip() throws {
        let dir = try TempDir()
        let renamed = try dir.write("treaty.docx", totaDocument(article: "Really XML."))
        #expect(load(renamed)?.agreement?.contains("Really XML.") == true)
        let notZip = try dir.write("letter.docx", "Dear Sir,\nThis is not a Word file.\n")
        #expect(OutcomeKind(load(notZip)) == .refused)
        let htmlAsDocx = try dir.write("page.docx", "<html><body><p>Article 1</p></body></html>")
        #expect(OutcomeKind(load(htmlAsDocx)) == .document)
        // A ZIP that is not a DOCX at all (no word/document.xml).
        let zipPath = dir.path + "/archive.docx"
        guard let status = try runPython("""
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w") as z: z.writestr("hello.txt", "hi")
            """, [zipPath]) else { return }
        #expect(status == 0)
        let error = try #require(load(zipPath)?.error, "a ZIP without word/document.xml was read as a document")
        _ = error
    }

    @Test func forcedFormatsOnTheWrongContentAreClean() throws {
        let dir = try TempDir()
        let xml = try dir.write("t.xml", totaDocument(article: "x"))
        let txt = try dir.write("t.txt", "Article 1\n1. Text.\n")
        let bin = try dir.write("t.bin", SplitMix64.bytes(count: 2048, seed: 42))
        // Each file read as each format: a document where the content can be read
        // that way (XML as text, text as HTML…), a clean refusal elsewhere.
        let reads: [String: Set<InputFormat>] = [
            xml: [.auto, .tota, .akn, .xml, .html, .markdown, .text],
            txt: [.auto, .html, .markdown, .text],
            bin: [],
        ]
        for path in [xml, txt, bin] {
            for format in InputFormat.allCases {
                let (result, elapsed) = timed { load(path, options: IngestOptions(inputFormat: format)) }
                #expect(elapsed < .seconds(2), "\(path) as \(format): \(elapsed)")
                let expected: OutcomeKind = reads[path]?.contains(format) == true ? .document : .refused
                #expect(OutcomeKind(result) == expected, "\((path as NSString).lastPathComponent) as \(format)")
            }
        }
    }

    @Test func malformedXMLErrorsAreIngestErrorsWithPositions() throws {
        let dir = try TempDir()
        let cases = [
            "<treaty><body></treaty>",
            "<treaty><body><chapter></body></treaty>",
            "<?xml version=\"1.0\"?>\n<treaty>\n<body>\n&undefined;\n</body></treaty>",
            "<?xml version=\"1.0\" encoding=\"NO-SUCH-ENCODING\"?><treaty/>",
            "<treaty a=\"1\" a=\"2\"/>",
            "<treaty><![CDATA[unterminated</treaty>",
            "<!-- only a comment -->",
            "<?xml version=\"1.0\"?>",
            "<treaty>" + String(repeating: "x", count: 10) + "\u{1}</treaty>",
            "<" + String(repeating: "n", count: 60_000) + "/>",
        ]
        for (i, xml) in cases.enumerated() {
            let path = try dir.write("m\(i).xml", xml)
            let error = try #require(load(path)?.error, "case \(i) accepted")
            #expect(!error.message.isEmpty)
        }
    }

    /// libxml2's error handler is per thread: concurrent parses must each get their own position.
    @Test func concurrentParsesReportTheirOwnErrors() throws {
        let results = UnsafeSendableBox<[Int]>(Array(repeating: -1, count: 32))
        DispatchQueue.concurrentPerform(iterations: 32) { i in
            let xml = String(repeating: "\n", count: i) + "<r><unclosed></r>"
            do {
                _ = try LibXMLParser.parseXML(Array(xml.utf8))
            } catch let e as XMLParseError {
                results.set(i, e.line)
            } catch {}
        }
        for i in 0..<32 { #expect(results.value[i] == i + 1, "parse \(i) reported line \(results.value[i])") }
    }
}

/// Collects results from `concurrentPerform` under a lock.
final class UnsafeSendableBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var _value: T
    init(_ value: T) { _value = value }
    var value: T { lock.lock(); defer { lock.unlock() }; return _value }
    func set(_ index: Int, _ element: Int) where T == [Int] {
        lock.lock(); defer { lock.unlock() }
        _value[index] = element
    }
}
