import DTRules

/// The words of a report in plain terms, for the legend of the Markdown and HTML
/// reports and for `dtcheck explain` (#19). Nothing here is new doctrine: the
/// levels, limitations and deviations are defined by `../shared/PILLARS.md`
/// (quoted below), the scores by the loaded `rules/shared/scoring.yml`, and each
/// limitation and deviation further by its rules' own messages and baselines.
public enum Glossary {
    /// PILLARS.md "Levels": what a level means.
    public static func meaning(_ level: Level) -> String {
        switch level {
        case .absent: return "no provision on the pillar"
        case .soft:
            return "the pillar is addressed only in non-binding terms: recognise, acknowledge, affirm, should, shall endeavour (to refrain), agree to cooperate / exchange views / discuss / consider, a dialogue or work programme naming the topic"
        case .bindingQualified:
            return "a binding core commitment (shall, shall not, No Party shall, Neither Party shall, may not, agree that … shall / cannot) with at least one material limitation"
        case .baseline:
            return "a binding core commitment with every required element and no material limitation: as strong as USMCA / UJDTA on that pillar"
        case .notAssessed:
            return "the text is in a language the rules cannot read: nothing may be claimed about it (never absent)"
        }
    }

    /// `0`, `10–49`, … as PILLARS.md writes a level's score range.
    public static func range(_ level: Level) -> String {
        let r = level.scoreRange
        return r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound)–\(r.upperBound)"
    }

    /// What the score means, with the numbers of the loaded scoring rules.
    public static func score(_ s: Scoring) -> String {
        "0–100: the level sets the range; within a level the score falls with each deviation from the baselines, and 100 means no deviation at all (PILLARS.md). "
            + "A pillar starts at the top of its level (baseline \(s.top[.baseline] ?? 100), binding-qualified \(s.top[.bindingQualified] ?? 85), "
            + "soft \(s.top[.soft] ?? 45), a passing mention 15 less) and loses \(s.deviationPenalty) for each distinct deviation and, "
            + "when binding-qualified, \(s.limitationPenalty) for each limitation after the first (rules/shared/scoring.yml)."
    }

    public static let limitation =
        "A material limitation (PILLARS.md): it keeps a binding commitment below the baseline, at binding-qualified. "
        + "Each has a fixed id; a limitation on a soft provision may be reported but does not change the level."
    public static let deviation =
        "A deviation from the baselines' wording that is not material: the level stays, the score falls within it. "
        + "Each names the USMCA and UJDTA article it is measured against."
    public static let sectoral =
        "A commitment limited to one sector is reported as a sectoral finding and does not raise the level on its own (PILLARS.md)."

    /// PILLARS.md's own definition of a limitation id, where it gives one.
    public static let limitationDefinitions: [String: String] = [
        "domestic-law": "the commitment is subject to, or in accordance with, the Party's own laws and regulations.",
        "self-judging": "an exception the Party applies on its own judgement (\"that it considers necessary\", \"shall not be disputed by other Parties\").",
        "no-dispute-settlement": "the chapter or article is excluded from the agreement's dispute settlement.",
        "time-limited": "the commitment expires or lapses (a review clause alone is a deviation, not a limitation).",
        "no-necessity-test": "public-policy exception without the necessity condition.",
        "personal-information-excluded": "personal information not covered or excluded.",
        "localization-exception": "any article-specific exception that lets a Party keep localization measures, even with a necessity test: USMCA 19.12 and UJDTA 12 have none.",
        "broader-exception": "any exception wider than the baseline's, e.g. requiring modification of source code to comply with laws.",
        "current-practice": "tied to the WTO moratorium or to current practice: \"shall maintain its (current) practice of not imposing\", \"in accordance with the WTO Ministerial Decision\", \"may adjust its practice\".",
        "reserved-right": "a reserved right to impose duties.",
    ]

    /// Every limitation id PILLARS.md fixes, common ones first.
    public static var limitationIDs: [String] {
        LimitationID.common.sorted() + PillarID.allCases.flatMap { (LimitationID.byPillar[$0] ?? []).sorted() }
    }

    /// One entry of the legend or of `explain`: a term and what it means.
    public struct Entry: Sendable, Equatable {
        public var term: String
        public var text: String
    }

    /// The legend: the levels, the score, limitation, deviation and sectoral.
    public static func legend(_ scoring: Scoring) -> [Entry] {
        [Level.baseline, .bindingQualified, .soft, .absent, .notAssessed].map {
            Entry(term: $0.rawValue, text: "\(meaning($0)) (score \(range($0)))")
        } + [
            Entry(term: "score", text: score(scoring)),
            Entry(term: "limitation", text: limitation),
            Entry(term: "deviation", text: deviation),
            Entry(term: "sectoral", text: sectoral),
        ]
    }
}
