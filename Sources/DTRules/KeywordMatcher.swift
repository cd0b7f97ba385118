/// The cheap prefilter, in one pass: an Aho–Corasick automaton over every
/// pillar's keywords, run on an article's UTF-8 bytes as if squeezed (ASCII
/// letters lower-cased, everything but letters, digits and non-ASCII bytes
/// skipped), so merged OCR words and line breaks cannot hide a keyword and no
/// squeezed copy of the text is ever made.
public struct KeywordMatcher: Sendable {
    /// Transition table: `next[state * 256 + byte]`.
    private let next: [Int32]
    /// Bitmask of groups whose keyword ends in each state (suffix links folded in).
    private let output: [UInt64]
    /// Groups with no keywords at all: they match every text.
    private let alwaysOn: UInt64

    /// `groups[i]` are the squeezed keywords of group `i` (at most 64 groups).
    public init(groups: [[[UInt8]]]) {
        precondition(groups.count <= 64, "at most 64 keyword groups")
        var goto: [[Int32]] = [Array(repeating: -1, count: 256)]
        var out: [UInt64] = [0]
        var always: UInt64 = 0
        for (g, words) in groups.enumerated() {
            if words.isEmpty || words.contains(where: \.isEmpty) { always |= 1 << UInt64(g) }
            for w in words where !w.isEmpty {
                var s = 0
                for b in w {
                    if goto[s][Int(b)] < 0 {
                        goto.append(Array(repeating: -1, count: 256))
                        out.append(0)
                        goto[s][Int(b)] = Int32(goto.count - 1)
                    }
                    s = Int(goto[s][Int(b)])
                }
                out[s] |= 1 << UInt64(g)
            }
        }
        // Breadth-first: failure links, then a full DFA table.
        var fail = Array(repeating: 0, count: goto.count)
        var table = Array(repeating: Int32(0), count: goto.count * 256)
        var queue: [Int] = []
        for b in 0..<256 {
            let t = goto[0][b]
            if t >= 0 { table[b] = t; fail[Int(t)] = 0; queue.append(Int(t)) } else { table[b] = 0 }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            out[s] |= out[fail[s]]
            for b in 0..<256 {
                let t = goto[s][b]
                if t >= 0 {
                    fail[Int(t)] = Int(table[fail[s] * 256 + b])
                    table[s * 256 + b] = t
                    queue.append(Int(t))
                } else {
                    table[s * 256 + b] = table[fail[s] * 256 + b]
                }
            }
        }
        self.next = table
        self.output = out
        self.alwaysOn = always
    }

    /// Each byte as the automaton reads it: ASCII letters lower-cased, digits and
    /// non-ASCII bytes as they are, 0 for everything squeezing skips.
    static let squeezeMap: [UInt8] = (0...255).map { (b: Int) -> UInt8 in
        switch b {
        case 0x41...0x5A: return UInt8(b | 0x20)
        case 0x61...0x7A, 0x30...0x39, 0x80...0xFF: return UInt8(b)
        default: return 0
        }
    }

    /// Bitmask of the groups that have a keyword in `texts`, read as one stream:
    /// squeezing removes the boundaries between them anyway.
    public func groups(in texts: [String]) -> UInt64 {
        var found = alwaysOn
        var s = 0
        next.withUnsafeBufferPointer { next in
            output.withUnsafeBufferPointer { output in
                for var text in texts {
                    // Contiguous UTF-8 for a tight loop (bridged strings are made native first).
                    text.makeContiguousUTF8()
                    text.utf8.withContiguousStorageIfAvailable { bytes in
                        Self.squeezeMap.withUnsafeBufferPointer { squeeze in
                            for b in bytes {
                                let c = squeeze[Int(b)]
                                if c == 0 { continue }
                                s = Int(next[s &* 256 &+ Int(c)])
                                found |= output[s]
                            }
                        }
                    }
                }
            }
        }
        return found
    }
}
