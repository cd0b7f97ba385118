import DTGrading
import DTRules

/// Which baseline articles define each pillar, and the elements a text needs to
/// match them (PILLARS.md). The one table HTML and Markdown reports show beside a quote.
public struct BaselineReference: Sendable, Equatable {
    public var citations: [BaselineCitation]
    /// The required elements, one short line each.
    public var elements: [String]
}

public enum BaselineArticles {
    public static func reference(for pillar: PillarID) -> BaselineReference {
        switch pillar {
        case .dataFlows:
            return BaselineReference(
                citations: [.init(baseline: .usmca, article: "19.11"), .init(baseline: .ujdta, article: "11")],
                elements: [
                    "Binding core: no Party shall prohibit or restrict the cross-border transfer of information by electronic means",
                    "Covers personal information explicitly",
                    "Public-policy exception only with both conditions: no arbitrary or unjustifiable discrimination or disguised restriction, and no greater than necessary",
                    "No domestic-law, self-judging, no-dispute-settlement or time limit",
                ])
        case .localization:
            return BaselineReference(
                citations: [.init(baseline: .usmca, article: "19.12"), .init(baseline: .ujdta, article: "12"),
                            .init(baseline: .ujdta, article: "13")],
                elements: [
                    "Binding ban: no Party shall require a covered person to use or locate computing facilities in its territory as a condition for conducting business",
                    "No article-specific exception letting a Party keep localization measures",
                    "Financial-service suppliers covered (UJDTA 13, USMCA 17.18)",
                    "No domestic-law, self-judging, no-dispute-settlement or time limit",
                ])
        case .sourceCode:
            return BaselineReference(
                citations: [.init(baseline: .usmca, article: "19.16"), .init(baseline: .ujdta, article: "17")],
                elements: [
                    "Binding ban on requiring transfer of, or access to, source code as a condition for import, distribution, sale or use",
                    "Covers algorithms expressed in source code",
                    "Only exception: a regulatory body or judicial authority for a specific investigation, inspection, examination, enforcement action or judicial proceeding",
                    "Not limited to mass-market software; critical infrastructure not excluded",
                ])
        case .customsDuties:
            return BaselineReference(
                citations: [.init(baseline: .usmca, article: "19.3"), .init(baseline: .ujdta, article: "7")],
                elements: [
                    "Binding prohibition of customs duties on electronic transmissions / digital products transmitted electronically",
                    "Not tied to the WTO moratorium or current practice; no reserved right to impose duties",
                    "Fees and other charges covered; internal taxes remain allowed",
                ])
        }
    }

    /// The citations restricted to the baselines a run measures against.
    public static func citations(for pillar: PillarID, baselines: [BaselineID]) -> [BaselineCitation] {
        reference(for: pillar).citations.filter { baselines.contains($0.baseline) }
    }
}
