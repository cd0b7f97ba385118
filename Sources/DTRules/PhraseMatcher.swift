import Foundation

/// Finds where the first match of a phrase pattern starts, without ICU: the
/// pattern syntax (see `Pattern`) compiled to a small program over Unicode
/// scalars, searched as a graph. Grading only ever asks where a pattern's first
/// match starts (the anchor for modal force) or whether there is one, and the
/// start of the leftmost match does not depend on how a regex engine backtracks:
/// it is the first position from which some match exists. So a reachability
/// search answers exactly what ICU's `find` answers, in time bounded by the
/// program's size times the text's, and with no UTF-16 copy of the text per
/// pattern (which was a third of the regex time).
///
/// Semantics follow `Pattern.translate`'s regex: a space is `\s*`, `-` is
/// `[-\s]*`, `'` is `'?`, `*` is `[a-z0-9\u00c0-\u024f]*`, `...` is
/// `.{0,150}?`, `\b` a word boundary as ICU defines it, and every other
/// character itself. `PatternEngineTests` compares the two on every rule's
/// patterns and thousands of real sentences.
struct PhraseProgram: Sendable {
    enum Op: Sendable {
        /// One scalar, exactly.
        case scalar(UInt32)
        /// Zero or more scalars of a class.
        case run(CharacterClass)
        /// Up to `PhraseProgram.maxGap` scalars of any kind.
        case gap
        case wordBoundary
        /// Go on at both targets.
        case split(Int, Int)
        case jump(Int)
        case match
    }

    enum CharacterClass: Sendable {
        /// ICU's `\s`: tab, line feed, form feed, carriage return and `\p{Z}`.
        case space
        /// `[-\s]`.
        case hyphenOrSpace
        /// `[a-z0-9\u00c0-\u024f]`.
        case wordEnding

        func contains(_ v: UInt32) -> Bool {
            switch self {
            case .space: return PhraseProgram.isSpace(v)
            case .hyphenOrSpace: return v == 0x2D || PhraseProgram.isSpace(v)
            case .wordEnding: return (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0xC0 && v <= 0x24F)
            }
        }
    }

    /// `...`: at most this many characters.
    static let maxGap = 150

    let ops: [Op]
    /// What a match can start with (`firstSet(of:)`).
    let first: FirstSet
    /// What can follow an ASCII first scalar (`SecondSet`).
    let second: SecondSet

    // MARK: - Syntax

    /// The syntax as a tree, parsed as `Pattern.translate` reads it.
    indirect enum Node {
        case scalar(UInt32)
        case run(CharacterClass)
        case gap
        case wordBoundary
        case optional(Node)
        case alternatives([[Node]])
    }

    /// A copy that shares no buffer with this one (`RuleSet.independentCopy`).
    func independentCopy() -> PhraseProgram {
        PhraseProgram(ops: ops.map { $0 }, first: first.independentCopy(), second: second.independentCopy())
    }

    private init(ops: [Op], first: FirstSet, second: SecondSet) {
        self.ops = ops
        self.first = first
        self.second = second
    }

