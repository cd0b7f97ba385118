import DTTestSupport
import Foundation
import Testing

/// What a run of the built `dtcheck` printed and how it exited.
struct RunResult {
    var stdout: String
    var stderr: String
    var status: Int32
}

/// Runs the built executable, in the style of ArgumentParser's AssertExecuteCommand:
/// the real binary, real argv, real exit status. `swift test` builds the executable
/// product too, so it sits at `<package root>/.build/debug/dtcheck`.
enum Dtcheck {
    static var binary: URL? {
        // Another build to test, e.g. the previous commit's, to see a new test fail there.
        if let other = ProcessInfo.processInfo.environment["DTCHECK_TEST_BINARY"], !other.isEmpty {
            return URL(fileURLWithPath: other)
        }
        let root = SharedCorpus.packageRoot
        let candidates = [".build/debug/dtcheck"] + (((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(".build").path)) ?? [])
            .sorted().map { ".build/\($0)/debug/dtcheck" })
        return candidates.map { root.appendingPathComponent($0) }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// `swift test` rebuilds the libraries but does not always relink the executable, so a
    /// binary older than the objects it links would test stale code: say so once, clearly.
    /// (Object files, not sources: the compiler leaves an object alone when a source edit
    /// does not change it.)
    static let staleness: String? = {
        guard ProcessInfo.processInfo.environment["DTCHECK_TEST_BINARY"] == nil,
              let binary, let built = modified(binary.path) else { return nil }
        let dir = binary.deletingLastPathComponent()
        var newest: (Date, String)?
        for module in ["dtcheck", "DTCLI", "DTBuiltinRules", "DTReports", "DTGrading", "DTRules", "DTIngest", "DTModel", "DTXML"] {
            let build = dir.appendingPathComponent("\(module).build")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: build.path)) ?? [] where name.hasSuffix(".o") {
                guard let m = modified(build.appendingPathComponent(name).path) else { continue }
                if m > (newest?.0 ?? .distantPast) { newest = (m, "\(module).build/\(name)") }
            }
        }
        guard let (date, file) = newest, date > built else { return nil }
        return "\(binary.path) is older than \(file); run `swift build` before `swift test`"
    }()

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// Runs `dtcheck args…`; stdout and stderr go to temp files so big reports cannot
    /// dead-lock a pipe. Returns nil (with a recorded issue) when the binary is missing.
    static func run(_ args: [String], cwd: URL? = nil, environment: [String: String] = [:]) -> RunResult? {
        guard let binary else {
            Issue.record("dtcheck binary not found under \(SharedCorpus.packageRoot.path)/.build/*/debug — run `swift build` first")
            return nil
        }
        return run(executable: binary, args, cwd: cwd, environment: environment)
    }

    static func run(executable binary: URL, _ args: [String], cwd: URL? = nil, environment: [String: String] = [:]) -> RunResult? {
        if let staleness {
            Issue.record(Comment(rawValue: staleness))
            return nil
        }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("dtcheck-run-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = tmp.appendingPathComponent("out"), err = tmp.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        if let cwd { process.currentDirectoryURL = cwd }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        do {
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.runUntilExit()
        } catch {
            Issue.record("could not run \(binary.path): \(error)")
            return nil
        }
        let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        return RunResult(stdout: stdout, stderr: stderr, status: process.terminationStatus)
    }

    /// Runs a /bin/sh script with `$DTCHECK` set to the binary: for what a shell sets up
    /// around a run (redirections to /dev/full or a closed stdout, an ignored SIGPIPE,
    /// a file-size limit, a deleted working folder).
    static func shell(_ script: String, cwd: URL? = nil) -> RunResult? {
        guard let binary else {
            Issue.record("dtcheck binary not found under \(SharedCorpus.packageRoot.path)/.build/*/debug — run `swift build` first")
            return nil
        }
        return run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", script], cwd: cwd, environment: ["DTCHECK": binary.path])
    }

    /// A fresh temp folder for a test; removed by the caller.
    static func tempDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dtcheck-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.resolvingSymlinksInPath()
    }
}
