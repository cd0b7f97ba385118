import Foundation

/// A phrase pattern over normalised text, read once into a tree (`PatternParser`)
/// and compiled from it to a `PhraseProgram`, which answers where matches start
/// and end, and to a `LiteralGate`, which lets a text skip a pattern that cannot
/// match it. ICU never answers in grading: the same tree written as an ICU regex
/// (`PatternRegex`) is only the reference the tests hold the program to.
///
/// Syntax, chosen so an analyst can read it:
/// - words in lower case; a space matches any white space *or none*, because
///   OCR'd texts merge words ("customsdutiesonelectronic");
/// - `-` matches a hyphen, a space or nothing (`cross-border` ~ `cross border`);
/// - `'` an apostrophe or nothing (`party's` ~ `partys`);
/// - `(a|b)` alternatives, `[x]` or `(x)?` optional, `s?` an optional letter,
///   `word*` any ending (`transmi*`);
/// - `...` a bounded gap of at most 150 characters, so matching stays linear;
/// - `{term}` a named term from a `terms` file;
/// - `\b` a word boundary, for short words such as `\bmay\b`.
/// A pattern must not be able to match empty text, nor grow past
/// `PatternParser.maxSize` parts once its terms are written out.
///
/// A class, as it is immutable: grading passes patterns around in every rule, and
/// copying a struct retained each of its buffers (atomically) every time.
public final class Pattern: Sendable, CustomStringConvertible {
    public let source: String
    /// The tree every other form is written from.
    let tree: PatternNode
    let program: PhraseProgram
    /// Letter runs every match contains, per top-level alternative (`a|b`): a text
    /// without one alternative's runs is not searched for it, and a text without any
    /// alternative's is not searched at all.
    public let gate: LiteralGate

    public var description: String { source }

    public convenience init(_ source: String, terms: [String: String] = [:]) throws {
        self.init(source: source, tree: try Pattern.parse(source, terms: terms))
    }

    /// The tree of `source`, checked as every pattern is (see `PatternParser`): the
    /// step that can fail. Rules in another language are parsed when loaded and
    /// compiled from their trees only when a text in that language is met.
    static func parse(_ source: String, terms: [String: String]) throws -> PatternNode {
        var parser = PatternParser(terms: terms)
        return try parser.parsePattern(source)
    }

    /// A pattern compiled from a tree `parse` made: this cannot fail. `memo` keeps
    /// what the gate reads of each term for the next pattern of the same language.
    init(source: String, tree: PatternNode, memo: LiteralMemo? = nil) {
        self.source = source
        self.tree = tree
        program = PhraseProgram(tree)
        gate = Pattern.gate(of: tree, memo: memo)
    }

    init(source: String, tree: PatternNode, program: PhraseProgram, gate: LiteralGate) {
        self.source = source
        self.tree = tree
        self.program = program
        self.gate = gate
    }

    /// A copy that shares no buffer with this one (`RuleSet.independentCopy`); the
    /// tree, read only when the pattern is compiled, is shared.
    public func independentCopy() -> Pattern {
        Pattern(source: source.independentCopy(), tree: tree, program: program.independentCopy(), gate: gate.independentCopy())
    }

    /// The first match in `text` (UTF-16 units), or nil.
    public func firstMatch(in text: NSString) -> NSRange? {
        program.firstMatch(in: text as String).map { NSRange(location: $0.start, length: $0.end - $0.start) }
    }

    /// The first match in `text`, whose trigrams are `bloom`: nil at once when the
    /// text lacks the literals every match of each alternative needs.
    public func firstMatch(in text: NSString, bloom: TrigramBloom?) -> NSRange? {
        if let bloom, !gate.admits(bloom) { return nil }
        return firstMatch(in: text)
    }

    /// Where the last of the successive matches in `text` ends (UTF-16 units), as
    /// ICU's `matches(in:)` finds them.
    public func lastMatchEnd(in text: NSString) -> Int? {
        program.lastMatchEnd(in: text as String)
    }

    /// All successive matches in `text`, each the leftmost from where the one
    /// before ended.
    public func matches(in text: NSString) -> [NSRange] {
        program.matches(in: text as String).map { NSRange(location: $0.start, length: $0.end - $0.start) }
    }

