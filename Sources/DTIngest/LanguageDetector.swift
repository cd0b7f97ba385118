import DTModel

/// Guesses the language of a text by counting very common function words.
/// Enough to tell English from Spanish, French, Dutch, German and Portuguese
/// in legal prose, which is all grading needs (it refuses what is not English).
public enum LanguageDetector {
    private static let stopwords: [(String, Set<String>)] = [
        ("en", ["the", "of", "and", "to", "shall", "in", "or", "any", "party", "this", "with", "be", "by", "which"]),
        ("es", ["el", "la", "los", "las", "del", "que", "y", "en", "por", "con", "para", "una", "se", "al"]),
        ("fr", ["le", "la", "les", "des", "du", "et", "en", "est", "une", "pour", "dans", "au", "aux", "qui"]),
        ("nl", ["de", "het", "van", "een", "en", "in", "is", "op", "te", "dat", "voor", "met", "zijn", "worden"]),
        ("de", ["der", "die", "und", "das", "den", "von", "zu", "mit", "ist", "im", "des", "sich", "nicht", "auf"]),
        ("pt", ["o", "os", "da", "do", "das", "dos", "que", "e", "em", "uma", "para", "com", "no", "na"]),
    ]

    public static func detect(_ agreement: Agreement) -> String? {
        var sample = agreement.title ?? ""
        var stack = agreement.divisions.reversed() as [Division]
        while let d = stack.popLast(), sample.utf8.count < 60_000 {
            if let h = d.heading { sample += " " + h }
            sample += " " + d.text
            stack.append(contentsOf: d.children.reversed())
        }
        return detect(text: sample)
    }

    public static func detect(text: String) -> String? {
        var counts: [String: Int] = [:]
        var total = 0
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            total += 1
            for (lang, words) in stopwords where words.contains(word) { counts[lang, default: 0] += 1 }
            word = ""
        }
        for ch in text.lowercased() {
            if ch.isLetter { word.append(ch) } else { flush() }
            if total > 20_000 { break }
        }
        flush()
        guard total >= 5, let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
              best.value * 20 >= total else { return nil }
        return best.key
    }
}
