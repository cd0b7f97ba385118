import Yams

/// Typed reads from YAML nodes that fail with the file and line.
struct NodeReader {
    let file: String

    func fail(_ node: Node?, _ message: String) -> RuleLoadError {
        RuleLoadError(file: file, line: node?.mark?.line, message: message)
    }

    /// A mapping's values by key, the last of a repeated key winning as in Yams's own
    /// look-up, which compares whole nodes pair by pair and showed in load profiles.
    static func fields(_ mapping: Node.Mapping) -> [String: Node] {
        var out: [String: Node] = [:]
        for (k, v) in mapping { if let key = k.string { out[key] = v } }
        return out
    }

    func string(_ node: Node?, key: String) throws -> String {
        guard let s = node?.string, !s.isEmpty else { throw fail(node, "'\(key)' must be a non-empty string") }
        return s
    }

    /// A list of strings, or one string.
    func strings(_ node: Node?, key: String, required: Bool) throws -> [String] {
        guard let node else {
            if required { throw RuleLoadError(file: file, message: "'\(key)' is required") }
            return []
        }
        if let s = node.scalar?.string { return [s] }
        guard let seq = node.sequence else { throw fail(node, "'\(key)' must be a string or a list of strings") }
        return try seq.map { item in
            guard let s = item.scalar?.string else { throw fail(item, "'\(key)' items must be strings") }
            return s
        }
    }

    /// A pattern given as one string or as a list of alternatives.
    func patternSource(_ node: Node) -> String? {
        if let s = node.scalar?.string { return s }
        guard let seq = node.sequence else { return nil }
        let parts = seq.compactMap { $0.scalar?.string }
        guard parts.count == seq.count, !parts.isEmpty else { return nil }
        return parts.map { "(" + $0 + ")" }.joined(separator: "|")
    }

    func pillars(_ node: Node) throws -> [PillarID] {
        let names = try strings(node, key: "pillar", required: true)
        if names == ["all"] { return PillarID.allCases }
        return try names.map { n in
            guard let p = PillarID(rawValue: n) else {
                throw fail(node, "unknown pillar '\(n)'; use one of \(PillarID.allCases.map(\.rawValue).joined(separator: ", ")) or all")
            }
            return p
        }
    }

    func scoring(_ node: Node) throws -> Scoring {
        guard let m = node.mapping else { throw fail(node, "scoring must be a mapping") }
        var s = Scoring.standard
        if let tops = m["top"]?.mapping {
            for (k, v) in tops {
                guard let name = k.string, let level = Level(rawValue: name), let n = v.int else {
                    throw fail(k, "scoring.top must map a level name to a number")
                }
                guard level.scoreRange.contains(n) else { throw fail(v, "scoring.top for \(name) must lie in \(level.scoreRange)") }
                s.top[level] = n
            }
        }
        if let n = m["limitation-penalty"]?.int { s.limitationPenalty = n }
        if let n = m["deviation-penalty"]?.int { s.deviationPenalty = n }
        return s
    }
}
