import Foundation

/// Searches a phrase pattern without ICU: the pattern's tree (`PatternNode`)
/// compiled to a small program over Unicode scalars, searched as a graph of
/// states (op, position) in the order ICU's backtracking tries them: runs longest
/// first, gaps shortest first, optional parts and earlier alternatives first. So
/// the first match found starts and ends where ICU's `find` would put them, as
/// for the regex `PatternRegex` writes: a space is `\s*`, `-` is `[-\s]*`, `'` is
/// `'?`, `*` is `[a-z0-9\u00c0-\u024f]*`, `...` is `.{0,150}?`, `\b` a word
/// boundary as ICU defines it, and every other character itself. A state
/// explored without reaching a match is marked and never explored again, so a
/// search costs at most the program's size times the text's (times the gap's
/// width for a gap), with no UTF-16 copy of the text. `PatternEngineTests`
/// compares the two on generated patterns and every rule's patterns.
struct PhraseProgram: Sendable {
    enum Op: Sendable {
        /// One scalar, exactly.
        case scalar(UInt32)
        /// Zero or more scalars of a class, as many as there are first.
        case run(CharacterClass)
        /// Up to `PatternNode.maxGap` characters of any kind, as few as will do.
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

    let ops: [Op]
    /// What a match can start with (`firstSet(of:)`).
    let first: FirstSet
    /// What can follow an ASCII first scalar (`SecondSet`).
    let second: SecondSet

    /// A copy that shares no buffer with this one (`RuleSet.independentCopy`).
    func independentCopy() -> PhraseProgram {
        PhraseProgram(ops: ops.map { $0 }, first: first.independentCopy(), second: second.independentCopy())
    }

    private init(ops: [Op], first: FirstSet, second: SecondSet) {
        self.ops = ops
        self.first = first
        self.second = second
    }

    /// Compiles a pattern's tree (`PatternParser.parsePattern`).
    init(_ root: PatternNode) {
        var ops: [Op] = []
        Self.emit(root, into: &ops)
        ops.append(.match)
        self.ops = ops
        first = Self.firstSet(of: ops)
        second = SecondSet(ops, first: first)
    }

    /// Compiles pattern source without terms.
    init(_ source: String) throws {
        var parser = PatternParser(terms: [:])
        self.init(try parser.parsePattern(source))
    }

