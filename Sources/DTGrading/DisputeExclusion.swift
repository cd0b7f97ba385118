import DTModel
import DTRules
import Foundation

/// Decides whether a dispute-settlement exclusion reaches a commitment's article.
/// An exclusion counts when it sits in the commitment's chapter and speaks of
/// "this Chapter" (unless it excepts the article), or names the article itself,
/// or, from elsewhere in the text, names the commitment's chapter by number.
struct DisputeExclusion {
    let index: DocumentIndex
    /// How the text's language names its articles and chapters (normalised).
    var words: LanguageWords = .english

    func exclusion(by rule: Rule, of article: IndexedArticle) -> (IndexedArticle, Sentence)? {
        let number = Self.numeral(article.article.number)
        let chapterNumber = Self.numeral(article.chapter?.number)
        for (a, s) in index.disputeSentences(rule) {
            // A text without chapters is one chapter.
            let sameChapter = a.chapterIndex == article.chapterIndex
            let text = s.normalized as String
            if let n = number, Self.excepts(text, number: n, words: words) { continue }
            let named = Self.articleNumbers(in: text, words: words)
            if !named.isEmpty {
                // An exclusion that lists articles reaches only those articles.
                if let n = number, named.contains(where: { $0.contains(n) }) { return (a, s) }
                continue
            }
            let thisChapter = words.thisChapter.contains { text.contains($0) }
            if a.position == article.position && words.thisArticle.contains(where: { text.contains($0) }) { return (a, s) }
            if sameChapter && (thisChapter || !text.contains(words.chapter)) {
                return (a, s)
            }
            if !sameChapter, let ch = chapterNumber,
               text.range(of: words.chapter + " " + NSRegularExpression.escapedPattern(for: ch) + "\\b", options: .regularExpression) != nil,
               !thisChapter {
                return (a, s)
            }
        }
        return nil
    }

    /// "except Article 1102", "other than Article 3" naming this article.
    static func excepts(_ text: String, number: String, words: LanguageWords = .english) -> Bool {
        // A plain byte search: Foundation's `range(of:)` was most of the exclusion check.
        let bytes = Array(text.utf8)
        for marker in words.except {
            var from = 0
            while let at = bytes.firstIndex(of: marker, from: from) {
                let end = at + marker.utf8.count
                let tail = text[text.utf8.index(text.startIndex, offsetBy: end)...].prefix(80)
                if articleNumbers(in: String(tail), words: words).contains(where: { $0.contains(number) }) { return true }
                from = end
            }
        }
        return false
    }

    /// The numeric part of "ARTICLE 14.13" → "14.13"; nil when there is none.
    static func numeral(_ s: String?) -> String? {
        guard let s else { return nil }
        let digits = s.drop { !$0.isNumber }
        let n = digits.prefix { $0.isNumber || $0 == "." }
        let trimmed = n.hasSuffix(".") ? String(n.dropLast()) : String(n)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A single article number or a range ("Articles 4 to 7").
    struct NumberRange {
        var from: [Int]
        var to: [Int]

        func contains(_ n: String) -> Bool {
            let v = n.split(separator: ".").compactMap { Int($0) }
            guard v.count == from.count else { return false }
            return (from.lexicographicallyPrecedes(v) || from == v) && (v.lexicographicallyPrecedes(to) || v == to)
        }
    }

    /// Article numbers a sentence names: "Article 12", "Articles 4 (…), 5 (…) and 7",
    /// "Articles 4 to 7". Parenthetical headings between the numbers are skipped.
    static func articleNumbers(in text: String, words: LanguageWords = .english) -> [NumberRange] {
        var out: [NumberRange] = []
        var search = text.startIndex..<text.endIndex
        while let r = text.range(of: words.article, range: search) {
            var rest = text[r.upperBound...]
            if rest.first == "s" { rest = rest.dropFirst() }
            var pendingRange = false
            var depth = 0
            var token = ""
            var stop = false
            func flush() {
                defer { token = "" }
                guard !token.isEmpty else { return }
                if token.first?.isNumber == true {
                    let v = token.split(separator: ".").compactMap { Int($0) }
                    guard !v.isEmpty else { stop = true; return }
                    if pendingRange, let last = out.last, last.from.count == v.count {
                        out[out.count - 1].to = v
                    } else {
                        out.append(NumberRange(from: v, to: v))
                    }
                    pendingRange = false
                } else if words.rangeWords.contains(token) {
                    pendingRange = true
                } else if !words.listWords.contains(token) {
                    stop = true
                }
            }
            for ch in rest {
                if ch == "(" { depth += 1; continue }
                if ch == ")" { depth = max(0, depth - 1); continue }
                if depth > 0 { continue }
                if ch == " " { flush() } else if ch == "," { flush(); token = ","; flush() } else { token.append(ch) }
                if stop { break }
            }
            if !stop { flush() }
            search = r.upperBound..<text.endIndex
        }
        return out
    }
}
