import DTModel
import DTRules
import Foundation

/// An article prepared for grading: where it is, its context, and its text
/// squeezed for the keyword prefilter. Sentences are split on demand, once.
final class IndexedArticle {
    let position: Int
    let article: Division
    let chapter: Division?
    /// Index of the enclosing chapter among the document's chapters (nil when none).
    let chapterIndex: Int?
    let squeezed: [UInt8]
    /// Normalised article and chapter headings, for heading-scoped rules.
    let headings: NSString
    private var cachedSentences: [Sentence]?
    private var cachedNormalized: NSString?

    init(position: Int, context: ArticleInContext, chapterIndex: Int?) {
        self.position = position
        self.article = context.article
        self.chapter = context.chapter
        self.chapterIndex = chapterIndex
        let full = context.article.fullText
        self.squeezed = Squeezed.of((context.article.heading ?? "") + " " + full)
        let heads = [context.chapter?.heading, context.chapter?.number, context.article.heading].compactMap { $0 }.joined(separator: " | ")
        self.headings = TextNormalizer.normalize(heads) as NSString
    }

    var sentences: [Sentence] {
        if let s = cachedSentences { return s }
        let s = SentenceSplitter.sentences(of: article)
        cachedSentences = s
        return s
    }

    /// The whole article normalised, for article-scoped context checks.
    var normalized: NSString {
        if let n = cachedNormalized { return n }
        let n = sentences.map { $0.normalized as String }.joined(separator: " ") as NSString
        cachedNormalized = n
        return n
    }

    /// The article number as written, else its heading, else its kind.
    var label: String { article.number ?? article.heading ?? "article \(position + 1)" }

    func hasAnyKeyword(_ keywords: [[UInt8]]) -> Bool {
        keywords.isEmpty || keywords.contains { Squeezed.contains(squeezed, $0) }
    }
}

/// All articles of one document, in order. Documents without article markup
/// are graded on their top-level divisions instead, so nothing is skipped.
final class DocumentIndex {
    let agreement: Agreement
    let articles: [IndexedArticle]

    init(_ agreement: Agreement) {
        self.agreement = agreement
        var contexts = agreement.articles
        if contexts.isEmpty {
            contexts = Self.pseudoArticles(agreement.divisions)
        }
        var chapterIDs: [String: Int] = [:]
        var built: [IndexedArticle] = []
        for (i, ctx) in contexts.enumerated() {
            var chapterIndex: Int?
            if let ch = ctx.chapter {
                let key = "\(ch.location.line)|\(ch.location.path ?? "")|\(ch.number ?? "")|\(ch.heading ?? "")"
                if chapterIDs[key] == nil { chapterIDs[key] = chapterIDs.count }
                chapterIndex = chapterIDs[key]
            }
            built.append(IndexedArticle(position: i, context: ctx, chapterIndex: chapterIndex))
        }
        self.articles = built
    }

    /// Leaf-most divisions that carry text, treated as articles.
    static func pseudoArticles(_ divisions: [Division]) -> [ArticleInContext] {
        var out: [ArticleInContext] = []
        var stack: [(Division, [Division])] = divisions.reversed().map { ($0, []) }
        while let (d, ancestors) = stack.popLast() {
            if d.children.isEmpty || d.kind == .section {
                var art = d
                art.kind = .article
                out.append(ArticleInContext(article: art, ancestors: ancestors))
            } else {
                if !d.text.isEmpty {
                    var lead = d
                    lead.children = []
                    lead.kind = .article
                    out.append(ArticleInContext(article: lead, ancestors: ancestors))
                }
                stack.append(contentsOf: d.children.reversed().map { ($0, ancestors + [d]) })
            }
        }
        return out
    }

    func articles(inChapterOf a: IndexedArticle) -> [IndexedArticle] {
        guard let c = a.chapterIndex else { return articles }
        return articles.filter { $0.chapterIndex == c }
    }
}
