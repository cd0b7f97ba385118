import Foundation
import Testing

/// Where `../shared` is, and whether tests that need it must fail rather than skip.
enum SharedCorpus {
    /// `../shared` beside the package root (this file is Tests/<target>/SharedCorpus.swift).
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
