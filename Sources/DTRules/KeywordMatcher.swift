import Foundation
import DTModel

/// The cheap prefilter, in one pass: an Aho–Corasick automaton over every
/// pillar's keywords, run on an article's UTF-8 bytes as if squeezed (ASCII
/// letters lower-cased, everything but letters, digits and non-ASCII bytes
/// skipped), so merged OCR words and line breaks cannot hide a keyword and no
/// squeezed copy of the text is made. A text whose typography normalising would
/// rewrite is read as the normalised text reads (`squeezable`).
///
/// A class: every article's scan holds the matcher, and copying a struct of four
/// arrays retained and released each of them (atomically) per article.
public final class KeywordMatcher: Sendable {
    /// Transition table over byte classes, a row of `1 << classShift` entries per
    /// state, where a state's offset is its row's start: entry `offset + class`
    /// is the next state. States where a keyword ends are numbered from
    /// `outputFlag` on (see `init`), so their offsets, and only theirs, have the
    /// `outputFlag` bit set. Each entry holds the next state's address in the
    /// table (`base + 8 × offset`), so a step of the walk is one load from the
    /// state itself: adding a state's offset to the table's start was a fifth of
    /// every step. The table is aligned to twice `outputFlag`'s byte offset, so
    /// an address has that bit set exactly when its offset has: the walks still
    /// note a keyword's end by or-ing the states they pass. Held as an address
    /// (immutable after `init`, freed in `deinit`); `Scan` keeps offsets.
    private let base: UInt
    /// Bitmask of groups whose keyword ends in each state (suffix links folded in),
    /// by state number (offset >> classShift).
    private let output: [UInt64]
    /// The offset bit that marks a state where a keyword ends.
    private let outputFlag: UInt32
    /// Groups with no keywords at all: they match every text.
    private let alwaysOn: UInt64
    /// Each byte's class: 0 for the bytes squeezing skips, one class for each byte
    /// that occurs in a keyword (ASCII letters folded to lower case), and one shared
    /// class for every other kept byte, which no keyword contains. A small alphabet
    /// keeps the table in cache: 256 columns made it most of a megabyte.
    private let classOf: [UInt8]
    /// log2 of a row's length: the classes, padded to a power of two.
    private let classShift: Int
    /// The longest keyword, in squeezed bytes.
    private let maxKeywordLength: Int
    /// Each state's depth in the keyword trie (the length of the keyword prefix it
    /// stands for), by state number. The prefix a walk's state stands for starts
    /// ever later as the walk goes on; once it starts at or after a place, every
    /// keyword ending later starts there too.
    private let depth: [Int32]

