import DTIngest
import DTModel
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct FileSystemTests {
    @Test func directoryIsRefused() throws {
        let dir = try TempDir()
        let sub = dir.url.appendingPathComponent("looks-like.xml").path
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: false)
        let error = try #require(load(sub)?.error)
        #expect(error.message.contains("directory"), "\(error)")
    }

    @Test func missingFileIsRefused() throws {
        let dir = try TempDir()
        let path = dir.path + "/nope.xml"
        let error = try #require(load(path)?.error)
        #expect(error.message.contains("no such file"), "\(error)")
    }

    /// chmod 000: refused as unreadable — unless we run as root, who can read it anyway.
    @Test func unreadableFile() throws {
        let dir = try TempDir()
        let path = try dir.write("secret.xml", totaDocument(article: "Readable only by its owner."))
        #expect(chmod(path, 0o000) == 0)
        defer { _ = chmod(path, 0o644) }
        let result = load(path)
        if access(path, R_OK) == 0 {
            // Root (or CAP_DAC_OVERRIDE) reads it regardless: then it is simply read.
            print("note: running with privileges that ignore chmod 000; checking the file is read normally")
            let agreement = try #require(result?.agreement)
            #expect(agreement.contains("Readable only by its owner."))
        } else {
            let error = try #require(result?.error)
            #expect(error.message.contains("cannot be read"), "\(error)")
        }
    }

    @Test(arguments: ["Accord é 1.xml", "with space.xml", "日本語 協定.xml", "emoji 🇪🇺.xml",
                      "Ä\u{308}ccord-decomposed.xml", "-leading-dash.xml", "quote'\"name.xml", "a.b.c.xml", "noextension"])
    func unusualNamesAreRead(name: String) throws {
        let dir = try TempDir()
        let path = try dir.write(name, totaDocument(article: "Named oddly."))
        let agreement = try #require(load(path)?.agreement)
        #expect(agreement.sourcePath == path)
        #expect(agreement.contains("Named oddly."))
        #expect(agreement.count(of: .article) == 1)
    }

    /// A FIFO named like a document (say, in an untrusted archive) must not hang the run.
    @Test func fifoWithoutAWriterDoesNotHang() throws {
        let dir = try TempDir()
        let path = dir.path + "/pipe.xml"
        guard mkfifo(path, 0o644) == 0 else { print("skipping: mkfifo failed"); return }
        let done = DispatchSemaphore(value: 0)
        let box = UnsafeSendableBox<[Int]>([0])
        Thread.detachNewThread {
            if case .refused? = load(path) { box.set(0, 1) } else { box.set(0, 2) }
            done.signal()
        }
        if done.wait(timeout: .now() + 3) == .timedOut {
            Issue.record("reading a FIFO with no writer hung")
            // Unblock the reader so the thread can finish.
            let fd = open(path, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
            _ = done.wait(timeout: .now() + 3)
            return
        }
        #expect(box.value[0] == 1, "an empty FIFO was read as a document")
    }

    /// A pipe with a writer, as `dtcheck parse <(…)` or `/dev/stdin` give, is read to its end.
    @Test func pipeWithAWriterIsRead() throws {
        let pipe = Pipe()
        let path = "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)"
        guard FileManager.default.fileExists(atPath: path) else { print("skipping: no /dev/fd"); return }
        let xml = Data(totaDocument(article: "Through a pipe.").utf8)
        let writer = pipe.fileHandleForWriting
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.2) // a slow producer: the reader must wait for it
            writer.write(xml)
            try? writer.close()
        }
        let result = load(path)
        #expect(result?.agreement?.contains("Through a pipe.") == true, "\(String(describing: result?.error))")
    }

    @Test func nonASCIIDirectoryAndSymlink() throws {
        let dir = try TempDir()
        let sub = dir.url.appendingPathComponent("Acuerdos ñ/otro dir")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let path = sub.appendingPathComponent("Accord é 1.xml").path
        try Data(totaDocument(article: "Deep dir.").utf8).write(to: URL(fileURLWithPath: path))
        #expect(load(path)?.agreement?.contains("Deep dir.") == true)
        let link = dir.path + "/link é.xml"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        #expect(load(link)?.agreement?.contains("Deep dir.") == true)
        let dangling = dir.path + "/dangling.xml"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: dir.path + "/gone.xml")
        #expect(load(dangling)?.error != nil)
    }
}
