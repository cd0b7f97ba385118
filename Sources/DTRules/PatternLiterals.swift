/// Reads the letter runs a phrase pattern's every match must contain, as squeezed
/// text holds them: the words of "shall not apply" are one run, "shallnotapply".
/// Conservative: whatever it cannot be sure of (optional parts, alternatives
/// without a literal, runs shorter than three letters) it leaves out, which only
/// weakens the gate.
enum PatternLiterals {
    /// How the gate reads a node of the tree.
    private enum Reading {
        /// A letter or digit: part of a run.
        case letter(Character)
        /// Matches only what squeezing removes (white space, a hyphen, a quote) or
        /// nothing: in squeezed text the letters on either side are adjacent, so the
        /// run goes on, and "not apply" is the literal "notapply".
        case transparent
        /// Ends a run: punctuation, `*`, `...`, `\b`.
        case separator
        case optional(PatternNode)
        case alternatives([[PatternNode]])
    }

    private static func reading(_ node: PatternNode) -> Reading {
        switch node {
        case .char(let c): return isLetterOrDigit(c) ? .letter(c) : .separator
        case .space, .hyphen, .apostrophe: return .transparent
        case .ending, .gap, .wordBoundary: return .separator
        case .optional(let inner): return .optional(inner)
        case .group(let alternatives, _): return .alternatives(alternatives)
        }
    }

