@testable import DTIngest
import DTModel
import DTTestSupport
import Testing

/// The byte search and the ASCII prefix used for sniffing, against the plain ways.
@Suite struct ByteSearchTests {
    @Test func byteSearchFindsWhatAPlainSearchFinds() {
        var g = SplitMix64(seed: 11)
        let needles = ["<html", "?>", "-->", "a", "ab", "aab", "xhtml", ""]
        for round in 0..<2000 {
            // A small alphabet so needles occur, overlap and sit at both ends.
            let count = Int(g.next() % 40)
            let bytes: [UInt8] = (0..<count).map { _ in Array("abx<h?->".utf8)[Int(g.next() % 8)] }
            for needle in needles {
                let start = Int(g.next() % UInt64(count + 2))
                let n = Array(needle.utf8)
                var expected: Int? = start <= count && n.isEmpty ? start : nil
                if !n.isEmpty, start <= count {
                    var i = start
                    while i + n.count <= count {
                        if Array(bytes[i..<(i + n.count)]) == n { expected = i; break }
                        i += 1
                    }
                }
                #expect(bytes.firstIndex(of: needle, from: start) == expected, "round \(round): \(needle) from \(start) in \(bytes)")
            }
        }
    }

    @Test func asciiPrefixCountsCharactersAsBefore() {
        #expect(TextDecoding.asciiPrefix(Array("ab\r\ncd".utf8), count: 3) == "ab\r")
        #expect(TextDecoding.asciiPrefix(Array("ab\r\ncd".utf8), count: 4) == "ab\r\nc")
        #expect(TextDecoding.asciiPrefix([0xEF, 0xBB, 0xBF, 0x3C, 0xC3, 0xA9, 0x00], count: 10) == "<???")
        #expect(TextDecoding.asciiPrefix([0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00], count: 10) == "<a")
        #expect(TextDecoding.asciiPrefix([0xFE, 0xFF, 0x00, 0x3C, 0x00, 0x61], count: 10) == "<a")
        #expect(TextDecoding.asciiPrefix([], count: 10) == "")
        #expect(TextDecoding.asciiPrefix([0xEF, 0xBB, 0xBF], count: 10) == "")
        let long = [UInt8](repeating: 0x0D, count: 5000)
        #expect(TextDecoding.asciiPrefix(long, count: 4096).utf8.count == 4096)
        let crlf = Array(String(repeating: "\r\n", count: 3000).utf8)
        #expect(TextDecoding.asciiPrefix(crlf, count: 4096).utf8.count == 6000)
    }

    /// Sniffing reads the first characters as lower-case ASCII bytes.
    @Test func sniffingReadsTheHeadAsLowerCaseBytes() {
        #expect(TextDecoding.asciiPrefixBytes(Array("<HTML é".utf8), count: 10, lowercased: true) == Array("<html ??".utf8))
        func sniff(_ text: String, _ path: String) -> InputFormat { FormatSniffer.sniff(bytes: Array(text.utf8), path: path) }
        #expect(sniff("<!DOCTYPE HTML><p>x</p>", "a.txt") == .html)
        #expect(sniff("  \n\t<HTML lang=\"en\">", "a") == .html)
        // Line breaks before the first tag are white space, "\r\n" as much as "\n".
        #expect(sniff("\r\n\r\n<html><body>x</body></html>", "a.txt") == .html)
        #expect(sniff("\n\n<html><body>x</body></html>", "a.txt") == .html)
        #expect(sniff("<?xml version=\"1.0\"?><treaty/>", "a.txt") == .auto)
        #expect(sniff("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"/>", "a.xml") == .html)
        #expect(sniff("<meta charset=\"utf-8\">\n# Title", "a.md") == .markdown)
        #expect(sniff("<note>x</note>", "a.txt") == .text)
        #expect(sniff("Plain words", "a.md") == .markdown)
        #expect(sniff("Plain words", "a.xml") == .auto)
    }
}