    /// Appends the ops of `node`; control passes on to whatever follows.
    private static func emit(_ node: PatternNode, into ops: inout [Op]) {
        switch node {
        case .char(let c): for s in c.unicodeScalars { ops.append(.scalar(s.value)) }
        case .space: ops.append(.run(.space))
        case .hyphen: ops.append(.run(.hyphenOrSpace))
        case .ending: ops.append(.run(.wordEnding))
        case .apostrophe: emit(.optional(.char("'")), into: &ops)
        case .gap: ops.append(.gap)
        case .wordBoundary: ops.append(.wordBoundary)
        case .optional(let inner):
            let split = ops.count
            ops.append(.jump(0))
            emit(inner, into: &ops)
            ops[split] = .split(split + 1, ops.count)
        case .group(let alternatives, _):
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

    /// The first match in `text`, in UTF-16 units, or nil.
    func firstMatch(in text: String) -> (start: Int, end: Int)? {
        let scalars = Self.scalars(of: text)
        return scan(scalars, all: false).first.map { Self.utf16Bounds($0, in: scalars, text: text) }
    }

    /// The successive matches in `text`, in UTF-16 units, as ICU's `matches(in:)`
    /// finds them: each the leftmost from where the one before ended.
    func matches(in text: String) -> [(start: Int, end: Int)] {
        let scalars = Self.scalars(of: text)
        return scan(scalars, all: true).map { Self.utf16Bounds($0, in: scalars, text: text) }
    }

    /// Where the last of the successive matches in `text` ends, in UTF-16 units
    /// (modal force asks which cue ends last before a commitment).
    func lastMatchEnd(in text: String) -> Int? {
        let scalars = Self.scalars(of: text)
        return scan(scalars, all: true).last.map { Self.utf16Bounds($0, in: scalars, text: text).end }
    }

    /// The first match, or all successive ones, in scalar indices. One record of
    /// explored states serves every start and every match (see `Search`).
    private func scan(_ scalars: [UInt32], all: Bool) -> [(start: Int, end: Int)] {
        ops.withUnsafeBufferPointer { ops in
            scalars.withUnsafeBufferPointer { text in
                var search = Search(ops: ops, text: text)
                defer { search.release() }
                var found: [(start: Int, end: Int)] = []
                var from = 0
                while from <= text.count, let m = search.leftmost(from: from, first: first, second: second) {
                    found.append(m)
                    guard all else { break }
                    // The states on the way to this match were explored but did not fail:
                    // those at its end can be met again from there.
                    search.forget(at: m.end)
                    from = m.end > m.start ? m.end : m.end + 1
                }
                return found
            }
        }
    }

    /// The text's scalars: positions in the search are scalar indices.
    static func scalars(of text: String) -> [UInt32] {
        // An ASCII text's scalars are its bytes, widened: read from its contiguous
        // bytes, not scalar by scalar through the String (21 M instructions of the
        // whole-ToTA run, December 2026, for texts nearly all ASCII).
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ bytes -> [UInt32]? in
            guard let base = bytes.baseAddress else { return [] }
            guard TrigramBloom.asciiRun(base, from: 0, count: bytes.count) == bytes.count else { return nil }
            return [UInt32](unsafeUninitializedCapacity: bytes.count) { out, initialized in
                for k in 0..<bytes.count { out[k] = UInt32(base[k]) }
                initialized = bytes.count
            }
        }), let scalars = ascii {
            return scalars
        }
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars { scalars.append(s.value) }
        return scalars
    }

    /// Scalar indices as NSString counts them (scalars past U+FFFF take two units).
    private static func utf16Bounds(_ m: (start: Int, end: Int), in scalars: [UInt32], text: String) -> (start: Int, end: Int) {
        if text.utf16.count == scalars.count { return m }
        var utf16 = 0
        var start = 0
        for k in 0..<m.end {
            if k == m.start { start = utf16 }
            utf16 += scalars[k] > 0xFFFF ? 2 : 1
        }
        return (m.start == m.end ? utf16 : start, utf16)
    }

    /// A search over one text: the states (op, position) still to explore, and a
    /// bit for each state explored, in buffers of its own (a stack captured by a
    /// nested function was checked for exclusive access on every push).
    ///
    /// Explored depth first, each state's successors in ICU's order of
    /// preference (the preferred pushed last, so explored first), the first path
    /// to `.match` is the one ICU's backtracking takes. The graph has no cycles
    /// (every step moves on in the text or in the program), so a state met again
    /// once explored has failed (were it on the way to a match, the search would
    /// have ended) and is not explored again; whether a state leads to a match
    /// does not depend on where the search started, so the record serves every
    /// start. A state is marked when it is explored, not when it is pushed: a
    /// state pushed as a later choice and then reached by a preferred path must
    /// be explored on that path, in its order.
    private struct Search {
        let ops: UnsafeBufferPointer<Op>
        let text: UnsafeBufferPointer<UInt32>
        /// Words per position: a row of one bit per op, rounded up to whole words.
        let rowWords: Int
        /// The rows, each cleared only when the search first marks a state at its
        /// position (`ready`): a search visits the positions near the few starts its
        /// first scalars admit, and clearing every row of a long text up front (ops ×
        /// length bits) cost more than the search itself (33 M instructions of the
        /// whole-ToTA run, December 2026). A row not yet cleared holds no mark.
        let explored: UnsafeMutablePointer<UInt64>
        /// Per position, 1 once its row is cleared.
        let ready: UnsafeMutablePointer<UInt8>
        /// Whether the text has a carriage return (`gapEnds`).
        let hasCarriageReturn: Bool
        var stack: UnsafeMutablePointer<(Int, Int)>
        var capacity = 64
        var top = 0

