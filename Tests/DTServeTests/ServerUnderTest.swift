import DTTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A response as a test sees it: header names lower-cased.
struct HTTPReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A file for a multipart upload.
struct UploadFile: Sendable {
    var field: String
    var filename: String
    var bytes: [UInt8]
}

enum ServeTestError: Error, CustomStringConvertible {
    case binaryMissing, noURL(String), badResponse
    var description: String {
        switch self {
        case .binaryMissing: return "dtcheck binary not found under .build/*/debug — run `swift build` first"
        case .noURL(let stderr): return "the server printed no URL; stderr:\n\(stderr)"
        case .badResponse: return "not an HTTP response"
        }
    }
}

/// The real `dtcheck serve`, started on a free port in a fresh working folder with its
/// own TMPDIR (so a test can check that nothing is left there), talked to over real HTTP.
final class ServerUnderTest: @unchecked Sendable {
    let process: Process
    let url: URL
    let port: Int
    /// The server's working folder and TMPDIR: both start empty.
    let cwd: URL
    let tmp: URL
    private let logs: URL
    let session: URLSession

    static var binary: URL? {
        let root = SharedCorpus.packageRoot
        let candidates = [".build/debug/dtcheck"] + (((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(".build").path)) ?? [])
            .sorted().map { ".build/\($0)/debug/dtcheck" })
        return candidates.map { root.appendingPathComponent($0) }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func fresh(_ label: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dtcheck-serve-\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.resolvingSymlinksInPath()
    }

    /// Starts `dtcheck serve --port 0 args…` and waits for the URL it prints.
    init(_ args: [String] = [], faults: Bool = false) throws {
        guard let binary = Self.binary else { throw ServeTestError.binaryMissing }
        cwd = Self.fresh("cwd")
        tmp = Self.fresh("tmp")
        logs = Self.fresh("logs")
        let out = logs.appendingPathComponent("stdout"), err = logs.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0", "--rules", SharedCorpus.packageRoot.appendingPathComponent("rules").path] + args
        process.currentDirectoryURL = cwd
        var env = ProcessInfo.processInfo.environment
        env["TMPDIR"] = tmp.path
        env["DTCHECK_SERVE_TEST_FAULTS"] = faults ? "1" : nil
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        var found: URL?
        let deadline = Date().addingTimeInterval(120)
        while found == nil, Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            if let r = text.range(of: "http://[^ ]+", options: .regularExpression) { found = URL(string: String(text[r])) }
            else { Thread.sleep(forTimeInterval: 0.05) }
        }
        let config = URLSessionConfiguration.ephemeral
        config.httpMaximumConnectionsPerHost = 64
        config.timeoutIntervalForRequest = 120
        session = URLSession(configuration: config)
        guard let found, let port = found.port else {
            let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            throw ServeTestError.noURL(stderr)
        }
        url = found
        self.port = port
    }

    var stderr: String { (try? String(contentsOf: logs.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }
    var stdout: String { (try? String(contentsOf: logs.appendingPathComponent("stdout"), encoding: .utf8)) ?? "" }

    /// The grading processes' ids, from the line the server prints on stderr.
    var workerPIDs: [Int32] {
        guard let line = stderr.split(separator: "\n").first(where: { $0.contains("grading processes") }) else { return [] }
        return line.split(separator: " ").compactMap { Int32($0) }
    }

    /// SIGTERM (a graceful stop), then the folders go.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        session.invalidateAndCancel()
        for dir in [cwd, tmp, logs] { try? FileManager.default.removeItem(at: dir) }
    }

    /// Files and folders anywhere under the server's working folder and TMPDIR.
    func leftovers() -> [String] {
        [cwd, tmp].flatMap { dir in
            (FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String] ?? []).map { dir.path + "/" + $0 }
        }
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> HTTPReply {
        var request = URLRequest(url: url.appendingPathComponent(path))
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        return try await send(request)
    }

    /// The token embedded in the upload page.
    func token() async throws -> String {
        let page = try await get("").text
        guard let r = page.range(of: "name=\"token\" value=\"[0-9a-f]+\"", options: .regularExpression) else { return "" }
        return String(page[r].dropFirst("name=\"token\" value=\"".count).dropLast())
    }

    func post(_ path: String, fields: [(String, String)] = [], files: [UploadFile], headers: [String: String] = [:]) async throws -> HTTPReply {
        var request = URLRequest(url: url.appendingPathComponent(path))
        request.httpMethod = "POST"
        let boundary = "dtcheck-test-\(UUID().uuidString)"
        request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        request.httpBody = Self.multipart(boundary: boundary, fields: fields, files: files)
        return try await send(request)
    }

    static func multipart(boundary: String, fields: [(String, String)], files: [UploadFile]) -> Data {
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for f in files {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(f.field)\"; filename=\"\(f.filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += Data(f.bytes)
            body += Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        return body
    }

    private func send(_ request: URLRequest) async throws -> HTTPReply {
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw ServeTestError.badResponse }
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields {
            if let k = k as? String, let v = v as? String { headers[k.lowercased()] = v }
        }
        return HTTPReply(status: http.statusCode, headers: headers, body: data)
    }

    /// A request written by hand on a socket, for what URLSession will not send
    /// (a forged `Host`, two of them). Returns the status code.
    func rawStatus(_ requestText: String) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServeTestError.badResponse }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ServeTestError.badResponse }
        let bytes = Array(requestText.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            reply += buffer[0..<n]
            if String(decoding: reply, as: UTF8.self).contains("\r\n\r\n") { break }
        }
        let line = String(decoding: reply, as: UTF8.self).split(separator: "\r\n").first ?? ""
        let parts = line.split(separator: " ")
        guard parts.count >= 2, let code = Int(parts[1]) else { throw ServeTestError.badResponse }
        return code
    }
}

/// Drafts for uploads, from the repository's own corpus (no ../shared needed).
enum Drafts {
    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: SharedCorpus.packageRoot.appendingPathComponent(relative)))
    }

    static func path(_ relative: String) -> String { SharedCorpus.packageRoot.appendingPathComponent(relative).path }

    /// A draft of about `size` bytes: the baseline draft with numbered filler articles after it.
    static func large(_ size: Int) throws -> [UInt8] {
        var text = String(decoding: try bytes("corpus/drafts/baseline-draft.md"), as: UTF8.self)
        var n = 100
        while text.utf8.count < size {
            text += "\n\n## Article X.\(n): Cooperation\n\nThe Parties shall endeavour to cooperate on matters of mutual interest relating to trade in goods, "
                + "including the exchange of information on regulatory approaches, the promotion of transparency and the sharing of best practices.\n"
            n += 1
        }
        return Array(text.utf8)
    }
}
