import DTRules
import Foundation

/// The core vocabulary `dtcheck audit` looks for, derived from the loaded rules
/// (in whatever language they are worded), never kept as a list beside them.
///
/// A pillar's vocabulary is read off its `commitment` rules: each `when` pattern
/// becomes its `PatternVocabulary` (DTRules reads the pattern's tree: the shared
/// terms every match of an alternative holds, such as `{cross-border-information}`,
/// or the alternative itself where it holds none). Where some of a rule's `when`
/// patterns name terms, only those stand for the rule: the others are the
/// commitment's frame, not its subject (`customs-duties.ban` is "customs dut*" and
/// `{electronic-transmission}`: its vocabulary is electronic transmissions alone,
/// or the audit could never list a customs sentence the ban did not already read).
/// A sentence holds the vocabulary when, for some commitment rule, it matches every
/// such derived pattern. The dispute scope is the terms `dispute-settlement` and
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
                alternatives.append(Self.vocabulary(of: rule.when))
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

    /// A rule's `when` as vocabulary: the derived patterns that name terms, or all of
    /// them where none does.
    static func vocabulary(of when: [Pattern]) -> [Pattern] {
        let derived = when.map(\.vocabulary)
        let naming = derived.filter { !$0.termNames.isEmpty }
        return (naming.isEmpty ? derived : naming).map(\.pattern)
    }
}
