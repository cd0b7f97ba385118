import DTRules
import Foundation

/// The core vocabulary `dtcheck audit` looks for, derived from the loaded rules
/// (in whatever language they are worded), never kept as a list beside them.
///
/// A pillar's vocabulary is read off its `commitment` rules: each `when` pattern
/// becomes the shared terms its alternatives name (`{cross-border-information}`),
/// or, for an alternative naming no term, the alternative itself ("customs dut*").
/// A sentence holds the vocabulary when, for some commitment rule, it matches
/// every such derived pattern: it speaks of what the commitment speaks of, in
/// whatever frame. The dispute scope is the terms `dispute-settlement` and
/// `dispute-limiting` together (a sentence naming dispute settlement and a word
/// that limits or excludes).
struct AuditVocabulary: Sendable {
    /// Per pillar: alternatives, each a conjunction of patterns.
    let pillars: [PillarID: [[Pattern]]]
    /// A conjunction; empty when the rules define no dispute-scope terms.
    let dispute: [Pattern]

    init(rules: RuleSet) {
        var pillars: [PillarID: [[Pattern]]] = [:]
        for pillar in PillarID.allCases {
            var alternatives: [[Pattern]] = []
            for rule in rules.rules(.commitment, for: pillar) where !rule.when.isEmpty {
                let derived = rule.when.compactMap { Self.vocabulary(of: $0.source, terms: rules.terms) }
                if derived.count == rule.when.count { alternatives.append(derived) }
            }
            pillars[pillar] = alternatives
        }
        self.pillars = pillars
        let names = ["dispute-settlement", "dispute-limiting"]
        if names.allSatisfy({ rules.terms[$0] != nil }) {
            dispute = names.compactMap { try? Pattern("{\($0)}", terms: rules.terms) }
        } else {
            dispute = []
        }
    }

    /// The terms a pattern's alternatives name, or the alternative itself where it names none.
    static func vocabulary(of source: String, terms: [String: String]) -> Pattern? {
        var parts: [String] = []
        for alternative in topLevelAlternatives(source) {
            // Only a term every match of the alternative holds (named outside any group)
            // stands for it: "locali(s|z)ation of ({computing-facilities}|data)" also
            // matches without the term, so it stands for itself.
            let named = termNames(in: topLevelText(alternative))
            let add = named.isEmpty ? ["(" + alternative + ")"] : named.map { "{\($0)}" }
            for p in add where !parts.contains(p) { parts.append(p) }
        }
        guard !parts.isEmpty else { return nil }
        return try? Pattern(parts.joined(separator: "|"), terms: terms)
    }

    /// `a|(b|c)|d` → `a`, `(b|c)`, `d`; a whole pattern in one group is opened.
    static func topLevelAlternatives(_ source: String) -> [String] {
        var out: [String] = []
        var depth = 0
        var current = ""
        var escaped = false
        for ch in source {
            if escaped { current.append(ch); escaped = false; continue }
            switch ch {
            case "\\": escaped = true; current.append(ch)
            case "(", "[": depth += 1; current.append(ch)
            case ")", "]": depth = max(0, depth - 1); current.append(ch)
            case "|" where depth == 0: out.append(current); current = ""
            default: current.append(ch)
            }
        }
        out.append(current)
        // `(a)|(b)` lists come from YAML lists of alternatives: open each once more.
        return out.flatMap { alt -> [String] in
            let t = alt.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("("), t.hasSuffix(")"), enclosesWhole(t) {
                let inner = String(t.dropFirst().dropLast())
                let split = topLevelAlternatives(inner)
                return split.count > 1 ? split : [inner]
            }
            return [t]
        }
    }

    /// Whether the first `(` closes at the last character (`(a) (b)` does not).
    static func enclosesWhole(_ s: String) -> Bool {
        var depth = 0
        var escaped = false
        for (i, ch) in s.enumerated() {
            if escaped { escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            if ch == "(" { depth += 1 }
            if ch == ")" {
                depth -= 1
                if depth == 0 { return i == s.count - 1 }
            }
        }
        return false
    }

    /// `source` without its groups: `a (b|{x}) {y} [c]` → `a  {y} `.
    static func topLevelText(_ source: String) -> String {
        var out = ""
        var depth = 0
        var escaped = false
        for ch in source {
            if escaped { if depth == 0 { out.append(ch) }; escaped = false; continue }
            switch ch {
            case "\\": escaped = true; if depth == 0 { out.append(ch) }
            case "(", "[": depth += 1
            case ")", "]": depth = max(0, depth - 1)
            default: if depth == 0 { out.append(ch) }
            }
        }
        return out
    }

    static func termNames(in source: String) -> [String] {
        var out: [String] = []
        var rest = source[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), !out.contains(name) { out.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        return out
    }
}
