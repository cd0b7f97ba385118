import Foundation

/// A rule file that does not load: the file, the line where known, and what is wrong.
public struct RuleLoadError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// All rules, compiled once. (Placeholder until the rule engine lands.)
public struct RuleSet: Sendable {
    public var directory: String

    public static func load(directory: String) throws -> RuleSet {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw RuleLoadError(file: directory, message: "rules folder not found")
        }
        return RuleSet(directory: directory)
    }

    /// `DTCHECK_RULES`, else a `rules/` folder beside the package the executable was
    /// built in (walking up from the executable), else `./rules`.
    public static func defaultDirectory() -> String {
        if let env = ProcessInfo.processInfo.environment["DTCHECK_RULES"], !env.isEmpty { return env }
        var url = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = url.appendingPathComponent("rules")
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: candidate.path) {
                return candidate.path
            }
            url = url.deletingLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath + "/rules"
    }
}