    /// `groups[i]` are the squeezed keywords of group `i` (at most 64 groups).
    public init(groups: [[[UInt8]]]) {
        precondition(groups.count <= 64, "at most 64 keyword groups")
        var classes = [UInt8](repeating: 0, count: 256)
        let used = Set(groups.joined().joined())
        var count = 2 // 0: skipped, 1: kept but in no keyword
        for b in 0..<256 where Squeezed.map[b] != 0 {
            let folded = Squeezed.map[b]
            if used.contains(folded) {
                if classes[Int(folded)] == 0 || classes[Int(folded)] == 1 {
                    classes[Int(folded)] = UInt8(count)
                    count += 1
                }
                classes[b] = classes[Int(folded)]
            } else {
                classes[b] = 1
            }
        }
        let width = count
        var goto: [[Int32]] = [Array(repeating: -1, count: width)]
        var out: [UInt64] = [0]
        var depthOf: [Int32] = [0]
        var always: UInt64 = 0
        for (g, words) in groups.enumerated() {
            if words.isEmpty || words.contains(where: \.isEmpty) { always |= 1 << UInt64(g) }
            for w in words where !w.isEmpty {
                var s = 0
                for b in w {
                    let c = Int(classes[Int(b)])
                    // A keyword byte that squeezing would skip can never be matched.
                    if c == 0 { s = -1; break }
                    if goto[s][c] < 0 {
                        goto.append(Array(repeating: -1, count: width))
                        out.append(0)
                        depthOf.append(depthOf[s] + 1)
                        goto[s][c] = Int32(goto.count - 1)
                    }
                    s = Int(goto[s][c])
                }
                if s > 0 { out[s] |= 1 << UInt64(g) }
            }
        }
        // Breadth-first: failure links, then a full DFA table.
        var fail = Array(repeating: 0, count: goto.count)
        var table = Array(repeating: UInt32(0), count: goto.count * width)
        var queue: [Int] = []
        for c in 1..<width {
            let t = goto[0][c]
            if t >= 0 { table[c] = UInt32(t); fail[Int(t)] = 0; queue.append(Int(t)) }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            out[s] |= out[fail[s]]
            for c in 1..<width {
                let t = goto[s][c]
                if t >= 0 {
                    fail[Int(t)] = Int(table[fail[s] * width + c])
                    table[s * width + c] = UInt32(t)
                    queue.append(Int(t))
                } else {
                    table[s * width + c] = table[fail[s] * width + c]
                }
            }
        }
        // Class 0 (bytes squeezing skips) leaves the state as it is: the walk needs no
        // branch, which mispredicted on every space and punctuation mark.
        for state in 0..<goto.count { table[state * width] = UInt32(state) }
        // Renumber: states where no keyword ends keep their order from 0 (the root
        // stays 0); the others follow from a power of two above every such state, so
        // one bit of the number tells them apart. Rows between are never reached.
        let silent = (0..<goto.count).filter { out[$0] == 0 }
        let speaking = (0..<goto.count).filter { out[$0] != 0 }
        var flagRow = 1
        while flagRow < max(silent.count, speaking.count) { flagRow <<= 1 }
        var number = [Int](repeating: 0, count: goto.count)
        for (k, state) in silent.enumerated() { number[state] = k }
        for (k, state) in speaking.enumerated() { number[state] = flagRow + k }
        var shift = 0
        while 1 << shift < width { shift += 1 }
        let rows = flagRow + speaking.count
        var rowTable = [UInt32](repeating: 0, count: rows << shift)
        var rowOutput = [UInt64](repeating: 0, count: rows)
        var rowDepth = [Int32](repeating: 0, count: rows)
        for state in 0..<goto.count {
            let row = number[state]
            rowOutput[row] = out[state]
            rowDepth[row] = depthOf[state]
            for c in 0..<width { rowTable[row << shift + c] = UInt32(number[Int(table[state * width + c])] << shift) }
        }
        // Offsets are below twice the flag (`rows` ≤ 2 × `flagRow`): aligning the
        // table to that keeps the flag bit of an address its offset's.
        let alignment = max(16, (flagRow << shift) * MemoryLayout<UInt>.size * 2)
        let memory = UnsafeMutableRawPointer.allocate(byteCount: rowTable.count * MemoryLayout<UInt>.size, alignment: alignment)
        let start = UInt(bitPattern: memory)
        let entries = memory.bindMemory(to: UInt.self, capacity: rowTable.count)
        for (k, offset) in rowTable.enumerated() { entries[k] = start &+ UInt(offset) &* UInt(MemoryLayout<UInt>.size) }
        self.base = start
        self.output = rowOutput
        self.outputFlag = UInt32(flagRow << shift)
        self.alwaysOn = always
        self.classOf = classes
        self.classShift = shift
        self.maxKeywordLength = groups.joined().map(\.count).max() ?? 0
        self.depth = rowDepth
    }

    deinit {
        UnsafeMutableRawPointer(bitPattern: base)?.deallocate()
    }

    /// Bitmask of the groups that have a keyword in `texts`, read as one stream:
    /// squeezing removes the boundaries between them anyway.
    public func groups(in texts: [String]) -> UInt64 {
        var scan = Scan(self)
        for text in texts { scan.feed(text) }
        return scan.groups
    }

