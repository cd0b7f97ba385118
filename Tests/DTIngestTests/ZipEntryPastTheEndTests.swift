@testable import DTIngest
import DTModel
import Dispatch
import Foundation
import Testing

/// A DOCX or ODT whose central directory says an entry's data runs past the end of
/// the package: ZIPFoundation kept asking for the missing bytes and never returned
/// (the fuzzer's `fuzz/seeds/zip-entry-past-the-end.bin`, 1.5 KB); the packages built
/// here were read as documents without the check. It must be an error naming the
/// entry, at once. The packages are built here, byte by byte.
@Suite struct ZipEntryPastTheEndTests {
    /// A ZIP of `entries`, deflated as word processors write them (each entry one
    /// deflate block of the bytes as they are, so no compressor is needed).
    static func zip(_ entries: [(name: String, data: String)]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ into: inout [UInt8]) { into += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int, _ into: inout [UInt8]) { u16(v & 0xFFFF, &into); u16(v >> 16 & 0xFFFF, &into) }
        for (name, text) in entries {
            let data = Array(text.utf8), nameBytes = Array(name.utf8)
            // A final stored deflate block: BFINAL=1 BTYPE=00, LEN, NLEN, the bytes.
            var deflated: [UInt8] = [0x01]
            u16(data.count, &deflated); u16(~data.count & 0xFFFF, &deflated)
            deflated += data
            let crc = crc32(data), offset = out.count
            u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(8, &out) // signature, version, flags, deflate
            u16(0, &out); u16(0x21, &out) // time, date (1980-01-01)
            u32(crc, &out); u32(deflated.count, &out); u32(data.count, &out)
            u16(nameBytes.count, &out); u16(0, &out)
            out += nameBytes + deflated
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0, &central); u16(8, &central)
            u16(0, &central); u16(0x21, &central)
            u32(crc, &central); u32(deflated.count, &central); u32(data.count, &central)
            u16(nameBytes.count, &central); u16(0, &central); u16(0, &central) // name, extra, comment lengths
            u16(0, &central); u16(0, &central); u32(0, &central) // disk, internal and external attributes
            u32(offset, &central)
            central += nameBytes
        }
        let directoryAt = out.count
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out)
        u16(entries.count, &out); u16(entries.count, &out)
        u32(central.count, &out); u32(directoryAt, &out); u16(0, &out)
        return out
    }

    static func crc32(_ bytes: [UInt8]) -> Int {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return Int(crc ^ 0xFFFF_FFFF)
    }

    /// Sets the compressed and uncompressed sizes of entry `name` to `size`, in its
    /// local header and in the central directory, as the fuzzer's file has them.
    static func claim(_ size: UInt32, for name: String, in package: [UInt8]) -> [UInt8] {
        var bytes = package
        let nameBytes = Array(name.utf8)
        func put(_ v: UInt32, at i: Int) { for k in 0..<4 { bytes[i + k] = UInt8(v >> (8 * UInt32(k)) & 0xFF) } }
        for i in 0..<(bytes.count - nameBytes.count) where Array(bytes[i..<(i + nameBytes.count)]) == nameBytes {
            if i >= 30, bytes[(i - 30)..<(i - 26)].elementsEqual([0x50, 0x4B, 0x03, 0x04]) {
                put(size, at: i - 30 + 18); put(size, at: i - 30 + 22)
            } else if i >= 46, bytes[(i - 46)..<(i - 42)].elementsEqual([0x50, 0x4B, 0x01, 0x02]) {
                put(size, at: i - 46 + 20); put(size, at: i - 46 + 24)
            }
        }
        return bytes
    }

    static let docx: [(name: String, data: String)] = [
        ("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#),
        ("word/document.xml", #"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Article 1: Customs Duties</w:t></w:r></w:p><w:p><w:r><w:t>No Party shall impose customs duties on electronic transmissions.</w:t></w:r></w:p></w:body></w:document>"#),
    ]

    static let odt: [(name: String, data: String)] = [
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", #"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>Article 1: Customs Duties</text:p><text:p>No Party shall impose customs duties on electronic transmissions.</text:p></office:text></office:body></office:document-content>"#),
    ]

    /// `DocumentLoader.load(bytes:)` on another thread, given `seconds` to answer: a
    /// hang fails the test instead of stalling the run (the stuck thread is left behind).
    static func load(_ bytes: [UInt8], path: String, within seconds: Int) -> Result<Agreement, any Error>? {
        final class Box: @unchecked Sendable { var result: Result<Agreement, any Error>? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            box.result = Result { try DocumentLoader.load(bytes: bytes, path: path) }
            done.signal()
        }
        return done.wait(timeout: .now() + .seconds(seconds)) == .success ? box.result : nil
    }

    @Test(arguments: [("draft.docx", "word/document.xml"), ("draft.odt", "content.xml")])
    func entryPastTheEndIsAnErrorNamingIt(file: String, entry: String) throws {
        let honest = Self.zip(file.hasSuffix(".docx") ? Self.docx : Self.odt)
        // The package as built is read: the refusal below is the corruption's, not the builder's.
        #expect(ZipParts.entryPastTheEnd(honest) == nil)
        let read = try #require(Self.load(honest, path: file, within: 30), "reading the honest package did not end")
        let agreement = try read.get()
        #expect(agreement.divisions.map(\.fullText).joined(separator: " ").contains("customs duties on electronic transmissions"))

        let damaged = Self.claim(0x0100_0000, for: entry, in: honest) // 16 MB claimed in a package of under 1 KB
        #expect(ZipParts.entryPastTheEnd(damaged) == entry)
        try Self.expectRefused(damaged, path: file, naming: entry, saying: "past the end of the package")
    }

    /// Reading `bytes` ends (within 30 s) in an `IngestError` for `path` that names the
    /// damaged `entry` and says `why`.
    static func expectRefused(_ bytes: [UInt8], path: String, naming entry: String, saying why: String) throws {
        let result = try #require(load(bytes, path: path, within: 30), "the damaged package hung the reader")
        switch result {
        case .success:
            Issue.record("a damaged package (\(why)) was read as a document")
        case .failure(let error):
            let e = try #require(error as? IngestError, "not an IngestError: \(error)")
            #expect(e.path == path)
            #expect(e.message.contains(entry) && e.message.contains(why), "\(e.message)")
        }
    }

    /// An entry whose local header lies past the end: named too, not read.
    @Test func localHeaderPastTheEndIsNamed() {
        var bytes = Self.zip(Self.docx)
        // The central directory's local-header offset of the second entry, moved far out.
        let name = Array("word/document.xml".utf8)
        guard let i = (46..<(bytes.count - name.count)).first(where: {
            Array(bytes[$0..<($0 + name.count)]) == name && bytes[($0 - 46)..<($0 - 42)].elementsEqual([0x50, 0x4B, 0x01, 0x02])
        }) else {
            Issue.record("the central directory entry was not found in the built package")
            return
        }
        for k in 0..<4 { bytes[i - 46 + 42 + k] = [0x00, 0x00, 0x00, 0x40][k] }
        #expect(ZipParts.entryPastTheEnd(bytes) == "word/document.xml")
    }
}
