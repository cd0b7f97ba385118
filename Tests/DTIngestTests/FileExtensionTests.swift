@testable import DTIngest
import DTTestSupport
import Testing

/// `FormatSniffer.fileExtension` reads ASCII paths as bytes: it must answer as the
/// Character split it replaced, on every path.
@Suite struct FileExtensionTests {
    func split(_ path: String) -> String { path.split(separator: ".").last.map { $0.lowercased() } ?? "" }

    @Test func answersAsTheSplit() {
        let fixed = ["", ".", "..", "a", "a.", "a..", ".xml", "a.XML", "../shared/corpus/tota/pta_1.xml", "dir.d/file", "x.tar.gz",
                     "a.b.", "a..b", "é.docx", "a.\u{301}b", "a.b\u{301}", "C:\\x.Md", "/", "./a"]
        for path in fixed { #expect(FormatSniffer.fileExtension(path) == split(path), "\(path.debugDescription)") }
        let pieces = [".", ".", "a", "B", "/", "é", "\u{301}", "x", "..", "ML"]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<5000 {
            var path = ""
            for _ in 0..<Int(generator.next() % 8) { path += pieces[Int(generator.next() % UInt64(pieces.count))] }
            #expect(FormatSniffer.fileExtension(path) == split(path), "\(path.debugDescription)")
        }
    }
}
