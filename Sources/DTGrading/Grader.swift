import DTModel
import DTRules

/// What to grade: which baselines to measure against and which pillars to report.
public struct GradeOptions: Sendable {
    public var baselines: [BaselineID]
    public var pillars: [PillarID]

    public init(baselines: [BaselineID] = BaselineID.allCases, pillars: [PillarID] = PillarID.allCases) {
        self.baselines = baselines
        self.pillars = pillars
    }
}

/// Grades agreements with a compiled rule set. (Placeholder until the engine lands:
/// every pillar is reported absent.)
public struct Grader: Sendable {
    public let rules: RuleSet

    public init(rules: RuleSet) {
        self.rules = rules
    }

    public func grade(_ agreement: Agreement, options: GradeOptions = GradeOptions()) -> DocumentVerdict {
        let english = agreement.language == "en"
        let pillars = options.pillars.map { id in
            PillarVerdict(id: id, level: english ? .absent : .notAssessed, score: 0, rule: nil, evidence: [],
                          limitations: [], deviations: [], sectoral: [], summary: "\(id.shortName): absent")
        }
        return DocumentVerdict(path: agreement.sourcePath, status: english ? .assessed : .notAssessed,
                               format: agreement.sourceFormat.rawValue, language: agreement.language,
                               title: agreement.title, dateSigned: agreement.dateSigned, parties: agreement.parties,
                               pillars: pillars, overallScore: english ? 0 : nil,
                               summary: pillars.map(\.summary).joined(separator: "; "), error: nil)
    }
}
