import DTDrafts
import DTModel
import DTRules

/// Grades a draft by state (PILLARS.md, "Negotiating drafts"): `level` on the
/// agreed text (every negotiation bracket and comment dropped); then, for each
/// negotiation bracket, the pillar's level with that bracket (and the brackets it
/// sits in) accepted. `proposed` is the strongest of these and the agreed level,
/// `weakest` the weakest.
///
/// Each bracket is graded on the articles it touches plus the articles the
/// pillar's rules can read at all (those holding one of its keywords or a
/// literal of its limitation, deviation or dispute rules), not on the whole
/// text: the cost grows with the number of brackets, not with brackets times
/// document length. That reduced grading is checked once per pillar against the
/// full grading of the agreed text; where they differ, every bracket of that
/// pillar is graded on the whole text instead.
///
/// Brackets are accepted one at a time (with their enclosing brackets), so the
/// states reported are those one accepted bracket gives; two proposals that
/// only together change a level are not combined.
struct DraftGrading {
    let grader: Grader
    let analysis: DraftAnalysis
    let agreement: Agreement
    let options: GradeOptions

    func verdict() -> DocumentVerdict {
        let agreed = analysis.agreement(agreement)
        var verdict = grader.gradeAsWritten(agreed, options: options)
        verdict.draft = info()
        let negotiation = analysis.negotiation
        guard !negotiation.isEmpty else { return verdict }
        // The rules worded in the draft's language (a draft is one language).
        let rules = grader.primaryRules(for: agreement)
        let index = DocumentIndex(agreed, matcher: rules.keywordMatcher)
        let contexts = DocumentIndex.articlesWithChapters(agreed.divisions)
        let articleWise = !contexts.isEmpty && contexts.count == analysis.articleCount
        let chains = negotiation.map { analysis.chain($0.id) }
        let touched = chains.map { analysis.articles(touchedBy: $0) }
        // Each bracket's accepted articles, and the keyword groups they hold, made
        // once and read by every pillar.
        let variants: [[Int: Division]] = articleWise ? zip(touched, chains).map { analysis.articles($0, accepting: Set($1)) } : []
        let variantGroups: [UInt64] = variants.map { v in
            v.reduce(UInt64(0)) { groups, entry in
                groups | IndexedArticle(position: entry.key, article: entry.value, chapter: nil, chapterIndex: nil,
                                        matcher: rules.keywordMatcher, verbatimLines: false).keywordGroups
            }
        }

        for (p, agreedVerdict) in verdict.pillars.enumerated() {
            let pillar = agreedVerdict.id
            let keyword = RuleSet.bit(pillar)
            let dispute: UInt64 = 1 << UInt64(RuleSet.disputeGroup)
            let wide = Self.widePatterns(of: rules, for: pillar)
            func grades(_ a: IndexedArticle) -> Bool { a.has(keyword) }

            func gradeSub(_ positions: Set<Int>, _ replaced: [Int: Division]) -> PillarVerdict {
                let list = positions.sorted().map { (article: replaced[$0] ?? contexts[$0].article, chapter: contexts[$0].chapter) }
                let sub = DocumentIndex(agreed, contexts: list, matcher: rules.keywordMatcher)
                return PillarEvaluation(rules: rules, index: sub, pillar: pillar, baselines: options.baselines).verdict()
            }
            func gradeWhole(_ accepted: [Int]) -> PillarVerdict {
                let text = analysis.agreement(agreement, accepting: Set(accepted))
                var one = options
                one.pillars = [pillar]
                return grader.gradeAsWritten(text, options: one).pillars.first ?? agreedVerdict
            }
            // The articles every bracket of this pillar is graded with: those the
            // agreed verdict cites, those a dispute exclusion or a chapter- or
            // document-wide rule of the pillar may read.
            let citedLabels = Set((agreedVerdict.evidence + (agreedVerdict.limitations + agreedVerdict.deviations).compactMap(\.evidence)).map(\.article))
            let cited = Set(index.articles.filter { citedLabels.contains($0.label) }.map(\.position))
            let base = cited.union(index.articles.filter { $0.has(dispute) || (!wide.isEmpty && $0.mayMatch(any: wide)) }.map(\.position))
            let reduced = articleWise && Self.same(gradeSub(base, [:]), agreedVerdict)
            // What the rest of the text gives without the cited articles: a bracket that
            // weakens a cited article leaves the pillar no lower than this.
            let rest = Set(index.articles.filter { grades($0) || base.contains($0.position) }.map(\.position)).subtracting(cited)
            let floor = reduced && !cited.isEmpty ? gradeSub(rest, [:]) : nil

            var open: [OpenBracket] = []
            var strongest = StateLevel(level: agreedVerdict.level, score: agreedVerdict.score, brackets: [])
            var weakest = strongest
            for (k, b) in negotiation.enumerated() {
                let accepted: PillarVerdict
                if reduced {
                    let bears = touched[k].contains { cited.contains($0) || grades(index.articles[$0]) }
                        || variantGroups[k] & keyword != 0
                    guard bears else { continue }
                    let sub = gradeSub(base.union(touched[k]), variants[k])
                    if let floor, (floor.level, floor.score) > (sub.level, sub.score) { accepted = floor } else { accepted = sub }
                } else {
                    accepted = gradeWhole(chains[k])
                }
                let labels = Set(touched[k].map { analysis.articleLabel($0) })
                let cited = (agreedVerdict.evidence + accepted.evidence).contains { labels.contains($0.article) }
                guard cited || !Self.same(accepted, agreedVerdict) else { continue }
                open.append(Self.open(b, in: analysis, accepted: accepted))
                let state = StateLevel(level: accepted.level, score: accepted.score, brackets: chains[k])
                if (state.level, state.score) > (strongest.level, strongest.score) { strongest = state }
                if (state.level, state.score) < (weakest.level, weakest.score) { weakest = state }
            }
            verdict.pillars[p].proposed = strongest
            verdict.pillars[p].weakest = weakest
            verdict.pillars[p].open = open
        }
        return verdict
    }

