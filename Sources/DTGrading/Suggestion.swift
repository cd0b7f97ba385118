import DTModel
import DTRules

/// What to change in a text so a pillar reaches the baseline: the baseline's own
/// wording for the element (`rules/baselines/*.yml`, `wording:` or a deviation's
/// `formula`) and a word-level redline from the draft's clause to it.
///
/// Kept honest: where the text has no clause on the pillar the baseline paragraph
/// is proposed whole (`insert`, no redline); where a limitation is one phrase
/// ("that it considers necessary") the redline removes that phrase from the draft's
/// own sentence (`remove-phrase`) rather than diffing against a different article;
/// a clause the baseline has no counterpart for (an exception, a recital, a review
/// clause) is proposed for deletion (`remove`).
public struct Suggestion: Codable, Sendable, Equatable {
    public enum Action: String, Codable, Sendable {
        /// Put the baseline paragraph in place of the draft's clause (`diff` from one to the other).
        case replace
        /// Add the baseline paragraph: the text has no clause for it.
        case insert
        /// Strike the limiting words from the draft's sentence.
        case removePhrase = "remove-phrase"
        /// Strike the draft's sentence: the baseline has nothing like it.
        case remove
    }

    /// What it answers: `level` (the pillar's level below baseline) and the
    /// limitation and deviation ids the same change resolves.
    public var addresses: [String]
    public var action: Action
    public var baseline: BaselineID
    /// The baseline article (and paragraph) the wording is from, or measured against.
    public var article: String
    /// The wording proposed: the baseline's paragraph (`replace`, `insert`), the
    /// draft's sentence without the limiting words (`remove-phrase`), empty (`remove`).
    public var text: String
    /// The redline from the draft's clause to `text`; nil for `insert`.
    public var diff: [WordDiff.Run]?
    /// The draft's article the redline starts from, its clause as quoted, and where it is.
    public var draftArticle: String?
    public var draftText: String?
    public var location: SourceLocation?
    /// One line a negotiator can read: why this change.
    public var note: String

    public init(addresses: [String], action: Action, baseline: BaselineID, article: String, text: String,
                diff: [WordDiff.Run]?, draftArticle: String?, draftText: String? = nil, location: SourceLocation?, note: String) {
        self.addresses = addresses
        self.action = action
        self.baseline = baseline
        self.article = article
        self.text = text
        self.diff = diff
        self.draftArticle = draftArticle
        self.draftText = diff == nil ? nil : draftText
        self.location = location
        self.note = note
    }

    /// `USMCA 19.11.2`.
    public var citation: String { BaselineCitation(baseline: baseline, article: article).description }

    /// True when the text is the baseline's own wording (not the draft's sentence edited).
    public var isBaselineWording: Bool { action == .replace || action == .insert }
}
