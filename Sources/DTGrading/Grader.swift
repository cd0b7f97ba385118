import DTDrafts
import DTModel
import DTRules
import Foundation

/// What to grade: which baselines to measure against and which pillars to report.
public struct GradeOptions: Sendable {
    public var baselines: [BaselineID]
    public var pillars: [PillarID]

    public init(baselines: [BaselineID] = BaselineID.allCases, pillars: [PillarID] = PillarID.allCases) {
        self.baselines = baselines
        self.pillars = pillars
    }
}

/// Grades agreements with a compiled rule set. Stateless and Sendable: one
/// grader serves every thread; each `grade` call builds its own document index.
public struct Grader: Sendable {
    public let rules: RuleSet

    public init(rules: RuleSet) {
        self.rules = rules
    }

    /// The languages the rules read; a text in any other is not assessed.
    public static let languages: Set<String> = ["en"]

    public func grade(_ agreement: Agreement, options: GradeOptions = GradeOptions()) -> DocumentVerdict {
        guard let language = agreement.language, Self.languages.contains(language) else {
            let lang = agreement.language ?? "an undetected language"
            let pillars = options.pillars.map { id in
                PillarVerdict(id: id, level: .notAssessed, score: 0, rule: nil, evidence: [], limitations: [],
                              deviations: [], sectoral: [], summary: "\(id.shortName): not assessed (text in \(lang))")
            }
            return DocumentVerdict(path: agreement.sourcePath, status: .notAssessed, format: agreement.sourceFormat.rawValue,
                                   language: agreement.language, title: agreement.title, dateSigned: agreement.dateSigned,
                                   parties: agreement.parties, pillars: pillars, overallScore: nil,
                                   summary: "not assessed: the rules read English and this text is in \(lang)", error: nil)
        }
        // A draft with negotiation brackets or comments is graded by state (agreed,
        // proposed, weakest); any other text exactly as before.
        var verdict: DocumentVerdict
        if let draft = DraftAnalysis.of(agreement), draft.isDraft {
            verdict = DraftGrading(grader: self, analysis: draft, agreement: agreement, options: options).verdict()
        } else {
            verdict = gradeAsWritten(agreement, options: options)
        }
        if !agreement.trackedChanges.isEmpty { TrackedChangeGrading(grader: self, agreement: agreement, options: options).add(to: &verdict) }
        return verdict
    }

    /// The verdict on the text as it stands, every bracket read as text.
    func gradeAsWritten(_ agreement: Agreement, options: GradeOptions) -> DocumentVerdict {
        let index = DocumentIndex(agreement, matcher: rules.keywordMatcher)
        let pillars = options.pillars.map { PillarEvaluation(rules: rules, index: index, pillar: $0, baselines: options.baselines).verdict() }
        let overall = pillars.isEmpty ? 0 : Int((Double(pillars.map(\.score).reduce(0, +)) / Double(pillars.count)).rounded())
        return DocumentVerdict(path: agreement.sourcePath, status: .assessed, format: agreement.sourceFormat.rawValue,
                               language: agreement.language, title: agreement.title, dateSigned: agreement.dateSigned,
                               parties: agreement.parties, pillars: pillars, overallScore: overall,
                               summary: pillars.map(\.summary).joined(separator: "; "), error: nil)
    }
}
