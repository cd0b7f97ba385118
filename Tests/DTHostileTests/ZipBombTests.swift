import DTIngest
import DTModel
import Foundation
import Testing

/// DOCX is a ZIP: a small file can inflate to gigabytes. With
/// `IngestOptions.maxUncompressedSize` the reader must stop early.
@Suite struct ZipBombTests {
    /// Writes a DOCX whose word/document.xml is `megabytes` MB of spaces inside one
    /// paragraph. With `lie`, the size fields in the ZIP headers claim 1,000 bytes.
    static let bombScript = #"""
import sys, zipfile, struct
path, megabytes, lie = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    z.writestr("[Content_Types].xml", ct)
    with z.open("word/document.xml", "w", force_zip64=False) as f:
        f.write(('<?xml version="1.0"?><w:document %s><w:body><w:p><w:r><w:t>Article 1 ' % W).encode())
        chunk = b" " * (1 << 20)
        for _ in range(megabytes):
            f.write(chunk)
        f.write(b'</w:t></w:r></w:p></w:body></w:document>')
if lie:
    data = bytearray(open(path, "rb").read())
    name = b"word/document.xml"
    i = 0
    while True:  # patch the uncompressed size in local headers and the central directory
        i = data.find(name, i)
        if i < 0: break
        if data[i-30:i-26] == b"PK\x03\x04":
            struct.pack_into("<I", data, i - 30 + 22, 1000)
        elif data[i-46:i-42] == b"PK\x01\x02":
            struct.pack_into("<I", data, i - 46 + 24, 1000)
        i += 1
    open(path, "wb").write(data)
"""#

    static func makeBomb(in dir: TempDir, name: String, megabytes: Int, lie: Bool) throws -> String? {
        let path = dir.path + "/" + name
        guard let status = try runPython(bombScript, [path, "\(megabytes)", lie ? "1" : "0"]) else { return nil }
        #expect(status == 0, "python3 could not write the ZIP bomb")
        return status == 0 ? path : nil
    }

    @Test(arguments: [false, true])
    func zipBombIsRefusedFast(lyingHeaders: Bool) throws {
        let dir = try TempDir()
        guard let path = try Self.makeBomb(in: dir, name: "bomb.docx", megabytes: 300, lie: lyingHeaders) else { return }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).intValue
        #expect(size < 5_000_000, "the bomb is not small: \(size) bytes")
        let limit = 10_000_000
        let (result, elapsed) = timed { load(path, options: IngestOptions(maxUncompressedSize: limit)) }
        #expect(elapsed < .seconds(5), "took \(elapsed)")
        switch result {
        case .refused(let error)?:
            // Once the DOCX reader exists the refusal must say why.
            if !error.message.contains("not implemented") {
                let m = error.message.lowercased()
                #expect(m.contains("\(limit)") || m.contains("uncompress") || m.contains("zip bomb")
                        || m.contains("crc") || m.contains("size"), "unclear refusal: \(error)")
            }
        case .document(let agreement)?:
            Issue.record("a 300 MB part was read past a 10 MB limit (\(agreement.totalTextLength) bytes of text)")
        case nil:
            break
        }
    }

    /// Same bomb, disguised: no .docx extension, found by its ZIP signature.
    @Test func disguisedZipBombIsRefused() throws {
        let dir = try TempDir()
        guard let path = try Self.makeBomb(in: dir, name: "report.xml", megabytes: 50, lie: false) else { return }
        let (result, elapsed) = timed { load(path, options: IngestOptions(maxUncompressedSize: 10_000_000)) }
        #expect(elapsed < .seconds(5), "took \(elapsed)")
        #expect(result?.error != nil, "a 50 MB part was read past a 10 MB limit")
    }

    /// A small honest DOCX under the limit: a document or (before the reader lands) a clean refusal.
    @Test func smallDocxUnderTheLimit() throws {
        let dir = try TempDir()
        guard let path = try Self.makeBomb(in: dir, name: "small.docx", megabytes: 1, lie: false) else { return }
        let (result, elapsed) = timed { load(path, options: IngestOptions(maxUncompressedSize: 10_000_000)) }
        #expect(elapsed < .seconds(5))
        if let a = result?.agreement { #expect(a.contains("Article 1")) }
    }
}
