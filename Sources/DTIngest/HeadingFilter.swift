/// Tells a document's real headings from cross-references that happen to
/// start a line. A document writes its headings one way (`ARTICLE 1.1: Title`);
/// a line such as `Article II Valuation of Contracts` in a list of GPA articles
/// is written another way and is rare. Weak candidates (plain lines and
/// paragraphs) whose style is much rarer than the commonest style of the same
/// kind are dropped; strong ones (markdown/HTML/Word headings) are always kept.
enum HeadingFilter {
    struct Candidate {
        var match: HeadingMatch
        var strong: Bool
    }

    /// The headings of a document: every position whose text parses as a heading
    /// becomes a candidate (`strong` when the format marks it as one), and only those
    /// written in the document's heading style are kept, keyed by position.
    static func headings(_ items: [(position: Int, text: String, strong: Bool)]) -> [Int: HeadingMatch] {
        var candidates: [Candidate] = []
        var positions: [Int] = []
        for item in items {
            guard let m = HeadingParser.parse(item.text) else { continue }
            candidates.append(Candidate(match: m, strong: item.strong))
            positions.append(item.position)
        }
        var out: [Int: HeadingMatch] = [:]
        for k in keep(candidates) { out[positions[k]] = candidates[k].match }
        return out
    }

    /// Indices of the candidates to keep.
    static func keep(_ candidates: [Candidate]) -> Set<Int> {
        var counts: [String: Int] = [:]
        var bestByKind: [String: Int] = [:]
        for c in candidates { counts[c.match.style, default: 0] += 1 }
        for (style, n) in counts {
            let kind = String(style.prefix { $0 != "/" })
            bestByKind[kind] = max(bestByKind[kind] ?? 0, n)
        }
        var kept: Set<Int> = []
        for (i, c) in candidates.enumerated() {
            let kind = c.match.kind.rawValue
            let n = counts[c.match.style] ?? 0
            if c.strong || n * 4 >= (bestByKind[kind] ?? 0) { kept.insert(i) }
        }
        return kept
    }
}
