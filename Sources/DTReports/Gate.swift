import DTGrading
import DTRules

/// The pass/fail gate of `--fail-under` and `--min-score`. Only assessed pillars of
/// assessed documents are gated: a text the rules cannot read is neither good nor bad.
public struct Gate: Sendable, Equatable {
    public var failUnder: Level?
    public var minScore: Int?
    /// Which state of a draft is gated (`--state`): the agreed text by default. A
    /// text that is no draft has only its agreed state.
    public var state: DraftState = .agreed

    public enum DraftState: String, Sendable, Equatable, CaseIterable {
        case agreed, proposed, weakest
    }

    public init(failUnder: Level? = nil, minScore: Int? = nil) {
        self.failUnder = failUnder
        self.minScore = minScore
    }

    public var isActive: Bool { failUnder != nil || minScore != nil }

    /// Why this pillar fails the gate, or nil when it passes or is not gated.
    public func failure(_ pillar: PillarVerdict, in document: DocumentVerdict) -> String? {
        guard document.status == .assessed, pillar.level != .notAssessed else { return nil }
        var reasons: [String] = []
        var level = pillar.level
        var score = pillar.score
        var what = ""
        switch state {
        case .agreed: break
        case .proposed: if let p = pillar.proposed { (level, score, what) = (p.level, p.score, "proposed ") }
        case .weakest: if let w = pillar.weakest { (level, score, what) = (w.level, w.score, "weakest ") }
        }
        if let failUnder, level < failUnder {
            reasons.append("\(what)level \(level.rawValue) is below \(failUnder.rawValue)")
        }
        if let minScore, score < minScore {
            reasons.append("\(what)score \(score) is below \(minScore)")
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }

    /// True when any pillar of any document fails.
    public func fails(_ documents: [DocumentVerdict]) -> Bool {
        documents.contains { doc in doc.pillars.contains { failure($0, in: doc) != nil } }
    }
}
