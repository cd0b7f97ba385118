import Foundation
import Yams

/// One sentence a person read and judged not to need a rule: not the pillar (or
/// not a dispute-settlement limitation), with the reason. `dtcheck audit` reports
/// every sentence holding a pillar's core vocabulary that no rule explains; an
/// entry here answers for one such sentence wherever it appears.
public struct ReviewedEntry: Sendable, Equatable {
    /// A pillar id, or `dispute-settlement` for the dispute-scope audit.
    public var scope: String
    /// The audit fingerprint of the sentence (scope + normalised text).
    public var fingerprint: String
    /// Where the person read it (a path under the corpus), for the record.
    /// The start of the sentence, so the file can be read without the corpus.
    public var text: String
    public var reason: String
    public var line: Int

    public init(scope: String, fingerprint: String, text: String, reason: String, line: Int) {
        self.scope = scope
        self.fingerprint = fingerprint
        self.text = text
        self.reason = reason
        self.line = line
    }
}

/// `rules/reviewed.yml`: `reviewed:` a list of entries, each with `scope`,
/// `fingerprint`, `text` and a non-empty `reason`. The rule loader
/// skips the key; only `audit` reads it.
public struct ReviewedFile: Sendable {
    public var path: String
    public var entries: [ReviewedEntry]
    private var byKey: [String: Int] = [:]

    public init(path: String, entries: [ReviewedEntry]) {
        self.path = path
        self.entries = entries
        for (i, e) in entries.enumerated() where byKey[Self.key(e.scope, e.fingerprint)] == nil {
            byKey[Self.key(e.scope, e.fingerprint)] = i
        }
    }

    static func key(_ scope: String, _ fingerprint: String) -> String { scope + "|" + fingerprint }

    public func entry(scope: String, fingerprint: String) -> ReviewedEntry? {
        byKey[Self.key(scope, fingerprint)].map { entries[$0] }
    }

    /// Reads the file; a missing file is an empty list (a new rules folder has none).
    public static func load(path: String) throws -> ReviewedFile {
        guard FileManager.default.fileExists(atPath: path) else { return ReviewedFile(path: path, entries: []) }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw RuleLoadError(file: path, message: "cannot be read as UTF-8")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws -> ReviewedFile {
        let root: Node?
        do { root = try Node.compose(yaml: text, plain: false) } catch let e as YamlError {
            throw RuleLoadError(file: path, line: RuleLoader.yamlLine(e), message: "YAML syntax error: \(RuleLoader.yamlProblem(e))")
        }
        guard let map = root?.mapping else { return ReviewedFile(path: path, entries: []) }
        let fields = NodeReader.fields(map)
        guard let list = fields["reviewed"] else { return ReviewedFile(path: path, entries: []) }
        guard let seq = list.sequence else { throw RuleLoadError(file: path, line: list.mark?.line, message: "'reviewed' must be a list") }
        let r = NodeReader(file: path)
        var entries: [ReviewedEntry] = []
        for item in seq {
            guard let m = item.mapping else { throw r.fail(item, "a reviewed entry must be a mapping (scope, fingerprint, text, reason)") }
            let f = NodeReader.fields(m)
            let known: Set<String> = ["scope", "fingerprint", "text", "reason"]
            for k in f.keys where !known.contains(k) { throw r.fail(item, "unknown key '\(k)' in a reviewed entry; expected \(known.sorted().joined(separator: ", "))") }
            let scope = try r.string(f["scope"], key: "scope")
            guard scope == "dispute-settlement" || PillarID(rawValue: scope) != nil else {
                throw r.fail(f["scope"], "unknown scope '\(scope)'; use a pillar id or dispute-settlement")
            }
            let reason = try r.string(f["reason"], key: "reason")
            guard reason.split(separator: " ").count >= 3 else { throw r.fail(f["reason"], "a reason says why in words, not '\(reason)'") }
            entries.append(ReviewedEntry(scope: scope, fingerprint: try r.string(f["fingerprint"], key: "fingerprint"),
                                         text: try r.string(f["text"], key: "text"), reason: reason, line: item.mark?.line ?? 0))
        }
        return ReviewedFile(path: path, entries: entries)
    }
}
