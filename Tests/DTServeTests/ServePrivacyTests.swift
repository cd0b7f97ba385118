import DTTestSupport
import Foundation
import Testing

/// Every privacy and safety point of `dtcheck serve` (#20), over real HTTP against the
/// real binary on a free port.
// Serialized for the same reason as ServeReportTests.
@Suite(.serialized) struct ServePrivacyTests {
    @Test func bindsToLoopbackByDefaultAndSaysNothingAboutIt() async throws {
        let server = try ServerUnderTest()
        defer { server.stop() }
        #expect(server.url.host == "127.0.0.1")
        // The kernel's socket table: the listening socket is on 127.0.0.1 (0100007F), not 0.0.0.0.
        let table = (try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)) ?? ""
        let port = String(format: "%04X", server.port)
        var listening: [String] = []
        for line in table.split(separator: "\n") {
            let columns = line.split(separator: " ").map(String.init)
            // local_address is column 1, st (0A = LISTEN) column 3.
            if columns.count > 3, columns[1].hasSuffix(":" + port), columns[3] == "0A" { listening.append(columns[1]) }
        }
        #expect(listening == ["0100007F:\(port)"])
        #expect(!server.stderr.contains("warning"))
        #expect(try await server.get("").status == 200)
    }

    @Test func anotherHostIsAllowedOnlyWithAWarning() async throws {
        let server = try ServerUnderTest(["--host", "0.0.0.0"])
        defer { server.stop() }
        #expect(server.stderr.contains("warning: --host 0.0.0.0 makes the page reachable from other machines"))
    }

    @Test func everyResponseCarriesCSPAndNosniff() async throws {
        let server = try ServerUnderTest()
        defer { server.stop() }
        let token = try await server.token()
        let replies = [
            try await server.get(""),
            try await server.get("static/page.js"),
            try await server.get("static/page.css"),
            try await server.get("no/such/page"),
            try await server.post("check", fields: [("token", token)],
                                  files: [UploadFile(field: "file", filename: "soft-draft.md", bytes: try Drafts.bytes("corpus/drafts/soft-draft.md"))]),
            try await server.post("check", fields: [("token", "wrong")], files: []),
        ]
        #expect(replies.map(\.status) == [200, 200, 200, 404, 200, 403])
        for r in replies {
            #expect(r.headers["content-security-policy"]?.hasPrefix("default-src 'self'") == true)
            #expect(r.headers["x-content-type-options"] == "nosniff")
        }
        // The report's inline stylesheet is served from /static, so the CSP needs no 'unsafe-inline'.
        let report = replies[4].text
        #expect(!report.contains("<style>"))
        guard let r = report.range(of: "/static/report-[0-9a-f]+\\.css", options: .regularExpression) else {
            Issue.record("no report stylesheet link")
            return
        }
        let css = try await server.get(String(report[r].dropFirst()))
        #expect(css.status == 200 && css.text.contains("border-collapse"))
    }

    @Test func uploadsLeaveNothingOnDisk() async throws {
        let server = try ServerUnderTest(["--max-file-size", "20000"])
        defer { server.stop() }
        let token = try await server.token()
        let draft = try Drafts.bytes("corpus/drafts/limitation-localization-exception.md")
        let docx = try Drafts.bytes("corpus/fixtures/ingest/sample.docx")
        let statuses = [
            try await server.post("check", fields: [("token", token)], files: [UploadFile(field: "file", filename: "a.md", bytes: draft)]).status,
            try await server.post("check", fields: [("token", token)], files: [UploadFile(field: "file", filename: "s.docx", bytes: docx)]).status,
            try await server.post("compare", fields: [("token", token)], files: [
                UploadFile(field: "old", filename: "a.md", bytes: draft), UploadFile(field: "new", filename: "s.docx", bytes: docx)]).status,
            try await server.post("check", fields: [("token", token)],
                                  files: [UploadFile(field: "file", filename: "bad.docx", bytes: try Drafts.bytes("corpus/fixtures/ingest/not-a-zip.docx"))]).status,
            try await server.post("check", fields: [("token", token)], files: [UploadFile(field: "file", filename: "big.md", bytes: try Drafts.large(30_000))]).status,
        ]
        #expect(statuses == [200, 200, 200, 422, 413])
        #expect(server.leftovers() == [], "the server left files in its TMPDIR or working folder")
    }

    @Test func aPathFromTheClientIsNeverOpened() async throws {
        let server = try ServerUnderTest()
        defer { server.stop() }
        let token = try await server.token()
        // Named after a real, gradable file, but the bytes are not a draft: graded as sent.
        let realFile = Drafts.path("corpus/drafts/baseline-draft.md")
        let junk = try await server.post("check", fields: [("token", token)],
                                         files: [UploadFile(field: "file", filename: realFile, bytes: [0, 1, 2, 3, 0, 0, 0, 0xFF])],
                                         headers: ["Accept": "application/json"])
        #expect(junk.status == 422)
        #expect(junk.text.contains("\"path\" : \"baseline-draft.md\""), "only the last component is kept, as a label")
        #expect(!junk.text.contains(realFile))
        // Named after a path that does not exist, with a real draft's bytes: graded all the same.
        let draft = try await server.post("check", fields: [("token", token)],
                                          files: [UploadFile(field: "file", filename: "/no/such/folder/../draft.md",
                                                             bytes: try Drafts.bytes("corpus/drafts/baseline-draft.md"))])
        #expect(draft.status == 200)
        #expect(draft.text.contains("<table><tr><th>pillar</th>"))
    }

    @Test func aForeignHostHeaderIsRefused() async throws {
        let server = try ServerUnderTest()
        defer { server.stop() }
        func status(_ host: String) throws -> Int {
            try server.rawStatus("GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
        }
        #expect(try status("127.0.0.1:\(server.port)") == 200)
        #expect(try status("localhost:\(server.port)") == 200)
        #expect(try status("[::1]:\(server.port)") == 200)
        // DNS rebinding: the attacker's name resolved to 127.0.0.1; the browser still sends the name.
        #expect(try status("attacker.example:\(server.port)") == 403)
        #expect(try status("attacker.example") == 403)
        #expect(try status("127.0.0.1:\(server.port + 1)") == 403)
        #expect(try status("127.0.0.1.attacker.example:\(server.port)") == 403)
        #expect(try server.rawStatus("GET / HTTP/1.1\r\nConnection: close\r\n\r\n") == 403)
        #expect(try server.rawStatus("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nHost: attacker.example\r\nConnection: close\r\n\r\n") >= 400)
        let post = "POST /check HTTP/1.1\r\nHost: attacker.example:\(server.port)\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        #expect(try server.rawStatus(post) == 403)
    }

    @Test func postsNeedThisProcesssPageToken() async throws {
        let server = try ServerUnderTest()
        defer { server.stop() }
        let other = try ServerUnderTest()
        defer { other.stop() }
        let token = try await server.token()
        let otherToken = try await other.token()
        #expect(token.count == 64 && token != otherToken)
        let file = [UploadFile(field: "file", filename: "soft-draft.md", bytes: try Drafts.bytes("corpus/drafts/soft-draft.md"))]
        #expect(try await server.post("check", files: file).status == 403)
        #expect(try await server.post("check", fields: [("token", "")], files: file).status == 403)
        #expect(try await server.post("check", fields: [("token", otherToken)], files: file).status == 403)
        #expect(try await server.post("compare", fields: [("token", otherToken)], files: file + file).status == 403)
        #expect(try await server.post("check", fields: [("token", token)], files: file).status == 200)
        #expect(try await server.post("check", files: file, headers: ["X-DTCheck-Token": token]).status == 200)
        // A form posted from another site carries its Origin: refused even with the token.
        #expect(try await server.post("check", fields: [("token", token)], files: file,
                                      headers: ["Origin": "http://attacker.example"]).status == 403)
        #expect(try await server.post("check", fields: [("token", token)], files: file,
                                      headers: ["Origin": "http://127.0.0.1:\(server.port)"]).status == 200)
        let refused = try await server.post("check", fields: [("token", "wrong")], files: file)
        #expect(refused.text.contains("Reload the upload page"))
    }

    @Test func anUploadOverTheLimitGets413WithAReadablePage() async throws {
        let server = try ServerUnderTest(["--max-file-size", "5000"])
        defer { server.stop() }
        let token = try await server.token()
        let big = [UploadFile(field: "file", filename: "big.md", bytes: try Drafts.large(6000))]
        let page = try await server.post("check", fields: [("token", token)], files: big)
        #expect(page.status == 413)
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(page.text.contains("<h1>File too large</h1>"))
        #expect(page.text.contains("at most 5000 bytes") && page.text.contains("--max-file-size"))
        let json = try await server.post("check", fields: [("token", token)], files: big, headers: ["Accept": "application/json"])
        #expect(json.status == 413)
        #expect(json.text.contains("\"error\""))
        // A body far over the limit is refused from its Content-Length, before it is read.
        let huge = [UploadFile(field: "file", filename: "huge.md", bytes: try Drafts.large(200_000))]
        #expect(try await server.post("check", fields: [("token", token)], files: huge).status == 413)
        // Under the limit is fine.
        let small = [UploadFile(field: "file", filename: "soft.md", bytes: try Drafts.bytes("corpus/drafts/soft-draft.md").prefix(4900).map { $0 })]
        #expect(try await server.post("check", fields: [("token", token)], files: small).status == 200)
    }

    @Test func anUnreadableFileGets422WithTheCLIsMessage() async throws {
        let server = try ServerUnderTest()
        defer { server.stop() }
        let token = try await server.token()
        // What the command line says about the same bytes under the same name.
        let dir = ServerUnderTest.fresh("cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = try Drafts.bytes("corpus/fixtures/ingest/not-a-zip.docx")
        try Data(bytes).write(to: dir.appendingPathComponent("minutes.docx"))
        guard let binary = ServerUnderTest.binary else { throw ServeTestError.binaryMissing }
        let cli = Process()
        cli.executableURL = binary
        cli.arguments = ["check", "minutes.docx"]
        cli.currentDirectoryURL = dir
        let err = Pipe()
        cli.standardError = err
        cli.standardOutput = Pipe()
        try cli.run()
        let cliText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        cli.waitUntilExit()
        let message = cliText.split(separator: "\n").first { $0.hasPrefix("error: minutes.docx: ") }.map { String($0.dropFirst("error: ".count)) }
        guard let message else {
            Issue.record("the CLI printed no error line: \(cliText)")
            return
        }
        let file = [UploadFile(field: "file", filename: "minutes.docx", bytes: bytes)]
        let page = try await server.post("check", fields: [("token", token)], files: file)
        #expect(page.status == 422)
        #expect(page.text.contains(message), "the page shows the CLI's message: \(message)")
        let json = try await server.post("check", fields: [("token", token)], files: file, headers: ["Accept": "application/json"])
        #expect(json.status == 422)
        #expect(json.text.contains("\"status\" : \"error\""))
    }

    @Test func aFormWithoutAFileOrWithUnknownOptionsGets400WithAReason() async throws {
        let server = try ServerUnderTest()
        defer { server.stop() }
        let token = try await server.token()
        let file = [UploadFile(field: "file", filename: "soft-draft.md", bytes: try Drafts.bytes("corpus/drafts/soft-draft.md"))]
        let none = try await server.post("check", fields: [("token", token)], files: [])
        #expect(none.status == 400 && none.text.contains("Choose a file to check."))
        let one = try await server.post("compare", fields: [("token", token)], files: file)
        #expect(one.status == 400 && one.text.contains("Choose two files to compare"))
        let baseline = try await server.post("check", fields: [("token", token), ("baseline", "wto")], files: file)
        #expect(baseline.status == 400 && baseline.text.contains("baseline must be usmca, ujdta or both"))
        let pillar = try await server.post("check", fields: [("token", token), ("pillar", "tariffs")], files: file,
                                           headers: ["Accept": "application/json"])
        #expect(pillar.status == 400 && pillar.text.contains("Unknown pillar 'tariffs'"))
        var request = "POST /check HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nContent-Type: text/plain\r\n"
        request += "Content-Length: 5\r\nConnection: close\r\n\r\nhello"
        #expect(try server.rawStatus(request) == 400)
    }
}
