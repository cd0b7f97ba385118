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
/// Brackets are accepted one at a time (with their enclosing brackets); then,
/// for `proposed`, every bracket that does not lower the pillar on its own is
/// accepted together (at most one alternative of each group, the strongest),
/// and for `weakest` every bracket that does not raise it (the weakest of each
/// group). Two proposals that only together raise or lower a level are seen
/// that way, at the cost of two more gradings a pillar, not of every
/// combination.
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

            /// The pillar with the brackets of `chain` (and only those) accepted, on
            /// the articles `articles` they touch when the reduced grading holds.
            func acceptedVerdict(_ chain: [Int], articles: [Int], variant: [Int: Division]) -> PillarVerdict {
                guard reduced else { return gradeWhole(chain) }
                let sub = gradeSub(base.union(articles), variant)
                if let floor, (floor.level, floor.score) > (sub.level, sub.score) { return floor }
                return sub
            }

            var open: [OpenBracket] = []
            var strongest = StateLevel(level: agreedVerdict.level, score: agreedVerdict.score, brackets: [])
            var weakest = strongest
            // Each bracket graded alone, for the combinations below.
            var alone: [(bracket: Int, verdict: PillarVerdict)] = []
            for (k, b) in negotiation.enumerated() {
                if reduced {
                    let bears = touched[k].contains { cited.contains($0) || grades(index.articles[$0]) }
                        || variantGroups[k] & keyword != 0
                    guard bears else { continue }
                }
                let accepted = reduced ? acceptedVerdict(chains[k], articles: touched[k], variant: variants[k]) : gradeWhole(chains[k])
                alone.append((k, accepted))
                let labels = Set(touched[k].map { analysis.articleLabel($0) })
                let cited = (agreedVerdict.evidence + accepted.evidence).contains { labels.contains($0.article) }
                guard cited || !Self.same(accepted, agreedVerdict) else { continue }
                open.append(Self.open(b, in: analysis, accepted: accepted))
                let state = StateLevel(level: accepted.level, score: accepted.score, brackets: chains[k])
                if (state.level, state.score) > (strongest.level, strongest.score) { strongest = state }
                if (state.level, state.score) < (weakest.level, weakest.score) { weakest = state }
            }
            // The combined choices: brackets that together raise (or lower) the pillar.
            let agreedKey = (agreedVerdict.level, agreedVerdict.score)
            for raising in [true, false] {
                let chosen = combination(alone, raising: raising, agreed: agreedKey, negotiation: negotiation, chains: chains)
                guard chosen.count > 1 else { continue }
                let brackets = Set(chosen.flatMap { chains[$0] })
                let articles = analysis.articles(touchedBy: Array(brackets))
                let variant = reduced ? analysis.articles(articles, accepting: brackets) : [:]
                let together = acceptedVerdict(brackets.sorted(), articles: articles, variant: variant)
                var state = StateLevel(level: together.level, score: together.score, brackets: brackets.sorted())
                state.together = chosen.map { negotiation[$0].id }
                let better = raising ? (state.level, state.score) > (strongest.level, strongest.score)
                    : (state.level, state.score) < (weakest.level, weakest.score)
                guard better else { continue }
                if raising { strongest = state } else { weakest = state }
                // The brackets it rests on bear on the pillar, even those that alone change nothing.
                for (k, accepted) in alone where chosen.contains(k) && !open.contains(where: { $0.bracket == negotiation[k].id }) {
                    open.append(Self.open(negotiation[k], in: analysis, accepted: accepted))
                }
            }
            open.sort { $0.bracket < $1.bracket }
            verdict.pillars[p].proposed = strongest
            verdict.pillars[p].weakest = weakest
            verdict.pillars[p].open = open
        }
        return verdict
    }

    /// The brackets (positions in `negotiation`) to accept together: those that,
    /// graded alone, do not lower the pillar (`raising`) or do not raise it, and of
    /// each group of alternatives only the one that raises (lowers) it most. A
    /// bracket whose chain would take a second alternative of a group is left out.
    func combination(_ alone: [(bracket: Int, verdict: PillarVerdict)], raising: Bool, agreed: (Level, Int),
                     negotiation: [Bracket], chains: [[Int]]) -> [Int] {
        let candidates = alone.filter { raising ? ($0.verdict.level, $0.verdict.score) >= agreed : ($0.verdict.level, $0.verdict.score) <= agreed }
        // Strongest (weakest) first, so that the best alternative of a group comes first.
        let ordered = candidates.enumerated().sorted { x, y in
            let a = (x.element.verdict.level, x.element.verdict.score)
            let b = (y.element.verdict.level, y.element.verdict.score)
            if a != b { return raising ? a > b : a < b }
            return x.offset < y.offset
        }.map(\.element.bracket)
        var groupMember: [Int: Int] = [:] // group → the bracket id taken from it
        var chosen: [Int] = []
        for k in ordered {
            let chain = chains[k]
            let groups = chain.compactMap { id in analysis.brackets[id].group.map { ($0, id) } }
            guard groups.allSatisfy({ g, id in groupMember[g].map { $0 == id } ?? true }) else { continue }
            for (g, id) in groups { groupMember[g] = id }
            chosen.append(k)
        }
        return chosen.sorted()
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
