import DTModel
import DTRules
import Foundation

/// A sentence that addresses a pillar, with the rule that found it and its force.
struct Candidate {
    var rule: Rule
    var article: IndexedArticle
    var sentence: Sentence
    var force: ModalForce
}

/// Grades one pillar of one document (PILLARS.md): find commitments and
/// mentions, set aside sectoral ones, pick the strongest binding commitment,
/// collect its material limitations and its deviations from each baseline.
struct PillarEvaluation {
    let rules: RuleSet
    let index: DocumentIndex
    let pillar: PillarID
    let baselines: [BaselineID]
    /// Results of rules over paragraph, article, chapter and document scopes.
    let cache = ScopeCache()

    func verdict() -> PillarVerdict {
        let keywordBit = RuleSet.bit(pillar)
        let commitments = rules.rules(.commitment, for: pillar)
        let mentions = rules.rules(.mention, for: pillar)
        let sectorals = rules.rules(.sectoral, for: pillar)
        var binding: [Candidate] = []
        var soft: [Candidate] = []
        var sectoralFindings: [Finding] = []

        // The rules read sentence by sentence below: a paragraph none of them may hold in is not split.
        let sentenceRules = sectorals.filter { !$0.when.isEmpty } + commitments + mentions
        for article in index.articles where article.has(keywordBit) {
            let sectorByHeading = sectorals.first { $0.when.isEmpty && $0.headingMatches(article.headings) }
            for sentence in article.sentences(with: keywordBit, whereMayHold: sentenceRules) {
                // A sectoral commitment is still a commitment: exceptions and definitions are not findings.
                if let s = sectorals.first(where: { rule in
                    guard !rule.when.isEmpty, rule.headings.isEmpty || rule.headingMatches(article.headings),
                          let anchor = rule.holds(in: sentence) else { return false }
                    let force = rules.modality.force(of: sentence.normalized, at: anchor, bloom: sentence.bloom)
                    return force == .binding || force == .nonBinding
                }) {
                    sectoralFindings.append(finding(s, kind: .sectoral, id: s.element ?? "sectoral", article: article, sentence: sentence))
                    continue
                }
                for rule in commitments {
                    guard let anchor = rule.holds(in: sentence) else { continue }
                    let force = rules.modality.force(of: sentence.normalized, at: anchor, bloom: sentence.bloom)
                    guard force == .binding || force == .nonBinding else { continue }
                    if let s = sectorByHeading {
                        sectoralFindings.append(finding(s, kind: .sectoral, id: s.element ?? "sectoral", article: article, sentence: sentence))
                        continue
                    }
                    let c = Candidate(rule: rule, article: article, sentence: sentence, force: force)
                    if force == .binding { binding.append(c) } else { soft.append(c) }
                }
                for rule in mentions where sectorByHeading == nil {
                    guard let anchor = rule.holds(in: sentence) else { continue }
                    // The article itself must speak of the context: a tourism article does
                    // not become digital trade by sitting in an e-commerce chapter.
                    guard rule.context.isEmpty || rule.context.contains(where: article.speaks(of:)) else { continue }
                    let force = rules.modality.force(of: sentence.normalized, at: anchor, bloom: sentence.bloom)
                    guard force != .exception else { continue }
                    soft.append(Candidate(rule: rule, article: article, sentence: sentence, force: .nonBinding))
                }
            }
        }
        let sectoral = dedupe(sectoralFindings)

        if !binding.isEmpty {
            // The strongest binding commitment sets the level: fewest limitations, then earliest.
            let scored = binding.map { ($0, limitations(for: $0)) }
            guard let (best, limits) = scored.min(by: { $0.1.count < $1.1.count }) else { return absent(sectoral) }
            let deviations = self.deviations(for: best)
            let level: Level = limits.isEmpty ? .baseline : .bindingQualified
            var evidence = [evidenceOf(best.article, best.sentence, rule: best.rule.id)]
            for l in limits { if let e = l.evidence, !evidence.contains(where: { $0.article == e.article && $0.quote == e.quote }) { evidence.append(e) } }
            let score = self.score(level: level, limitations: limits.count, deviations: deviations)
            var summary = "\(pillar.shortName): \(level.rawValue)"
            if !limits.isEmpty { summary += " — " + limits.map(\.id).joined(separator: ", ") }
            summary += " (\(best.article.label))"
            return PillarVerdict(id: pillar, level: level, score: score, rule: best.rule.id, evidence: evidence,
                                 limitations: limits, deviations: deviations, sectoral: sectoral, summary: summary)
        }
        if let first = soft.first {
            // Commitments in non-binding words weigh more than passing mentions.
            let primary = soft.first { $0.rule.kind == .commitment } ?? first
            var evidence: [Evidence] = []
            var cited = Set<String>()
            for c in [primary] + soft where cited.insert("\(c.article.position)|\(c.sentence.original)").inserted {
                evidence.append(evidenceOf(c.article, c.sentence, rule: c.rule.id))
                if evidence.count >= 3 { break }
            }
            let score = (rules.scoring.top[.soft] ?? 45) - (primary.rule.kind == .mention ? 15 : 0)
            return PillarVerdict(id: pillar, level: .soft, score: max(Level.soft.scoreRange.lowerBound, score), rule: primary.rule.id,
                                 evidence: evidence, limitations: [], deviations: [], sectoral: sectoral,
                                 summary: "\(pillar.shortName): soft (\(primary.article.label))")
        }
        return absent(sectoral)
    }

