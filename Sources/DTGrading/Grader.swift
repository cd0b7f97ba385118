import DTDrafts
import DTModel
import DTRules
import Foundation

/// What to grade: which baselines to measure against and which pillars to report.
public struct GradeOptions: Sendable {
    public var baselines: [BaselineID]
    public var pillars: [PillarID]
    /// Leaves the document's index (every article's sentences, trigram sets and
    /// keyword groups) for the process's exit to free: for the last document of a
    /// command that ends the process, where freeing it object by object was a tenth
    /// of grading a big text and frees nothing anyone uses.
    public var leaveIndexToExit = false

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

    /// The languages grading can read, when the rules give their wording
    /// (`RuleSet.languages`); a text in any other is not assessed.
    public static let languages: Set<String> = ["en", "es", "fr"]

    public func grade(_ agreement: Agreement, options: GradeOptions = GradeOptions()) -> DocumentVerdict {
        let readable = Set(rules.languages).intersection(Self.languages)
        guard let language = agreement.language, readable.contains(language) else {
            let lang = agreement.language ?? "an undetected language"
            let pillars = options.pillars.map { id in
                PillarVerdict(id: id, level: .notAssessed, score: 0, rule: nil, evidence: [], limitations: [],
                              deviations: [], sectoral: [], summary: "\(id.shortName): not assessed (text in \(lang))")
            }
            let names = readable.sorted().map(LanguageNames.name).joined(separator: ", ")
            return DocumentVerdict(path: agreement.sourcePath, status: .notAssessed, format: agreement.sourceFormat.rawValue,
                                   language: agreement.language, title: agreement.title, dateSigned: agreement.dateSigned,
                                   parties: agreement.parties, pillars: pillars, overallScore: nil,
                                   summary: "not assessed: the rules read \(names) and this text is in \(lang)", error: nil)
        }
        // A draft with negotiation brackets or comments is graded by state (agreed,
        // proposed, weakest); any other text exactly as before. A redline's level is
        // that of its text with every tracked change accepted, with the original beside it.
        var verdict: DocumentVerdict
        if let draft = DraftAnalysis.of(agreement), draft.isDraft {
            verdict = DraftGrading(grader: self, analysis: draft, agreement: agreement, options: options).verdict()
        } else {
            verdict = gradeAsWritten(agreement, options: options)
        }
        if !agreement.trackedChanges.isEmpty { TrackedChangeGrading(grader: self, agreement: agreement, options: options).add(to: &verdict) }
        let builder = SuggestionBuilder(rules: rules, baselines: options.baselines, language: agreement.language)
        for i in verdict.pillars.indices { verdict.pillars[i].suggestions = builder.suggestions(for: verdict.pillars[i]) }
        return verdict
    }

    /// The rules worded in the document's declared language (the whole set when none is).
    func primaryRules(for agreement: Agreement) -> RuleSet {
        agreement.language.flatMap { rules.worded(in: $0) } ?? rules
    }

    /// The verdict on the text as it stands (every bracket read as text), in a
    /// language the rules read.
    func gradeAsWritten(_ agreement: Agreement, options: GradeOptions) -> DocumentVerdict {
        let readable = Set(rules.languages).intersection(Self.languages)
        let language = agreement.language ?? "en"
        // The declared language's index first: a text in one language (nearly all)
        // is graded on it, and its article list is the sample's.
        let primary = rules.worded(in: language) ?? rules
        let whole = DocumentIndex(agreement, matcher: primary.keywordMatcher)
        let parts = LanguageParts.split(agreement, articles: whole.articles.lazy.map(\.article), readable: readable)
        // Each language's articles read by the rules worded in it; a pillar takes the
        // strongest verdict any language gives (the versions of one agreement agree).
        var pillars: [PillarVerdict] = []
        var languages: [String] = []
        for (lang, part) in parts {
            guard let set = rules.worded(in: lang) else { continue }
            languages.append(lang)
            let index = parts.count == 1 && lang == language ? whole : DocumentIndex(part, matcher: set.keywordMatcher)
            if options.leaveIndexToExit { LeftToExit.keep(index) }
            let graded = options.pillars.map { PillarEvaluation(rules: set, index: index, pillar: $0, baselines: options.baselines).verdict() }
            if pillars.isEmpty {
                pillars = graded
            } else {
                for (i, p) in graded.enumerated() where (p.level, p.score) > (pillars[i].level, pillars[i].score) { pillars[i] = p }
            }
        }
        let overall = pillars.isEmpty ? 0 : Int((Double(pillars.map(\.score).reduce(0, +)) / Double(pillars.count)).rounded())
        var summary = pillars.map(\.summary).joined(separator: "; ")
        let amending = AmendingInstrument.formula(in: agreement)
        if let amending { summary = AmendingInstrument.notice(amending) + "; " + summary }
        if languages.count > 1 {
            summary = "bilingual text, graded in \(languages.map(LanguageNames.name).joined(separator: " and ")): " + summary
        }
        var verdict = DocumentVerdict(path: agreement.sourcePath, status: .assessed, format: agreement.sourceFormat.rawValue,
                                      language: agreement.language, title: agreement.title, dateSigned: agreement.dateSigned,
                                      parties: agreement.parties, pillars: pillars, overallScore: overall,
                                      summary: summary, error: nil)
        if languages.count > 1 { verdict.languages = languages }
        verdict.amendingInstrument = amending
        return verdict
    }
}

/// English names of the language codes grading reads, for reports.
enum LanguageNames {
    static func name(_ code: String) -> String {
        switch code {
        case "en": return "English"
        case "es": return "Spanish"
        case "fr": return "French"
        default: return code
        }
    }
}
