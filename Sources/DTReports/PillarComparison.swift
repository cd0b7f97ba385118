import DTGrading
import DTModel
import DTRules

/// One pillar of a comparison, read through the article map: a clause is changed
/// when its words changed (not its number), and a limitation or deviation that
/// appears or disappears is explained by its words or by the level of the
/// commitment it qualifies.
struct PillarComparison {
    let map: ArticleMap

    func change(_ id: PillarID, old: PillarVerdict?, new: PillarVerdict?, comparable: Bool) -> PillarChange {
        let limitsBefore = Set(old?.limitations.map(\.id) ?? [])
        let limitsAfter = Set(new?.limitations.map(\.id) ?? [])
        var regression = false
        if comparable, let o = old, let n = new, o.level != .notAssessed, n.level != .notAssessed {
            regression = n.level < o.level || n.score < o.score
        }
        return PillarChange(id: id, levelBefore: old?.level, levelAfter: new?.level, scoreBefore: old?.score,
                            scoreAfter: new?.score, clauses: clauses(old, new), findings: findings(old, new),
                            limitationsAdded: limitsAfter.subtracting(limitsBefore).sorted(),
                            limitationsRemoved: limitsBefore.subtracting(limitsAfter).sorted(),
                            regression: regression, states: StatesChange.of(old: old, new: new))
    }

    /// Everything a pillar cites: evidence, limitations and deviations.
    static func cited(_ p: PillarVerdict?) -> [Evidence] {
        guard let p else { return [] }
        return p.evidence + (p.limitations + p.deviations).compactMap(\.evidence)
    }

    /// The articles either draft cites for the pillar whose words changed, in the new draft's order.
    func clauses(_ old: PillarVerdict?, _ new: PillarVerdict?) -> [ClauseChange] {
        let citedBefore = Set(Self.cited(old).compactMap(map.oldIndex))
        var oldCited = citedBefore
        let newCited = Set(Self.cited(new).compactMap(map.newIndex))
        // Pairs (old, new) in the new draft's order, then old articles with no place in the new one.
        var pairs: [(Int?, Int?)] = []
        for j in map.new.indices {
            let i = map.backward[j] ?? map.splitFrom[j]
            let merged = map.mergedInto.filter { $0.value == j }.map(\.key).sorted()
            if newCited.contains(j) || i.map(citedBefore.contains) == true { pairs.append((i, j)) }
            for m in merged where citedBefore.contains(m) || newCited.contains(j) { pairs.append((m, j)) }
            if let i { oldCited.remove(i) }
            for m in merged { oldCited.remove(m) }
        }
        for i in oldCited.sorted() where map.forward[i] == nil { pairs.append((i, nil)) }
        var out: [ClauseChange] = []
        for (i, j) in pairs {
            let before = i.map { map.old[$0] }, after = j.map { map.new[$0] }
            // The heading is in the redline only when it changed (the title line names it).
            let withHeading = before?.heading != after?.heading
            let diff = WordDiff(from: before.map { Self.wording($0, heading: withHeading) } ?? "",
                                to: after.map { Self.wording($0, heading: withHeading) } ?? "")
            if diff.isUnchanged { continue }
            let kind: ArticleMatch.Kind
            switch (i, j) {
            case (nil, _): kind = .added
            case (_, nil): kind = .removed
            case let (i?, j?):
                kind = map.backward[j] == i ? .changed : (map.splitFrom[j] == i ? .split : .merged)
            }
            out.append(ClauseChange(kind: kind, before: i.map(map.oldName), after: j.map(map.newName),
                                    heading: after?.heading ?? before?.heading, diff: diff.runs))
        }
        return out
    }

    /// The text, after the heading when asked, as the redline shows it.
    static func wording(_ a: ArticleText, heading: Bool) -> String {
        (heading ? a.heading.map { $0 + "\n" } ?? "" : "") + a.text
    }

    /// Limitations and deviations (by id) only in one draft, each with its reason.
    func findings(_ old: PillarVerdict?, _ new: PillarVerdict?) -> [FindingChange] {
        let before = Self.unique((old?.limitations ?? []) + (old?.deviations ?? []))
        let after = Self.unique((new?.limitations ?? []) + (new?.deviations ?? []))
        let idsBefore = Set(before.map(\.id)), idsAfter = Set(after.map(\.id))
        let levelMoved = old?.level != new?.level
        let levels = "\(old?.level.rawValue ?? "none") to \(new?.level.rawValue ?? "none")"
        var out: [FindingChange] = []
        for f in before where !idsAfter.contains(f.id) {
            out.append(explain(f, .removed, here: f.evidence.flatMap(map.oldIndex), there: { map.forward[$0] ?? map.mergedInto[$0] },
                               hereName: map.oldName, otherSide: map.new, levelMoved: levelMoved, levels: levels))
        }
        for f in after where !idsBefore.contains(f.id) {
            out.append(explain(f, .added, here: f.evidence.flatMap(map.newIndex), there: { map.backward[$0] ?? map.splitFrom[$0] },
                               hereName: map.newName, otherSide: map.old, levelMoved: levelMoved, levels: levels))
        }
        return out
    }

