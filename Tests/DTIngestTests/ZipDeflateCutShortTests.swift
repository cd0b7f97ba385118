@testable import DTIngest
import DTXML
import Foundation
import Testing

/// A DOCX or ODT whose entry's deflate stream does not end within the entry's
/// compressed bytes: ZIPFoundation's inflate loop asked for more input forever (or,
/// optimised, read past its buffer). The fuzzer's input is the seed
/// `fuzz/seeds/zip-deflate-cut-short.bin` (599 bytes); the packages here are built
/// byte by byte (`ZipEntryPastTheEndTests.zip`). It must be an error naming the entry, at once.
@Suite struct ZipDeflateCutShortTests {
    /// The package with entry `name`'s deflate block made not final (BFINAL = 0): the
    /// stream then wants another block after the entry's bytes. Sizes and CRC unchanged.
    static func cutShort(_ name: String, in package: [UInt8]) throws -> [UInt8] {
        var bytes = package
        let data = try #require(ZipParts.deflatedData(of: name, in: bytes))
        #expect(bytes[data.lowerBound] == 0x01)
        bytes[data.lowerBound] = 0x00
        return bytes
    }

    @Test(arguments: [("draft.docx", "word/document.xml"), ("draft.odt", "content.xml")])
    func aStreamCutShortIsAnErrorNamingTheEntry(file: String, entry: String) throws {
        let honest = ZipEntryPastTheEndTests.zip(file.hasSuffix(".docx") ? ZipEntryPastTheEndTests.docx : ZipEntryPastTheEndTests.odt)
        let read = try #require(ZipEntryPastTheEndTests.load(honest, path: file, within: 30), "reading the honest package did not end")
        #expect(throws: Never.self) { try read.get() }

        let damaged = try Self.cutShort(entry, in: honest)
        try ZipEntryPastTheEndTests.expectRefused(damaged, path: file, naming: entry, saying: "ends before its deflate stream does")
    }

    /// The fuzzer's own input (its first byte picks the reader: 3 is `.docx`).
    @Test func theFuzzersInputIsRefusedAtOnce() throws {
        let seed = SharedSeeds.path("zip-deflate-cut-short.bin")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: seed)))
        #expect(bytes.first == 0x03)
        let result = try #require(ZipEntryPastTheEndTests.load(Array(bytes.dropFirst()), path: "fuzz.docx", within: 30), "the fuzzer's input hung the reader")
        #expect(throws: IngestError.self) { try result.get() }
    }

    @Test func theCheckItself() throws {
        // A final stored block of "abc"; the same block not final; one inflating past a limit.
        let whole: [UInt8] = [0x01, 0x03, 0x00, 0xFC, 0xFF, 0x61, 0x62, 0x63]
        try whole.withUnsafeBufferPointer { try RawInflate.check($0, limit: 10) }
        var open = whole
        open[0] = 0x00
        #expect(throws: RawInflate.Failure.truncated) { try open.withUnsafeBufferPointer { try RawInflate.check($0, limit: 10) } }
        #expect(throws: RawInflate.Failure.overLimit) { try whole.withUnsafeBufferPointer { try RawInflate.check($0, limit: 2) } }
        #expect(throws: RawInflate.Failure.damaged) { try [UInt8]([0x07, 0xFF]).withUnsafeBufferPointer { try RawInflate.check($0, limit: 10) } }
    }
}

/// `fuzz/seeds/` in the checkout.
enum SharedSeeds {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fuzz/seeds").appendingPathComponent(name).path
    }
}
