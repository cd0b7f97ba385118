import DTGrading
import DTRules

/// The pass/fail gate of `--fail-under` and `--min-score`. Only assessed pillars of
/// assessed documents are gated: a text the rules cannot read is neither good nor bad.
public struct Gate: Sendable, Equatable {
    public var failUnder: Level?
    public var minScore: Int?

    public init(failUnder: Level? = nil, minScore: Int? = nil) {
        self.failUnder = failUnder
        self.minScore = minScore
    }

    public var isActive: Bool { failUnder != nil || minScore != nil }

    /// Why this pillar fails the gate, or nil when it passes or is not gated.
    public func failure(_ pillar: PillarVerdict, in document: DocumentVerdict) -> String? {
        guard document.status == .assessed, pillar.level != .notAssessed else { return nil }
        var reasons: [String] = []
        if let failUnder, pillar.level < failUnder {
            reasons.append("level \(pillar.level.rawValue) is below \(failUnder.rawValue)")
        }
        if let minScore, pillar.score < minScore {
            reasons.append("score \(pillar.score) is below \(minScore)")
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }

    /// True when any pillar of any document fails.
    public func fails(_ documents: [DocumentVerdict]) -> Bool {
        documents.contains { doc in doc.pillars.contains { failure($0, in: doc) != nil } }
    }
}
