/// Maps language tags as metadata writes them (`eng`, `en-GB`, `spa`, `fra`,
/// `nld`) to the ISO 639-1 codes the model uses (`en`, `es`, `fr`, `nl`).
enum LanguageCode {
    private static let threeLetter: [String: String] = [
        "eng": "en", "spa": "es", "esp": "es", "fra": "fr", "fre": "fr", "nld": "nl", "dut": "nl", "deu": "de", "ger": "de",
        "por": "pt", "ita": "it", "ara": "ar", "zho": "zh", "chi": "zh", "rus": "ru", "jpn": "ja", "kor": "ko",
        "swe": "sv", "dan": "da", "fin": "fi", "pol": "pl", "ell": "el", "gre": "el", "afr": "af", "zul": "zu",
        "xho": "xh", "swa": "sw", "ces": "cs", "cze": "cs", "hun": "hu", "ron": "ro", "rum": "ro", "tur": "tr",
    ]

    static func twoLetter(_ raw: String) -> String? {
        let tag = raw.trimmed().lowercased()
        let primary = String(tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "")
        guard primary.allSatisfy({ $0.isLetter && $0.isASCII }) else { return nil }
        switch primary.count {
        case 2: return primary
        case 3: return threeLetter[primary]
        default: return nil
        }
    }
}
