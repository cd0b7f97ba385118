import DTModel

/// A cheap test that lets a text skip a pattern that cannot match it.
///
/// Each pattern knows the letter runs that any match must contain (`PatternLiterals`):
/// a conjunction of clauses, each a choice of literals; a pattern of several
/// top-level alternatives knows one conjunction per alternative, any of which may
/// hold, and a term or group that every match of an alternative contains brings
/// its own alternatives' conjunctions (`Alternative.parts`). A text knows, in 4,096
/// bits, which byte trigrams it holds (`TrigramBloom`), read as the keyword
/// prefilter reads text (squeezed: lower-cased, only letters, digits and non-ASCII
/// bytes). A literal that occurs in the text occurs in its squeezed form too, so
/// all its trigrams are set: a clause none of whose literals has all its trigrams
/// set proves the alternative cannot match, and when every alternative is ruled
/// out the pattern is not searched. The test has false positives (then the search
/// decides), never false negatives.
public struct LiteralGate: Sendable {
    /// One way a match can be made: clauses of literals, each literal its trigram
    /// bit indices, and the gates of the parts every such match contains (a term's
    /// alternatives, each with its own words).
    struct Alternative: Sendable {
        let clauses: [[[UInt16]]]
        let parts: [LiteralGate]

        func admits(_ bloom: TrigramBloom) -> Bool {
            clauses.allSatisfy { literals in literals.contains { bloom.containsAll($0) } } && parts.allSatisfy { $0.admits(bloom) }
        }
    }

    let alternatives: [Alternative]

    /// Builds the gate of clauses of literals (`PatternLiterals`), with the gates of
    /// parts a match also contains.
    init(literalClauses: [[String]], requiring parts: [LiteralGate] = []) {
        alternatives = [Alternative(clauses: Self.trigrams(literalClauses), parts: parts)]
    }

    /// Builds the gate of alternatives, each its clauses of literals: a text is
    /// admitted when one alternative's clauses all hold. Kept apart, not multiplied
    /// out into one conjunction (which loses the words that only one alternative needs).
    init(anyOf alternatives: [[[String]]]) {
        self.alternatives = alternatives.map { Alternative(clauses: Self.trigrams($0), parts: []) }
    }

    /// The gate admitting what any of `gates` admits.
    init(anyOf gates: [LiteralGate]) {
        alternatives = gates.flatMap(\.alternatives)
    }

    private init(alternatives: [Alternative]) {
        self.alternatives = alternatives
    }

    /// A copy that shares no buffer with this one (`RuleSet.independentCopy`).
    func independentCopy() -> LiteralGate {
        LiteralGate(alternatives: alternatives.map { a in
            Alternative(clauses: a.clauses.map { $0.map { $0.map { $0 } } }, parts: a.parts.map { $0.independentCopy() })
        })
    }

    private static func trigrams(_ clauses: [[String]]) -> [[[UInt16]]] {
        clauses.map { clause in clause.map { TrigramBloom.trigrams(of: Squeezed.of($0)) } }
    }

    /// False only when no text with these trigrams can match the pattern.
    public func admits(_ bloom: TrigramBloom) -> Bool {
        alternatives.contains { $0.admits(bloom) }
    }
}
