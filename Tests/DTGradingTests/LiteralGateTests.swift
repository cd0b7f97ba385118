@testable import DTRules
import DTTestSupport
import Testing

/// The literal gate is one flat program read by index (`LiteralGate`). These tests
/// hold it to the nested form it replaced, kept here as the reference: clauses of
/// literals of trigrams, and parts, each tested with closures as before. Every
/// pattern of every language, and gates built at random (parts within parts,
/// empty clauses, short literals), must answer as the reference on many texts.
@Suite struct LiteralGateTests {
    /// The gate as it was before the flat program, from the same clauses.
    struct Reference {
        struct Alternative {
            var clauses: [[[UInt16]]]
            var parts: [Reference]

            func admits(_ bloom: TrigramBloom) -> Bool {
                clauses.allSatisfy { literals in literals.contains { bloom.containsAll($0) } } && parts.allSatisfy { $0.admits(bloom) }
            }
        }

        var alternatives: [Alternative]

        func admits(_ bloom: TrigramBloom) -> Bool {
            alternatives.contains { $0.admits(bloom) }
        }

        static func trigrams(_ clauses: [[String]]) -> [[[UInt16]]] {
            clauses.map { clause in clause.map { TrigramBloom.trigrams(of: Squeezed.of($0)) } }
        }

        /// `Pattern.gate(of:)` written out as it was, without the memo (which only saves work).
        static func of(_ tree: PatternNode) -> Reference {
            Reference(alternatives: Pattern.alternatives(of: [tree], intoTerms: false).map { part in
                let parts = Pattern.requiredParts(of: part).map { sub in
                    Reference(alternatives: Pattern.alternatives(of: [sub], intoTerms: true).map {
                        Alternative(clauses: trigrams(PatternLiterals.required(in: $0)), parts: [])
                    })
                }
                return Alternative(clauses: trigrams(PatternLiterals.required(in: part)), parts: parts)
            })
        }
    }

    /// Every compiled pattern of the project's rules, in every language.
    static func allPatterns() throws -> [Pattern] {
        let english = try ProjectRuleSet.require()
        var seen = Set<ObjectIdentifier>()
        var patterns: [Pattern] = []
        for set in [english] + english.translations.keys.sorted().compactMap({ english.translations[$0]?.rules }) {
            let all = set.rules.flatMap { $0.when + $0.unless + $0.headings + $0.context }
                + set.modality.binding + set.modality.nonBinding + set.modality.exception
            patterns += all.filter { seen.insert(ObjectIdentifier($0)).inserted }
        }
        return patterns
    }

    /// Texts that hold some of `words` and not others, and a few of random letters.
    static func texts(from words: [String], _ rng: inout SplitMix64, count: Int) -> [String] {
        (0..<count).map { k in
            if k % 8 == 7 { return rng.text(of: Array("abcdefghijklmnopqrstuvwxyz ".unicodeScalars), shorterThan: 400) }
            let keep = rng.next() % 4 + 1
            return words.filter { _ in rng.next() % 5 < keep }.joined(separator: rng.pick([" ", "-", "\n", ""]))
        }
    }

    @Test func everyPatternsGateAnswersAsTheNestedClauses() throws {
        let patterns = try Self.allPatterns()
        #expect(patterns.count > 300)
        var rng = SplitMix64(seed: 0x6A7E)
        var (admitted, refused) = (0, 0)
        for p in patterns {
            let reference = Reference.of(p.tree)
            let words = Array(Set(PatternLiterals.required(in: [p.tree]).joined() + Pattern.alternatives(of: [p.tree], intoTerms: false)
                .flatMap { PatternLiterals.required(in: $0).joined() })).sorted()
            for text in Self.texts(from: words, &rng, count: 24) {
                let bloom = TrigramBloom(text)
                let admits = p.gate.admits(bloom)
                #expect(admits == reference.admits(bloom), "\(p.source) on \(text.prefix(120))")
                #expect(p.gate.independentCopy().admits(bloom) == admits)
                if admits { admitted += 1 } else { refused += 1 }
            }
        }
        // Both answers are tested, many times.
        #expect(admitted > 1000 && refused > 1000, "\(admitted) admitted, \(refused) refused")
    }

