import DTModel
import Foundation

/// Whether a document's text could make a draft at all (`DraftAnalysis.isDraft`: a
/// negotiation bracket or a comment), read on its bytes before the analysis builds
/// its stream of scalars. Most documents with a `[` are signed texts whose brackets
/// are footnote marks, enumerators and editors' insertions; reading them into the
/// stream and classifying every bracket was most of what drafts cost on the corpus.
///
/// Only a necessary condition, kept conservative so that no draft is missed: a
/// bracket is a comment, an alternative or an attributed proposal (what makes a
/// draft, `BracketScanner.pass`) only through `BracketWords.lead`,
/// `BracketWords.positions` or an attribution after its `]`, and each of those needs
/// something this reads for on the same text (`DraftText`'s layout: each division's
/// heading and text, each followed by a line break):
///
/// - an alternative label (`ALT 1:`, `Option B:`) starts with `alt` or `option`
///   after the `[` and its spaces;
/// - a lead up to a colon (`US propose:`, `KR:`, `Note:`) is read exactly, by
///   `BracketWords.lead`, on the words from the `[` to the first colon after it;
/// - parties and stances alone (`[EU propose; NO considering]`) or after a `]`
///   (`(AU/JP propose)`) end with a stance word, so its stem is there (`propos`,
///   `support`, `oppos`, `object`, `consider`, `reserv`, in any case).
enum DraftPrefilter {
    /// Whether `agreement` may be a draft; false only when `DraftAnalysis` would find
    /// no negotiation bracket and no comment in it.
    static func mayBeDraft(_ agreement: Agreement) -> Bool {
        var stream: [UInt8] = []
        DivisionWalker.walk(agreement.divisions) { d, _ in
            if let h = d.heading { stream.append(contentsOf: h.utf8) }
            stream.append(0x0A)
            d.withTextUTF8 { stream.append(contentsOf: $0) }
            stream.append(0x0A)
        }
        return stream.withUnsafeBufferPointer { mayBeDraft($0) }
    }

    /// Bytes read per byte of text before the prefilter gives up (and says yes):
    /// the windows read after each bracket overlap, and a hostile text of brackets
    /// must not make the prefilter cost more than the analysis it saves.
    static let budgetPerByte = 32

    /// `mayBeDraft` on a text laid out as `DraftText` lays it out.
    static func mayBeDraft(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = s.baseAddress else { return false }
        let n = s.count
        var budget = budgetPerByte * n + 100_000
        var i = 0
        while i < n {
            // The next `[` or `]`: memchr twice would read the text twice; brackets are rare.
            guard let p = memchr(base + i, 0x5B, n - i).map({ UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base })
            else { break }
            if opensDraftBracket(s, at: p, budget: &budget) || budget < 0 { return true }
            i = p + 1
        }
        i = 0
        while i < n {
            guard let c = memchr(base + i, 0x5D, n - i).map({ UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base })
            else { break }
            if attributionFollows(s, close: c, budget: &budget) || budget < 0 { return true }
            i = c + 1
        }
        return false
    }

    /// Bytes a bracket's text may take: `BracketScanner.readLimit` scalars of up to four bytes.
    static let innerBytes = 4 * BracketScanner.readLimit
    /// Bytes an attribution in parentheses after `]` may take (160 scalars).
    static let trailingBytes = 4 * 160
    /// Bytes read for the colon of a lead: past them, the words before it must number
    /// at least `BracketWords.lead`'s 100 characters unless most bytes are not ASCII.
    static let leadBytes = 1200

