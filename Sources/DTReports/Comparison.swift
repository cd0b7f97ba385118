import DTGrading
import DTModel
import DTRules

/// How one article's quoted evidence changed between two drafts.
public struct ArticleChange: Codable, Sendable, Equatable {
    public var article: String
    public var quotesAdded: [String]
    public var quotesRemoved: [String]
}

/// One pillar, before and after.
public struct PillarChange: Codable, Sendable, Equatable {
    public var id: PillarID
    public var levelBefore: Level?
    public var levelAfter: Level?
    public var scoreBefore: Int?
    public var scoreAfter: Int?
    public var articles: [ArticleChange]
    public var limitationsAdded: [String]
    public var limitationsRemoved: [String]
    /// The level went down or the score went down (only when both sides were assessed).
    public var regression: Bool
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
public struct Comparison: Codable, Sendable, Equatable {
    public var schemaVersion: String
    public var tool: ToolInfo
    public var old: ComparedDocument
    public var new: ComparedDocument
    public var pillars: [PillarChange]
    public var regression: Bool

    public init(tool: ToolInfo, old: DocumentVerdict, new: DocumentVerdict, pillars: [PillarID]) {
        schemaVersion = Report.currentSchemaVersion
        self.tool = tool
        self.old = ComparedDocument(old)
        self.new = ComparedDocument(new)
        let both = old.status == .assessed && new.status == .assessed
        self.pillars = pillars.map { Comparison.change($0, old: old.pillar($0), new: new.pillar($0), comparable: both) }
        regression = self.pillars.contains(where: \.regression)
    }

    static func change(_ id: PillarID, old: PillarVerdict?, new: PillarVerdict?, comparable: Bool) -> PillarChange {
        let limitsBefore = Set(old?.limitations.map(\.id) ?? [])
        let limitsAfter = Set(new?.limitations.map(\.id) ?? [])
        var regression = false
        if comparable, let o = old, let n = new, o.level != .notAssessed, n.level != .notAssessed {
            regression = n.level < o.level || n.score < o.score
        }
        return PillarChange(id: id, levelBefore: old?.level, levelAfter: new?.level, scoreBefore: old?.score,
                            scoreAfter: new?.score, articles: articleChanges(old?.evidence ?? [], new?.evidence ?? []),
                            limitationsAdded: limitsAfter.subtracting(limitsBefore).sorted(),
                            limitationsRemoved: limitsBefore.subtracting(limitsAfter).sorted(),
                            regression: regression)
    }

    /// Quotes compared after normalisation so re-wrapping or re-paginating is not a change.
    static func articleChanges(_ before: [Evidence], _ after: [Evidence]) -> [ArticleChange] {
        func byArticle(_ list: [Evidence]) -> [String: [String: String]] {
            var out: [String: [String: String]] = [:]
            for e in list { out[e.article, default: [:]][TextNormalizer.normalize(e.quote)] = e.quote }
            return out
        }
        let b = byArticle(before), a = byArticle(after)
        var changes: [ArticleChange] = []
        for article in Set(b.keys).union(a.keys).sorted() {
            let qb = b[article] ?? [:], qa = a[article] ?? [:]
            let added = Set(qa.keys).subtracting(qb.keys).sorted().compactMap { qa[$0] }
            let removed = Set(qb.keys).subtracting(qa.keys).sorted().compactMap { qb[$0] }
            if !added.isEmpty || !removed.isEmpty {
                changes.append(ArticleChange(article: article, quotesAdded: added, quotesRemoved: removed))
            }
        }
        return changes
    }
}
