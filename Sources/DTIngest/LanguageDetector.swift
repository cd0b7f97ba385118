import DTModel

/// Guesses the language of a document from a sample of its text
/// (`LanguageGuess`, by common function words): grading reads English, Spanish
/// and French and refuses the others.
public enum LanguageDetector {
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
        LanguageGuess.detect(text: text)
    }
}