    /// Compiles `source` (terms already expanded). Throws where `translate` throws.
    init(_ source: String) throws {
        let chars = Array(source)
        var i = 0
        // Open groups, innermost last: each its alternatives so far and whether it is `[…]`.
        var stack: [(alternatives: [[Node]], optional: Bool)] = [([[]], false)]
        func append(_ node: Node) { stack[stack.count - 1].alternatives[stack[stack.count - 1].alternatives.count - 1].append(node) }
        func lastSequence() -> [Node] { stack[stack.count - 1].alternatives[stack[stack.count - 1].alternatives.count - 1] }
        func setLastSequence(_ nodes: [Node]) {
            stack[stack.count - 1].alternatives[stack[stack.count - 1].alternatives.count - 1] = nodes
        }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case " ", "\t", "\n":
                while i + 1 < chars.count, chars[i + 1] == " " { i += 1 }
                append(.run(.space))
            case "-":
                append(.run(.hyphenOrSpace))
            case ".":
                if i + 2 < chars.count, chars[i + 1] == ".", chars[i + 2] == "." {
                    // The spaces before a gap are dropped, as `translate` drops them.
                    var seq = lastSequence()
                    while case .run(.space)? = seq.last { seq.removeLast() }
                    setLastSequence(seq)
                    append(.gap)
                    i += 2
                    while i + 1 < chars.count, chars[i + 1] == " " { i += 1 }
                } else {
                    append(.scalar(0x2E))
                }
            case "(", "[":
                stack.append(([[]], c == "["))
            case ")", "]":
                guard stack.count > 1, stack[stack.count - 1].optional == (c == "]") else {
                    throw PatternError(message: "unbalanced '\(c)' in '\(source)'")
                }
                let group = stack.removeLast()
                let node = Node.alternatives(group.alternatives)
                append(group.optional ? .optional(node) : node)
            case "|":
                stack[stack.count - 1].alternatives.append([])
            case "?":
                var seq = lastSequence()
                guard let last = seq.popLast() else {
                    throw PatternError(message: "'?' with nothing to make optional in '\(source)'")
                }
                seq.append(.optional(last))
                setLastSequence(seq)
            case "*":
                append(.run(.wordEnding))
            case "\\":
                if i + 1 < chars.count, chars[i + 1] == "b" {
                    append(.wordBoundary)
                    i += 1
                } else {
                    append(.scalar(0x5C))
                }
            case "'":
                append(.optional(.scalar(0x27)))
            default:
                // A character is its scalars: a `?` after it makes the last one optional, as in the regex.
                for s in c.unicodeScalars { append(.scalar(s.value)) }
            }
            i += 1
        }
        guard stack.count == 1 else { throw PatternError(message: "unbalanced '(' in '\(source)'") }
        var ops: [Op] = []
        Self.emit(.alternatives(stack[0].alternatives), into: &ops)
        ops.append(.match)
        self.ops = ops
        first = Self.firstSet(of: ops)
        second = SecondSet(ops, first: first)
    }

    /// Appends the ops of `node`; control passes on to whatever follows.
    private static func emit(_ node: Node, into ops: inout [Op]) {
        switch node {
        case .scalar(let v): ops.append(.scalar(v))
        case .run(let cls): ops.append(.run(cls))
        case .gap: ops.append(.gap)
        case .wordBoundary: ops.append(.wordBoundary)
        case .optional(let inner):
            let split = ops.count
            ops.append(.jump(0))
            emit(inner, into: &ops)
            ops[split] = .split(split + 1, ops.count)
        case .alternatives(let alternatives):
            var jumps: [Int] = []
            for (k, sequence) in alternatives.enumerated() {
                let isLast = k == alternatives.count - 1
                let split = ops.count
                if !isLast { ops.append(.jump(0)) }
                for n in sequence { emit(n, into: &ops) }
                if !isLast {
                    jumps.append(ops.count)
                    ops.append(.jump(0))
                    ops[split] = .split(split + 1, ops.count)
                }
            }
            for j in jumps { ops[j] = .jump(ops.count) }
        }
    }

    // MARK: - Search

    /// Where the first match in `text` starts, in UTF-16 units, or nil.
    func firstMatch(in text: String) -> Int? {
        let scalars = Self.scalars(of: text)
        return firstMatchBounds(in: scalars, from: 0).map { Self.utf16Offset(of: $0.start, in: scalars) }
    }

    /// Where the last of the successive matches in `text` ends, in UTF-16 units, as
    /// ICU's `matches(in:)` would find them: each the leftmost from where the one
    /// before ended, its end the one ICU's backtracking reaches first (runs longest
    /// first, gaps shortest first, optional parts and earlier alternatives taken
    /// first). Modal force asks which cue ends last before a commitment.
    func lastMatchEnd(in text: String) -> Int? {
        let scalars = Self.scalars(of: text)
        var from = 0
        var last: Int?
        while from <= scalars.count, let (start, end) = firstMatchBounds(in: scalars, from: from) {
            last = end
            from = end > start ? end : end + 1
        }
        return last.map { Self.utf16Offset(of: $0, in: scalars) }
    }

    /// The text's scalars: positions in the search are scalar indices.
    private static func scalars(of text: String) -> [UInt32] {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars { scalars.append(s.value) }
        return scalars
    }

    /// A scalar index as NSString counts it (scalars past U+FFFF take two units).
    private static func utf16Offset(of index: Int, in scalars: [UInt32]) -> Int {
        var utf16 = 0
        for k in 0..<index { utf16 += scalars[k] > 0xFFFF ? 2 : 1 }
        return utf16
    }

    /// The leftmost match at or after scalar `from`, with the end backtracking
    /// reaches first. The start is the first position from which some match exists,
    /// whatever the order of search; the search explores each state's successors in
    /// ICU's order of preference, depth first, so the first path to the end is also
    /// the one ICU takes. The graph has no cycles (each step moves on in the program
    /// or in the text), so a state met again has already failed; whether a state
    /// (op, position) leads to a match does not depend on where the search started,
    /// so one record of the states that did not serves every start. A start whose
    /// scalar no match can begin with is not tried (`first`), and a state whose op
    /// wants a scalar the text does not have there is never recorded.
    func firstMatchBounds(in text: [UInt32], from: Int) -> (start: Int, end: Int)? {
        let n = text.count
        return ops.withUnsafeBufferPointer { ops -> (start: Int, end: Int)? in
            text.withUnsafeBufferPointer { text -> (start: Int, end: Int)? in
                var search = Search(ops: ops, text: text)
                defer { search.release() }
                for start in from...n {
                    if start < n ? !first.admits(text[start]) : !first.nullable { continue }
                    if start + 1 < n, !second.admits(text[start], then: text[start + 1]) { continue }
                    search.push(0, start)
                    while let (pc, pos) = search.pop() {
                        // Pushed last, explored first: the preferred successor goes on top.
                        switch ops[pc] {
                        case .match:
                            return (start, pos)
                        case .scalar:
                            search.push(pc + 1, pos + 1)
                        case .run(let cls):
                            var q = pos
                            while q < n && cls.contains(text[q]) { q += 1 }
                            // Greedy: the longest run first.
                            var k = pos
                            while k <= q {
                                search.push(pc + 1, k)
                                k += 1
                            }
                        case .gap:
                            // Lazy: the shortest gap first.
                            var q = min(n, pos + Self.maxGap)
                            while q >= pos {
                                search.push(pc + 1, q)
                                q -= 1
                            }
                        case .wordBoundary:
                            if Self.isWordBoundary(text, at: pos) { search.push(pc + 1, pos) }
                        case .split(let a, let b):
                            search.push(b, pos)
                            search.push(a, pos)
                        case .jump(let a):
                            search.push(a, pos)
                        }
                    }
                }
                return nil
            }
        }
    }

    /// The states still to explore and those already met, in buffers of its own
    /// (a stack captured by a nested function was checked for exclusive access on
    /// every push).
    private struct Search {
        let ops: UnsafeBufferPointer<Op>
        let text: UnsafeBufferPointer<UInt32>
        let width: Int
        let seen: UnsafeMutablePointer<UInt64>
        var stack: UnsafeMutablePointer<(Int, Int)>
        var capacity = 64
        var top = 0

        init(ops: UnsafeBufferPointer<Op>, text: UnsafeBufferPointer<UInt32>) {
            self.ops = ops
            self.text = text
            width = text.count + 1
            let words = (ops.count * width + 63) / 64
            seen = .allocate(capacity: words)
            seen.initialize(repeating: 0, count: words)
            stack = .allocate(capacity: capacity)
        }

        /// Records (pc, pos) unless met before or its op wants another scalar there.
        @inline(__always)
        mutating func push(_ pc: Int, _ pos: Int) {
            if case .scalar(let v) = ops[pc], pos >= text.count || text[pos] != v { return }
            let k = pc * width + pos
            let bit: UInt64 = 1 << UInt64(k & 63)
            guard seen[k >> 6] & bit == 0 else { return }
            seen[k >> 6] |= bit
            if top == capacity {
                let bigger = UnsafeMutablePointer<(Int, Int)>.allocate(capacity: capacity * 2)
                bigger.moveInitialize(from: stack, count: top)
                stack.deallocate()
                stack = bigger
                capacity *= 2
            }
            stack[top] = (pc, pos)
            top += 1
        }

        @inline(__always)
        mutating func pop() -> (Int, Int)? {
            guard top > 0 else { return nil }
            top -= 1
            return stack[top]
        }

        func release() {
            seen.deallocate()
            stack.deallocate()
        }
    }

    /// What a match can start with.
    struct FirstSet: Sendable {
        /// ASCII scalars, as two 64-bit masks.
        var low: UInt64 = 0
        var high: UInt64 = 0
        var other: Set<UInt32> = []
        var classes: [CharacterClass] = []
        /// Any scalar (a gap can come first).
        var any = false
        /// A match can be empty.
        var nullable = false

        /// A copy that shares no buffer with this one.
        func independentCopy() -> FirstSet {
            var c = self
            c.other = Set(other.map { $0 })
            c.classes = classes.map { $0 }
            return c
        }

        @inline(__always)
        func admits(_ v: UInt32) -> Bool {
            if any { return true }
            if v < 64 { if low & (1 << UInt64(v)) != 0 { return true } }
            else if v < 128 { if high & (1 << UInt64(v - 64)) != 0 { return true } }
            else if other.contains(v) { return true }
            return classes.contains { $0.contains(v) }
        }

        mutating func add(_ v: UInt32) {
            if v < 64 { low |= 1 << UInt64(v) } else if v < 128 { high |= 1 << UInt64(v - 64) } else { other.insert(v) }
        }
    }

    /// For each ASCII scalar a match can start with, the ASCII scalars that can come
    /// second: a start whose first two scalars no match begins with is not tried
    /// (the first alone let a fifth of an English text through for a pattern that
    /// begins with "e", "d" or "p"). Conservative: a second scalar outside ASCII,
    /// a gap, or a match that may end after one scalar lets every start through.
    struct SecondSet: Sendable {
        /// `masks[2 * v]` and `masks[2 * v + 1]`: the ASCII scalars that may follow `v`.
        private var masks = [UInt64](repeating: 0, count: 256)
        /// First scalars after which anything may follow.
        private var open = [Bool](repeating: false, count: 128)

        init(_ ops: [Op], first: FirstSet) {
            let starts = PhraseProgram.closure(of: [0], in: ops)
            for v in 0..<UInt32(128) where first.admits(v) {
                // The ops where a match stands after reading `v` first.
                var after: [Int] = []
                for pc in starts {
                    switch ops[pc] {
                    case .scalar(let s) where s == v: after.append(pc + 1)
                    case .run(let cls) where cls.contains(v): after.append(pc)
                    case .gap: open[Int(v)] = true
                    default: break
                    }
                }
                guard !open[Int(v)] else { continue }
                for pc in PhraseProgram.closure(of: after, in: ops) {
                    switch ops[pc] {
                    case .scalar(let s): if s < 128 { add(s, after: v) }
                    case .run(let cls): for s in 0..<UInt32(128) where cls.contains(s) { add(s, after: v) }
                    case .gap, .match: open[Int(v)] = true
                    default: break
                    }
                }
            }
        }

        /// A copy that shares no buffer with this one.
        func independentCopy() -> SecondSet {
            var c = self
            c.masks = masks.map { $0 }
            c.open = open.map { $0 }
            return c
        }

        private mutating func add(_ s: UInt32, after v: UInt32) {
            masks[Int(2 * v + s / 64)] |= 1 << UInt64(s % 64)
        }

        /// False only when no match can start with `v` followed by `w`.
        @inline(__always)
        func admits(_ v: UInt32, then w: UInt32) -> Bool {
            guard v < 128, w < 128, !open[Int(v)] else { return true }
            return masks[Int(2 * v + w / 64)] & (1 << UInt64(w % 64)) != 0
        }
    }

    /// The ops reachable from `starts` without reading a scalar (runs both taken
    /// and passed over), each once.
    static func closure(of starts: [Int], in ops: [Op]) -> [Int] {
        var seen = [Bool](repeating: false, count: ops.count)
        var out: [Int] = []
        var stack = starts
        while let pc = stack.popLast() {
            guard !seen[pc] else { continue }
            seen[pc] = true
            out.append(pc)
            switch ops[pc] {
            case .run, .gap, .wordBoundary: stack.append(pc + 1)
            case .split(let a, let b): stack += [a, b]
            case .jump(let a): stack.append(a)
            case .scalar, .match: break
            }
        }
        return out
    }

    /// The scalars a match can start with: every op reachable from the start
    /// without reading a scalar, and what each of those reads first.
    static func firstSet(of ops: [Op]) -> FirstSet {
        var set = FirstSet()
        var seen = Set<Int>()
        var stack = [0]
        while let pc = stack.popLast() {
            guard seen.insert(pc).inserted else { continue }
            switch ops[pc] {
            case .match: set.nullable = true; set.any = true
            case .scalar(let v): set.add(v)
            case .run(let cls):
                set.classes.append(cls)
                stack.append(pc + 1)
            case .gap:
                set.any = true
                stack.append(pc + 1)
            case .wordBoundary: stack.append(pc + 1)
            case .split(let a, let b): stack += [a, b]
            case .jump(let a): stack.append(a)
            }
        }
        return set
    }

    // MARK: - ICU's character classes

    static func isSpace(_ v: UInt32) -> Bool {
        if v < 0x80 { return v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0C || v == 0x0D }
        guard let s = Unicode.Scalar(v) else { return false }
        switch s.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// ICU's `\w`: alphabetic, marks, decimal digits, connector punctuation, ZWNJ, ZWJ.
    static func isWord(_ v: UInt32) -> Bool {
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x5F
        }
        if v == 0x200C || v == 0x200D { return true }
        guard let s = Unicode.Scalar(v) else { return false }
        if s.properties.isAlphabetic { return true }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    /// Combining characters, which ICU's boundary test looks through.
    static func isExtend(_ v: UInt32) -> Bool {
        if v < 0x80 { return false }
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.isGraphemeExtend || s.properties.generalCategory == .format
    }

    /// ICU's `\b` (without UREGEX_UWORD): a change between word and non-word
    /// characters, combining characters belonging to the one before them.
    static func isWordBoundary(_ text: UnsafeBufferPointer<UInt32>, at pos: Int) -> Bool {
        var here = false
        if pos < text.count {
            if isExtend(text[pos]) { return false }
            here = isWord(text[pos])
        }
        var before = false
        var k = pos
        while k > 0 {
            k -= 1
            if !isExtend(text[k]) {
                before = isWord(text[k])
                break
            }
        }
        return here != before
    }
}
