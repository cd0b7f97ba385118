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
        let number = Self.articleNumeral(article.article.number)
        let chapterNumber = Self.numeral(article.chapter?.number)
        for (a, s) in index.disputeSentences(rule) {
            // A text without chapters is one chapter.
            let sameChapter = a.chapterIndex == article.chapterIndex
            let text = Self.targetText(of: s, in: a)
            if let n = number, Self.excepts(text, number: n, words: words) { continue }
            let named = Self.articleNumbers(in: text, words: words)
            if !named.isEmpty {
                // An exclusion that lists articles reaches only those articles.
                if let n = number, named.contains(where: { $0.contains(n) }) { return (a, s) }
                continue
            }
            // Searched in the bytes first (`NormalizedSearch`): the same answers as `contains`.
            let bytes = Array(text.utf8)
            let thisChapter = words.thisChapter.contains { NormalizedSearch.contains(text, bytes: bytes, $0) }
            if a.position == article.position && words.thisArticle.contains(where: { NormalizedSearch.contains(text, bytes: bytes, $0) }) { return (a, s) }
            if sameChapter && (thisChapter || !NormalizedSearch.contains(text, bytes: bytes, words.chapter)) {
                return (a, s)
            }
            // DEPA-style agreements call their chapters modules ("This Module shall not apply to Module 3").
            // The expression matches its literal words only where their bytes are: it is
            // asked only then (it cost 44,000 instructions a sentence).
            if !sameChapter, !thisChapter, let ch = chapterNumber,
               bytes.contains(bytes: words.chapter + " " + ch) || bytes.contains(bytes: "module " + ch),
               text.range(of: "(" + words.chapter + "|module) " + NSRegularExpression.escapedPattern(for: ch) + "\\b", options: .regularExpression) != nil {
                return (a, s)
            }
        }
        return nil
    }

    /// Words that point back to a target named in the sentence before: "This Module shall
    /// not apply to Module 3. No Party shall have recourse to dispute settlement … for any
    /// matter arising under that Module."
    static let backReferences = ["that module", "that chapter", "that section", "that article", "those articles",
                                 "those chapters", "those modules", "such module", "such chapter", "such article"]

    /// The text that names what an exclusion reaches: the sentence, with the sentences
    /// before it in the same paragraph when it only points back to its target.
    static func targetText(of s: Sentence, in a: IndexedArticle) -> String {
        let text = s.normalized as String
        let bytes = Array(text.utf8)
        guard backReferences.contains(where: { NormalizedSearch.contains(text, bytes: bytes, $0) }) else { return text }
        let unit = a.sentences.filter { $0.unit == s.unit }
        guard let i = unit.firstIndex(where: { $0.raw == s.raw }), i > 0 else { return text }
        return (unit[..<i].map { $0.normalized as String } + [text]).joined(separator: " ")
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

    /// An article's number for matching references: the numeral and any inserted-article
    /// suffix, "Article 13.11 bis" → "13.11 bis", "ARTICLE 8.61-F" → "8.61 f".
    static func articleNumeral(_ s: String?) -> String? {
        guard let s, let n = numeral(s) else { return nil }
        let lower = s.lowercased()
        guard let r = lower.range(of: n) else { return n }
        let suffix = insertedSuffix(lower[r.upperBound...].trimmingCharacters(in: .whitespaces))
        return suffix.isEmpty ? n : n + " " + suffix
    }

    /// "bis", "ter" … or the letter of "-F" at the start of `rest`; "" when there is none.
    static func insertedSuffix(_ rest: String) -> String {
        var r = Substring(rest)
        if r.first == "-" { r = r.dropFirst() }
        let word = r.prefix { $0.isLetter }
        if ["bis", "ter", "quater", "quinquies", "sexies"].contains(String(word)) { return String(word) }
        if rest.first == "-", (1...2).contains(word.count) { return String(word) }
        return ""
    }

    /// `text.range(of: needle, range: start..<text.endIndex)`, read from the bytes
    /// when the text is ASCII (`asciiBytes`, its UTF-8) and so is the needle, without
    /// CR or LF: then every byte is a Character of its own but for CR LF, which such
    /// a needle can neither start nor end inside, and ASCII has no canonical
    /// equivalents, so the first byte match is the match Foundation's search finds
    /// (its search was most of reading the article numbers). Otherwise Foundation's.
    static func nextRange(of needle: String, in text: String, bytes asciiBytes: [UInt8]?,
                          from start: String.Index) -> Range<String.Index>? {
        guard let bytes = asciiBytes, !needle.isEmpty, needle.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D && $0 != 0x0A }) else {
            return text.range(of: needle, range: start..<text.endIndex)
        }
        let from = text.utf8.distance(from: text.startIndex, to: start)
        guard let at = bytes.firstIndex(of: needle, from: from) else { return nil }
        let lower = text.utf8.index(text.startIndex, offsetBy: at)
        return lower..<text.utf8.index(lower, offsetBy: needle.utf8.count)
    }

    /// A single article number or a range ("Articles 4 to 7").
    struct NumberRange {
        var from: [Int]
        var to: [Int]
        /// The inserted-article suffix of a single number ("13.11 bis"), else "".
        var suffix: String = ""

        /// `n` as `articleNumeral` writes it ("13.11", "13.11 bis"). A single number
        /// matches only the same suffix; a range matches on the numbers.
        func contains(_ n: String) -> Bool {
            let parts = n.split(separator: " ", maxSplits: 1)
            let v = (parts.first ?? "").split(separator: ".").compactMap { Int($0) }
            let nSuffix = parts.count > 1 ? String(parts[1]) : ""
            guard v.count == from.count else { return false }
            if from == to, nSuffix != suffix { return false }
            return (from.lexicographicallyPrecedes(v) || from == v) && (v.lexicographicallyPrecedes(to) || v == to)
        }
    }

    /// Article numbers a sentence names: "Article 12", "Articles 4 (…), 5 (…) and 7",
    /// "Articles 4 to 7". Parenthetical headings between the numbers are skipped.
    static func articleNumbers(in text: String, words: LanguageWords = .english) -> [NumberRange] {
        var out: [NumberRange] = []
        var search = text.startIndex..<text.endIndex
        let bytes = Array(text.utf8)
        let ascii = bytes.allSatisfy { $0 < 0x80 }
        while let r = nextRange(of: words.article, in: text, bytes: ascii ? bytes : nil, from: search.lowerBound) {
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
                    let digits = token.prefix { $0.isNumber || $0 == "." }
                    let v = digits.split(separator: ".").compactMap { Int($0) }
                    guard !v.isEmpty else { stop = true; return }
                    if pendingRange, let last = out.last, last.from.count == v.count {
                        out[out.count - 1].to = v
                    } else {
                        out.append(NumberRange(from: v, to: v, suffix: insertedSuffix(String(token[digits.endIndex...]))))
                    }
                    pendingRange = false
                } else if let last = out.last, last.from == last.to, last.suffix.isEmpty, !pendingRange,
                          case let word = token.trimmingCharacters(in: CharacterSet(charactersIn: ".;:")),
                          ["bis", "ter", "quater", "quinquies", "sexies"].contains(word) {
                    // "Article 13.11 bis": the suffix belongs to the number before it.
                    out[out.count - 1].suffix = word
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
