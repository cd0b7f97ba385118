import DTModel

/// What a party does with a bracketed text, as the draft writes it
/// (`US propose`, `VN oppose`, `NO considering`).
public enum PartyStance: String, Codable, Sendable, Equatable {
    case propose, oppose, consider
}

/// Some parties and what they do with a bracket: `CO/US oppose`.
public struct PartyPosition: Codable, Sendable, Equatable {
    public var parties: [String]
    public var stance: PartyStance

    public init(parties: [String], stance: PartyStance) {
        self.parties = parties
        self.stance = stance
    }
}

/// Who stands where on a bracket, as written (`EU propose; NO considering`) and parsed.
public struct Attribution: Codable, Sendable, Equatable {
    /// The words of the attribution as the draft writes them, white space collapsed.
    public var written: String
    public var positions: [PartyPosition]

    public init(written: String, positions: [PartyPosition]) {
        self.written = written
        self.positions = positions
    }

    public func parties(_ stance: PartyStance) -> [String] {
        positions.filter { $0.stance == stance }.flatMap(\.parties)
    }
}

/// What a pair of square brackets is in a draft (PILLARS.md, "Negotiating drafts").
public enum BracketRole: String, Codable, Sendable, Equatable {
    /// Text not yet agreed, with or without the parties proposing it
    /// (`[US propose: …]`, a bare option `[accessing, processing or storing]`).
    case proposal
    /// One of a group of alternatives (`[ALT 1: …]`, `[Option B: …]`).
    case alternative
    /// A remark that is not text of the agreement (`[KR: we need more time]`, `[Note: …]`).
    case comment
    /// A blank to fill in (`[date]`, `[X]`): not a point of negotiation.
    case placeholder
    /// Not a negotiation bracket at all (`[reserved]`, `[sic]`, `[a]`, `[1]`,
    /// `Article 14.13 [Location of Computing Facilities]`, `[Scope]`): changes nothing.
    case editorial

    /// Whether accepting or rejecting the bracket can change the agreement's text.
    public var isNegotiation: Bool { self == .proposal || self == .alternative }
}

/// One pair of square brackets found in a document's text. Offsets are positions
/// in the analysis's text stream (Unicode scalars), not in the file.
public struct Bracket: Sendable, Equatable {
    public var id: Int
    public var role: BracketRole
    /// The `[`.
    public var open: Int
    /// The `]`, or where an unclosed bracket was closed (the end of the text before
    /// the next article heading).
    public var close: Int
    /// Where the bracketed text itself starts: after a label (`ALT 1:`) and a
    /// leading attribution (`US propose:`).
    public var contentStart: Int
    /// End of what belongs to the bracket: past `]` and an attribution written after
    /// it (`(AU/JP/SG propose; ID/VN oppose)` or `[US propose; VN oppose]`).
    public var end: Int
    /// The innermost bracket this one sits in.
    public var parent: Int?
    /// 0 for a bracket in agreed text, 1 inside one bracket, …
    public var depth: Int
    /// `ALT 1`, `Option B`, as written, for alternatives.
    public var label: String?
    /// Brackets of one group are alternatives to each other (at most one is accepted).
    public var group: Int?
    public var attribution: Attribution?
    /// True when the draft never closes the bracket.
    public var unbalanced: Bool
    /// The bracketed text (without label and attribution), white space collapsed.
    public var text: String
    /// Index of the article the bracket opens in (document order), nil outside articles.
    public var article: Int?
    /// Indices of the articles the bracket's span covers, in order.
    public var articles: [Int]
    /// Line of the `[` in the file (the division's line where the format keeps no line breaks).
    public var line: Int
}

/// Something in a draft's brackets the reader should know: an unclosed bracket,
/// a `]` with nothing to close.
public struct DraftWarning: Codable, Sendable, Equatable {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `path:line: message`, as printed after `warning: `.
    public var description: String { "\(file):\(line): \(message)" }
}
