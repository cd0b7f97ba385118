import DTIngest
import DTModel
import Foundation
import Testing

@Suite struct SizeLimitTests {
    @Test func fileOverTheLimitIsRefusedNamingTheLimitAndTheFlag() throws {
        let dir = try TempDir()
        let xml = totaDocument(article: String(repeating: "The Parties shall cooperate. ", count: 200))
        let path = try dir.write("big.xml", xml)
        let limit = 1_000
        let error = try #require(load(path, options: IngestOptions(maxFileSize: limit))?.error)
        #expect(error.message.contains("\(limit)"), "limit not named: \(error)")
        #expect(error.message.contains("--max-file-size"), "flag not named: \(error)")
        // The same file under a big enough limit is read.
        #expect(load(path, options: IngestOptions(maxFileSize: xml.utf8.count))?.agreement != nil)
    }

    /// A sparse file far larger than memory: refused from its size, without reading it.
    @Test func hugeSparseFileIsRefusedWithoutReadingIt() throws {
        let dir = try TempDir()
        let path = try dir.write("sparse.xml", "<treaty>")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        do {
            try handle.truncate(atOffset: 16 << 30) // 16 GiB, no blocks allocated
            try handle.close()
        } catch {
            print("skipping: cannot make a sparse file here (\(error))")
            return
        }
        let (result, elapsed) = timed { load(path) }
        #expect(elapsed < .seconds(1), "took \(elapsed): the file was read")
        let error = try #require(result?.error)
        #expect(error.message.contains("\(IngestOptions.defaultMaxFileSize)"))
        #expect(error.message.contains("--max-file-size"))
    }

    /// Bytes handed in directly obey the same limit as a file.
    @Test func bytesOverTheLimitAreRefused() throws {
        let bytes = Array(totaDocument(article: String(repeating: "x", count: 5_000)).utf8)
        let result = outcome(path: "mem.xml") {
            try DocumentLoader.load(bytes: bytes, path: "mem.xml", options: IngestOptions(maxFileSize: 1_000))
        }
        guard case .refused(let error)? = result else {
            Issue.record("5 KB of bytes accepted under a 1 KB limit")
            return
        }
        #expect(error.message.contains("1000"))
        #expect(error.message.contains("--max-file-size"))
    }

    /// `--max-file-size` at its extremes: no arithmetic overflow, no giant allocation.
    @Test(arguments: [Int.max, Int.max - 1, Int(Int32.max) + 10, 0, -1, Int.min])
    func extremeLimits(limit: Int) throws {
        let dir = try TempDir()
        let path = try dir.write("small.xml", totaDocument(article: "Small."))
        let result = load(path, options: IngestOptions(maxFileSize: limit))
        if limit > 1_000_000 {
            #expect(result?.agreement?.contains("Small.") == true)
        } else {
            #expect(result?.error?.message.contains("--max-file-size") == true)
        }
    }

    /// A device that never ends is not read forever.
    @Test func endlessDeviceIsRefused() throws {
        guard FileManager.default.fileExists(atPath: "/dev/zero") else { return }
        let (result, elapsed) = timed { load("/dev/zero", options: IngestOptions(maxFileSize: 1 << 20)) }
        #expect(elapsed < .seconds(2))
        #expect(result?.error != nil)
    }

    /// DTCHECK_SLOW_TESTS=1: a real 200 MB XML file is refused by the default limit, quickly.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["DTCHECK_SLOW_TESTS"] == "1"))
    func twoHundredMegabyteFileIsRefusedByTheDefaultLimit() throws {
        let dir = try TempDir()
        let path = dir.url.appendingPathComponent("200mb.xml").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data("<treaty><meta/><body><chapter><article number=\"1\">".utf8))
        let chunk = Data(String(repeating: "The Parties shall cooperate in good faith. ", count: 24_000).utf8) // ~1 MB
        for _ in 0..<200 { try handle.write(contentsOf: chunk) }
        try handle.write(contentsOf: Data("</article></chapter></body></treaty>".utf8))
        try handle.close()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).intValue
        #expect(size > 200_000_000)
        let (result, elapsed) = timed { load(path) }
        #expect(elapsed < .seconds(1), "took \(elapsed)")
        let error = try #require(result?.error)
        #expect(error.message.contains("\(IngestOptions.defaultMaxFileSize)"))
        #expect(error.message.contains("--max-file-size"))
    }
}
