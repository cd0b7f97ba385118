/// The format a document was read from.
public enum SourceFormat: String, Codable, Sendable, CaseIterable {
    case tota, akomaNtoso = "akoma-ntoso", xml, html, docx, odt, markdown, text
}

/// One agreement text, whatever format it came in: metadata plus an ordered
/// tree of divisions. A value type: readers build it, everything else reads it.
public struct Agreement: Sendable, Equatable {
    public var title: String?
    public var parties: [String]
    public var dateSigned: String?
    /// ISO 639-1 code (`en`, `es`, `fr`, `nl` …) or nil when unknown.
    public var language: String?
    public var sourceFormat: SourceFormat
    public var sourcePath: String
    public var divisions: [Division]
    /// Tracked changes and comments of a Word or ODT draft, in document order;
    /// `divisions` holds the text with every change accepted.
    public var trackedChanges: [TrackedChange] = []
    /// The text with every tracked change rejected, when the file has any.
    public var original: [Division]?

    public init(title: String? = nil, parties: [String] = [], dateSigned: String? = nil, language: String? = nil,
                sourceFormat: SourceFormat, sourcePath: String, divisions: [Division] = []) {
        self.title = title
        self.parties = parties
        self.dateSigned = dateSigned
        self.language = language
        self.sourceFormat = sourceFormat
        self.sourcePath = sourcePath
        self.divisions = divisions
    }

    /// Every article in document order, each with the chain of divisions above it.
    public var articles: [ArticleInContext] {
        var out: [ArticleInContext] = []
        var stack: [(ArraySlice<Division>, [Division])] = [(divisions[...], [])]
        while var (slice, ancestors) = stack.popLast() {
            guard let first = slice.first else { continue }
            slice = slice.dropFirst()
            stack.append((slice, ancestors))
            if first.kind == .article {
                out.append(ArticleInContext(article: first, ancestors: ancestors))
            } else {
                ancestors.append(first)
                stack.append((first.children[...], ancestors))
            }
        }
        return out
    }

    /// Number of divisions of each kind, for tests and summaries.
    public func count(of kind: DivisionKind) -> Int {
        var n = 0
        var stack = divisions
        while let d = stack.popLast() {
            if d.kind == kind { n += 1 }
            stack.append(contentsOf: d.children)
        }
        return n
    }
}

/// An article with the divisions that contain it (outermost first).
public struct ArticleInContext: Sendable, Equatable {
    public var article: Division
    public var ancestors: [Division]

    /// The nearest enclosing chapter, if any.
    public var chapter: Division? { ancestors.last { $0.kind == .chapter } }

    public init(article: Division, ancestors: [Division]) {
        self.article = article
        self.ancestors = ancestors
    }
}

/// One tracked change in a Word or ODT draft (`w:ins`, `w:del`, `w:moveFrom`,
/// `w:moveTo`; format changes are not kept), or a reviewer's comment.
public struct TrackedChange: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case insertion, deletion, moveFrom = "move-from", moveTo = "move-to", comment
    }

    public var kind: Kind
    public var author: String?
    public var date: String?
    /// The words inserted, deleted, moved or commented.
    public var text: String
    /// The line of the paragraph it is in, as the reader numbers divisions
    /// (for Word, the paragraph's number in the document).
    public var line: Int

    public init(kind: Kind, author: String?, date: String?, text: String, line: Int) {
        self.kind = kind
        self.author = author
        self.date = date
        self.text = text
        self.line = line
    }
}
