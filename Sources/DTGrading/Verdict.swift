import DTModel
import DTRules

/// Where a verdict rests: the article as written, its heading, a quote of the
/// operative words and where in the file they are.
public struct Evidence: Codable, Sendable, Equatable {
    /// The article number as written (`ARTICLE 14.13`), or the nearest label when unnumbered.
    public var article: String
    public var heading: String?
    /// The paragraph label inside the article (`3.`, `(b)`), when the quote sits in one.
    public var paragraph: String?
    /// The chapter the article is in, as written, when known.
    public var chapter: String?
    public var quote: String
    public var file: String
    public var location: SourceLocation
    /// The rule whose match this quote is (commitment, mention or limitation), when known.
    public var rule: String?

    public init(article: String, heading: String?, paragraph: String?, chapter: String?, quote: String,
                file: String, location: SourceLocation, rule: String? = nil) {
        self.rule = rule
        self.article = article
        self.heading = heading
        self.paragraph = paragraph
        self.chapter = chapter
        self.quote = quote
        self.file = file
        self.location = location
    }
}

/// What a finding is: a material limitation (lowers the level), a deviation
/// (lowers the score within the level) or a sectoral commitment (reported only).
public enum FindingKind: String, Codable, Sendable {
    case limitation, deviation, sectoral
}

/// One limitation, deviation or sectoral finding, with the rule that found it.
public struct Finding: Codable, Sendable, Equatable {
    /// Limitation id from PILLARS.md (`localization-exception`) or a deviation id.
    public var id: String
    public var kind: FindingKind
    /// The rule that produced it (`localization.exception`); for a finding several
    /// baselines share, the rule of the first baseline the report measures against.
    public var rule: String
    /// Every rule behind one finding several baselines share (USMCA's and UJDTA's rule
    /// for one deviation on one quote), `rule` first; nil when one rule found it.
    public var rules: [String]?
    public var message: String
    public var baselines: [BaselineCitation]
    public var evidence: Evidence?
    /// Stable across re-pagination: rule id + pillar + normalised quote, never line numbers.
    public var fingerprint: String

    public init(id: String, kind: FindingKind, rule: String, message: String, baselines: [BaselineCitation],
                evidence: Evidence?, fingerprint: String) {
        self.id = id
        self.kind = kind
        self.rule = rule
        self.message = message
        self.baselines = baselines
        self.evidence = evidence
        self.fingerprint = fingerprint
    }

    /// `rule` and every other rule merged into this finding.
    public var allRules: [String] { rules ?? [rule] }
}

/// The verdict on one pillar of one document.
public struct PillarVerdict: Codable, Sendable, Equatable {
    public var id: PillarID
    public var level: Level
    public var score: Int
    /// The rule whose match set the level (nil when absent).
    public var rule: String?
    public var evidence: [Evidence]
    public var limitations: [Finding]
    public var deviations: [Finding]
    public var sectoral: [Finding]
    /// One line a negotiator can read.
    public var summary: String
    /// Drafts only (nil otherwise, and then not written): the strongest and
    /// weakest level accepting bracketed proposals would give, and the brackets
    /// that bear on the pillar. `level` is then the agreed level.
    public var proposed: StateLevel?
    public var weakest: StateLevel?
    public var open: [OpenBracket]?
    /// Files with tracked changes only: the level with every change rejected, and
    /// the changes in the articles either level rests on (when the level moved).
    public var original: StateLevel?
    public var changes: [ChangeRef]?
    /// Drafts with brackets and tracked changes: the proposed and weakest states
    /// with every change rejected, so a change that moves what a proposal would
    /// give (not the agreed level) is seen too.
    public var originalProposed: StateLevel?
    public var originalWeakest: StateLevel?
    /// What to change to reach the baseline (`Suggestion`): for a level below
    /// baseline and for each limitation and deviation. Nil when not assessed.
    public var suggestions: [Suggestion]?

    public init(id: PillarID, level: Level, score: Int, rule: String?, evidence: [Evidence], limitations: [Finding],
                deviations: [Finding], sectoral: [Finding], summary: String) {
        self.id = id
        self.level = level
        self.score = score
        self.rule = rule
        self.evidence = evidence
        self.limitations = limitations
        self.deviations = deviations
        self.sectoral = sectoral
        self.summary = summary
    }
}

/// Whether a document was graded.
public enum DocumentStatus: String, Codable, Sendable {
    case assessed, notAssessed = "not-assessed", error
}

/// A file that could not be read, with the place where it went wrong.
public struct DocumentError: Codable, Sendable, Equatable {
    public var message: String
    public var line: Int?
    public var column: Int?

    public init(message: String, line: Int?, column: Int?) {
        self.message = message
        self.line = line
        self.column = column
    }
}

/// Everything dtcheck says about one input file.
public struct DocumentVerdict: Codable, Sendable, Equatable {
    public var path: String
    public var status: DocumentStatus
    public var format: String?
    public var language: String?
    public var title: String?
    public var dateSigned: String?
    public var parties: [String]
    public var pillars: [PillarVerdict]
    /// Mean of the pillar scores; nil unless assessed.
    public var overallScore: Int?
    public var summary: String
    public var error: DocumentError?
    /// Drafts only (nil otherwise, and then not written): brackets, comments, warnings.
    public var draft: DraftInfo?
    /// For a bilingual text, every language it was graded in (declared one first); nil otherwise.
    public var languages: [String]?
    /// For an instrument that amends another agreement (PILLARS.md): the formula
    /// that shows it, as the reports quote it; nil otherwise, and then not written.
    public var amendingInstrument: String?

    public init(path: String, status: DocumentStatus, format: String?, language: String?, title: String?,
                dateSigned: String?, parties: [String], pillars: [PillarVerdict], overallScore: Int?,
                summary: String, error: DocumentError?) {
        self.path = path
        self.status = status
        self.format = format
        self.language = language
        self.title = title
        self.dateSigned = dateSigned
        self.parties = parties
        self.pillars = pillars
        self.overallScore = overallScore
        self.summary = summary
        self.error = error
    }

    public func pillar(_ id: PillarID) -> PillarVerdict? { pillars.first { $0.id == id } }
}