    private func absent(_ sectoral: [Finding]) -> PillarVerdict {
        var summary = "\(pillar.shortName): absent"
        if !sectoral.isEmpty { summary += " (sectoral only)" }
        return PillarVerdict(id: pillar, level: .absent, score: 0, rule: nil, evidence: [], limitations: [], deviations: [],
                             sectoral: sectoral, summary: summary)
    }

    // MARK: - Limitations and deviations

    func limitations(for c: Candidate) -> [Finding] {
        var out: [Finding] = []
        for rule in rules.rules(.limitation, for: pillar) {
            if let (a, s) = firstHolding(rule, around: c), let id = rule.limitation, !out.contains(where: { $0.id == id }) {
                out.append(finding(rule, kind: .limitation, id: id, article: a, sentence: s))
            }
        }
        for rule in rules.rules(.disputeExclusion, for: pillar) {
            if let (a, s) = DisputeExclusion(index: index, words: LanguageWords.of(rules.language)).exclusion(by: rule, of: c.article), !out.contains(where: { $0.id == "no-dispute-settlement" }) {
                out.append(finding(rule, kind: .limitation, id: rule.limitation ?? "no-dispute-settlement", article: a, sentence: s))
            }
        }
        return out
    }

    func deviations(for c: Candidate) -> [Finding] {
        var out: [Finding] = []
        for rule in rules.rules(.deviation, for: pillar) {
            let cited = rule.baselines.filter { baselines.contains($0.baseline) }
            guard !cited.isEmpty, let (a, s) = firstHolding(rule, around: c) else { continue }
            var f = finding(rule, kind: .deviation, id: rule.element ?? rule.id, article: a, sentence: s)
            f.baselines = cited
            out.append(f)
        }
        return FindingMerge.merged(out, baselineOrder: baselines)
    }

    /// Where `rule` holds in its scope around the commitment: the sentence to cite.
    /// With no `when`, a rule holds when none of its `unless` patterns is found
    /// anywhere in the scope, and the commitment itself is cited.
    func firstHolding(_ rule: Rule, around c: Candidate) -> (IndexedArticle, Sentence)? {
        // Wider scopes do not depend on the candidate sentence: evaluate each once per
        // rule and scope, or a long article with many candidates turns quadratic.
        let key: String
        switch rule.scope {
        case .sentence: return evaluate(rule, around: c)
        case .paragraph: key = "\(rule.id)|p\(c.article.position).\(c.sentence.unit)"
        case .article: key = "\(rule.id)|a\(c.article.position)"
        case .chapter: key = "\(rule.id)|c\(c.article.chapterIndex.map(String.init) ?? "-")"
        case .document: key = "\(rule.id)|d"
        }
        if let hit = cache.scopes[key] {
            switch hit {
            case .none: return nil
            case .candidate: return (c.article, c.sentence)
            case .found(let a, let s): return (a, s)
            }
        }
        let result = evaluate(rule, around: c)
        if let (a, s) = result {
            cache.scopes[key] = rule.when.isEmpty ? .candidate : .found(a, s)
        } else {
            cache.scopes[key] = ScopeCache.Hit.none
        }
        return result
    }

