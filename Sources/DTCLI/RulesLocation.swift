import DTBuiltinRules
import DTRules
import Foundation

/// Which rules a run grades with: the set built into the binary (the default, so an
/// installed binary works from any folder), or a folder named by `--rules`,
/// `DTCHECK_RULES` or `rules:` in `.dtcheck.yml`.
enum RulesLocation: Equatable, CustomStringConvertible {
    case builtIn
    case folder(String)

    /// `--rules DIR` if given, else `DTCHECK_RULES` if set and not empty, else built in.
    static func from(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> RulesLocation {
        if let option { return .folder(option) }
        if let env = environment["DTCHECK_RULES"], !env.isEmpty { return .folder(env) }
        return .builtIn
    }

    /// The built-in files as the loader reads them, named `rules/…` as in the repository.
    static var builtInSources: [RuleSource] {
        BuiltinRules.files.map { RuleSource(file: "rules/" + $0.path, text: $0.text) }
    }

    func load() throws -> RuleSet {
        switch self {
        case .builtIn: return try RuleSet.load(directory: "rules", sources: Self.builtInSources)
        case .folder(let dir): return try RuleSet.load(directory: dir)
        }
    }

    /// The rule files as (path under the rules folder, bytes), sorted by path; nil when a
    /// folder cannot be read (loading it then says why).
    func files() -> [(path: String, bytes: [UInt8])]? {
        switch self {
        case .builtIn:
            return BuiltinRules.files.map { ($0.path, Array($0.text.utf8)) }.sorted { $0.path < $1.path }
        case .folder(let dir):
            guard let walker = FileManager.default.enumerator(atPath: dir) else { return nil }
            var out: [(path: String, bytes: [UInt8])] = []
            while let rel = walker.nextObject() as? String {
                guard rel.hasSuffix(".yml") || rel.hasSuffix(".yaml") else { continue }
                guard let data = FileManager.default.contents(atPath: dir + "/" + rel) else { return nil }
                out.append((rel, Array(data)))
            }
            return out.sorted { $0.path < $1.path }
        }
    }

    /// SHA-256 over each rule file's path under the rules folder, a NUL, its bytes and a
    /// NUL, in path order: equal for the built-in set and a folder holding the same files,
    /// so `--rules rules/ --print-config` tells whether a binary's rules are current.
    func contentHash() -> String? {
        guard let files = files() else { return nil }
        var bytes: [UInt8] = []
        for f in files {
            bytes += Array(f.path.utf8) + [0] + f.bytes + [0]
        }
        return SHA256.hex(bytes)
    }

    /// `built-in` or the folder, as `--print-config` and `rules list` say it.
    var description: String {
        switch self {
        case .builtIn: return "built-in"
        case .folder(let dir): return dir
        }
    }

    /// One line for headings: `built-in, 11 files, sha256 1a2b…` (or the folder).
    var summary: String {
        let count = files()?.count
        let hash = contentHash().map { "sha256 \($0)" } ?? "unreadable"
        return "\(description)\(count.map { ", \($0) files" } ?? ""), \(hash)"
    }
}
