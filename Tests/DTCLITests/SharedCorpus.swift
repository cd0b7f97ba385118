import Foundation
import Testing

/// Where `../shared` is, and whether tests that need it must fail rather than skip.
enum SharedCorpus {
    /// `../shared` beside the package root (this file is Tests/DTCLITests/SharedCorpus.swift).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")

    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var isPresent: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("corpus").path) }

    static var required: Bool { ProcessInfo.processInfo.environment["DTCHECK_REQUIRE_SHARED"] == "1" }

    /// Path under `../shared/corpus`, or nil (with a recorded issue when required) if absent.
    static func path(_ relative: String) -> String? {
        guard isPresent else {
            if required { Issue.record("../shared is required (DTCHECK_REQUIRE_SHARED=1) but absent at \(root.path)") }
            else { print("skipping: ../shared/corpus is absent") }
            return nil
        }
        return root.appendingPathComponent("corpus").appendingPathComponent(relative).path
    }
}

extension SharedCorpus {
    /// The first `count` English ToTA files in name order (sorted numerically, so stable).
    static func totaFiles(_ count: Int) -> [String]? {
        guard let dir = path("tota") else { return nil }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasPrefix("pta_") && $0.hasSuffix(".xml") }
            .sorted { (Int($0.dropFirst(4).dropLast(4)) ?? 0) < (Int($1.dropFirst(4).dropLast(4)) ?? 0) }
        return names.prefix(count).map { dir + "/" + $0 }
    }

    /// `../shared/schemas/<name>`, or nil (recording an issue when required).
    static func schema(_ name: String) -> String? {
        guard isPresent else {
            if required { Issue.record("../shared is required (DTCHECK_REQUIRE_SHARED=1) but absent at \(root.path)") }
            else { print("skipping: ../shared is absent") }
            return nil
        }
        return root.appendingPathComponent("schemas").appendingPathComponent(name).path
    }
}
