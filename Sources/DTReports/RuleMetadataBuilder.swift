import DTRules

extension RuleSet {
    /// SARIF descriptions for every YAML rule, keyed by rule id, so code-scanning UIs
    /// show the rule author's message instead of a generated "pillar: id" line.
    public var sarifMetadata: [String: RuleMetadata] {
        var out: [String: RuleMetadata] = [:]
        for rule in rules {
            out[rule.id] = RuleMetadata(
                shortDescription: rule.message,
                fullDescription: RuleSet.fullDescription(rule),
                pillars: rule.pillars.map(\.rawValue),
                kind: rule.kind.rawValue,
                definition: "\(relativePath(rule.file)):\(rule.line)")
        }
        return out
    }

    /// The message plus what the rule is measured against, as one paragraph; nil when
    /// that would only repeat the short description.
    static func fullDescription(_ rule: Rule) -> String? {
        guard !rule.baselines.isEmpty || !(rule.formula ?? "").isEmpty else { return nil }
        var text = rule.message
        if !rule.baselines.isEmpty {
            text += " Measured against " + rule.baselines.map(\.description).joined(separator: "; ") + "."
        }
        if let formula = rule.formula, !formula.isEmpty { text += " Baseline text: \"\(formula)\"" }
        return text
    }

    /// The rule file relative to the rules folder: the folder's absolute path differs per
    /// machine, and SARIF output should be the same bytes wherever it is produced.
    func relativePath(_ file: String) -> String {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }
}
