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

    /// Every title formula holds one of these words, and every operative formula one
    /// of those (`AmendingInstrumentTests` holds them to it): a text whose bytes hold
    /// none of them holds no formula, and is not searched 13 or 11 times over.
    static let titleStems = ["protocol", "agreement"]
    static let operativeStems = ["follow", "sigu", "sui"]

    /// The formula that shows the file amends another agreement, as found (normalised); nil when none does.
    public static func formula(in agreement: Agreement) -> String? {
        var headings = agreement.title.map { $0 + "\n" } ?? ""
        var opening = headings
        // `opening.count` (Characters), kept as it grows and counted no further than
        // `openingLength`: counting the whole string again at every division, and
        // splitting a whole body to find its first line, cost 640 M instructions on
        // the ToTA corpus. Every piece ends in "\n", after which a Character always
        // ends, so the count of `opening` is the sum of its pieces' counts.
        var openingCount = characters(in: headings, upTo: openingLength)
        var textSeen = false
        var firstLine = ""
        DivisionWalker.steeredWalk(agreement.divisions) { d, _ in
            if let h = d.heading {
                let piece = h + "\n"
                headings += piece
                opening += piece
                openingCount += characters(in: piece, upTo: openingLength - openingCount)
            }
            let text = d.text
            if !text.isEmpty {
                // The first line of text is the instrument's name when no heading holds
                // it ("SECOND PROTOCOL TO AMEND …"), but only when it starts with the name:
                // a first recital ("RECALLING … the Protocol to Amend …") is no name.
                if !textSeen, let first = firstLineStart(of: text) {
                    firstLine = TextNormalizer.normalize(String(first))
                }
                textSeen = true
                let piece = text + "\n"
                opening += piece
                openingCount += characters(in: piece, upTo: openingLength - openingCount)
            }
            return openingCount < openingLength ? .descend : .stop
        }
        let names = TextNormalizer.normalize(prefix(of: headings, characters: openingLength))
        let nameBytes = Array(names.utf8)
        if titleStems.contains(where: { nameBytes.contains(bytes: $0) }),
           let f = titleFormulas.first(where: { holds(names, bytes: nameBytes, $0) }) { return f }
        let named = firstLine.split(separator: " ").drop { ordinals.contains(String($0)) }.joined(separator: " ")
        if let f = titleFormulas.first(where: { named.hasPrefix($0) }) { return f }
        let text = TextNormalizer.normalize(prefix(of: opening, characters: openingLength))
        let textBytes = Array(text.utf8)
        guard operativeStems.contains(where: { textBytes.contains(bytes: $0) }) else { return nil }
        return operativeFormulas.first { holds(text, bytes: textBytes, $0) }
    }

    /// Whether normalised `text` (with its UTF-8 `bytes`) contains `formula`, as
    /// Foundation's `contains` says. That search cost 3.8 G instructions on the ToTA
    /// corpus (10,800 searches of up to 4,000 characters); `NormalizedSearch` reads
    /// the bytes first.
    static func holds(_ text: String, bytes: [UInt8], _ formula: String) -> Bool {
        NormalizedSearch.contains(text, bytes: bytes, formula)
    }

    /// `text.split(separator: "\n").first` cut to `firstLineLength` Characters,
    /// found without splitting the rest of the text.
    static func firstLineStart(of text: String) -> Substring? {
        var start = text.startIndex
        while start < text.endIndex, text[start] == "\n" { text.formIndex(after: &start) }
        guard start < text.endIndex else { return nil }
        var end = start
        var n = 0
        while end < text.endIndex, n < firstLineLength, text[end] != "\n" {
            text.formIndex(after: &end)
            n += 1
        }
        return text[start..<end]
    }

    /// `min(s.count, limit)`, counting no further than `limit` Characters.
    static func characters(in s: String, upTo limit: Int) -> Int {
        prefixEnd(of: s, characters: limit).count
    }

    /// `String(s.prefix(limit))`.
    static func prefix(of s: String, characters limit: Int) -> String {
        let end = prefixEnd(of: s, characters: limit).end
        return end == s.endIndex ? s : String(s[..<end])
    }

    /// Where `s.prefix(limit)` ends, and how many Characters it holds. An ASCII byte
    /// other than CR followed by another ASCII byte (or the end) is a Character of
    /// its own, as `String.index(after:)` finds it too but at over 100 instructions
    /// a step; anything else (CR LF, a letter with its combining marks, emoji) takes
    /// `index(after:)` from there, a Character boundary.
    static func prefixEnd(of s: String, characters limit: Int) -> (count: Int, end: String.Index) {
        var n = 0
        var i = s.startIndex
        let utf8 = s.utf8
        let fast: Int?? = utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            var j = 0
            guard let base = bytes.baseAddress else { return 0 }
            while n < limit, j < bytes.count {
                // Eight at a time: eight ASCII bytes, none a CR, followed by an ASCII
                // byte or the end, are eight Characters.
                if n + 8 <= limit, j + 8 <= bytes.count, j + 8 == bytes.count || bytes[j + 8] < 0x80 {
                    let w = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)
                    // High bits clear, and no byte equal to 0x0D (the zero-byte test on w ^ 0x0D…).
                    let x = w ^ 0x0D0D_0D0D_0D0D_0D0D
                    let hasCR = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
                    if w & 0x8080_8080_8080_8080 == 0, hasCR == 0 {
                        j += 8
                        n += 8
                        continue
                    }
                }
                let b = bytes[j]
                if b < 0x80, b != 0x0D, j + 1 == bytes.count || bytes[j + 1] < 0x80 {
                    j += 1
                    n += 1
                    continue
                }
                var at = utf8.index(utf8.startIndex, offsetBy: j)
                s.formIndex(after: &at)
                n += 1
                j = utf8.distance(from: utf8.startIndex, to: at)
            }
            return j
        }
        if let offset = fast ?? nil {
            i = utf8.index(utf8.startIndex, offsetBy: offset)
        } else {
            while n < limit, i < s.endIndex {
                s.formIndex(after: &i)
                n += 1
            }
        }
        return (n, i)
    }

    /// The words the reports add to the document's summary.
    public static func notice(_ formula: String) -> String {
        "amending instrument (\u{201C}\(formula)\u{201D}): graded on what the file holds; exceptions and dispute settlement of the agreement it amends are not seen"
    }
}
