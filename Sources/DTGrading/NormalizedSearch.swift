import DTModel
import Foundation

/// Foundation's `String.contains` on normalised text (`TextNormalizer`), its UTF-8
/// bytes searched first. Foundation's search (a non-literal `range(of:)`) read every
/// character through CFString and showed in whole-corpus profiles. For a needle of
/// ASCII other than ';', '`' and 'K', no character of normalised (NFKC, lower-cased)
/// text is canonically equivalent to a needle character but that character itself,
/// so where the bytes are absent Foundation finds nothing either; where they are
/// present Foundation still gives the answer (it may refuse a match that ends inside
/// a letter with its combining marks).
enum NormalizedSearch {
    static func contains(_ text: String, bytes: [UInt8], _ needle: String) -> Bool {
        guard gates(needle) else { return text.contains(needle) }
        return bytes.contains(bytes: needle) && text.contains(needle)
    }

    static func contains(_ text: String, _ needle: String) -> Bool {
        contains(text, bytes: Array(text.utf8), needle)
    }

    /// Whether the byte search may answer "absent" for `needle`.
    static func gates(_ needle: String) -> Bool {
        needle.utf8.allSatisfy { $0 < 0x80 && $0 != 0x3B && $0 != 0x60 && $0 != 0x4B }
    }
}
