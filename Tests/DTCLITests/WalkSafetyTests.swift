@testable import DTCLI
import DTTestSupport
import Foundation
import Testing

/// Issue 14.4, 14.5, 14.10 and 15.1: walks that end, take regular files only, skip
/// lock files, and never follow a link out of the folder given.
@Suite(.serialized) struct WalkSafetyTests {
    static let draft = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts/limitation-localization-exception.md").path

    /// 14.4: a deleted working folder. Before, `ConfigFile.find` spun forever; `timeout`
    /// turns a hang into status 124.
    @Test(arguments: ["check", "survey"]) func aDeletedWorkingFolderDoesNotHang(command: String) throws {
        let script = "d=$(mktemp -d) && cd \"$d\" && rmdir \"$d\" && exec timeout 20 \"$DTCHECK\" \(command) --jobs 1 '\(Self.draft)'"
        guard let r = Dtcheck.shell(script) else { return }
        #expect(r.status == 0, "status \(r.status) (124: hung); stderr: \(r.stderr)")
    }

    @Test func theConfigSearchStopsAtTheRootAndOnBadStarts() {
        #expect(ConfigFile.find(from: "") == nil)
        #expect(ConfigFile.find(from: "relative/path") == nil)
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(ConfigFile.find(from: dir.appendingPathComponent("no/such/folder").path) == nil)
        _ = ConfigFile.find(from: "/")
    }

    /// 14.5: a FIFO held open by a writer in a walked folder. Before, the read blocked
    /// forever; now the walk skips it (and says so with --verbose).
    @Test func aFIFOInAFolderIsSkippedNotRead() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: Self.draft, toPath: dir.appendingPathComponent("draft.md").path)
        let fifo = dir.appendingPathComponent("pipe.md").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = open(fifo, O_RDWR)
        #expect(writer >= 0)
        defer { close(writer) }
        guard let r = Dtcheck.shell("exec timeout 20 \"$DTCHECK\" check --verbose --format csv '\(dir.path)'") else { return }
        #expect(r.status == 0, "status \(r.status) (124: hung); stderr: \(r.stderr)")
        #expect(r.stdout.contains("draft.md") && !r.stdout.contains("pipe.md"))
        #expect(r.stderr.contains("note: skipped \(fifo): a FIFO, not a regular file"), "stderr: \(r.stderr)")
    }

    /// 14.5: named explicitly, a FIFO is read (with the size limit); with nothing written
    /// to it, the message says what it is rather than "empty file".
    @Test func aNamedFIFOIsReadWithAClearMessage() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe.md").path
        #expect(mkfifo(fifo, 0o600) == 0)
        guard let r = Dtcheck.shell("exec timeout 20 \"$DTCHECK\" check '\(fifo)'") else { return }
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: \(fifo): is a FIFO (named pipe) and nothing was written to it"), "stderr: \(r.stderr)")
        // A pipe with a writer is read to its end.
        guard let w = Dtcheck.shell("cat '\(Self.draft)' | timeout 20 \"$DTCHECK\" check --max-file-size 100000 /dev/stdin") else { return }
        #expect(w.status == 0, "stderr: \(w.stderr)")
    }

    /// 15.1: `ln -s /etc/passwd d/p.txt; dtcheck check d` printed root's line as a title.
    @Test(arguments: ["text", "csv", "html"]) func aLinkOutOfTheFolderIsNotFollowed(format: String) throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        try fm.copyItem(atPath: Self.draft, toPath: dir.appendingPathComponent("draft.md").path)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("p.txt").path, withDestinationPath: "/etc/passwd")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("etc").path, withDestinationPath: "/etc")
        guard let r = Dtcheck.run(["check", "--format", format, dir.path]) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(!r.stdout.contains("root:x:0:0"))
        #expect(!r.stdout.contains("p.txt") && !r.stdout.contains("\(dir.path)/etc/"))
        #expect(r.stderr.contains("note: folder walks skipped 2 entries"), "stderr: \(r.stderr)")
        guard let v = Dtcheck.run(["check", "--verbose", "--format", format, dir.path]) else { return }
        #expect(v.stderr.contains("note: skipped \(dir.path)/p.txt: symbolic link to /etc/passwd, outside \(dir.path)"), "stderr: \(v.stderr)")
    }

    /// Links inside the folder are still followed; a file named explicitly is read as named.
    @Test func linksInsideTheFolderAndNamedFilesAreRead() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        let sub = dir.appendingPathComponent("sub")
        try fm.createDirectory(at: sub, withIntermediateDirectories: true)
        try fm.copyItem(atPath: Self.draft, toPath: sub.appendingPathComponent("draft.md").path)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("alias.md").path, withDestinationPath: sub.appendingPathComponent("draft.md").path)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("again").path, withDestinationPath: "sub")
        let out = PathCollector(include: [], exclude: []).collectReporting([dir.path])
        // `again` and `sub` are one folder, walked once (by device and inode).
        #expect(out.files == [dir.path + "/again/draft.md", dir.path + "/alias.md"])
        #expect(out.skipped.isEmpty)
        // Named: taken as named, even a link out of any folder.
        let link = dir.appendingPathComponent("named.md").path
        try fm.createSymbolicLink(atPath: link, withDestinationPath: Self.draft)
        #expect(PathCollector(include: [], exclude: []).collect([link]) == [link])
    }

    /// 14.10: Word's lock file while a draft is open failed the whole run (exit 2).
    @Test func officeLockAndEditorTempFilesAreSkippedInFolders() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        try fm.copyItem(atPath: Self.draft, toPath: dir.appendingPathComponent("draft.md").path)
        // Word writes 162 bytes starting with the user's name: not a zip, so not a .docx.
        let lock = dir.appendingPathComponent("~$draft.docx")
        try Data(([UInt8](repeating: 0, count: 1) + Array("Negotiator".utf8) + [UInt8](repeating: 0x20, count: 151)).prefix(162)).write(to: lock)
        try Data("backup".utf8).write(to: dir.appendingPathComponent("draft.md~"))
        try Data("autosave".utf8).write(to: dir.appendingPathComponent("#draft.md#"))
        guard let r = Dtcheck.run(["check", "--format", "csv", dir.path]) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stderr.isEmpty)
        guard let v = Dtcheck.run(["check", "--verbose", "--format", "csv", dir.path]) else { return }
        #expect(v.stderr.contains("note: skipped \(lock.path): an Office lock file"), "stderr: \(v.stderr)")
        // Named explicitly, it is still read (and is an error: it is no document).
        guard let named = Dtcheck.run(["check", lock.path]) else { return }
        #expect(named.status == 2)
        #expect(PathCollector.lockOrTempFile("draft.docx") == nil)
        #expect(PathCollector.lockOrTempFile("~WRL0001.tmp") != nil)
    }
}