    /// `evaluate` over a chapter or the whole text, in order, stopping at the first
    /// sentence where the rule holds (or, for a rule of `unless` alone, the first
    /// that excuses it). An article, then a paragraph, where the literal gates rule
    /// every pattern out is not split.
    private func evaluateAcross(_ rule: Rule, around c: Candidate) -> (IndexedArticle, Sentence)? {
        let articles = rule.scope == .chapter ? index.articles(inChapterOf: c.article) : index.articles
        if rule.when.isEmpty {
            let admits: (TrigramBloom) -> Bool = { bloom in rule.unless.contains { $0.gate.admits(bloom) } }
            let excused = articles.contains { a in
                a.mayMatch(any: rule.unless) && a.sentences(inParagraphsWhere: admits).contains { s in
                    rule.unless.contains { $0.firstMatch(in: s.normalized, bloom: s.bloom) != nil }
                }
            }
            return excused ? nil : (c.article, c.sentence)
        }
        for a in articles where a.mayHold(rule) {
            if let s = a.sentences(inParagraphsWhere: { rule.mayHold(in: $0) }).first(where: { rule.holds(in: $0) != nil }) {
                return (a, s)
            }
        }
        return nil
    }

    private func evaluate(_ rule: Rule, around c: Candidate) -> (IndexedArticle, Sentence)? {
        let scope: [(IndexedArticle, Sentence)]
        switch rule.scope {
        case .sentence: scope = [(c.article, c.sentence)]
        case .paragraph: scope = c.article.sentences.filter { $0.unit == c.sentence.unit }.map { (c.article, $0) }
        case .article: scope = c.article.sentences.map { (c.article, $0) }
        case .chapter, .document: return evaluateAcross(rule, around: c)
        }
        if rule.when.isEmpty {
            let excused = scope.contains { _, s in rule.unless.contains { $0.firstMatch(in: s.normalized, bloom: s.bloom) != nil } }
            return excused ? nil : (c.article, c.sentence)
        }
        if rule.scope == .sentence || rule.scope == .chapter || rule.scope == .document {
            return scope.first { rule.holds(in: $0.1) != nil }
        }
        // Paragraph and article scope: patterns may sit in different sentences of it.
        let joined: NSString
        let bloom: TrigramBloom?
        if rule.scope == .article {
            joined = c.article.normalized
            bloom = c.article.normalizedBloom
        } else {
            let text = scope.map { $0.1.normalized as String }.joined(separator: " ")
            joined = text as NSString
            bloom = TrigramBloom(text)
        }
        guard rule.holds(in: joined, bloom: bloom) != nil, let first = rule.when.first else { return nil }
        return scope.first { first.firstMatch(in: $0.1.normalized, bloom: $0.1.bloom) != nil }
    }

    func score(level: Level, limitations: Int, deviations: [Finding]) -> Int {
        let top = rules.scoring.top[level] ?? level.scoreRange.upperBound
        let distinct = Set(deviations.map(\.id)).count
        var s = top - rules.scoring.deviationPenalty * distinct
        if level == .bindingQualified { s -= rules.scoring.limitationPenalty * max(0, limitations - 1) }
        return min(level.scoreRange.upperBound, max(level.scoreRange.lowerBound, s))
    }

    // MARK: - Building findings

    func evidenceOf(_ a: IndexedArticle, _ s: Sentence, rule: String) -> Evidence {
        Evidence(article: a.label, heading: a.article.heading, paragraph: s.paragraph,
                 chapter: a.chapter?.number ?? a.chapter?.heading, quote: Self.quote(s.original),
                 file: index.agreement.sourcePath, location: s.location, rule: rule)
    }

    func finding(_ rule: Rule, kind: FindingKind, id: String, article: IndexedArticle, sentence: Sentence) -> Finding {
        Finding(id: id, kind: kind, rule: rule.id, message: rule.message, baselines: rule.baselines,
                evidence: evidenceOf(article, sentence, rule: rule.id),
                fingerprint: Fingerprint.of(rule: rule.id, pillar: pillar, quote: sentence.original))
    }

    func dedupe(_ findings: [Finding]) -> [Finding] {
        var seen = Set<String>()
        return findings.filter { seen.insert($0.fingerprint).inserted }
    }

    /// Quotes are whole sentences, cut at a word boundary past 600 characters.
    static func quote(_ s: String) -> String {
        guard s.count > 600 else { return s }
        let cut = s.prefix(600)
        if let space = cut.lastIndex(of: " ") { return String(cut[..<space]) + " …" }
        return String(cut) + " …"
    }
}

/// Scope results shared by every candidate of one pillar evaluation.
final class ScopeCache {
    enum Hit {
        case none
        /// Held with no `when`: cite the candidate itself.
        case candidate
        case found(IndexedArticle, Sentence)
    }

    var scopes: [String: Hit] = [:]
}
