import DTModel
import DTRules

/// A Word draft with tracked changes: the verdict is on the text with every
/// change accepted; each pillar also gets `original` (every change rejected) and,
/// where the two differ, the changes in the articles either level rests on.
/// Comments go beside their article in `draft.comments`.
struct TrackedChangeGrading {
    let grader: Grader
    let agreement: Agreement
    let options: GradeOptions

    func add(to verdict: inout DocumentVerdict) {
        let changes = agreement.trackedChanges.filter { $0.kind != .comment }
        let comments = agreement.trackedChanges.filter { $0.kind == .comment }
        var info = verdict.draft ?? DraftInfo(brackets: 0, comments: [], placeholders: 0, warnings: [])
        info.trackedChanges = changes.count
        info.comments += comments.map {
            DraftComment(article: Self.article(at: $0.line, in: agreement), author: $0.author, text: $0.text, file: agreement.sourcePath, line: $0.line)
        }
        verdict.draft = info
        guard let divisions = agreement.original, !changes.isEmpty else { return }
        var original = agreement
        original.divisions = divisions
        original.trackedChanges = []
        original.original = nil
        let before = grader.grade(original, options: options)
        for (i, p) in verdict.pillars.enumerated() {
            guard let was = before.pillar(p.id) else { continue }
            verdict.pillars[i].original = StateLevel(level: was.level, score: was.score, brackets: [])
            verdict.pillars[i].originalProposed = was.proposed.map { StateLevel(level: $0.level, score: $0.score, brackets: []) }
            verdict.pillars[i].originalWeakest = was.weakest.map { StateLevel(level: $0.level, score: $0.score, brackets: []) }
            func moved(_ a: StateLevel?, _ b: StateLevel?) -> Bool { a?.level != b?.level || a?.score != b?.score }
            let agreedMoved = was.level != p.level || was.score != p.score
            let statesMoved = moved(was.proposed, p.proposed) || moved(was.weakest, p.weakest)
            guard agreedMoved || statesMoved else {
                verdict.pillars[i].changes = []
                continue
            }
            // A change that moves only what a proposal would give is in an open bracket's article.
            let openArticles = statesMoved ? ((p.open ?? []) + (was.open ?? [])).map(\.article) : []
            let cited = Set((p.evidence + was.evidence + (p.limitations + was.limitations).compactMap(\.evidence)).map(\.article) + openArticles)
            verdict.pillars[i].changes = changes.compactMap { c in
                // Deleted words belong to an article of the original: a deleted
                // article is in no article of the text as it stands.
                let now = Self.article(at: c.line, in: agreement)
                let then = Self.article(at: c.line, in: original)
                let a = c.kind == .deletion || c.kind == .moveFrom ? then ?? now : now ?? then
                guard let a, cited.contains(a) else { return nil }
                return ChangeRef(kind: c.kind.rawValue, author: c.author, date: c.date, article: a, words: c.text,
                                 file: agreement.sourcePath, line: c.line)
            }
        }
    }

    /// The article of `agreement` whose text holds line `line` (the last to start
    /// at or before it). Both texts of a Word or ODT draft number lines the same way.
    private static func article(at line: Int, in agreement: Agreement) -> String? {
        let articles = agreement.articles
        return articles.last { $0.article.location.line <= line }.map { $0.article.number ?? $0.article.heading ?? "article" }
    }
}