    /// Whether the `[` at `p` may open a comment, an alternative or an attributed proposal.
    static func opensDraftBracket(_ s: UnsafeBufferPointer<UInt8>, at p: Int, budget: inout Int) -> Bool {
        let n = s.count
        // An alternative label: `alternativeLabel` skips spaces, then needs alt/alternative/option.
        var j = p + 1
        while j < n, s[j] == 0x20 { j += 1 }
        if startsWithLabelWord(s, at: j) { return true }
        // A lead ended by a colon, read as `lead` reads it.
        if leadBeforeColon(s, from: p + 1, budget: &budget) { return true }
        // Parties and stances alone: a stance word before the bracket's `]` (nested
        // brackets counted) or the end of what the scanner reads of it.
        var depth = 0
        var k = p + 1
        let end = min(n, p + 1 + innerBytes)
        while k < end {
            let b = s[k]
            if b == 0x5B { depth += 1 } else if b == 0x5D {
                if depth == 0 { break }
                depth -= 1
            }
            k += 1
        }
        budget -= 2 * (k - p)
        return hasStanceStem(s, p + 1, k)
    }

    /// Whether the text from `start` to its first colon is a lead `BracketWords.lead`
    /// accepts (an attribution, a comment lead, party codes), the colon within its
    /// 100 characters. The colon must be a character of its own (plain ASCII on both
    /// sides), else the answer is yes.
    static func leadBeforeColon(_ s: UnsafeBufferPointer<UInt8>, from start: Int, budget: inout Int) -> Bool {
        let n = s.count
        var q = start
        // Pairs of ASCII bytes (other than CR LF) have a character boundary between
        // them: once 100 are seen, no colon further on is among the first 100 characters.
        var boundaries = 0
        defer { budget -= q - start }
        while q < n, s[q] != 0x3A {
            if q > start, s[q] < 0x80, s[q - 1] < 0x80, !(s[q - 1] == 0x0D && s[q] == 0x0A) {
                boundaries += 1
                if boundaries >= 100 { return false }
            }
            if q - start >= leadBytes { return true }
            q += 1
        }
        guard q < n else { return false }
        if q > start, s[q - 1] >= 0x80 { return true }
        if q + 1 < n, s[q + 1] >= 0x80 { return true }
        let head = String(decoding: UnsafeBufferPointer(rebasing: s[start..<q]), as: UTF8.self)
        return BracketWords.lead(head + ":") != nil
    }

    /// Whether a `(…)` attribution may follow the `]` at `c` (a `[…]` one is a bracket
    /// of its own, read by `opensDraftBracket`).
    static func attributionFollows(_ s: UnsafeBufferPointer<UInt8>, close c: Int, budget: inout Int) -> Bool {
        let n = s.count
        var i = c + 1
        while i < n {
            if s[i] == 0x20 || s[i] == 0x09 { i += 1 } else if s[i] == 0xC2, i + 1 < n, s[i + 1] == 0xA0 { i += 2 } else { break }
        }
        guard i < n, s[i] == 0x28 else { return false }
        var j = i + 1
        let end = min(n, i + 1 + trailingBytes)
        while j < end, s[j] != 0x29, s[j] != 0x5B, s[j] != 0x0A { j += 1 }
        budget -= 2 * (j - c)
        return hasStanceStem(s, i + 1, j)
    }

    private static let labelWords: [[UInt8]] = ["alt", "option"].map { Array($0.utf8) }

    /// Whether bytes from `i` spell `alt` (`alternative`) or `option`, in any ASCII case.
    static func startsWithLabelWord(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        labelWords.contains { word in
            i + word.count <= s.count && word.indices.allSatisfy { s[i + $0] | 0x20 == word[$0] }
        }
    }

    private static let stems: [[UInt8]] = ["propos", "support", "oppos", "object", "consider", "reserv"].map { Array($0.utf8) }

    /// Whether bytes `from..<to` hold a stance word's stem, in any ASCII case.
    static func hasStanceStem(_ s: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            let b = s[i] | 0x20
            if b == 0x70 || b == 0x73 || b == 0x6F || b == 0x63 || b == 0x72 {
                for stem in stems where stem[0] == b && i + stem.count <= to {
                    var k = 1
                    while k < stem.count, s[i + k] | 0x20 == stem[k] { k += 1 }
                    if k == stem.count { return true }
                }
            }
            i += 1
        }
        return false
    }
}