    /// Gates built at random from a few words: alternatives, parts within parts,
    /// clauses without a literal, literals too short to have a trigram.
    @Test func randomGatesAnswerAsTheNestedClauses() {
        let words = ["al", "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "ho", "café", "ñandú", "x"]
        var rng = SplitMix64(seed: 0x9A7E)
        func clauses() -> [[String]] {
            (0..<Int(rng.next() % 4)).map { _ in (0..<Int(rng.next() % 4)).map { _ in rng.pick(words) + (rng.next() % 3 == 0 ? rng.pick(words) : "") } }
        }
        func gate(depth: Int) -> (LiteralGate, Reference) {
            switch rng.next() % 3 {
            case 0:
                let alternatives = (0..<Int(rng.next() % 4)).map { _ in clauses() }
                return (LiteralGate(anyOf: alternatives),
                        Reference(alternatives: alternatives.map { .init(clauses: Reference.trigrams($0), parts: []) }))
            case 1 where depth < 3:
                let gates = (0..<Int(rng.next() % 4)).map { _ in gate(depth: depth + 1) }
                return (LiteralGate(anyOf: gates.map(\.0)), Reference(alternatives: gates.flatMap(\.1.alternatives)))
            default:
                let c = clauses()
                let parts = depth < 3 ? (0..<Int(rng.next() % 3)).map { _ in gate(depth: depth + 1) } : []
                return (LiteralGate(literalClauses: c, requiring: parts.map(\.0)),
                        Reference(alternatives: [.init(clauses: Reference.trigrams(c), parts: parts.map(\.1))]))
            }
        }
        var (admitted, refused) = (0, 0)
        for _ in 0..<2000 {
            let (flat, reference) = gate(depth: 0)
            for text in Self.texts(from: words, &rng, count: 8) {
                let bloom = TrigramBloom(text)
                let admits = flat.admits(bloom)
                #expect(admits == reference.admits(bloom), "\(text)")
                if admits { admitted += 1 } else { refused += 1 }
            }
        }
        #expect(admitted > 1000 && refused > 1000, "\(admitted) admitted, \(refused) refused")
    }

    /// Trigrams written straight into the program are those of the squeezed literal.
    @Test func trigramsWrittenInPlaceAreTheSqueezedLiterals() {
        var rng = SplitMix64(seed: 0x7219)
        let alphabet = Array("abcXYZ09 -'.éñß\u{2019}\u{301}".unicodeScalars)
        for _ in 0..<3000 {
            let literal = rng.text(of: alphabet, shorterThan: 12)
            var program: [UInt32] = []
            LiteralGate.appendTrigrams(of: literal, to: &program)
            let trigrams = TrigramBloom.trigrams(of: Squeezed.of(literal))
            #expect(program == [UInt32(trigrams.count)] + trigrams.map(UInt32.init), "\(literal)")
        }
    }

    /// The clauses' sorting and deduplicating keep, byte for byte, what the sets
    /// they replaced kept, canonically equal spellings (é and e + U+0301) included.
    @Test func deduplicatingAsTheSetsDid() {
        var rng = SplitMix64(seed: 0x5E7)
        let words = ["a", "b", "ab", "é", "e\u{301}", "café", "cafe\u{301}", "Z", "", "ñandú"]
        func bytes(_ strings: [String]) -> [[UInt8]] { strings.map { Array($0.utf8) } }
        for _ in 0..<3000 {
            let strings = (0..<Int(rng.next() % 12)).map { _ in rng.pick(words) }
            #expect(bytes(PatternLiterals.uniqueSorted(strings)) == bytes(Array(Set(strings)).sorted()), "\(strings)")
            let clauses = (0..<Int(rng.next() % 48)).map { _ in (0..<Int(rng.next() % 3)).map { _ in rng.pick(words) } }
            var seen = Set<[String]>()
            #expect(PatternLiterals.firstOfEach(clauses).map(bytes) == clauses.filter { seen.insert($0).inserted }.map(bytes))
        }
    }

    @Test func edgeGates() {
        let any = TrigramBloom("anything at all")
        // No alternative: nothing is admitted.
        #expect(!LiteralGate(anyOf: [[[String]]]()).admits(any))
        #expect(!LiteralGate(anyOf: [LiteralGate]()).admits(any))
        // An alternative without clauses: everything is.
        #expect(LiteralGate(anyOf: [[]]).admits(TrigramBloom("")))
        // A clause without a literal: nothing is.
        #expect(!LiteralGate(literalClauses: [[]]).admits(any))
        // A literal without a trigram holds in any text.
        #expect(LiteralGate(literalClauses: [["ab", "zzzz"]]).admits(TrigramBloom("")))
        // A part that admits nothing rules its alternative out.
        #expect(!LiteralGate(literalClauses: [["thing"]], requiring: [LiteralGate(anyOf: [LiteralGate]())]).admits(any))
        #expect(LiteralGate(literalClauses: [["thing"]], requiring: [LiteralGate(anyOf: [[["zzzz"]], [["all"]]])]).admits(any))
    }
}