    /// The ICU regular expression the pattern means: the reference for tests.
    public func referenceRegex() throws -> NSRegularExpression {
        try PatternRegex.compile(tree)
    }

    // MARK: - The gate

    /// Each top-level alternative's letter runs, and those of the terms and groups
    /// every match of it contains (`requiredParts`), each with its own alternatives'
    /// runs: multiplied out into the alternative's clauses, a large choice keeps
    /// only a few.
    static func gate(of tree: PatternNode, memo: LiteralMemo? = nil) -> LiteralGate {
        LiteralGate(anyOf: alternatives(of: [tree], intoTerms: false).map { part in
            let required = requiredParts(of: part).map { sub in partGate(sub, memo: memo) }
            return LiteralGate(literalClauses: PatternLiterals.required(in: part, memo: memo), requiring: required)
        })
    }

    /// The gate of a term or group every match contains, a term's read once per memo.
    private static func partGate(_ sub: PatternNode, memo: LiteralMemo?) -> LiteralGate {
        LiteralMemo.answer(for: sub, in: memo, \.partGates) {
            LiteralGate(anyOf: alternatives(of: [sub], intoTerms: true).map { PatternLiterals.required(in: $0, memo: memo) })
        }
    }

    /// `sequence` as alternatives: one group on its own (a term too, when
    /// `intoTerms`) stands for its alternatives, each read in turn. The order is
    /// kept, so the earlier alternative still wins a tie.
    static func alternatives(of sequence: [PatternNode], intoTerms: Bool) -> [[PatternNode]] {
        guard sequence.count == 1, case .group(let alternatives, let term) = sequence[0], term == nil || intoTerms else {
            return [sequence]
        }
        return alternatives.flatMap { Pattern.alternatives(of: $0, intoTerms: intoTerms) }
    }

    /// The terms and groups that stand unconditionally in a sequence (not made
    /// optional) when it has a `...` gap outside its terms: every match contains a
    /// match of each, so each one's own literal gate must admit a text the
    /// sequence can match.
    static func requiredParts(of sequence: [PatternNode]) -> [PatternNode] {
        guard sequence.contains(where: hasGap) else { return [] }
        var parts: [PatternNode] = []
        for node in sequence {
            guard case .group = node, sequence.count > 1, !parts.contains(node) else { continue }
            parts.append(node)
        }
        return parts
    }

    /// Whether a gap is written in `node` (not in a term it uses).
    private static func hasGap(_ node: PatternNode) -> Bool {
        switch node {
        case .gap: return true
        case .optional(let inner): return hasGap(inner)
        case .group(let alternatives, let term): return term == nil && alternatives.contains { $0.contains(where: hasGap) }
        default: return false
        }
    }
}

/// A pattern that cannot be compiled.
public struct PatternError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Keywords as the prefilter compares them: lower-cased, with everything but
/// letters, digits and non-ASCII bytes removed, so merged OCR words and line
/// breaks do not hide a keyword (`KeywordMatcher` reads text the same way).
public enum Squeezed {
    /// Each byte as squeezing reads it: ASCII letters lower-cased, digits and
    /// non-ASCII bytes (so other scripts still compare) as they are, 0 for every
    /// byte squeezing skips. The keyword automaton and the trigram sets read text
    /// through this same table.
    static let map: [UInt8] = (0...255).map { (b: Int) -> UInt8 in
        switch b {
        case 0x41...0x5A: return UInt8(b | 0x20)
        case 0x61...0x7A, 0x30...0x39, 0x80...0xFF: return UInt8(b)
        default: return 0
        }
    }

    public static func of(_ text: String) -> [UInt8] {
        // From the contiguous bytes when the string has them (native strings do):
        // stepping the UTF-8 view byte by byte was most of this (780 instructions a
        // literal when the literal gates are built).
        if let squeezed = text.utf8.withContiguousStorageIfAvailable({ of(bytes: $0) }) { return squeezed }
        return of(bytes: Array(text.utf8))
    }

    private static func of(bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        map.withUnsafeBufferPointer { map in
            for b in bytes {
                let c = map[Int(b)]
                if c != 0 { out.append(c) }
            }
        }
        return out
    }

    private static func of(bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { of(bytes: $0) }
    }
}

