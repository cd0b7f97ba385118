import DTModel

/// A cheap test that lets a text skip a pattern that cannot match it.
///
/// Each pattern knows the letter runs that any match must contain (`PatternLiterals`):
/// a conjunction of clauses, each a choice of literals; a pattern of several
/// top-level alternatives knows one conjunction per alternative, any of which may
/// hold, and a term or group that every match of an alternative contains brings
/// its own alternatives' conjunctions (an alternative's parts). A text knows, in
/// 4,096 bits, which byte trigrams it holds (`TrigramBloom`), read as the keyword
/// prefilter reads text (squeezed: lower-cased, only letters, digits and non-ASCII
/// bytes). A literal that occurs in the text occurs in its squeezed form too, so
/// all its trigrams are set: a clause none of whose literals has all its trigrams
/// set proves the alternative cannot match, and when every alternative is ruled
/// out the pattern is not searched. The test has false positives (then the search
/// decides), never false negatives.
///
/// The gate is one flat program of `UInt32` words, read by index: nested arrays
/// walked with closures cost a retain and a release per level and most of the
/// test's time. Sizes are relative, so a gate's alternatives move unchanged into
/// another gate (`init(anyOf:)` of gates, a part inside an alternative):
///
///     gate        = count, alternative…
///     alternative = size (its words, this one included), clause count, clause…,
///                   part count, part…
///     clause      = size, literal count, literal…
///     literal     = trigram count, trigram bit index…
///     part        = size, gate
public struct LiteralGate: Sendable {
    let program: [UInt32]

    /// Builds the gate of clauses of literals (`PatternLiterals`), with the gates of
    /// parts a match also contains.
    init(literalClauses: [[String]], requiring parts: [LiteralGate] = []) {
        var program: [UInt32] = [1]
        Self.appendAlternative(literalClauses, parts: parts, to: &program)
        self.program = program
    }

    /// Builds the gate of alternatives, each its clauses of literals: a text is
    /// admitted when one alternative's clauses all hold. Kept apart, not multiplied
    /// out into one conjunction (which loses the words that only one alternative needs).
    init(anyOf alternatives: [[[String]]]) {
        var program = [UInt32(alternatives.count)]
        for clauses in alternatives { Self.appendAlternative(clauses, parts: [], to: &program) }
        self.program = program
    }

    /// The gate admitting what any of `gates` admits: their alternatives, in order.
    init(anyOf gates: [LiteralGate]) {
        var program = [UInt32(gates.reduce(0) { $0 + Int($1.program[0]) })]
        for gate in gates { program += gate.program.dropFirst() }
        self.program = program
    }

    private init(program: [UInt32]) {
        self.program = program
    }

    /// A copy that shares no buffer with this one (`RuleSet.independentCopy`).
    func independentCopy() -> LiteralGate {
        LiteralGate(program: program.map { $0 })
    }

    private static func appendAlternative(_ clauses: [[String]], parts: [LiteralGate], to program: inout [UInt32]) {
        let start = program.count
        program += [0, UInt32(clauses.count)]
        for clause in clauses {
            let clauseStart = program.count
            program += [0, UInt32(clause.count)]
            for literal in clause { appendTrigrams(of: literal, to: &program) }
            program[clauseStart] = UInt32(program.count - clauseStart)
        }
        program.append(UInt32(parts.count))
        for part in parts {
            program.append(UInt32(part.program.count + 1))
            program += part.program
        }
        program[start] = UInt32(program.count - start)
    }

    /// A literal's trigram count and trigrams, as `TrigramBloom.trigrams(of:)` reads
    /// its squeezed bytes, written straight into the program: the two arrays made
    /// for each literal of each pattern were a fifth of building the gates.
    static func appendTrigrams(of literal: String, to program: inout [UInt32]) {
        var literal = literal
        let countAt = program.count
        program.append(0)
        var window: UInt32 = 0
        var kept = 0
        Squeezed.map.withUnsafeBufferPointer { squeeze in
            // From the contiguous bytes: stepping the UTF-8 view was half the cost.
            literal.withUTF8 { bytes in
                for b in bytes {
                    let c = squeeze[Int(b)]
                    if c == 0 { continue }
                    window = (window << 8 | UInt32(c)) & 0xFF_FFFF
                    kept += 1
                    if kept >= 3 { program.append(UInt32(TrigramBloom.hash(window))) }
                }
            }
        }
        program[countAt] = UInt32(max(kept - 2, 0))
    }

    /// False only when no text with these trigrams can match the pattern.
    public func admits(_ bloom: TrigramBloom) -> Bool {
        program.withUnsafeBufferPointer { p in
            bloom.withBits { bits in Self.admits(p, gate: 0, bits) }
        }
    }

    /// Whether the gate at `start` admits a text with trigram bits `bits`: one of its
    /// alternatives, in order, does.
    private static func admits(_ p: UnsafeBufferPointer<UInt32>, gate start: Int, _ bits: UnsafeBufferPointer<UInt64>) -> Bool {
        var i = start + 1
        for _ in 0..<Int(p[start]) {
            if alternativeAdmits(p, at: i, bits) { return true }
            i += Int(p[i])
        }
        return false
    }

    /// Every clause of the alternative at `start` has a literal all of whose trigrams
    /// are set, and every part admits.
    private static func alternativeAdmits(_ p: UnsafeBufferPointer<UInt32>, at start: Int, _ bits: UnsafeBufferPointer<UInt64>) -> Bool {
        var i = start + 2
        for _ in 0..<Int(p[start + 1]) {
            if !clauseHolds(p, at: i, bits) { return false }
            i += Int(p[i])
        }
        let parts = Int(p[i])
        i += 1
        for _ in 0..<parts {
            if !admits(p, gate: i + 1, bits) { return false }
            i += Int(p[i])
        }
        return true
    }

    /// One literal of the clause at `start` has all its trigrams set.
    @inline(__always)
    private static func clauseHolds(_ p: UnsafeBufferPointer<UInt32>, at start: Int, _ bits: UnsafeBufferPointer<UInt64>) -> Bool {
        var i = start + 2
        for _ in 0..<Int(p[start + 1]) {
            let end = i + 1 + Int(p[i])
            i += 1
            while i < end, bits[Int(p[i] >> 6)] & (1 << UInt64(p[i] & 63)) != 0 { i += 1 }
            if i == end { return true }
            i = end
        }
        return false
    }
}