    /// `groups(in: [text])` of each of `texts`, each read alone from the root, four
    /// at a time: an article's paragraphs are short (a walk interleaves its own
    /// quarters only from 512 bytes), and a lone walk waits on each table load in
    /// turn, where four independent walks overlap those waits.
    public func groups(ofEach texts: [String]) -> [UInt64] {
        // Every text's bytes as the walk reads them (`squeezable`), laid end to end.
        var bytes: [UInt8] = []
        // Room for all of them at once (a ligature or full-width letter may map to more
        // bytes; then the array grows as usual).
        bytes.reserveCapacity(texts.reduce(0) { $0 + $1.utf8.count })
        var bounds: [Range<Int>] = []
        bounds.reserveCapacity(texts.count)
        var forms: [UInt32: [UInt8]] = [:]
        for var text in texts {
            text.makeContiguousUTF8()
            let start = bytes.count
            text.utf8.withContiguousStorageIfAvailable { raw in
                if let mapped = KeywordMatcher.squeezable(raw, cache: &forms) {
                    bytes.append(contentsOf: mapped)
                } else {
                    bytes.append(contentsOf: raw)
                }
            }
            bounds.append(start..<bytes.count)
        }
        var found = [UInt64](repeating: alwaysOn, count: texts.count)
        let base = self.base
        let rowShift = UInt(classShift + 3)
        let flag = UInt(outputFlag) &* 8
        bytes.withUnsafeBufferPointer { bytes in
            output.withUnsafeBufferPointer { output in
                classOf.withUnsafeBufferPointer { classOf in
                    @inline(__always) func step(_ state: UInt, _ k: Int) -> UInt {
                        UnsafePointer<UInt>(bitPattern: state).unsafelyUnwrapped[Int(classOf[Int(bytes[k])])]
                    }
                    @inline(__always) func ends(_ state: UInt) -> UInt64 { output[Int((state &- base) &>> rowShift)] }
                    /// One text's walk from `k` to `end`, from `state`.
                    func run(_ k: Int, _ end: Int, _ state: UInt, _ f: inout UInt64) {
                        var state = state
                        var k = k
                        while k < end {
                            state = step(state, k)
                            if state & flag != 0 { f |= ends(state) }
                            k += 1
                        }
                    }
                    // Four lanes, each walking one text; a lane whose text ends takes the
                    // next one. Between refills every lane steps without a test of its end.
                    var next = 0
                    var k = [Int](repeating: 0, count: 4), end = k, text = [Int](repeating: -1, count: 4)
                    var state = [UInt](repeating: base, count: 4), f = [UInt64](repeating: 0, count: 4)
                    func refill(_ l: Int) {
                        if text[l] >= 0 { found[text[l]] |= f[l] }
                        text[l] = -1
                        while next < bounds.count, text[l] < 0 {
                            if !bounds[next].isEmpty {
                                text[l] = next
                                (k[l], end[l], state[l], f[l]) = (bounds[next].lowerBound, bounds[next].upperBound, base, 0)
                            }
                            next += 1
                        }
                    }
                    for l in 0..<4 { refill(l) }
                    while text.allSatisfy({ $0 >= 0 }) {
                        let steps = min(end[0] - k[0], end[1] - k[1], end[2] - k[2], end[3] - k[3])
                        var (a, b, c, d) = (state[0], state[1], state[2], state[3])
                        var (fa, fb, fc, fd) = (f[0], f[1], f[2], f[3])
                        let (k0, k1, k2, k3) = (k[0], k[1], k[2], k[3])
                        var i = 0
                        while i < steps {
                            a = step(a, k0 &+ i)
                            b = step(b, k1 &+ i)
                            c = step(c, k2 &+ i)
                            d = step(d, k3 &+ i)
                            if (a | b | c | d) & flag != 0 {
                                if a & flag != 0 { fa |= ends(a) }
                                if b & flag != 0 { fb |= ends(b) }
                                if c & flag != 0 { fc |= ends(c) }
                                if d & flag != 0 { fd |= ends(d) }
                            }
                            i += 1
                        }
                        (state[0], state[1], state[2], state[3]) = (a, b, c, d)
                        (f[0], f[1], f[2], f[3]) = (fa, fb, fc, fd)
                        for l in 0..<4 {
                            k[l] += steps
                            if k[l] == end[l] { refill(l) }
                        }
                    }
                    // Fewer than four texts left: each lane reads on alone.
                    for l in 0..<4 where text[l] >= 0 {
                        run(k[l], end[l], state[l], &f[l])
                        found[text[l]] |= f[l]
                    }
                }
            }
        }
        return found
    }

