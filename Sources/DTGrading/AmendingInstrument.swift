import DTModel
import DTRules
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
        // Most files hold no formula, and the squeezed bytes of their opening say so
        // without a string made of it (`AmendingPrefilter`).
        guard AmendingPrefilter.mayHoldFormula(agreement) else { return nil }
        return readFormula(in: agreement)
    }

    /// `formula(in:)` read from the opening made as a string and normalised.
    static func readFormula(in agreement: Agreement) -> String? {
        // `headings` and `opening` are kept to their first `openingLength` Characters
        // as they grow, each piece cut to the room left (`append`), and so are the
        // prefixes the formulas are sought in. Counting: every piece ends in "\n",
        // after which a Character always ends, so the count of the text is the sum of
        // its pieces' counts, and its prefix the pieces' prefixes (counting the whole
        // string again at every division, and splitting a whole body to find its first
        // line, cost 640 M instructions on the ToTA corpus; taking the prefix of texts
        // made whole, 16 M more).
        var headings = ""
        var headingsCount = 0
        if let title = agreement.title { append(title + "\n", to: &headings, count: &headingsCount) }
        var opening = headings
        var openingCount = headingsCount
        var textSeen = false
        var firstLine = ""
        DivisionWalker.steeredWalk(agreement.divisions) { d, _ in
            if let h = d.heading {
                let piece = h + "\n"
                append(piece, to: &headings, count: &headingsCount)
                append(piece, to: &opening, count: &openingCount)
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
                append(text + "\n", to: &opening, count: &openingCount)
            }
            return openingCount < openingLength ? .descend : .stop
        }
        let rawNames = headings
        if mayHold(anyOf: squeezedTitleFormulas, normalizing: rawNames) {
            let names = TextNormalizer.normalize(rawNames)
            let nameBytes = Array(names.utf8)
            if titleStems.contains(where: { nameBytes.contains(bytes: $0) }),
               let f = titleFormulas.first(where: { holds(names, bytes: nameBytes, $0) }) { return f }
        }
        // `named` is a suffix of the normalised first line (single spaces, none at the
        // ends), so a formula it starts with is in the line's bytes: a line holding
        // none is not split into words (45 M instructions on the ToTA corpus).
        let firstLineBytes = Array(firstLine.utf8)
        if titleFormulas.contains(where: { firstLineBytes.contains(bytes: $0) }) {
            let named = firstLine.split(separator: " ").drop { ordinals.contains(String($0)) }.joined(separator: " ")
            if let f = titleFormulas.first(where: { named.hasPrefix($0) }) { return f }
        }
        let rawText = opening
        guard mayHold(anyOf: squeezedOperativeFormulas, normalizing: rawText) else { return nil }
        let text = TextNormalizer.normalize(rawText)
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

    /// Each byte as `Squeezed` reads an ASCII byte: letters lower-cased, digits
    /// kept, 0 for the rest (and for bytes outside ASCII, which `mayHold` tests apart).
    static let asciiSqueeze: [UInt8] = (0..<256).map { b in b < 0x80 ? Squeezed.of(String(UnicodeScalar(UInt8(b)))).first ?? 0 : 0 }

    /// A formula squeezed (`Squeezed`: lower-case letters and digits only), with the
    /// place of its rarest letter, which the search runs `memchr` to: a formula's
    /// first letter ("a", "p", "s") is on every line and sent `memchr` to every one.
    struct SqueezedFormula {
        let bytes: [UInt8]
        let anchor: Int

        init(_ formula: String) {
            let bytes = Squeezed.of(formula)
            // English letters from the rarest to the commonest; other bytes rank last.
            let rank = Array("zqxjkvbpygfwmucldrhsnioate".utf8)
            let rankOf = { (b: UInt8) in rank.firstIndex(of: b) ?? rank.count }
            self.bytes = bytes
            self.anchor = bytes.indices.min { rankOf(bytes[$0]) < rankOf(bytes[$1]) } ?? 0
        }

        /// Whether `text` (squeezed bytes) holds the formula.
        func isIn(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let base = text.baseAddress, bytes.count > 0, text.count >= bytes.count else { return false }
            let last = text.count - bytes.count + anchor
            return bytes.withUnsafeBufferPointer { f -> Bool in
                guard let fb = f.baseAddress else { return false }
                var i = anchor
                while i <= last {
                    guard let hit = memchr(base + i, Int32(f[anchor]), last - i + 1) else { return false }
                    let j = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + (j - anchor), fb, f.count) == 0 { return true }
                    i = j + 1
                }
                return false
            }
        }
    }

    /// Squeezed formulas grouped by the stem each holds (the first of `stems` in its
    /// squeezed bytes): a text without a stem holds none of its formulas, so most
    /// openings are searched for two or three stems instead of 11 or 13 formulas.
    struct SqueezedFormulas {
        let stems: [SqueezedFormula]
        let formulasByStem: [[SqueezedFormula]]

        init(_ formulas: [String], stems: [String]) {
            let squeezedStems = stems.map(SqueezedFormula.init)
            var groups = [[SqueezedFormula]](repeating: [], count: stems.count)
            for formula in formulas.map(SqueezedFormula.init) {
                // Every formula holds a stem (`AmendingInstrumentTests`); one that did not
                // would be searched on its own, under a stem of its own.
                if let k = squeezedStems.firstIndex(where: { formula.bytes.contains(bytes: String(decoding: $0.bytes, as: UTF8.self)) }) {
                    groups[k].append(formula)
                } else {
                    groups.append([formula])
                }
            }
            self.stems = squeezedStems + groups.dropFirst(stems.count).map { $0[0] }
            formulasByStem = groups
        }

        /// Whether squeezed `text` holds one of the formulas.
        func anyIsIn(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
            stems.indices.contains { k in stems[k].isIn(text) && formulasByStem[k].contains { $0.isIn(text) } }
        }
    }

    static let squeezedTitleFormulas = SqueezedFormulas(titleFormulas, stems: titleStems)
    static let squeezedOperativeFormulas = SqueezedFormulas(operativeFormulas, stems: operativeStems)

    /// False only when the normalised form of `raw` holds none of the formulas
    /// `squeezed`: `raw` is text the byte path of `TextNormalizer` reads (ASCII,
    /// accented Latin letters and the characters of `plainScalar`) and its squeezed
    /// bytes, as that path makes them, hold none of them. Normalising such text
    /// lower-cases letters, folds accented ones, makes runs of white space and control
    /// characters one space, maps quotes and dashes to ASCII, drops invisible marks
    /// and a hyphen and the line break after it between letters; nothing else. So the
    /// letters of a formula found in the normalised text stand in the squeezed bytes
    /// in the same order with nothing between them. Normalising 900 texts of up to
    /// 4,000 characters cost 104 M instructions on the ToTA corpus, and hardly any
    /// holds a formula. Other text is normalised as before.
    static func mayHold(anyOf squeezed: SqueezedFormulas, normalizing raw: String) -> Bool {
        var raw = raw
        raw.makeContiguousUTF8()
        let answer: Bool? = raw.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var out: [UInt8] = []
            guard squeeze(bytes, into: &out) else { return true }
            return out.withUnsafeBufferPointer { text in squeezed.anyIsIn(text) }
        }
        return answer ?? true
    }

    /// Appends `bytes` squeezed as `mayHold` reads them to `out`; false when a
    /// character is not one the byte path of `TextNormalizer` reads (then nothing
    /// can be said without normalising, and `out` is left as it was). Squeezing
    /// goes character by character, so texts squeezed one after another give the
    /// squeezed bytes of the texts joined.
    static func squeeze(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        guard let src = bytes.baseAddress else { return true }
        let count = bytes.count
        let before = out.count
        // Room for every byte, and for the two letters an accented letter of two bytes folds to.
        out.append(contentsOf: repeatElement(0, count: count))
        var readable = true
        var n = before
        out.withUnsafeMutableBufferPointer { buf in
            guard let dst = buf.baseAddress else { return }
            asciiSqueeze.withUnsafeBufferPointer { map in
                // Without a branch on each ASCII byte: a byte squeezing drops is
                // written and written over.
                var i = 0
                while i < count {
                    // The ASCII bytes up to the next other one (found sixteen at a time:
                    // one stop at each accented letter, not a word or a byte test each).
                    let next = ByteScan.nextNonASCII(src, from: i, count: count)
                    while i < next {
                        let c = map[Int(src[i])]
                        dst[n] = c
                        n &+= c == 0 ? 0 : 1
                        i += 1
                    }
                    guard i < count else { break }
                    // Outside ASCII, what the byte path of `TextNormalizer` makes of
                    // it: an accented Latin letter its folded letters; a quote, dash,
                    // space or invisible mark something squeezing drops; a letter or
                    // sign it keeps stays outside ASCII (a byte no formula holds).
                    // Anything else is normalised as before.
                    guard let (v, w) = TextNormalizer.decode(bytes, at: i) else { readable = false; break }
                    if let f = TextNormalizer.foldedLatin(v) {
                        dst[n] = f.0
                        n += 1
                        if f.1 != 0 { dst[n] = f.1; n += 1 }
                    } else if let p = TextNormalizer.plainScalar(v) {
                        if case .keep = p { dst[n] = 0x80; n += 1 }
                    } else {
                        readable = false
                        break
                    }
                    i += w
                }
            }
        }
        out.removeLast(out.count - (readable ? n : before))
        return readable
    }

    /// `text.split(separator: "\n").first` cut to `firstLineLength` Characters,
    /// found without splitting the rest of the text.
    static func firstLineStart(of text: String) -> Substring? {
        // Read from the bytes where they are ASCII without a CR: each byte is a
        // Character of its own there (an LF always is), as long as the byte after
        // the last one taken is ASCII too (no combining mark joins it).
        let fast: (Int, Int)?? = text.utf8.withContiguousStorageIfAvailable { bytes -> (Int, Int)? in
            var start = 0
            while start < bytes.count, bytes[start] == 0x0A { start += 1 }
            var end = start
            while end < bytes.count, end - start < firstLineLength, bytes[end] != 0x0A {
                guard bytes[end] < 0x80, bytes[end] != 0x0D else { return nil }
                end += 1
            }
            guard end == bytes.count || bytes[end] < 0x80 else { return nil }
            return (start, end)
        }
        if let (start, end) = fast ?? nil {
            guard start < text.utf8.count else { return nil }
            let utf8 = text.utf8
            return text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
        }
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

    /// Appends to `text` (of `count` Characters) as much of `piece` as fits in
    /// `openingLength` Characters (`piece.prefix(openingLength - count)`), adding to `count`.
    static func append(_ piece: String, to text: inout String, count: inout Int) {
        let (n, end) = prefixEnd(of: piece, characters: max(0, openingLength - count))
        if end == piece.endIndex {
            text += piece
        } else {
            text += piece[..<end]
        }
        count += n
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
                    if isASCIIWithoutCR(w) {
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