    /// The patterns of a pillar's rules that read beyond the commitment's article
    /// (chapter or document scope): an article where one may match is graded with
    /// every bracket.
    static func widePatterns(of rules: RuleSet, for pillar: PillarID) -> [Pattern] {
        [RuleKind.limitation, .deviation, .disputeExclusion].flatMap { kind in
            rules.rules(kind, for: pillar).filter { $0.scope == .chapter || $0.scope == .document }.flatMap { $0.when + $0.unless }
        }
    }

    static func same(_ a: PillarVerdict, _ b: PillarVerdict) -> Bool {
        a.level == b.level && a.score == b.score && a.limitations.map(\.id) == b.limitations.map(\.id)
    }

    static func open(_ b: Bracket, in analysis: DraftAnalysis, accepted: PillarVerdict) -> OpenBracket {
        let quote = b.text.count > 300 ? String(b.text.prefix(300)) + " …" : b.text
        return OpenBracket(bracket: b.id, kind: b.role.rawValue, article: b.article.map { analysis.articleLabel($0) } ?? "text",
                           quote: quote, parties: b.attribution?.written, proposing: b.attribution?.parties(.propose) ?? [],
                           opposing: b.attribution?.parties(.oppose) ?? [], considering: b.attribution?.parties(.consider) ?? [],
                           label: b.label, group: b.group, unbalanced: b.unbalanced, file: analysis.path, line: b.line,
                           level: accepted.level, score: accepted.score, limitations: accepted.limitations.map(\.id))
    }

    func info() -> DraftInfo {
        let comments = analysis.comments.map { c in
            DraftComment(article: c.article.map { analysis.articleLabel($0) }, author: c.attribution?.written, text: c.text,
                         file: analysis.path, line: c.line)
        }
        return DraftInfo(brackets: analysis.negotiation.count, comments: comments, placeholders: analysis.placeholders.count,
                         warnings: analysis.warnings.map(\.description))
    }
}
