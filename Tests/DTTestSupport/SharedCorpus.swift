import Foundation
import Testing

/// Where `../shared` is, and whether tests that need it must fail rather than
/// skip: absent, they skip with a message, unless `DTCHECK_REQUIRE_SHARED=1`
/// (as `.ci/run` sets), when its absence is a failure. Shared by every test target.
public enum SharedCorpus {
    /// The package root (this file is Tests/DTTestSupport/SharedCorpus.swift).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the package root.
    public static let root: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    public static var isPresent: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("corpus").path) }

    public static var required: Bool { ProcessInfo.processInfo.environment["DTCHECK_REQUIRE_SHARED"] == "1" }

    /// Path under `../shared/corpus`, or nil (with a recorded issue when required) if absent.
    public static func path(_ relative: String) -> String? {
        shared("corpus")?.appendingPathComponent(relative).path
    }

    /// `../shared/schemas/<name>`, or nil (recording an issue when required).
    public static func schema(_ name: String) -> String? {
        shared("schemas")?.appendingPathComponent(name).path
    }

    /// The first `count` ToTA files in numeric name order (stable).
    public static func totaFiles(_ count: Int) -> [String]? {
        guard let dir = path("tota") else { return nil }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasPrefix("pta_") && $0.hasSuffix(".xml") }
            .sorted { (Int($0.dropFirst(4).dropLast(4)) ?? 0) < (Int($1.dropFirst(4).dropLast(4)) ?? 0) }
        return names.prefix(count).map { dir + "/" + $0 }
    }

    private static func shared(_ folder: String) -> URL? {
        guard isPresent else {
            if required { Issue.record("../shared is required (DTCHECK_REQUIRE_SHARED=1) but absent at \(root.path)") }
            else { print("skipping: ../shared is absent") }
            return nil
        }
        return root.appendingPathComponent(folder)
    }
}