        init(ops: UnsafeBufferPointer<Op>, text: UnsafeBufferPointer<UInt32>) {
            self.ops = ops
            self.text = text
            rowWords = (ops.count + 63) >> 6
            hasCarriageReturn = text.contains(0x0D)
            explored = .allocate(capacity: rowWords * (text.count + 1))
            ready = .allocate(capacity: text.count + 1)
            ready.initialize(repeating: 0, count: text.count + 1)
            stack = .allocate(capacity: capacity)
        }

        /// The leftmost match at or after scalar `from`, with the end ICU's
        /// backtracking reaches first. A start whose scalar, or first two scalars,
        /// no match can begin with is not tried.
        mutating func leftmost(from: Int, first: FirstSet, second: SecondSet) -> (start: Int, end: Int)? {
            let n = text.count
            for start in from...n {
                if start < n ? !first.admits(text[start]) : !first.nullable { continue }
                if start + 1 < n, !second.admits(text[start], then: text[start + 1]) { continue }
                top = 0
                push(0, start)
                while let (pc, pos) = pop() {
                    guard explore(pc, pos) else { continue }
                    switch ops[pc] {
                    case .match:
                        return (start, pos)
                    case .scalar:
                        push(pc + 1, pos + 1)
                    case .run(let cls):
                        // Greedy: one more scalar of the run first, then what follows.
                        push(pc + 1, pos)
                        if pos < n && cls.contains(text[pos]) { push(pc, pos + 1) }
                    case .gap:
                        // Lazy: the shortest gap first (pushed last).
                        let limit = min(n, pos + PatternNode.maxGap)
                        if !hasCarriageReturn {
                            var q = limit
                            while q >= pos {
                                push(pc + 1, q)
                                q -= 1
                            }
                        } else {
                            for q in PhraseProgram.gapEnds(text, from: pos).reversed() { push(pc + 1, q) }
                        }
                    case .wordBoundary:
                        if PhraseProgram.isWordBoundary(text, at: pos) { push(pc + 1, pos) }
                    case .split(let a, let b):
                        push(b, pos)
                        push(a, pos)
                    case .jump(let a):
                        push(a, pos)
                    }
                }
            }
            return nil
        }

        /// Stacks (pc, pos) unless it was explored (and failed) or its op wants
        /// another scalar there.
        @inline(__always)
        mutating func push(_ pc: Int, _ pos: Int) {
            if case .scalar(let v) = ops[pc], pos >= text.count || text[pos] != v { return }
            guard ready[pos] == 0 || explored[pos &* rowWords &+ pc &>> 6] & (1 << UInt64(pc & 63)) == 0 else { return }
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

        /// Marks (pc, pos) explored; false when it was already.
        @inline(__always)
        mutating func explore(_ pc: Int, _ pos: Int) -> Bool {
            let row = pos &* rowWords
            if ready[pos] == 0 {
                (explored + row).initialize(repeating: 0, count: rowWords)
                ready[pos] = 1
            }
            let bit: UInt64 = 1 << UInt64(pc & 63)
            let word = row &+ pc &>> 6
            guard explored[word] & bit == 0 else { return false }
            explored[word] |= bit
            return true
        }

        /// Unmarks every state at `pos`.
        func forget(at pos: Int) {
            if ready[pos] != 0 { (explored + pos * rowWords).update(repeating: 0, count: rowWords) }
        }

        func release() {
            explored.deallocate()
            ready.deallocate()
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

    /// Where a gap from `pos` may end: ICU's `.` reads a carriage return and the
    /// line feed after it as one character, so such a pair counts once and a gap
    /// never ends between them.
    static func gapEnds(_ text: UnsafeBufferPointer<UInt32>, from pos: Int) -> [Int] {
        var ends = [pos]
        var q = pos
        while ends.count <= PatternNode.maxGap && q < text.count {
            q += text[q] == 0x0D && q + 1 < text.count && text[q + 1] == 0x0A ? 2 : 1
            ends.append(q)
        }
        return ends
    }

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
