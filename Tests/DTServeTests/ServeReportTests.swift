import DTTestSupport
import Foundation
import Testing

/// The page's reports are the command line's, and the server stays up and responsive
/// whatever one upload does (#20).
// Serialized: each test starts a server and its grading processes; one at a time keeps
// the suite from starving the rest of `swift test` on a 2-core machine.
@Suite(.serialized) struct ServeReportTests {
    /// `dtcheck ARGS` in `dir`: its stdout.
    static func cli(_ args: [String], in dir: URL) throws -> String {
        guard let binary = ServerUnderTest.binary else { throw ServeTestError.binaryMissing }
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = dir
        let out = dir.appendingPathComponent(".out-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = FileHandle.nullDevice
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env
        try p.runUntilExit()
        return try String(contentsOf: out, encoding: .utf8)
    }

    static func copy(_ relative: String, to dir: URL, as name: String) throws {
        try Data(try Drafts.bytes(relative)).write(to: dir.appendingPathComponent(name))
    }

    @Test func checkGivesTheCLIsReportsWithDownloads() async throws {
        let server = try ServerUnderTest()
        defer { server.stop() }
        let token = try await server.token()
        let dir = ServerUnderTest.fresh("cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.copy("corpus/drafts/limitation-localization-exception.md", to: dir, as: "draft.md")
        let file = [UploadFile(field: "file", filename: "draft.md", bytes: try Drafts.bytes("corpus/drafts/limitation-localization-exception.md"))]
        let json = try await server.post("check", fields: [("token", token), ("baseline", "usmca"), ("pillar", "localization")],
                                         files: file, headers: ["Accept": "application/json"])
        #expect(json.status == 200)
        #expect(json.headers["content-type"]?.hasPrefix("application/json") == true)
        #expect(json.text == (try Self.cli(["check", "--format", "json", "--baseline", "usmca", "--pillar", "localization", "draft.md"], in: dir)))

        let page = try await server.post("check", fields: [("token", token)], files: file)
        #expect(page.status == 200)
        let html = try Self.cli(["check", "--format", "html", "draft.md"], in: dir)
        // The report's body is the CLI's, after the server's bar.
        let cliBody = html.components(separatedBy: "<body>\n").last ?? ""
        #expect(!cliBody.isEmpty && page.text.contains(cliBody))
        #expect(page.text.contains("<nav class=\"serve\">"))
        for (ext, type) in [("json", "application/json"), ("sarif", "application/sarif+json"), ("md", "text/markdown")] {
            #expect(page.text.contains("download=\"dtcheck-draft.\(ext)\" href=\"data:\(type);base64,"))
        }
        // The JSON download is the same run's JSON report.
        if let r = page.text.range(of: "data:application/json;base64,[A-Za-z0-9+/=]+", options: .regularExpression),
           let decoded = Data(base64Encoded: String(page.text[r].dropFirst("data:application/json;base64,".count))) {
            #expect(String(decoding: decoded, as: UTF8.self) == (try Self.cli(["check", "--format", "json", "draft.md"], in: dir)))
        } else {
            Issue.record("no JSON download link")
        }
    }

    @Test func aWordDraftGetsTheVerdictTable() async throws {
        let server = try ServerUnderTest()
        defer { server.stop() }
        let token = try await server.token()
        let page = try await server.post("check", fields: [("token", token)],
                                         files: [UploadFile(field: "file", filename: "sample.docx", bytes: try Drafts.bytes("corpus/fixtures/ingest/sample.docx"))])
        #expect(page.status == 200)
        #expect(page.text.contains("<table><tr><th>pillar</th><th>level</th><th>score</th>"))
        #expect(page.text.contains("format docx") || page.text.contains("sample.docx"))
    }

    @Test func compareGivesTheCLIsCompareReport() async throws {
        let server = try ServerUnderTest()
        defer { server.stop() }
        let token = try await server.token()
        let dir = ServerUnderTest.fresh("cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.copy("corpus/drafts/baseline-draft.md", to: dir, as: "v1.md")
        try Self.copy("corpus/drafts/soft-draft.md", to: dir, as: "v2.md")
        let files = [UploadFile(field: "old", filename: "v1.md", bytes: try Drafts.bytes("corpus/drafts/baseline-draft.md")),
                     UploadFile(field: "new", filename: "v2.md", bytes: try Drafts.bytes("corpus/drafts/soft-draft.md"))]
        let json = try await server.post("compare", fields: [("token", token)], files: files, headers: ["Accept": "application/json"])
        #expect(json.status == 200)
        #expect(json.text == (try Self.cli(["compare", "--format", "json", "v1.md", "v2.md"], in: dir)))
        let page = try await server.post("compare", fields: [("token", token)], files: files)
        #expect(page.status == 200)
        let html = try Self.cli(["compare", "--format", "html", "v1.md", "v2.md"], in: dir)
        #expect(page.text.contains(html.components(separatedBy: "<body>\n").last ?? "<none>"))
        #expect(page.text.contains("Compared v1.md → v2.md"))
        // Two plain `file` parts, for curl: old first.
        let plain = try await server.post("compare", fields: [("token", token)], files: files.map { UploadFile(field: "file", filename: $0.filename, bytes: $0.bytes) },
                                          headers: ["Accept": "application/json"])
        #expect(plain.text == json.text)
    }

    @Test func aCrashOrThrowWhileGradingNeverTakesTheServerDown() async throws {
        let server = try ServerUnderTest(["--jobs", "1"], faults: true)
        defer { server.stop() }
        let token = try await server.token()
        let good = [UploadFile(field: "file", filename: "soft.md", bytes: try Drafts.bytes("corpus/drafts/soft-draft.md"))]
        let before = server.workerPIDs
        #expect(before.count == 1)
        let crash = try await server.post("check", fields: [("token", token)],
                                          files: [UploadFile(field: "file", filename: "crash.txt", bytes: Array("DTCHECK-TEST-CRASH".utf8))])
        #expect(crash.status == 500)
        #expect(crash.text.contains("Grading failed") && crash.text.contains("The server is still running"))
        #expect(try await server.post("check", fields: [("token", token)], files: good).status == 200)
        let thrown = try await server.post("check", fields: [("token", token)], files: [UploadFile(field: "file", filename: "t.txt", bytes: Array("DTCHECK-TEST-THROW".utf8))],
                                           headers: ["Accept": "application/json"])
        #expect(thrown.status == 500)
        #expect(thrown.text.contains("DTCHECK-TEST-THROW: injected error"))
        #expect(try await server.post("check", fields: [("token", token)], files: good).status == 200)
        #expect(server.process.isRunning)
        // The crashed grading process is gone.
        for pid in before { #expect(kill(pid, 0) != 0) }
    }

    @Test func aGradingThatHangsIsStoppedAtTheTimeout() async throws {
        let server = try ServerUnderTest(["--jobs", "1", "--grading-timeout", "3"], faults: true)
        defer { server.stop() }
        let token = try await server.token()
        let slow = try await server.post("check", fields: [("token", token)], files: [UploadFile(field: "file", filename: "slow.txt", bytes: Array("DTCHECK-TEST-SLEEP 30".utf8))])
        #expect(slow.status == 500)
        #expect(slow.text.contains("took too long"))
        let good = [UploadFile(field: "file", filename: "soft.md", bytes: try Drafts.bytes("corpus/drafts/soft-draft.md"))]
        #expect(try await server.post("check", fields: [("token", token)], files: good).status == 200)
    }

    @Test func gradingRunsOffTheEventLoop() async throws {
        // Both grading processes busy for 8 s each: the page must still be served meanwhile
        // (8 s, so that a machine loaded by the rest of the suite cannot reorder the answers).
        let server = try ServerUnderTest(["--jobs", "2"], faults: true)
        defer { server.stop() }
        let token = try await server.token()
        let order = OrderLog()
        let sleeper = [UploadFile(field: "file", filename: "slow.txt", bytes: Array("DTCHECK-TEST-SLEEP 8 cooperation".utf8))]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<2 {
                group.addTask {
                    let r = try await server.post("check", fields: [("token", token)], files: sleeper)
                    await order.add("upload\(i):\(r.status)")
                }
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(300))
                let r = try await server.get("")
                await order.add("page:\(r.status)")
            }
            try await group.waitForAll()
        }
        let log = await order.entries
        #expect(log.first == "page:200", "the page came after the uploads: \(log)")
        #expect(Set(log.dropFirst()) == ["upload0:200", "upload1:200"])
    }

    @Test func fiftyConcurrentUploadsOfA100KBDraftAllSucceed() async throws {
        let server = try ServerUnderTest()
        defer { server.stop() }
        let token = try await server.token()
        let draft = try Drafts.large(100_000)
        #expect(draft.count >= 100_000)
        let statuses = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for i in 0..<50 {
                group.addTask {
                    let r = try await server.post("check", fields: [("token", token)], files: [UploadFile(field: "file", filename: "draft-\(i).md", bytes: draft)])
                    return (r.status, r.text.contains("<table><tr><th>pillar</th>") && r.text.contains("draft-\(i).md"))
                }
            }
            var all: [(Int, Bool)] = []
            for try await s in group { all.append(s) }
            return all
        }
        #expect(statuses.count == 50)
        #expect(statuses.allSatisfy { $0.0 == 200 && $0.1 })
        #expect(server.leftovers() == [])
    }
}

actor OrderLog {
    var entries: [String] = []
    func add(_ s: String) { entries.append(s) }
}
