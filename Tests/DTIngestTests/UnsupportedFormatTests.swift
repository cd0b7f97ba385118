@testable import DTIngest
import Testing

/// Issue 14.11: a .doc or a PDF said "contains a NUL byte"; say what it is and what to do.
@Suite struct UnsupportedFormatTests {
    func message(_ bytes: [UInt8], _ path: String) -> String? {
        do {
            _ = try DocumentLoader.load(bytes: bytes, path: path)
            return nil
        } catch let e as IngestError {
            return e.message
        } catch {
            return "\(error)"
        }
    }

    @Test func aWord97DocumentSaysSaveAsDocx() {
        let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        let m = message(ole2, "draft.doc")
        #expect(m?.contains("Word 97-2003 document (.doc)") == true, "\(m ?? "loaded")")
        #expect(m?.contains("save it as .docx") == true)
    }

    @Test func aPDFSaysExtractItsTextFirst() {
        let pdf = Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".utf8) + [0, 0x01, 0xFF]
        let m = message(pdf, "draft.pdf")
        #expect(m?.contains("a PDF file") == true, "\(m ?? "loaded")")
        #expect(m?.contains("pdftotext -layout") == true)
        // Without a NUL a PDF was graded as text; now it is refused the same way.
        let m2 = message(Array("%PDF-1.4\n1 0 obj << >> endobj\n".utf8), "plain.pdf")
        #expect(m2?.contains("a PDF file") == true, "\(m2 ?? "loaded")")
    }

    @Test func textThatMentionsPDFIsStillText() {
        let text = Array("Article 1\nThe Parties shall exchange %PDF-like files.\n".utf8)
        #expect(UnsupportedFormat.advice(text) == nil)
        #expect(UnsupportedFormat.advice(Array("Article 1\nNo Party shall impose customs duties.\n".utf8)) == nil)
    }
}
