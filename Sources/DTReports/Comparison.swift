import DTGrading
import DTModel
import DTRules

/// A changed clause that bears on a pillar (an article the pillar cites in either
/// draft whose words changed), as a word-level redline from the old wording to the new.
public struct ClauseChange: Codable, Sendable, Equatable {
    /// `changed`, `added`, `removed`, `split` or `merged` (see `ArticleMatch.Kind`).
    public var kind: ArticleMatch.Kind
    /// The old article (nil when added) and the new one (nil when removed).
    public var before: String?
    public var after: String?
    public var heading: String?
    /// Words kept, removed and added, in reading order.
    public var diff: [WordDiff.Run]
}

/// A limitation or deviation found in one draft and not the other, with why.
public struct FindingChange: Codable, Sendable, Equatable {
    public enum Change: String, Codable, Sendable { case added, removed }

    public enum Reason: String, Codable, Sendable {
        /// The words it rests on were changed (the clause's redline is under the pillar).
        case textChanged = "text-changed"
        /// Its words are unchanged, but the commitment it qualifies changed level.
        case levelChanged = "level-changed"
        /// The article it sits in was removed, or is new.
        case articleRemoved = "article-removed"
        case articleAdded = "article-added"
        /// Its words are unchanged and so is the level: a change elsewhere in the pillar's articles.
        case elsewhere
    }

    public var id: String
    public var kind: FindingKind
    public var change: Change
    public var reason: Reason
    /// The article it sits in (the old draft's when removed, the new one's when added).
    public var article: String?
    public var quote: String?
    /// The reason in words, for the human formats.
    public var explanation: String
}

/// One pillar, before and after.
public struct PillarChange: Codable, Sendable, Equatable {
    public var id: PillarID
    public var levelBefore: Level?
    public var levelAfter: Level?
    public var scoreBefore: Int?
    public var scoreAfter: Int?
    /// The clauses the pillar rests on whose words changed, as redlines.
    public var clauses: [ClauseChange]
    /// Limitations and deviations added or removed, each with why.
    public var findings: [FindingChange]
    /// Limitation ids only in the new draft / only in the old one (`findings` says why).
    public var limitationsAdded: [String]
    public var limitationsRemoved: [String]
    /// The level went down or the score went down (only when both sides were assessed).
    public var regression: Bool
    /// Drafts only (nil when neither side is a draft): how the states and the open
    /// brackets changed. `levelBefore`/`levelAfter` are the agreed levels.
    public var states: StatesChange?

    /// Nothing about the pillar changed: level, score, clauses, findings and draft states.
    public var isUnchanged: Bool {
        levelBefore == levelAfter && scoreBefore == scoreAfter && clauses.isEmpty && findings.isEmpty
            && (states.map { $0.proposedBefore == $0.proposedAfter && $0.weakestBefore == $0.weakestAfter
                && $0.originalBefore == $0.originalAfter && $0.openAdded.isEmpty && $0.openRemoved.isEmpty } ?? true)
    }
}

/// A draft pillar's states on both sides of a comparison, as `level score` (nil
/// where that side has no such state), and the open brackets closed and opened.
public struct StatesChange: Codable, Sendable, Equatable {
    public var proposedBefore: String?
    public var proposedAfter: String?
    public var weakestBefore: String?
    public var weakestAfter: String?
    public var originalBefore: String?
    public var originalAfter: String?
    /// Open brackets (`Article 9.12 [US propose; VN oppose]: quote → level score`) only in the new draft.
    public var openAdded: [String]
    /// Open brackets only in the old draft: agreed, dropped or rewritten since.
    public var openRemoved: [String]

    static func of(old: PillarVerdict?, new: PillarVerdict?) -> StatesChange? {
        let draft = [old, new].contains { p in p?.proposed != nil || p?.original != nil }
        guard draft else { return nil }
        func text(_ s: StateLevel?) -> String? { s.map { "\($0.level.rawValue) \($0.score)" } }
        func open(_ p: PillarVerdict?) -> [String] {
            (p?.open ?? []).map { "\($0.article) [\($0.label ?? $0.parties ?? "unattributed")]: \(Trim.quote($0.quote, limit: 120)) → \($0.level.rawValue) \($0.score)" }
        }
        let before = open(old)
        let after = open(new)
        return StatesChange(proposedBefore: text(old?.proposed), proposedAfter: text(new?.proposed),
                            weakestBefore: text(old?.weakest), weakestAfter: text(new?.weakest),
                            originalBefore: text(old?.original), originalAfter: text(new?.original),
                            openAdded: after.filter { !before.contains($0) }, openRemoved: before.filter { !after.contains($0) })
    }
}

/// The side of a comparison: enough to say which document it was.
public struct ComparedDocument: Codable, Sendable, Equatable {
    public var path: String
    public var status: DocumentStatus
    public var title: String?
    public var overallScore: Int?
    public var error: String?

    init(_ d: DocumentVerdict) {
        path = d.path
        status = d.status
        title = d.title
        overallScore = d.overallScore
        error = d.error.map { _ in LocationText.error(d) }
    }
}

/// `dtcheck compare OLD NEW`: per pillar what changed and whether it got weaker.
/// Articles are matched by content (`ArticleMap`), so renumbering or moving an
/// article is reported once, under `articles`, and changes nothing in a pillar.
public struct Comparison: Codable, Sendable, Equatable {
    public var schemaVersion: String
    public var tool: ToolInfo
    public var old: ComparedDocument
    public var new: ComparedDocument
    /// Every article renumbered, changed, split, merged, added or removed (unchanged ones are left out).
    public var articles: [ArticleMatch]
    public var pillars: [PillarChange]
    public var regression: Bool

    /// `oldArticles`/`newArticles`: the drafts' articles (`ArticleText.of`); without
    /// them the articles are only what the verdicts quote.
    public init(tool: ToolInfo, old: DocumentVerdict, new: DocumentVerdict, pillars: [PillarID],
                oldArticles: [ArticleText]? = nil, newArticles: [ArticleText]? = nil) {
        schemaVersion = Report.currentSchemaVersion
        self.tool = tool
        self.old = ComparedDocument(old)
        self.new = ComparedDocument(new)
        let map = ArticleMap(old: oldArticles ?? Self.quotedArticles(old), new: newArticles ?? Self.quotedArticles(new))
        articles = map.matches.filter { $0.kind != .unchanged }
        let both = old.status == .assessed && new.status == .assessed
        self.pillars = pillars.map { PillarComparison(map: map).change($0, old: old.pillar($0), new: new.pillar($0), comparable: both) }
        regression = self.pillars.contains(where: \.regression)
    }

    /// Articles made of the quotes a verdict holds, when the texts themselves are not at hand.
    static func quotedArticles(_ d: DocumentVerdict) -> [ArticleText] {
        var order: [String] = []
        var byKey: [String: ArticleText] = [:]
        let all = d.pillars.flatMap { p in p.evidence + (p.limitations + p.deviations + p.sectoral).compactMap(\.evidence) }
        for e in all {
            let key = (e.chapter ?? "") + "\u{0}" + e.article
            var article = byKey[key] ?? ArticleText(label: e.article, chapter: e.chapter, heading: e.heading, text: "")
            if byKey[key] == nil { order.append(key) }
            if !ArticleMap.contains(article.text, quote: e.quote) {
                article.text += (article.text.isEmpty ? "" : "\n") + e.quote
            }
            byKey[key] = article
        }
        return order.compactMap { byKey[$0] }
    }
}
