import DTModel

/// Guesses the language of a document from a sample of its text
/// (`LanguageGuess`, by common function words): grading reads English, Spanish
/// and French and refuses the others.
public enum LanguageDetector {
    public static func detect(_ agreement: Agreement) -> String? {
        var sample = agreement.title ?? ""
        DivisionWalker.steeredWalk(agreement.divisions) { d, _ in
            guard sample.utf8.count < 60_000 else { return .stop }
            if let h = d.heading { sample += " " + h }
            sample += " " + d.text
            return .descend
        }
        return detect(text: sample)
    }

    public static func detect(text: String) -> String? {
        LanguageGuess.detect(text: text)
    }
}