    /// Why `f` is in one draft only: its words are not in the other draft's matching
    /// article (changed, or the article is gone), or they are and the level moved.
    func explain(_ f: Finding, _ change: FindingChange.Change, here: Int?, there: (Int) -> Int?, hereName: (Int) -> String,
                 otherSide: [ArticleText], levelMoved: Bool, levels: String) -> FindingChange {
        let removed = change == .removed
        let counterpart = here.flatMap(there)
        // The article under its number in this draft, and in the other where that differs.
        let otherName = counterpart.map { removed ? map.newName($0) : map.oldName($0) }
        let name = (here.map(hereName) ?? f.evidence?.article).map { n in
            otherName.map { $0 == n ? n : "\(n) (\(removed ? "now" : "was") \($0))" } ?? n
        }
        let place = name.map { " in \($0)" } ?? ""
        let reason: FindingChange.Reason
        let explanation: String
        let wordsKept = f.evidence.map { e in counterpart.map { ArticleMap.contains(otherSide[$0].text, quote: e.quote) } ?? false } ?? true
        // Where the article kept its words but the finding's own words are gone, the
        // words changed; where they are there and the level moved, the level explains
        // it; else a change in the article (a deviation is often words missing), or elsewhere.
        let articleChanged = here.flatMap { h in counterpart.map { c in
            removed ? !WordDiff(from: map.old[h].text, to: map.new[c].text).isUnchanged
                    : !WordDiff(from: map.old[c].text, to: map.new[h].text).isUnchanged } } ?? false
        if here != nil && counterpart == nil {
            reason = removed ? .articleRemoved : .articleAdded
            explanation = removed ? "removed with \(name ?? "its article")" : "added with new \(name ?? "article")"
        } else if !wordsKept, let moved = movedTo(f, from: here, removed: removed) {
            // Split off into another article, or merged in from one, where the rules no longer (or now) find it.
            reason = .textChanged
            explanation = removed ? "removed: its words moved\(place) to \(moved)" : "added: its words moved from \(moved)\(place)"
        } else if !wordsKept {
            reason = .textChanged
            explanation = removed ? "removed: its words\(place) changed" : "added: new wording\(place)"
        } else if levelMoved {
            reason = .levelChanged
            explanation = (removed ? "no longer applies" : "now applies")
                + ": the commitment it qualifies went from \(levels); its words\(place) are unchanged"
        } else if articleChanged {
            reason = .textChanged
            explanation = (removed ? "removed" : "added") + ": the wording of \(name ?? "its article") changed (redline below)"
        } else {
            reason = .elsewhere
            explanation = (removed ? "no longer found" : "now found")
                + ": its words\(place) are unchanged; the change is elsewhere in the pillar's articles"
        }
        return FindingChange(id: f.id, kind: f.kind, change: change, reason: reason, article: here.map(hereName) ?? f.evidence?.article,
                             quote: f.evidence?.quote, explanation: explanation)
    }

    /// The other draft's article split off from (or merged into) the finding's, holding its words.
    func movedTo(_ f: Finding, from here: Int?, removed: Bool) -> String? {
        guard let here, let quote = f.evidence?.quote else { return nil }
        if removed {
            let parts = map.splitFrom.filter { $0.value == here }.map(\.key).sorted()
                + map.mergedInto.filter { $0.key == here }.map(\.value)
            return parts.first { ArticleMap.contains(map.new[$0].text, quote: quote) }.map(map.newName)
        }
        let parts = [map.splitFrom[here]].compactMap { $0 } + map.mergedInto.filter { $0.value == here }.map(\.key).sorted()
        return parts.first { ArticleMap.contains(map.old[$0].text, quote: quote) }.map(map.oldName)
    }

    /// One finding per id (a deviation measured against both baselines is one change).
    static func unique(_ findings: [Finding]) -> [Finding] {
        var seen = Set<String>()
        return findings.filter { seen.insert($0.id).inserted }
    }
}
