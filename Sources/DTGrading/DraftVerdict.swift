import DTModel
import DTRules

/// A pillar's level in one state of a draft (PILLARS.md, "Negotiating drafts").
public struct StateLevel: Codable, Sendable, Equatable {
    public var level: Level
    public var score: Int
    /// The brackets (`OpenBracket.bracket`) accepted to reach it; empty when the
    /// agreed text already gives it.
    public var brackets: [Int]
    /// When the state rests on several proposals accepted together: the innermost
    /// bracket of each (`brackets` also holds those they sit in). Nil for one
    /// bracket's state.
    public var together: [Int]?

    public init(level: Level, score: Int, brackets: [Int], together: [Int]? = nil) {
        self.level = level
        self.score = score
        self.brackets = brackets
        self.together = together
    }
}

/// A negotiation bracket that bears on a pillar, and the pillar's level were it accepted.
public struct OpenBracket: Codable, Sendable, Equatable {
    /// The bracket's number in the document (order of opening, from 0).
    public var bracket: Int
    /// `proposal` or `alternative`.
    public var kind: String
    public var article: String
    public var quote: String
    /// The attribution as written (`US propose; VN oppose`), nil when the bracket has none.
    public var parties: String?
    public var proposing: [String]
    public var opposing: [String]
    public var considering: [String]
    /// `ALT 1`, `Option B`.
    public var label: String?
    /// Alternatives share a group number.
    public var group: Int?
    /// True when the draft never closes it (closed before the next article).
    public var unbalanced: Bool
    public var file: String
    public var line: Int
    /// The pillar's level and score with this bracket (and those it sits in) accepted.
    public var level: Level
    public var score: Int
    /// Material limitations with the bracket accepted.
    public var limitations: [String]

    public init(bracket: Int, kind: String, article: String, quote: String, parties: String?, proposing: [String],
                opposing: [String], considering: [String], label: String?, group: Int?, unbalanced: Bool, file: String,
                line: Int, level: Level, score: Int, limitations: [String]) {
        self.bracket = bracket
        self.kind = kind
        self.article = article
        self.quote = quote
        self.parties = parties
        self.proposing = proposing
        self.opposing = opposing
        self.considering = considering
        self.label = label
        self.group = group
        self.unbalanced = unbalanced
        self.file = file
        self.line = line
        self.level = level
        self.score = score
        self.limitations = limitations
    }
}

/// A comment in a draft: never agreement text, shown beside its article.
public struct DraftComment: Codable, Sendable, Equatable {
    public var article: String?
    /// Who wrote it where the draft says (`KR`), nil otherwise.
    public var author: String?
    public var text: String
    public var file: String
    public var line: Int

    public init(article: String?, author: String?, text: String, file: String, line: Int) {
        self.article = article
        self.author = author
        self.text = text
        self.file = file
        self.line = line
    }
}

/// What a draft holds besides its agreed text: counts, comments, warnings.
public struct DraftInfo: Codable, Sendable, Equatable {
    /// Negotiation brackets (proposals and alternatives).
    public var brackets: Int
    public var comments: [DraftComment]
    public var placeholders: Int
    /// Unclosed brackets and stray `]`, with `file:line`.
    public var warnings: [String]
    /// Tracked changes in the file (Word), nil when it has none.
    public var trackedChanges: Int?

    public init(brackets: Int, comments: [DraftComment], placeholders: Int, warnings: [String]) {
        self.brackets = brackets
        self.comments = comments
        self.placeholders = placeholders
        self.warnings = warnings
    }
}

/// A tracked change that moves a pillar: who, when, where, which words.
public struct ChangeRef: Codable, Sendable, Equatable {
    /// `insertion`, `deletion`, `move-from`, `move-to`.
    public var kind: String
    public var author: String?
    public var date: String?
    public var article: String?
    public var words: String
    public var file: String
    public var line: Int

    public init(kind: String, author: String?, date: String?, article: String?, words: String, file: String, line: Int) {
        self.kind = kind
        self.author = author
        self.date = date
        self.article = article
        self.words = words
        self.file = file
        self.line = line
    }
}
