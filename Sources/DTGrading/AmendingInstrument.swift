import DTModel
import Foundation

/// PILLARS.md, "Clauses in other traditions": an instrument that amends another
/// agreement (a protocol, a replacement chapter) is graded on what the file holds,
/// and "the report says the file is an amending instrument where it can tell".
/// An exception or a dispute-settlement clause of the amended agreement is not in
/// the file, so a reader must know the verdict cannot see it.
///
/// Told by the amending formulas of the title and the opening of the text (a
/// protocol's title, "Article 8.81 is replaced by the following"), in the three
/// languages the rules read. Only the opening is read: a whole agreement may amend
/// a schedule in an annex without being an amending instrument.
public enum AmendingInstrument {
    /// Characters of heading and text read from the start of the file.
    static let openingLength = 4_000
    /// Characters of the first line of text read as the instrument's name.
    static let firstLineLength = 200

    /// Names of amending instruments, read in the title, the headings and the file's
    /// first line only: a whole agreement's preamble often recalls "the Protocol to
    /// Amend" another one.
    static let titleFormulas = [
        "protocol amending", "amending protocol", "protocol to amend", "modifying protocol", "protocol modifying",
        "agreement amending", "amending agreement", "agreement to amend",
        "protocolo modificatorio", "protocolo que modifica", "protocolo por el que se modifica",
        "protocole modifiant", "protocole portant modification",
    ]

    /// Words that may come before an instrument's name on its first line.
    static let ordinals: Set<String> = [
        "the", "first", "second", "third", "fourth", "fifth", "additional",
        "primer", "segundo", "tercer", "cuarto", "premier", "deuxieme", "troisieme", "quatrieme",
    ]

    /// Operative amending formulas, read in the headings and the text of the opening.
    static let operativeFormulas = [
        "is replaced by the following", "shall be replaced by the following",
        "is amended as follows", "are amended as follows", "shall be amended as follows",
        "se sustituye por el siguiente", "se modifica como sigue", "queda redactado como sigue",
        "est remplace par le texte suivant", "est remplace par ce qui suit", "est modifie comme suit",
    ]

    /// The formula that shows the file amends another agreement, as found (normalised); nil when none does.
    public static func formula(in agreement: Agreement) -> String? {
        var headings = agreement.title.map { $0 + "\n" } ?? ""
        var opening = headings
        // Characters of `opening`, kept as it grows rather than counted again at each
        // division (counting a 4,000-character opening per division, and Foundation's
        // search below, were half of what checking the ToTA corpus cost). Every piece
        // ends in a line break, after which characters always break, so counts add up.
        var openingCount = characters(opening)
        var sawText = false
        var firstLine = ""
        DivisionWalker.steeredWalk(agreement.divisions) { d, _ in
            if let h = d.heading {
                let piece = h + "\n"
                headings += piece
                opening += piece
                openingCount += characters(piece)
            }
            let text = d.text
            if !text.isEmpty {
                // The first line of text is the instrument's name when no heading holds
                // it ("SECOND PROTOCOL TO AMEND …"), but only when it starts with the name:
                // a first recital ("RECALLING … the Protocol to Amend …") is no name.
                if !sawText, let first = Self.firstLine(of: text, upTo: firstLineLength) {
                    firstLine = TextNormalizer.normalize(String(first))
                }
                sawText = true
                opening += text + "\n"
                // Only whether the opening is long enough yet matters: a long text is
                // counted up to what is missing (with its line break, which a last
                // CR takes into one character).
                let missing = max(0, openingLength - openingCount)
                let counted = leadingCharacters(text, upTo: missing).count
                openingCount += counted + (counted < missing && text.utf8.last == 0x0D ? 0 : 1)
            }
            return openingCount < openingLength ? .descend : .stop
        }
        let names = TextNormalizer.normalize(prefix(headings, openingLength))
        if let f = titleFormulas.first(where: { holds(names, $0) }) { return f }
        let named = firstLine.split(separator: " ").drop { ordinals.contains(String($0)) }.joined(separator: " ")
        if let f = titleFormulas.first(where: { named.hasPrefix($0) }) { return f }
        let text = TextNormalizer.normalize(prefix(opening, openingLength))
        return operativeFormulas.first { holds(text, $0) }
    }

    /// `text.split(separator: "\n").first?.prefix(limit)`, without splitting (nor
    /// reading) the rest of the text.
    static func firstLine(of text: String, upTo limit: Int) -> Substring? {
        guard let start = text.firstIndex(where: { $0 != "\n" }) else { return nil }
        let window = text[start...].prefix(limit)
        return window[..<(window.firstIndex(of: "\n") ?? window.endIndex)]
    }

    /// `text.count`, read as `leadingCharacters` reads.
    static func characters(_ text: String) -> Int {
        leadingCharacters(text, upTo: Int.max).count
    }

    /// `String(text.prefix(limit))`, read as `leadingCharacters` reads.
    static func prefix(_ text: String, _ limit: Int) -> String {
        String(decoding: text.utf8.prefix(leadingCharacters(text, upTo: limit).bytes), as: UTF8.self)
    }

    /// The first `limit` characters of `text` (all of it when it is shorter): how
    /// many, and the UTF-8 bytes they take, as `text.prefix(limit)` has them.
    /// Stepping `Character`s cost over a hundred instructions each; here ASCII is
    /// read byte by byte (between two ASCII bytes other than CR LF characters always
    /// break), and each stretch holding other bytes, from one such boundary to the
    /// next, is read as characters on its own.
    static func leadingCharacters(_ text: String, upTo limit: Int) -> (count: Int, bytes: Int) {
        var text = text
        return text.withUTF8 { b -> (count: Int, bytes: Int) in
            let n = b.count
            @inline(__always) func isBoundary(_ j: Int) -> Bool {
                j >= n || (b[j - 1] < 0x80 && b[j] < 0x80 && !(b[j - 1] == 0x0D && b[j] == 0x0A))
            }
            var count = 0
            var i = 0 // always on a character boundary, with `count` characters before it
            while i < n, count < limit {
                if b[i] < 0x80, i + 1 >= n || b[i + 1] < 0x80 {
                    i += b[i] == 0x0D && i + 1 < n && b[i + 1] == 0x0A ? 2 : 1
                    count += 1
                    continue
                }
                var j = i + 1
                while !isBoundary(j) { j += 1 }
                for c in String(decoding: UnsafeBufferPointer(rebasing: b[i..<j]), as: UTF8.self) {
                    if count == limit { break }
                    i += c.utf8.count
                    count += 1
                }
            }
            return (count, i)
        }
    }

    /// Whether `text` holds `formula` (ASCII), compared byte for byte as Foundation's
    /// literal search compares UTF-16 units: the same answer for an ASCII formula.
    static func holds(_ text: String, _ formula: String) -> Bool {
        let needle = Array(formula.utf8)
        guard let first = needle.first else { return true }
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.count >= needle.count else { return false }
            guard let base = bytes.baseAddress else { return false }
            var i = 0
            let last = bytes.count - needle.count
            while i <= last {
                guard let found = memchr(base + i, Int32(first), last - i + 1) else { return false }
                let j = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                var k = 1
                while k < needle.count, bytes[j + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
                i = j + 1
            }
            return false
        } ?? false
    }

    /// The words the reports add to the document's summary.
    public static func notice(_ formula: String) -> String {
        "amending instrument (\u{201C}\(formula)\u{201D}): graded on what the file holds; exceptions and dispute settlement of the agreement it amends are not seen"
    }
}
