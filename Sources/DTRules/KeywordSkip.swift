/// The skip-ahead half of `KeywordMatcher`: a Wu–Manber shift table over the
/// last three bytes' classes, so a text's bytes are mostly jumped over rather
/// than each stepped through the automaton.
///
/// Every keyword is at least `windowLength` (m) squeezed bytes long; a keyword
/// occurrence starting at squeezed position t makes its first m bytes (its
/// window) end at t + m − 1. At a raw position p the table looks at the kept
/// bytes among p − 2, p − 1, p (squeezing skips the others, so fewer than three
/// may be kept) and answers how many squeezed positions on from the last kept
/// one, q, no window can end: the classic shift for the block, computed for the
/// kept suffix the three raw bytes hold (a suffix of the true three-byte block,
/// so its shift is never larger). Each kept byte takes at least one raw byte, so
/// advancing that many raw bytes from q passes no position where a window may
/// end. Where the shift is 0 a window may end at q: the reader checks there
/// (`KeywordMatcher.read`).
struct KeywordSkip: Sendable {
    /// By `classOf` of the bytes at p − 2, p − 1, p: `table[a << 2s | b << s | c]`,
    /// s = `classShift`. Low five bits: raw bytes to advance (at least 1); bit 7:
    /// a window may end at the last kept byte, p − d, with d in bits 5–6.
    let table: [UInt8]
    /// m: the shortest keyword's squeezed length.
    let windowLength: Int

    static let candidate: UInt8 = 0x80

    /// `windows` are the keywords' first `windowLength` bytes, as classes (none 0).
    /// Nil when keywords are too short for a shift to pay (under four bytes) or the
    /// alphabet too large for a small table.
    init?(windows: [[UInt8]], windowLength m: Int, classShift: Int) {
        guard m >= 4, classShift <= 6, !windows.isEmpty else { return nil }
        let s = classShift
        let w = 1 << s
        // The shift for each kept block of one, two and three classes: the default
        // is a window's length less the block's plus one; each place a block ends
        // inside a window, at index j, allows only m − 1 − j.
        let cap = 31
        var one = [Int](repeating: min(m, cap), count: w)
        var two = [Int](repeating: min(m - 1, cap), count: w * w)
        var three = [Int](repeating: min(m - 2, cap), count: w * w * w)
        for window in windows {
            for j in 0..<m {
                let shift = m - 1 - j
                let c = Int(window[j])
                one[c] = min(one[c], shift)
                if j >= 1 {
                    let k = Int(window[j - 1]) << s | c
                    two[k] = min(two[k], shift)
                }
                if j >= 2 {
                    let k = Int(window[j - 2]) << (2 * s) | Int(window[j - 1]) << s | c
                    three[k] = min(three[k], shift)
                }
            }
        }
        /// An entry for a kept block whose shift is `shift`, its last kept byte `d` raw bytes back.
        func entry(_ shift: Int, _ d: Int) -> UInt8 {
            shift == 0 ? Self.candidate | UInt8(d << 5) | 1 : UInt8(max(1, shift - d))
        }
        var table = three.map { entry($0, 0) }
        // Triples holding skipped bytes (class 0): their kept suffix decides.
        for a in 0..<w {
            for b in 0..<w {
                // (a, b, 0): the block ends at b, one raw byte back; (a, 0, b): at b.
                if b != 0 {
                    table[a << (2 * s) | b << s] = a != 0 ? entry(two[a << s | b], 1) : entry(one[b], 1)
                    table[a << (2 * s) | b] = a != 0 ? entry(two[a << s | b], 0) : entry(one[b], 0)
                    // (0, a, b) with both kept is a block of two.
                    if a != 0 { table[a << s | b] = entry(two[a << s | b], 0) }
                }
            }
            if a != 0 {
                table[a << (2 * s)] = entry(one[a], 2)   // (a, 0, 0)
                table[a << s] = entry(one[a], 1)         // (0, a, 0)
                table[a] = entry(one[a], 0)              // (0, 0, a)
            }
        }
        table[0] = 1 // nothing kept: one byte on
        self.table = table
        self.windowLength = m
    }
}