    /// `c.isLetter || c.isNumber`, answered from the byte for ASCII (nearly every
    /// character of a pattern): the Unicode property look-ups were a third of
    /// compiling the rules. A character of one UTF-8 byte is that ASCII byte; read so
    /// rather than by `asciiValue`, whose scalar checks were a sixth of the gates' time.
    @inline(__always)
    private static func isLetterOrDigit(_ c: Character) -> Bool {
        let utf8 = c.utf8
        if utf8.count == 1, let a = utf8.first { return (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A || (a >= 0x30 && a <= 0x39) }
        return c.isLetter || c.isNumber
    }

    /// Appends `node`'s letter to each of `strings` when it is one; true when the
    /// node only goes on with a run (a letter, or what squeezing removes).
    private static func goesOn(_ strings: inout [String], with node: PatternNode) -> Bool {
        switch reading(node) {
        case .letter(let c):
            for i in strings.indices { strings[i].append(c) }
            return true
        case .transparent:
            return true
        default:
            return false
        }
    }

    /// Clauses (AND) of literals (OR), each literal at least three characters,
    /// that every match of `sequence` satisfies.
    static func required(in sequence: [PatternNode], memo: LiteralMemo? = nil) -> [[String]] {
        clauses(ofSequence: sequence, memo: memo)
    }

    /// `clauses(of:)` of a term read once per memo (a language's patterns use the
    /// same few terms over and over; reading one is most of compiling a pattern).
    private static func clauses(of node: PatternNode, memo: LiteralMemo?) -> [[String]] {
        LiteralMemo.answer(for: node, in: memo, \.clauses) { computedClauses(of: node, memo: memo) }
    }

    private static func computedClauses(of node: PatternNode, memo: LiteralMemo?) -> [[String]] {
        switch reading(node) {
        case .letter, .transparent, .separator, .optional:
            return []
        case .alternatives(let alts):
            // (A1 ∧ A2) ∨ (B1 ∧ B2) = (A1 ∨ B1) ∧ (A1 ∨ B2) ∧ (A2 ∨ B1) ∧ (A2 ∨ B2): one
            // clause per choice of a clause from each alternative. An alternative
            // without clauses may match with no literal: then the group requires nothing.
            return either(alts.map { clauses(ofSequence: $0, memo: memo) })
        }
    }

    /// The clauses any match of one of several alternatives satisfies, given each
    /// alternative's clauses.
    static func either(_ perAlternative: [[[String]]]) -> [[String]] {
        if perAlternative.count == 1 { return perAlternative[0] }
        if perAlternative.contains(where: \.isEmpty) { return [] }
        let product = perAlternative.reduce(1) { $0 * $1.count }
        if product > maxDistributedClauses {
            // Too many combinations: a few of them, each joining one clause of every
            // alternative: the most selective of each, then the next… (each combination
            // holds on its own, so every one kept makes the gate stronger).
            let ranked = perAlternative.map(rankedBySelectivity)
            let kept = min(ranked.map(\.count).max() ?? 0, maxFallbackClauses)
            return (0..<kept).map { k in uniqueSorted(ranked.flatMap { $0[min(k, $0.count - 1)] }) }
        }
        var combined: [[String]] = [[]]
        for alt in perAlternative {
            combined = combined.flatMap { partial in alt.map { partial + $0 } }
        }
        return combined.map(uniqueSorted)
    }

    /// `Array(Set(strings)).sorted()` without hashing: the sort is stable, so of
    /// equal strings the first written comes first, and is the one kept, as the set keeps it.
    static func uniqueSorted(_ strings: [String]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(strings.count)
        for s in strings.sorted() where out.last != s { out.append(s) }
        return out
    }

    /// `clauses` sorted (stably) by `selectivityRank`, each clause's rank worked out
    /// once rather than at every comparison.
    private static func rankedBySelectivity(_ clauses: [[String]]) -> [[String]] {
        clauses.map { (rank: selectivityRank($0), clause: $0) }
            .sorted { $0.rank < $1.rank }
            .map(\.clause)
    }

    /// Combinations kept when an alternation is distributed into clauses.
    static let maxDistributedClauses = 64
    /// Combinations kept when there are more than `maxDistributedClauses`.
    static let maxFallbackClauses = 8

    /// Fewer literals, then longer ones, rule out more texts.
    private static func selectivityRank(_ clause: [String]) -> (Int, Int) {
        (clause.count, -(clause.map(\.count).min() ?? 0))
    }

    private static func clauses(ofSequence nodes: [PatternNode], memo: LiteralMemo?) -> [[String]] {
        var out: [[String]] = []
        // The strings the nodes since the last break can spell, in squeezed text: a
        // run of letters, carried through small groups and optional parts, so that
        // "not (be )?(apply|subject)" needs one of "notapply", "notbeapply", "notsubject"…
        var run: [String] = [""]
        func flush() {
            // A string shorter than three letters has no trigram to test: a choice
            // with one rules nothing out.
            if !run.contains(where: { $0.count < 3 }) { out.append(run.sorted()) }
            run = [""]
        }
        // The plain letter runs between groups, as well: a short word every spelling
        // holds ("across") can rule out more than the choice of long spellings.
        var plain = ""
        func flushPlain() {
            if plain.count >= 3 { out.append([plain]) }
            plain = ""
        }
        for node in nodes {
            if case .letter(let c) = reading(node) { plain.append(c) }
            if goesOn(&run, with: node) { continue }
            flushPlain()
            if let spelled = spellings(of: node, memo: memo) {
                if run.count * spelled.count <= maxSpellings {
                    run = joined(run, spelled)
                } else {
                    flush()
                    run = spelled
                }
            } else {
                flush()
            }
            // A group's own clauses hold too (its words may be long where the run is cut).
            out += clauses(of: node, memo: memo)
        }
        flush()
        flushPlain()
        // A clause written twice would be tested twice. (Clauses another implies are
        // kept: a short one such as "dispute" is quick to test and often rules out first.)
        return firstOfEach(out)
    }

    /// `items` without the ones equal to an earlier one, in order. Compared one by
    /// one while few (hashing every string of every clause was a tenth of the gates'
    /// time), through a set when many.
    static func firstOfEach<Item: Hashable>(_ items: [Item]) -> [Item] {
        var out: [Item] = []
        out.reserveCapacity(items.count)
        if items.count <= 32 {
            for item in items where !out.contains(item) { out.append(item) }
            return out
        }
        var seen = Set<Item>()
        for item in items where seen.insert(item).inserted { out.append(item) }
        return out
    }

    /// Spellings a run may carry before it is cut (the literals of one clause).
    static let maxSpellings = 16

    /// Every head followed by every tail, each string once.
    private static func joined(_ heads: [String], _ tails: [String]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(heads.count * tails.count)
        for h in heads {
            for t in tails {
                let s = h + t
                // Few (at most `maxSpellings`): compared one by one rather than hashed.
                if !out.contains(s) { out.append(s) }
            }
        }
        return out
    }

    /// Every string `node` can match in squeezed text, each once, when they are few
    /// and known; nil for separators (a gap, `*`, punctuation) and for groups of too many.
    private static func spellings(of node: PatternNode, memo: LiteralMemo?) -> [String]? {
        LiteralMemo.answer(for: node, in: memo, \.spellings) { computedSpellings(of: node, memo: memo) }
    }

    private static func computedSpellings(of node: PatternNode, memo: LiteralMemo?) -> [String]? {
        switch reading(node) {
        case .letter(let c):
            return [String(c)]
        case .transparent:
            return [""]
        case .separator:
            return nil
        case .optional(let inner):
            guard let s = spellings(of: inner, memo: memo) else { return nil }
            return s.contains("") ? s : s + [""]
        case .alternatives(let alts):
            var all: [String] = []
            for alt in alts {
                var strings: [String] = [""]
                for n in alt {
                    if goesOn(&strings, with: n) { continue }
                    guard let s = spellings(of: n, memo: memo), strings.count * s.count <= maxSpellings else { return nil }
                    strings = joined(strings, s)
                }
                for x in strings where !all.contains(x) { all.append(x) }
                if all.count > maxSpellings { return nil }
            }
            return all
        }
    }
}

/// What `PatternLiterals` and `Pattern.gate` read of each `{term}`, kept for the
/// other patterns of one language's compile (`PatternCache`, `PatternCompiler`):
/// the functions are pure, so a term's answer is the same wherever it is used. Each
/// entry keeps the term's tree and answers only for an equal tree.
final class LiteralMemo {
    typealias Table<Value> = [String: (node: PatternNode, value: Value)]
    var clauses: Table<[[String]]> = [:]
    var spellings: Table<[String]?> = [:]
    var partGates: Table<LiteralGate> = [:]

    /// `compute()`, kept in `table` under its term when there is a memo and `node` is
    /// a `{term}`'s group (and answered from there for an equal tree).
    static func answer<Value>(for node: PatternNode, in memo: LiteralMemo?,
                              _ table: ReferenceWritableKeyPath<LiteralMemo, Table<Value>>,
                              _ compute: () -> Value) -> Value {
        guard let memo, case .group(_, let term?) = node else { return compute() }
        if let hit = memo[keyPath: table][term], hit.node == node { return hit.value }
        let value = compute()
        memo[keyPath: table][term] = (node, value)
        return value
    }
}