    /// A reading in progress: texts fed one after another are read as one stream,
    /// as `groups(in:)` reads them, whether they come as strings or as UTF-8 bytes.
    public struct Scan {
        let matcher: KeywordMatcher
        /// The automaton's state after the text fed so far.
        var state = 0
        /// The groups found so far.
        public private(set) var groups: UInt64

        public init(_ matcher: KeywordMatcher) {
            self.matcher = matcher
            groups = matcher.alwaysOn
        }

        public mutating func feed(_ text: String) {
            var text = text
            // Contiguous UTF-8 for a tight loop (bridged strings are made native first).
            text.makeContiguousUTF8()
            text.utf8.withContiguousStorageIfAvailable { feed($0) }
        }

        /// Reads `bytes` as normalising would leave them (see `squeezable`), so an
        /// article or paragraph finds every keyword its normalised sentences find.
        public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
            if let mapped = KeywordMatcher.squeezable(bytes, cache: &forms) {
                mapped.withUnsafeBufferPointer { matcher.read($0, state: &state, found: &groups) }
            } else {
                matcher.read(bytes, state: &state, found: &groups)
            }
        }

        /// Reads `bytes` as `feed` does, and gives the groups `bytes` holds read alone
        /// (`groups(in:)` of that text): an article's paragraphs get their groups from the
        /// article's own reading, not from a second reading of each paragraph. The piece
        /// is read once from the root (every keyword inside it, its own groups); the
        /// stream's walk goes on into it only until the prefix its state stands for starts
        /// inside the piece, when it is the root walk's state (`extend`'s reasoning), so the
        /// stream finds what `feed` finds and ends in the same state.
        public mutating func feedPiece(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var own = matcher.alwaysOn
            if let mapped = KeywordMatcher.squeezable(bytes, cache: &forms) {
                mapped.withUnsafeBufferPointer { matcher.readPiece($0, state: &state, found: &groups, own: &own) }
            } else {
                matcher.readPiece(bytes, state: &state, found: &groups, own: &own)
            }
            return own
        }

