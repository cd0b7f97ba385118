import Foundation
import DTGrading
import DTModel

/// Where a quote is, in words a reader of the document can follow (#19):
/// `Article 9.12, paragraph 2`. A Word or ODT draft has no line a Word user can
/// find (its "line" is a paragraph count, and the page is unknown), so it gets
/// the article and paragraph only; an HTML page is read by its headings, so the
/// article, its heading and paragraph; text, Markdown and XML also keep
/// `file:line`, which editors turn into links. Machine formats (JSON, SARIF,
/// JUnit) keep `file:line` and carry the article and paragraph as fields.
public enum Place {
    /// `Article 9.12, paragraph 2`; `CHAPTER 14, ARTICLE 23, paragraph 2` when the
    /// article number does not say its chapter and the chapter is known.
    public static func label(_ e: Evidence) -> String {
        article(e) + (paragraph(e.paragraph).map { ", " + $0 } ?? "")
    }

    /// The article as written, after its chapter when the number alone does not say it.
    public static func article(_ e: Evidence) -> String {
        if let chapter = e.chapter, !chapter.isEmpty, !e.article.contains("."),
           chapter.rangeOfCharacter(from: .decimalDigits) != nil, chapter != e.article {
            return chapter + ", " + e.article
        }
        return e.article
    }

    /// `paragraph 2` for a label `2.`, `paragraph (b)` for `(b)`; a label that is a
    /// word of its own (`Section A`) as written; nil for none.
    public static func paragraph(_ label: String?) -> String? {
        guard var l = label?.trimmingCharacters(in: .whitespaces), !l.isEmpty else { return nil }
        while l.hasSuffix(".") || l.hasSuffix(":") { l.removeLast() }
        guard !l.isEmpty else { return nil }
        // `(viii)` and `4bis` are paragraph labels; `Section A` or `Chapeau` are names.
        let core = l.trimmingCharacters(in: CharacterSet(charactersIn: "()[]"))
        let roman = core.lowercased().allSatisfy { "ivxlcdm".contains($0) }
        if l.contains(" ") || (core.count > 3 && core.allSatisfy(\.isLetter) && !roman) { return l }
        return "paragraph " + l
    }

    /// Whether `file:line` helps a reader of a document in `format`: yes for plain
    /// text, Markdown and XML (and when the format is unknown); no for Word, ODT
    /// and HTML, where the line is a paragraph count or a source line nobody sees.
    public static func showsLine(format: String?) -> Bool {
        guard let format, let f = SourceFormat(rawValue: format) else { return true }
        switch f {
        case .docx, .odt, .html: return false
        case .tota, .akomaNtoso, .xml, .markdown, .text: return true
        }
    }

    /// `file:line[:column]` when the format has lines worth showing and the line is known, else nil.
    public static func fileLine(_ e: Evidence, format: String?) -> String? {
        guard showsLine(format: format), e.location.line > 0 else { return nil }
        return LocationText.of(e)
    }

    /// `Article 9.12, paragraph 2 (draft.md:14)`, or without the parenthesis where `fileLine` is nil.
    public static func full(_ e: Evidence, format: String?) -> String {
        label(e) + (fileLine(e, format: format).map { " (\($0))" } ?? "")
    }

    /// Whether two pieces of evidence quote the same words of the same article
    /// (the rule that found them may differ): one quote, shown once.
    public static func sameQuote(_ a: Evidence, _ b: Evidence) -> Bool {
        a.article == b.article && a.quote == b.quote
    }
}
