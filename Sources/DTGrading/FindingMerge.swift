import DTRules

/// One deviation, one finding: USMCA and UJDTA each have a rule for the same
/// element (`allow-instead-of-not-restrict` is USMCA 19.11 and UJDTA 11.1), and a
/// clause that lacks it deviates from both. Reported twice, a negotiator read the
/// same problem twice, with the same quote; reported once, it names both articles.
enum FindingMerge {
    /// Findings with the same id on the same quote become one: the finding of the
    /// baseline that comes first in `baselineOrder` leads (its rule, message and
    /// fingerprint, so the default `both` keeps USMCA's identity), the others' rules
    /// are listed in `rules` and their baseline articles added. Order of first
    /// appearance is kept.
    static func merged(_ findings: [Finding], baselineOrder: [BaselineID]) -> [Finding] {
        var groups: [[Finding]] = []
        var slot: [String: Int] = [:]
        for f in findings {
            let key = f.id + "\u{0}" + (f.evidence?.article ?? "") + "\u{0}" + (f.evidence?.quote ?? "")
            if let i = slot[key] { groups[i].append(f) } else {
                slot[key] = groups.count
                groups.append([f])
            }
        }
        func rank(_ f: Finding) -> Int {
            f.baselines.compactMap { b in baselineOrder.firstIndex(of: b.baseline) }.min() ?? baselineOrder.count
        }
        return groups.map { group in
            guard group.count > 1 else { return group[0] }
            let ordered = group.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
            var lead = ordered[0]
            var citations: [BaselineCitation] = []
            for f in ordered { for b in f.baselines where !citations.contains(b) { citations.append(b) } }
            lead.baselines = citations.enumerated().sorted {
                let a = baselineOrder.firstIndex(of: $0.element.baseline) ?? baselineOrder.count
                let b = baselineOrder.firstIndex(of: $1.element.baseline) ?? baselineOrder.count
                return (a, $0.offset) < (b, $1.offset)
            }.map(\.element)
            var rules: [String] = []
            for f in ordered where !rules.contains(f.rule) { rules.append(f.rule) }
            lead.rules = rules.count > 1 ? rules : nil
            return lead
        }
    }
}