        /// What each non-ASCII character read so far stands for (`squeezedForm`).
        var forms: [UInt32: [UInt8]] = [:]
    }

    /// `read` of a piece from the root into `own` (and `found`), with the stream's walk
    /// from `s` continued into the piece while a keyword begun before it may still end.
    private func readPiece(_ bytes: UnsafeBufferPointer<UInt8>, state s: inout Int, found: inout UInt64, own: inout UInt64) {
        var pieceState = 0
        var inside: UInt64 = 0
        read(bytes, state: &pieceState, found: &inside)
        own |= inside
        found |= inside
        let base = self.base
        let rowShift = UInt(classShift + 3)
        let flag = UInt(outputFlag) &* 8
        var state = base &+ UInt(s) &* 8
        var kept: Int32 = 0
        var k = 0
        var across: UInt64 = 0
        output.withUnsafeBufferPointer { output in
            depth.withUnsafeBufferPointer { depth in
                classOf.withUnsafeBufferPointer { classOf in
                    while k < bytes.count && depth[Int((state &- base) &>> rowShift)] > kept {
                        let c = classOf[Int(bytes[k])]
                        if c != 0 { kept += 1 }
                        state = UnsafePointer<UInt>(bitPattern: state).unsafelyUnwrapped[Int(c)]
                        if state & flag != 0 { across |= output[Int((state &- base) &>> rowShift)] }
                        k += 1
                    }
                    // Not yet inside the piece when it ends: the stream's state is the walk's.
                    if depth[Int((state &- base) &>> rowShift)] > kept { pieceState = Int((state &- base) &>> 3) }
                }
            }
        }
        found |= across
        s = pieceState
    }

    /// The bytes to read for `bytes` when normalising would change what squeezing
    /// sees, or nil when the text can be read as it is (ASCII, and characters
    /// normalising keeps). Keywords are read squeezed (ASCII letters and digits,
    /// every other byte of a non-ASCII character kept), so a no-break space, curly
    /// quote, dash or soft hyphen inside "cross-border transfer" would hide it from
    /// the raw bytes but not from the normalised sentence: such characters are left
    /// out, and a ligature or full-width letter is read as the letters NFKC makes of it.
    static func squeezable(_ bytes: UnsafeBufferPointer<UInt8>, cache: inout [UInt32: [UInt8]]) -> [UInt8]? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        // Most texts are ASCII but for the odd kept letter: find the first character
        // that reads differently before copying anything.
        var i = ByteScan.nextNonASCII(base, from: 0, count: n)
        var first: Int?
        while i < n {
            guard let (v, w) = TextNormalizer.decode(bytes, at: i) else {
                i = ByteScan.nextNonASCII(base, from: i + 1, count: n)
                continue
            }
            if case .keep? = TextNormalizer.plainScalar(v) {
                i = ByteScan.nextNonASCII(base, from: i + w, count: n)
                continue
            }
            first = i
            break
        }
        guard let start = first else { return nil }
        // What is written never outgrows what is read but for a character whose
        // compatibility form is longer than its bytes (a ligature, an Arabic phrase
        // sign): the copy is made in a buffer with `room` bytes to spare, and made
        // again with more when those forms need it (their forms are cached by then).
        var room = 64
        while true {
            if let out = squeezedCopy(bytes, from: start, room: room, cache: &cache) { return out }
            room *= 8
        }
    }

    /// `squeezable`'s copy of `bytes` from `start` (its first character that reads
    /// differently) in a buffer of `bytes.count + room` bytes; nil when compatibility
    /// forms longer than their characters need more than `room`.
    private static func squeezedCopy(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, room: Int,
                                     cache: inout [UInt32: [UInt8]]) -> [UInt8]? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var fits = true
        let out = [UInt8](unsafeUninitializedCapacity: n + room) { out, written in
            guard let to = out.baseAddress else { return }
            // Runs of ASCII are copied whole; only the characters between them are looked at.
            var count = 0
            var run = 0
            // A run between two accented letters is a few words: up to 32 bytes are
            // copied as four words, perhaps past the run's end (what lies past it is
            // written over next, and within the buffer: the output never gets ahead of
            // the input by more than `room`); memmove's call and its branches on the
            // length cost more there. Longer runs go to memmove.
            @inline(__always) func copyRun(upTo end: Int) {
                let length = end - run
                if length <= 32 && run + 32 <= n {
                    let source = UnsafeRawPointer(base + run)
                    let target = UnsafeMutableRawPointer(to + count)
                    for offset in stride(from: 0, to: 32, by: 8) {
                        target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
                    }
                } else if length > 0 {
                    (to + count).update(from: base + run, count: length)
                }
                count += length
            }
            var i = start
            while i < n {
                let b = base[i]
                copyRun(upTo: i)
                guard let (v, w) = TextNormalizer.decode(bytes, at: i) else {
                    to[count] = b
                    count += 1
                    run = i + 1
                    i = ByteScan.nextNonASCII(base, from: i + 1, count: n)
                    continue
                }
                // An accented Latin letter (every few words of a Spanish or French text):
                // its folded letters from the table, without the form cache's hashing.
                if let f = TextNormalizer.foldedLatin(v) {
                    to[count] = f.0
                    to[count + 1] = f.1
                    count += f.1 != 0 ? 2 : 1
                } else {
                    switch TextNormalizer.plainScalar(v) {
                    case .keep?:
                        (to + count).update(from: base + i, count: w)
                        count += w
                    // A space, a quote, a dash, a semicolon or nothing: all squeeze away.
                    case .space?, .drop?, .byte?, .periods?: break
                    case nil:
                        let form: [UInt8]
                        if let known = cache[v] {
                            form = known
                        } else {
                            form = squeezedForm(of: v, bytes: UnsafeBufferPointer(rebasing: bytes[i..<(i + w)]))
                            cache[v] = form
                        }
                        // Room for the form and for everything after it, copied at most byte for byte.
                        guard count + form.count + (n - i - w) <= n + room else {
                            fits = false
                            return
                        }
                        form.withUnsafeBufferPointer { f in
                            if let fb = f.baseAddress { (to + count).update(from: fb, count: f.count) }
                        }
                        count += form.count
                    }
                }
                run = i + w
                i = ByteScan.nextNonASCII(base, from: i + w, count: n)
            }
            copyRun(upTo: n)
            written = count
        }
        return fits ? out : nil
    }

    /// What a character that normalising rewrites (not a `plainScalar`) stands for,
    /// read squeezed: its lower-cased NFKC form, ASCII punctuation and white space
    /// left out (a ligature "ﬂ" is "fl", a full-width "Ｃ" is "c"). For keywords
    /// in ASCII (all of ours), reading a character alone never finds less than in
    /// its text: composing with its neighbours only turns ASCII letters into
    /// others. Accented Latin letters read as their folded base letters, as the
    /// normalised text has them; keywords are folded when loaded.
    static func squeezedForm(of v: UInt32, bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        if let f = TextNormalizer.foldedLatin(v) { return f.1 == 0 ? [f.0] : [f.0, f.1] }
        guard let scalar = Unicode.Scalar(v) else { return Array(bytes) }
        let normalized = String(Character(scalar)).precomposedStringWithCompatibilityMapping.lowercased()
        return Array(normalized.utf8).filter { $0 >= 0x80 || Squeezed.map[Int($0)] != 0 }
    }

    /// Reads `bytes` on from `s`, adding the groups found to `found`.
    private func read(_ bytes: UnsafeBufferPointer<UInt8>, state s: inout Int, found: inout UInt64) {
        // States are the addresses of their rows in `base`'s table while walking.
        let base = self.base
        let rowShift = UInt(classShift + 3)
        let flag = UInt(outputFlag) &* 8
        let overlap = maxKeywordLength
        /// The state after `state` reads a byte of class `c`.
        @inline(__always) func step(_ state: UInt, _ c: UInt8) -> UInt {
            UnsafePointer<UInt>(bitPattern: state).unsafelyUnwrapped[Int(c)]
        }
        output.withUnsafeBufferPointer { output in
          depth.withUnsafeBufferPointer { depth in
            classOf.withUnsafeBufferPointer { classOf in
                /// The groups whose keyword ends in `state`.
                @inline(__always) func ends(_ state: UInt) -> UInt64 { output[Int((state &- base) &>> rowShift)] }
                /// One walk over `bytes[from..<to]` from `state`, adding what it finds.
                /// The output table is read only in states where a keyword ends (the
                /// flag bit): a test and a rarely taken branch, where the look-up was
                /// a subtraction, a shift, a load and an or at every byte.
                func run(_ from: Int, _ to: Int, _ state: inout UInt, _ found: inout UInt64) {
                    var i = from
                    while i < to {
                        state = step(state, classOf[Int(bytes[i])])
                        if state & flag != 0 { found |= ends(state) }
                        i += 1
                    }
                }
                /// One walk that only notes whether a keyword ended anywhere in it:
                /// most texts hold none, and then the output table is never read.
                func skim(_ from: Int, _ to: Int, _ state: inout UInt) -> Bool {
                    var seen: UInt = 0
                    var i = from
                    while i < to {
                        let t = step(state, classOf[Int(bytes[i])])
                        seen |= t
                        state = t
                        i += 1
                    }
                    return seen & flag != 0
                }
                /// Goes on from `at` until the prefix the state stands for starts at
                /// `at` or later (its depth is at most the kept bytes read since): a
                /// keyword ending later starts there too, and the walk from `at` finds
                /// it. Within `overlap` kept bytes that is so, or the text ends.
                func extend(_ at: Int, _ state: inout UInt, _ found: inout UInt64) {
                    var kept: Int32 = 0
                    var k = at
                    while k < bytes.count && depth[Int((state &- base) &>> rowShift)] > kept {
                        let c = classOf[Int(bytes[k])]
                        if c != 0 { kept += 1 }
                        state = step(state, c)
                        if state & flag != 0 { found |= ends(state) }
                        k += 1
                    }
                }
                let root = base
                let entered = base &+ UInt(s) &* 8
                let n = bytes.count
                guard n >= Self.interleaveThreshold else {
                    var state = entered
                    var skimmed = entered
                    if skim(0, n, &skimmed) { run(0, n, &state, &found) } else { state = skimmed }
                    s = Int((state &- base) &>> 3)
                    return
                }
                // Four quarters at once: each step of a walk waits on its last
                // table load, so independent walks overlap those waits. A walk
                // from the root at a quarter's start finds every keyword that
                // starts there or later; each walk reads on past its quarter
                // until a keyword begun inside it must have ended.
                let q = n / 4
                var a = entered, b = root, c = root, d = root
                var fa = found, fb: UInt64 = 0, fc: UInt64 = 0, fd: UInt64 = 0
                // In blocks: a block where no walk met the end of a keyword is
                // read without the output table; the rare block where one did is
                // read again, each walk from the state it began the block in.
                var i = 0
                while i < q {
                    let end = min(i &+ Self.blockLength, q)
                    let (a0, b0, c0, d0) = (a, b, c, d)
                    var seen: UInt = 0
                    var k = i
                    while k < end {
                        let ta = step(a, classOf[Int(bytes[k])])
                        let tb = step(b, classOf[Int(bytes[k &+ q])])
                        let tc = step(c, classOf[Int(bytes[k &+ 2 &* q])])
                        let td = step(d, classOf[Int(bytes[k &+ 3 &* q])])
                        seen |= ta | tb | tc | td
                        a = ta; b = tb; c = tc; d = td
                        k += 1
                    }
                    if seen & flag != 0 {
                        a = a0; run(i, end, &a, &fa)
                        b = b0; run(i &+ q, end &+ q, &b, &fb)
                        c = c0; run(i &+ 2 &* q, end &+ 2 &* q, &c, &fc)
                        d = d0; run(i &+ 3 &* q, end &+ 3 &* q, &d, &fd)
                    }
                    i = end
                }
                run(4 * q, n, &d, &fd)
                extend(q, &a, &fa)
                extend(2 * q, &b, &fb)
                extend(3 * q, &c, &fc)
                found = fa | fb | fc | fd
                // The state the next text starts from: read again from the root
                // over the last keyword's length of kept bytes, or, when the text
                // has fewer, over the whole text from the state it started in.
                var start = n
                var kept = 0
                while start > 0 && kept < overlap {
                    start -= 1
                    if classOf[Int(bytes[start])] != 0 { kept += 1 }
                }
                // When those bytes lie in the last quarter, the walk from its start
                // has read them all and is in that state already.
                if kept == overlap && start >= 3 * q {
                    s = Int((d &- base) &>> 3)
                    return
                }
                var state = kept < overlap ? entered : root
                _ = skim(kept < overlap ? 0 : start, n, &state)
                s = Int((state &- base) &>> 3)
            }
          }
        }
    }

    /// Bytes each walk reads between looks at whether a keyword ended.
    static let blockLength = 64

    /// Texts shorter than this are read in one walk.
    static let interleaveThreshold = 512
}
