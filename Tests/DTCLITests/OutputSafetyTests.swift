import DTTestSupport
import Foundation
import Testing

/// Issue 14.1 and 14.2: `--output` never removes or replaces anything but a regular
/// file it names, never leaves a partial file, and a failed write is an error, not a crash.
@Suite(.serialized) struct OutputSafetyTests {
    static let draft = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts/limitation-localization-exception.md").path

    /// Files left in `dir` (hidden ones too: the temporary file is hidden).
    static func listing(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    @Test(arguments: ["text", "json", "csv", "html", "markdown", "sarif", "junit"])
    func anExistingFolderIsRefusedAndKept(format: String) throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: out.appendingPathComponent("notes.txt"))
        guard let r = Dtcheck.run(["check", "--format", format, "--output", out.path, Self.draft]) else { return }
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: cannot write --output \(out.path): it is a folder"), "stderr: \(r.stderr)")
        #expect(!r.stderr.contains("NSCocoaErrorDomain"))
        #expect(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
        #expect(Self.listing(dir) == ["out"])
    }

    /// survey and compare share the same --output; regress --update its expectations file.
    @Test func otherCommandsRefuseAFolderToo() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let runs: [([String], String)] = [
            (["survey", "--output", out.path, Self.draft], "cannot write --output \(out.path): it is a folder"),
            (["compare", "--output", out.path, Self.draft, Self.draft], "cannot write --output \(out.path): it is a folder"),
            (["regress", "--update", "--expected", out.path, Self.draft], "cannot write \(out.path): it is a folder"),
        ]
        for (args, message) in runs {
            guard let r = Dtcheck.run(args) else { return }
            #expect(r.status == 2, "\(args[0]): stderr: \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args[0]): stderr: \(r.stderr)")
            #expect(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
        }
    }

    @Test func aFIFOIsNotReplaced() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        guard let r = Dtcheck.run(["check", "--output", fifo, Self.draft]) else { return }
        #expect(r.status == 2)
        #expect(r.stderr.contains("it is not a regular file"), "stderr: \(r.stderr)")
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test func anInputIsNotOverwritten() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("draft.md")
        try FileManager.default.copyItem(atPath: Self.draft, toPath: input.path)
        let before = try Data(contentsOf: input)
        for format in ["text", "html"] {
            guard let r = Dtcheck.run(["check", "--format", format, "--output", input.path, input.path]) else { return }
            #expect(r.status == 2)
            #expect(r.stderr.contains("it is one of the inputs"), "stderr: \(r.stderr)")
            #expect(try Data(contentsOf: input) == before)
        }
        // Found by walking a folder, too.
        guard let walked = Dtcheck.run(["check", "--output", input.path, dir.path]) else { return }
        #expect(walked.status == 2)
        #expect(try Data(contentsOf: input) == before)
    }

    @Test func aMissingFolderIsNamed() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("no/such/report.html").path
        guard let r = Dtcheck.run(["check", "--format", "html", "--output", target, Self.draft]) else { return }
        #expect(r.status == 2)
        #expect(r.stderr.contains("its folder \(dir.path)/no/such does not exist"), "stderr: \(r.stderr)")
    }

    @Test(arguments: ["text", "html"])
    func aRegularFileIsReplacedWithItsPermissionsAndNothingIsLeft(format: String) throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("report")
        try Data("old".utf8).write(to: target)
        #expect(chmod(target.path, 0o640) == 0)
        guard let r = Dtcheck.run(["check", "--format", format, "--output", target.path, Self.draft]) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(try String(contentsOf: target, encoding: .utf8).contains("localization"))
        var st = stat()
        #expect(stat(target.path, &st) == 0 && st.st_mode & 0o777 == 0o640)
        #expect(Self.listing(dir) == ["report"])
    }

    /// A full disk, as a file-size limit: the write fails (EFBIG), the run says so and
    /// exits 2, and neither a partial report nor the temporary file is left.
    @Test(arguments: ["text", "html"])
    func aFailedWriteLeavesNoPartialFile(format: String) throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("report").path
        guard let r = Dtcheck.shell("ulimit -f 1; exec \"$DTCHECK\" check --format \(format) --output '\(target)' '\(Self.draft)'") else { return }
        #expect(r.status == 2, "stderr: \(r.stderr)")
        #expect(r.stderr.contains("error: cannot write --output \(target): File too large"), "stderr: \(r.stderr)")
        #expect(Self.listing(dir).isEmpty)
    }

    /// Interrupted while it waits on an input (a FIFO held open, nothing written): the temporary
    /// file, made before any work, is removed, and the old report is left as it was.
    @Test func anInterruptLeavesNoPartialFile() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("stuck.md").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let target = dir.appendingPathComponent("report.txt")
        try Data("old".utf8).write(to: target)
        // Held open for writing (O_RDWR does not wait for a reader), so a read of it waits.
        let writer = open(fifo, O_RDWR)
        #expect(writer >= 0)
        defer { close(writer) }
        guard let binary = Dtcheck.binary else { return }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["check", "--jobs", "1", "--output", target.path, fifo]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the temporary file to appear (it is made before the inputs are read).
        var started = false
        for _ in 0..<200 where !started {
            started = Self.listing(dir).contains { $0.hasPrefix(".report.txt.dtcheck-") }
            if !started { usleep(50_000) }
        }
        #expect(started, "no temporary file appeared: \(Self.listing(dir))")
        process.interrupt()
        // Not forever: a run deaf to SIGINT is a failure, not a hung suite.
        for _ in 0..<200 where process.isRunning { usleep(50_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("dtcheck ignored SIGINT")
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(Self.listing(dir) == ["report.txt", "stuck.md"])
        #expect(try String(contentsOf: target, encoding: .utf8) == "old")
    }

    // MARK: 14.2 write errors on stdout

    @Test func aFullDiskOnStdoutIsAnError() throws {
        guard let r = Dtcheck.shell("exec \"$DTCHECK\" check '\(Self.draft)' >/dev/full") else { return }
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: cannot write to standard output: No space left on device"), "stderr: \(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
    }

    @Test func aClosedStdoutIsAnError() throws {
        for args in ["check '\(Self.draft)'", "rules list", "check --format html '\(Self.draft)'"] {
            guard let r = Dtcheck.shell("exec \"$DTCHECK\" \(args) >&-") else { return }
            #expect(r.status == 2, "\(args): stderr: \(r.stderr)")
            #expect(r.stderr.contains("error: cannot write to standard output: Bad file descriptor"), "\(args): stderr: \(r.stderr)")
        }
    }

    /// A reader that goes away with SIGPIPE ignored: a quiet end (status 141, as if
    /// SIGPIPE had ended the run), no trap and no message.
    @Test func aBrokenPipeEndsQuietly() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Enough documents that the report outgrows a pipe's buffer.
        for i in 0..<150 {
            try FileManager.default.copyItem(atPath: Self.draft, toPath: dir.appendingPathComponent("d\(i).md").path)
        }
        let rc = dir.appendingPathComponent("rc").path
        let script = "trap '' PIPE; { \"$DTCHECK\" check --jobs 1 '\(dir.path)'; echo $? >'\(rc)'; } | head -c 1 >/dev/null"
        guard let r = Dtcheck.shell(script) else { return }
        #expect(r.stderr.isEmpty, "stderr: \(r.stderr)")
        #expect((try? String(contentsOfFile: rc, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) == "141")
    }
}

/// Issue 14.11 end to end: a .doc in a folder says what it is and what to do.
@Suite struct UnsupportedInputTests {
    @Test func aWord97DocumentInAFolderSaysSaveAsDocx() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let doc = dir.appendingPathComponent("draft.txt")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: doc)
        guard let r = Dtcheck.run(["check", dir.path]) else { return }
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: \(doc.path): is a Word 97-2003 document (.doc)"), "stderr: \(r.stderr)")
        #expect(r.stderr.contains("save it as .docx"))
    }
}
