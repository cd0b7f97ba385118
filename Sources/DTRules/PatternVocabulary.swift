/// What a pattern speaks of, read off its tree (`PatternParser`, the one reading of
/// the pattern syntax): for each top-level alternative, the `{term}`s every match
/// of it holds, or the alternative itself where it holds none. `dtcheck audit`
/// derives a pillar's core vocabulary from its commitment rules this way.
public struct PatternVocabulary: Sendable {
    /// The vocabulary as a pattern: its parts as alternatives (`{a}|{b}|(c ... d)`).
    public let pattern: Pattern
    /// The terms standing for some alternative; empty when no alternative holds a
    /// term in every match (the pattern then stands for itself).
    public let termNames: [String]
}

extension Pattern {
    /// The pattern's vocabulary (see `PatternVocabulary`). A term inside a group, an
    /// optional part or another term is not in every match, so it stands for nothing:
    /// `locali(s|z)ation of ({computing-facilities}|data)` also matches without it.
    public var vocabulary: PatternVocabulary {
        var parts: [[PatternNode]] = []
        var names: [String] = []
        for alternative in Pattern.alternatives(of: [tree], intoTerms: false) {
            let terms = alternative.filter { node in
                if case .group(_, let term?) = node { return !term.isEmpty }
                return false
            }
            for node in terms {
                if case .group(_, let term?) = node, !names.contains(term) { names.append(term) }
            }
            let add = terms.isEmpty ? [alternative] : terms.map { [$0] }
            for part in add where !parts.contains(part) { parts.append(part) }
        }
        let tree = PatternNode.group(parts, term: nil)
        let derived = Pattern(source: tree.source(topLevel: true), tree: tree, program: PhraseProgram(tree), gate: Pattern.gate(of: tree))
        return PatternVocabulary(pattern: derived, termNames: names)
    }
}

extension PatternNode {
    /// The node written back in the pattern syntax, terms by name: what a derived
    /// pattern shows as its `source`. The root group is written without brackets.
    func source(topLevel: Bool = false) -> String {
        switch self {
        case .char(let c): return String(c)
        case .space: return " "
        case .hyphen: return "-"
        case .apostrophe: return "'"
        case .ending: return "*"
        case .gap: return " ... "
        case .wordBoundary: return "\\b"
        case .optional(let inner):
            if case .group(let alternatives, nil) = inner { return "[" + Self.source(of: alternatives) + "]" }
            return inner.source() + "?"
        case .group(let alternatives, let term):
            if let term { return "{" + term + "}" }
            return topLevel ? Self.source(of: alternatives) : "(" + Self.source(of: alternatives) + ")"
        }
    }

    private static func source(of alternatives: [[PatternNode]]) -> String {
        alternatives.map { $0.map { $0.source() }.joined() }.joined(separator: "|")
    }
}
