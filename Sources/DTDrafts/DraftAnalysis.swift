import DTModel

/// The negotiation brackets of one document and the texts they make: the agreed
/// text (every negotiation bracket dropped, every comment dropped) and the text
/// with one bracket accepted. Built from the document model, so every input
/// format is read the same way.
public struct DraftAnalysis: Sendable {
    public let path: String
    /// Every bracket, in the order they open.
    public let brackets: [Bracket]
    public let warnings: [DraftWarning]
    let text: DraftText

    /// The analysis of `agreement`, or nil when its text holds no `[` at all or no
    /// bracket that could make it a draft (`DraftPrefilter`): then `isDraft` would be
    /// false, and signed texts full of footnote marks are not read into a stream.
    public static func of(_ agreement: Agreement) -> DraftAnalysis? {
        guard DraftText.mayHoldBrackets(agreement), DraftPrefilter.mayBeDraft(agreement) else { return nil }
        return DraftAnalysis(agreement)
    }

    public init(_ agreement: Agreement) {
        path = agreement.sourcePath
        text = DraftText(agreement)
        let result = BracketScanner(text: text, path: agreement.sourcePath).scan()
        brackets = result.brackets
        warnings = result.warnings
    }

    /// Whether the text has negotiation brackets or comments: otherwise it is
    /// graded as it is, and reports say nothing about drafts.
    public var isDraft: Bool { brackets.contains { $0.role.isNegotiation || $0.role == .comment } }

    /// The brackets a negotiator decides on (proposals and alternatives).
    public var negotiation: [Bracket] { brackets.filter(\.role.isNegotiation) }
    public var comments: [Bracket] { brackets.filter { $0.role == .comment } }
    public var placeholders: [Bracket] { brackets.filter { $0.role == .placeholder } }

    /// The number of articles (document order), as `Bracket.articles` counts them.
    public var articleCount: Int { text.articles.count }

    /// The label of article `i` (`Article 9.11`).
    public func articleLabel(_ i: Int) -> String { text.articles[i].label }

    /// The bracket and the negotiation brackets it sits in, outermost first:
    /// accepting a bracket means accepting those too.
    public func chain(_ id: Int) -> [Int] {
        var out: [Int] = []
        var cur: Int? = id
        while let c = cur {
            if brackets[c].role.isNegotiation { out.append(c) }
            cur = brackets[c].parent
        }
        return out.reversed()
    }

    /// The articles whose text changes when `accepted` brackets are accepted.
    public func articles(touchedBy accepted: [Int]) -> [Int] {
        Array(Set(accepted.flatMap { brackets[$0].articles })).sorted()
    }

    /// Stream ranges to blank out when `accepted` are accepted and every other
    /// negotiation bracket is dropped; comments always go. Sorted and disjoint.
    func blanks(accepting accepted: Set<Int>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for b in brackets {
            switch b.role {
            case .comment:
                ranges.append(b.open..<max(b.open + 1, b.end))
            case .proposal, .alternative:
                if accepted.contains(b.id) {
                    ranges.append(b.open..<b.contentStart)
                    if b.end > b.close { ranges.append(b.close..<b.end) }
                } else {
                    ranges.append(b.open..<max(b.open + 1, b.end))
                }
            case .placeholder, .editorial:
                continue
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for r in ranges {
            if let last = merged.last, r.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        return merged
    }

    /// The whole document with `accepted` brackets accepted and every other
    /// negotiation bracket and comment dropped. Divisions no bracket touches are
    /// kept as they are.
    public func agreement(_ base: Agreement, accepting accepted: Set<Int> = []) -> Agreement {
        let blanks = self.blanks(accepting: accepted)
        var ordinal = 0
        var out = base
        out.divisions = base.divisions.map { rebuild($0, &ordinal, blanks) }
        return out
    }

    /// Articles `indices` (document order) with `accepted` brackets accepted and every
    /// other negotiation bracket and comment dropped.
    public func articles(_ indices: [Int], accepting accepted: Set<Int>) -> [Int: Division] {
        let blanks = self.blanks(accepting: accepted)
        var out: [Int: Division] = [:]
        for i in indices where i < text.articles.count {
            var ordinal = text.articles[i].ordinal
            out[i] = rebuild(text.articles[i].division, &ordinal, blanks)
        }
        return out
    }

    private func rebuild(_ d: Division, _ ordinal: inout Int, _ blanks: [Range<Int>]) -> Division {
        let n = ordinal
        ordinal += 1
        var out = d
        if let h = text.render(2 * n, blanks: blanks) {
            let trimmed = BracketWords.collapse(h)
            out.heading = trimmed.isEmpty ? nil : trimmed
        }
        if let t = text.render(2 * n + 1, blanks: blanks) { out.text = t }
        if !d.children.isEmpty { out.children = d.children.map { rebuild($0, &ordinal, blanks) } }
        return out
    }
}
