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
