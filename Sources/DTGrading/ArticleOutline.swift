import DTModel

/// One article of a document as `compare` matches it: labelled and placed in its
/// chapter exactly as `Evidence` labels the articles grading quotes, so a pillar's
/// evidence and findings can be found in it.
public struct ArticleText: Sendable, Equatable {
    /// The article number as written, or its heading, or `article N` (as `Evidence.article`).
    public var label: String
    /// The enclosing chapter's number or heading (as `Evidence.chapter`).
    public var chapter: String?
    public var heading: String?
    /// The article's text and its paragraphs', in order.
    public var text: String

    public init(label: String, chapter: String?, heading: String?, text: String) {
        self.label = label
        self.chapter = chapter
        self.heading = heading
        self.text = text
    }

    /// Every article of `agreement` in document order; a text without article
    /// markup gives the same top-level pieces grading reads in its place.
    public static func of(_ agreement: Agreement) -> [ArticleText] {
        var contexts = DocumentIndex.articlesWithChapters(agreement.divisions)
        if contexts.isEmpty {
            contexts = DocumentIndex.pseudoArticles(agreement.divisions).map { ($0.article, $0.chapter) }
        }
        return contexts.enumerated().map { i, context in
            let a = context.article
            // The label rule of `IndexedArticle.label`.
            return ArticleText(label: a.number ?? a.heading ?? "article \(i + 1)",
                               chapter: context.chapter?.number ?? context.chapter?.heading,
                               heading: a.heading, text: a.fullText)
        }
    }
}
