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
