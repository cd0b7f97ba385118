/// The few words grading reads outside the rule files, per language: they name
/// the text's own parts ("this Article", "Chapter 28") for the dispute-settlement
/// check, which has to tell which article or chapter an exclusion reaches. All in
/// normalised form (lower case, accents folded).
public struct LanguageWords: Sendable {
    /// The keyword that puts an article in the dispute-settlement scan.
    public var disputeKeyword: String
    /// "this article" and its equivalents.
    public var thisArticle: [String]
    /// "this chapter" / "this section" and their equivalents.
    public var thisChapter: [String]
    /// The word for a chapter, as it precedes its number.
    public var chapter: String
    /// The word for an article (its plural starts with it).
    public var article: String
    /// Words that except an article from an exclusion ("except Article 3").
    public var except: [String]
    /// Words between article numbers of a list or range.
    public var rangeWords: [String]
    public var listWords: [String]

    public static let english = LanguageWords(
        disputeKeyword: "dispute", thisArticle: ["this article"], thisChapter: ["this chapter", "this section"],
        chapter: "chapter", article: "article", except: ["except", "other than", "with the exception of", "save for"],
        rangeWords: ["to", "through", "-"], listWords: ["and", "or", ","])

    public static let spanish = LanguageWords(
        disputeKeyword: "controversia", thisArticle: ["este articulo", "presente articulo"],
        thisChapter: ["este capitulo", "presente capitulo", "esta seccion", "presente seccion"],
        chapter: "capitulo", article: "articulo", except: ["excepto", "salvo", "con excepcion de", "distinto del", "distintos de"],
        rangeWords: ["a", "al", "hasta", "-"], listWords: ["y", "o", "e", ","])

    public static let french = LanguageWords(
        disputeKeyword: "differend", thisArticle: ["present article", "cet article"],
        thisChapter: ["present chapitre", "ce chapitre", "presente section", "cette section"],
        chapter: "chapitre", article: "article", except: ["sauf", "a l'exception de", "autre que", "excepte"],
        rangeWords: ["a", "au", "-"], listWords: ["et", "ou", ","])

    /// The words of `code`, English for a language without its own.
    public static func of(_ code: String) -> LanguageWords {
        switch code {
        case "es": return spanish
        case "fr": return french
        default: return english
        }
    }
}
