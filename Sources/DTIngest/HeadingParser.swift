import DTModel

/// A line of text recognised as the heading of a division: `Article 14.1: Definitions`,
/// `ARTICLE 9.10`, `CHAPTER ONE Initial Provisions`, `### Artikel  1.1`.
struct HeadingMatch: Sendable, Equatable {
    var kind: DivisionKind
    /// Keyword and number as written, white space collapsed: `Article 14.1`.
    var number: String?
    /// The title after the number, nil when the line holds only the number.
    var heading: String?
    /// How the heading is written, so a document's real headings can be told
    /// from cross-references that happen to start a line (see `HeadingFilter`).
    var style: String
    /// 0-based character offset of the keyword in the line (after indentation and `#`).
    var offset: Int
}

/// Recognises numbered headings in one line of text. Shared by the text, HTML,
/// DOCX and ODT readers so that all of them find the same articles in the same text.
enum HeadingParser {
    /// Keywords (lower-cased) in the languages of the corpus, and the kind they open.
    private static let keywords: [String: DivisionKind] = [
        "article": .article, "artikel": .article, "artículo": .article, "articulo": .article, "art.": .article,
        // DEPA-style agreements are divided into modules, which are their chapters.
        "module": .chapter,
        "chapter": .chapter, "hoofdstuk": .chapter, "capítulo": .chapter, "capitulo": .chapter, "chapitre": .chapter,
        "section": .section, "afdeling": .section, "sección": .section, "seccion": .section, "subsection": .section,
        "part": .part, "deel": .part, "parte": .part, "partie": .part, "title": .part, "titel": .part,
        "annex": .annex, "annexe": .annex, "anexo": .annex, "bijlage": .annex, "appendix": .annex,
    ]

    /// Bare words that open a preamble.
    private static let preambleWords: Set<String> = ["preamble", "préambule", "preambule", "preámbulo", "preambulo", "considerans"]

    /// The longest keyword or preamble word, in characters.
    private static let longestKeyword = (Array(keywords.keys) + Array(preambleWords)).map(\.count).max() ?? 0

    /// Whether the first word of `line`, read as `parse` reads it (leading marks skipped,
    /// `*` ignored, `art.` with its dot), is a keyword or a preamble word.
    private static func opensWithKeyword(_ line: String, isLead: (Character) -> Bool) -> Bool {
        var word = ""
        var length = 0
        var next: Character?
        for c in line where c != "*" {
            if length == 0 {
                if isLead(c) { continue }
                guard isLetter(c) else { return false }
            }
            guard isLetter(c) else { next = c; break }
            length += 1
            if length > longestKeyword { return false }
            word.append(c)
        }
        var lower = word.lowercased()
        if lower == "art", next == "." { lower = "art." }
        return keywords[lower] != nil || preambleWords.contains(lower)
    }

    /// Number words used for chapters (`CHAPTER ONE`, `HOOFDSTUK TWEE`).
    private static let numberWords: Set<String> = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
        "forty", "fifty", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
        "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien", "twintig",
        "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
    ]

    /// Parses `line` (markdown `#` marks and emphasis already allowed) or returns nil.
    /// A heading that opens a negotiation bracket (`[US propose: Article 5: Location
    /// of Computing Facilities`, a whole article proposed) is a heading too: the
    /// bracket and its attribution are kept at the front of the title, so the
    /// bracket stays in the model's text for the draft analysis to find.
    static func parse(_ line: String) -> HeadingMatch? {
        // Most lines of a text open with a digit or punctuation: no keyword, no bracket.
        if let b = line.utf8.first, cannotOpenHeading(b) { return nil }
        if let plain = parsePlain(line) { return plain }
        guard let (prefix, rest) = bracketPrefix(line), var match = parsePlain(rest) else { return nil }
        match.heading = prefix + (match.heading ?? "")
        match.offset += prefix.count
        return match
    }

    /// Whether `text`, or its white space collapsed (`TextCollapse`), is surely no
    /// heading, told from its first byte: so a reader need not collapse every block.
    static func surelyNoHeading(_ text: String) -> Bool {
        guard let b = text.utf8.first, b != 0x20, !(0x09...0x0D).contains(b) else { return false }
        return cannotOpenHeading(b)
    }

    /// Whether a line whose first byte is `b` is surely no heading: an ASCII byte that is
    /// no letter, no lead mark (`isLead`), no `*` and no `[` is a first Character that
    /// `parsePlain` and `bracketPrefix` both refuse (a mark after it joins it into a
    /// Character that is no letter either).
    private static func cannotOpenHeading(_ b: UInt8) -> Bool {
        guard b < 0x80 else { return false }
        switch b {
        case 0x41...0x5A, 0x61...0x7A: return false // letters
        case 0x20, 0x09, 0x23, 0x2A, 0x5F, 0x22, 0x5B: return false // space, tab, # * _ " [
        default: return true
        }
    }

    /// `[`, `[US propose: `, `[ALT 1: ` before a heading's keyword, and the line after it.
    static func bracketPrefix(_ line: String) -> (String, String)? {
        let lead = line.prefix { $0 == " " || $0 == "\t" || $0 == "#" || $0 == "*" || $0 == "_" }
        let afterLead = line.dropFirst(lead.count)
        guard afterLead.first == "[" else { return nil }
        var body = afterLead.dropFirst()
        var prefix = "["
        // An attribution or alternative label up to a colon, then the keyword.
        if let colon = body.prefix(80).firstIndex(of: ":") {
            let words = body[..<colon].lowercased()
            let attribution = ["propos", "oppos", "consider", "support"].contains { words.contains($0) }
            let label = words.hasPrefix("alt") || words.hasPrefix("option")
            if attribution || label {
                let upTo = body.index(after: colon)
                prefix += String(body[..<upTo]) + " "
                body = body[upTo...].drop { $0 == " " }
            }
        }
        return (prefix, String(lead) + String(body))
    }

    static func parsePlain(_ line: String) -> HeadingMatch? {
        // Printable ASCII: each byte a Character; the common shapes are parsed on bytes.
        switch parseASCII(line) {
        case .heading(let m): return m
        case .noHeading: return nil
        case .unsure: break
        }
        return parseCharacters(line)
    }

    /// What the byte parse says of a line.
    enum ASCIIAnswer: Equatable {
        case heading(HeadingMatch)
        /// Surely no heading.
        case noHeading
        /// Not a line, or not a shape, the byte parse reads: the Character parse decides.
        case unsure
    }

    /// `parseCharacters` on the bytes of a line of printable ASCII with no `*` (each byte
    /// is then one Character, the ASCII tests answer as Character's do, and no emphasis is
    /// filtered), for the shapes most headings have: keyword, number, optional `bis`-style
    /// word, separator, title. Preambles, annexes, number words, a one-letter word after
    /// the number (the title-or-sentence judgement) and anything else rare are `unsure`.
    /// The Character parse read a big document's headings at about 50,000 instructions
    /// each. A differential test holds the two to the same answers (`HeadingASCIITests`).
    static func parseASCII(_ line: String) -> ASCIIAnswer {
        var line = line
        return line.withUTF8 { b -> ASCIIAnswer in
            let count = b.count
            for x in b where x < 0x20 || x > 0x7E || x == 0x2A { return .unsure }
            func isLead(_ x: UInt8) -> Bool { x == 0x20 || x == 0x23 || x == 0x5F || x == 0x22 } // space # _ "
            func isLetter(_ x: UInt8) -> Bool { (0x41...0x5A).contains(x) || (0x61...0x7A).contains(x) }
            func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self) }
            var i = 0
            while i < count, isLead(b[i]) { i += 1 }
            let offset = i
            guard i < count, isLetter(b[i]) else { return .noHeading }
            var j = i
            while j < count, isLetter(b[j]) { j += 1 }
            if j < count, b[j] == 0x2E, text(i..<j).lowercased() == "art" { j += 1 }
            let keyword = text(i..<j)
            let lower = keyword.lowercased()
            // Every preamble word opens with `p` or `c`: the set is not hashed for `Article`.
            if let f = lower.utf8.first, f == 0x70 || f == 0x63, preambleWords.contains(lower) { return .unsure }
            guard let kind = keywords[lower] else { return .noHeading }
            if kind == .annex { return .unsure }
            // White space, then the number up to white space or a colon.
            var k = j
            while k < count, b[k] == 0x20 { k += 1 }
            guard k > j, k < count else { return .noHeading }
            var end = k
            while end < count, b[end] != 0x20, b[end] != 0x3A { end += 1 }
            var tokenEnd = end
            // `Article 5.` / `Article 5-`: trailing punctuation belongs to the separator.
            while tokenEnd > k, [0x2E, 0x2C, 0x3B, 0x2D, 0x29].contains(b[tokenEnd - 1]) {
                if [0x2C, 0x3B, 0x29].contains(b[tokenEnd - 1]) { return .noHeading } // `Article 5, paragraph 2`
                tokenEnd -= 1
            }
            // (`Article .` leaves no token: the Character parse answers that.)
            guard tokenEnd > k else { return .unsure }
            let token = text(k..<tokenEnd)
            var afterNumber = tokenEnd
            guard let shape = numberShape(token, kind: kind) else { return .noHeading }
            if shape == "word" { return .unsure }
            var numberText = token
            // Inserted articles: `Artikel 3 bis`.
            var m = afterNumber
            while m < count, b[m] == 0x20 { m += 1 }
            var n = m
            while n < count, isLetter(b[n]) { n += 1 }
            if n - m == 1, m > afterNumber { return .unsure } // `Article 5 a …`: a title or a sentence
            if n - m >= 3, ["bis", "ter", "quater", "quinquies", "sexies"].contains(text(m..<n).lowercased()) {
                numberText += " " + text(m..<n)
                afterNumber = n
            }
            // The rest, trimmed of spaces.
            var restStart = afterNumber, restEnd = count
            while restStart < restEnd, b[restStart] == 0x20 { restStart += 1 }
            while restEnd > restStart, b[restEnd - 1] == 0x20 { restEnd -= 1 }
            var separator = "eol"
            if restStart < restEnd {
                let f = b[restStart]
                if f == 0x3A || f == 0x2E || f == 0x2D { // : . -
                    separator = "punct"
                    restStart += 1
                    while restStart < restEnd, b[restStart] == 0x20 { restStart += 1 }
                } else if (0x41...0x5A).contains(f) || f == 0x5B { // upper-case letter, [
                    separator = "space"
                } else if f == 0x28, restEnd - restStart >= 2, b[restStart + 1] == 0x5E { // (^
                    separator = "space"
                } else {
                    return .noHeading // `Article 14.3 is subject to…`: a reference (a digit needs a word or annex number)
                }
            }
            let title = cleanTitle(text(restStart..<restEnd))
            if let t = title {
                if t.utf8.count > 200 { return .noHeading }
                if separator == "space", let l = t.utf8.last, l == 0x3B || l == 0x2C { return .noHeading }
            }
            let keywordCase = keyword == keyword.uppercased() ? "upper" : ((0x41...0x5A).contains(b[i]) ? "title" : "lower")
            if keywordCase == "lower" { return .noHeading }
            let style = asciiStyle(kind: kind, keywordCase: keywordCase, shape: shape, separator: separator == "eol" ? "punct" : separator)
                ?? "\(kind.rawValue)/\(keywordCase)/\(shape)/\(separator == "eol" ? "punct" : separator)"
            return .heading(HeadingMatch(kind: kind, number: keyword + " " + numberText, heading: title, style: style, offset: offset))
        }
    }

    /// The byte parse's heading styles, made once (`kind/case/shape/separator`, as
    /// `parseCharacters` interpolates them): interpolating the style took about 2,000
    /// instructions of a heading's 8,000.
    private static let asciiKinds: [DivisionKind] = [.article, .chapter, .section, .part]
    private static let asciiCases = ["upper", "title"]
    private static let asciiShapes = ["int", "dotted", "roman", "alnum", "letter"]
    private static let asciiSeparators = ["punct", "space"]
    private static let asciiStyles: [String] = asciiKinds.flatMap { kind in
        asciiCases.flatMap { keywordCase in
            asciiShapes.flatMap { shape in asciiSeparators.map { "\(kind.rawValue)/\(keywordCase)/\(shape)/\($0)" } }
        }
    }

    /// The made style for these parts, or nil for parts not in the table.
    private static func asciiStyle(kind: DivisionKind, keywordCase: String, shape: String, separator: String) -> String? {
        guard let k = asciiKinds.firstIndex(of: kind), let c = asciiCases.firstIndex(of: keywordCase),
              let h = asciiShapes.firstIndex(of: shape), let s = asciiSeparators.firstIndex(of: separator) else { return nil }
        return asciiStyles[((k * asciiCases.count + c) * asciiShapes.count + h) * asciiSeparators.count + s]
    }

    /// `parsePlain` by Characters: any line.
    static func parseCharacters(_ line: String) -> HeadingMatch? {
        // An opening quotation mark (" “ ‘ « „) may come first: an amending instrument quotes the
        // replacement text, and its first heading opens the quotation ("“Article 8.81").
        func isLead(_ c: Character) -> Bool {
            // The quotes compared one by one: hashing a Character for the set cost more than the parse around it.
            c == " " || c == "\t" || c == "#" || c == "*" || c == "_" || c == "\u{00A0}"
                || c == "\"" || c == "\u{201C}" || c == "\u{2018}" || c == "\u{00AB}" || c == "\u{201E}"
        }
        // Most lines open with no keyword: say so from the line's first word, before the
        // whole line is made an array of characters (a 50 MB line would take gigabytes).
        guard opensWithKeyword(line, isLead: isLead) else { return nil }
        // Indentation, markdown heading marks and bold/italic markers before the keyword.
        let offset = line.prefix(while: isLead).count
        // Drop emphasis markers so `**Article 5**` parses like `Article 5`.
        // (No `*` byte, no `*` Character: then the line is not filtered into a new string first.)
        let chars = line.utf8.contains(0x2A) ? Array(line.filter { $0 != "*" }) : Array(line)
        var i = 0
        while i < chars.count, isLead(chars[i]) { i += 1 }
        guard i < chars.count, isLetter(chars[i]) else { return nil }
        var j = i
        while j < chars.count, isLetter(chars[j]) { j += 1 }
        if j < chars.count, chars[j] == ".", text(chars[i..<j]).lowercased() == "art" { j += 1 }
        let keyword = text(chars[i..<j])
        let lower = keyword.lowercased()
        // The rest of the line as a string only where a bare keyword is looked for
        // (a preamble, an annex): made for every heading, it was a profile's hot spot.
        func rest0() -> String { text(chars[j...]) }
        if preambleWords.contains(lower), rest0().trimmed().trimmingTrailing(":").isEmpty {
            return HeadingMatch(kind: .preamble, number: nil, heading: keyword, style: "preamble", offset: offset)
        }
        guard let kind = keywords[lower] else { return nil }
        // A bare `ANNEX` line opens an unnumbered annex.
        if kind == .annex, keyword == keyword.uppercased() || rest0().isEmpty, rest0().trimmed().isEmpty {
            return HeadingMatch(kind: .annex, number: nil, heading: nil, style: "annex/bare", offset: offset)
        }
        // The keyword must be followed by white space then a number.
        var k = j
        while k < chars.count, chars[k] == " " || chars[k] == "\u{00A0}" || chars[k] == "\t" { k += 1 }
        guard k > j, k < chars.count else { return nil }
        var end = k
        while end < chars.count, !(chars[end] == " " || chars[end] == "\t" || chars[end] == "\u{00A0}" || chars[end] == ":") { end += 1 }
        var token = text(chars[k..<end])
        var afterNumber = end
        // `Article 5.` / `Article 5:Title`: trailing punctuation belongs to the separator.
        while let last = token.last, last == "." || last == "," || last == ";" || last == "–" || last == "-" || last == ")" {
            if last == "," || last == ";" || last == ")" { return nil } // `Article 5, paragraph 2`: a reference
            token.removeLast()
            afterNumber -= 1
        }
        guard let shape = numberShape(token, kind: kind) else { return nil }
        var numberText = token
        // Number words may run over two tokens: `CHAPTER TWENTY ONE`, `TWENTY-ONE`.
        if shape == "word" {
            var m = afterNumber
            while m < chars.count, chars[m] == " " { m += 1 }
            var n = m
            while n < chars.count, isLetter(chars[n]) || chars[n] == "-" { n += 1 }
            let next = text(chars[m..<n])
            if !next.isEmpty, next == next.uppercased(), numberWords.contains(next.lowercased()) {
                numberText += " " + next
                afterNumber = n
            }
        }
        // Inserted articles: `Artikel 3 bis`, `Article 10 ter`.
        do {
            var m = afterNumber
            while m < chars.count, chars[m] == " " { m += 1 }
            var n = m
            while n < chars.count, isLetter(chars[n]) { n += 1 }
            let word = text(chars[m..<n])
            // `Article ORIG.18 a` then its title: a single lower-case letter inserted after
            // the number. A sentence such as `Article 5 a Party shall…` is told apart by its
            // end: a title is short and has no closing punctuation (or sits on its own line).
            var t = n
            while t < chars.count, chars[t] == " " || chars[t] == "\t" || chars[t] == "\n" || chars[t] == "\r" { t += 1 }
            func titleLike() -> Bool { // asked only of a one-letter word
                let restOfLine = text(chars[t...]).trimmed()
                return restOfLine.isEmpty
                    || (chars[t].isUppercase && restOfLine.count <= 120 && !(restOfLine.last.map { ".;:,".contains($0) } ?? false))
            }
            let letterSuffix = word.count == 1 && word.first?.isLowercase == true && m > afterNumber && n > m && titleLike()
            if ["bis", "ter", "quater", "quinquies", "sexies"].contains(word.lowercased()) || letterSuffix {
                numberText += " " + word
                afterNumber = n
            }
        }
        var rest = text(chars[afterNumber...]).trimmed()
        var separator = "eol"
        if let f = rest.first {
            if f == ":" || f == "." || f == "–" || f == "—" || f == "-" {
                separator = "punct"
                rest = String(rest.dropFirst()).trimmed()
            } else if f.isUppercase || f == "[" || f == "…" || f == "(" && rest.hasPrefix("(^") {
                separator = "space"
            } else if f.isNumber, shape == "word" || kind == .annex {
                separator = "space"
            } else {
                return nil // `Article 10.8 (Reservations…`, `Article 14.3 is subject to…`: a reference
            }
        }
        let title = cleanTitle(rest)
        // A real heading's title is short and is not the end of a sentence in a list.
        if let t = title {
            if t.count > 200 { return nil }
            if separator == "space", let l = t.last, l == ";" || l == "," { return nil }
        }
        let keywordCase = keyword == keyword.uppercased() ? "upper" : (keyword.first?.isUppercase == true ? "title" : "lower")
        if keywordCase == "lower" { return nil } // `article 5 applies…` inside a sentence
        let style = "\(kind.rawValue)/\(keywordCase)/\(shape)/\(separator == "eol" ? "punct" : separator)"
        return HeadingMatch(kind: kind, number: keyword + " " + numberText, heading: title, style: style, offset: offset)
    }

    /// `String(chars)`, specialised here: the standard library's generic initialiser
    /// took thousands of instructions for a heading's few words (most of the parse of a
    /// big text's headings). The same Characters in the same order: the same string.
    private static func text(_ chars: ArraySlice<Character>) -> String {
        var out = ""
        for c in chars { out.append(c) }
        return out
    }

    /// `Character.isLetter`, answered without Unicode tables for an ASCII Character.
    @inline(__always) private static func isLetter(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return c.isLetter }
        return (0x41...0x5A).contains(a) || (0x61...0x7A).contains(a)
    }

    /// What a heading number looks like, or nil when the token is not a number.
    static func numberShape(_ token: String, kind: DivisionKind) -> String? {
        guard !token.isEmpty, token.count <= 16 else { return nil }
        // ASCII digits only, told on bytes (a digit with a mark after it has a non-ASCII byte):
        // asking each Character `isNumber` cost thousands of instructions a heading.
        if token.utf8.allSatisfy({ (0x30...0x39).contains($0) }) { return "int" }
        if token.allSatisfy({ $0.isASCII && $0.isNumber }) { return "int" }
        if token.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), token.first?.isNumber == true { return "dotted" }
        // `8.61-F`: a dotted number with an inserted-article letter is written in the same
        // style as `8.58`, so one heading style does not hide the other (UK–Singapore DEA).
        if let dash = token.lastIndex(of: "-"), token[..<dash].contains("."),
           numberShape(String(token[..<dash]), kind: kind) == "dotted",
           case let suffix = token[token.index(after: dash)...], (1...2).contains(suffix.count),
           suffix.allSatisfy({ $0.isASCII && $0.isLetter }) {
            return "dotted"
        }
        if numberWords.contains(token.lowercased()) || token.contains("-") && token.split(separator: "-").allSatisfy({ numberWords.contains($0.lowercased()) }) {
            return token == token.uppercased() || kind == .chapter ? "word" : nil
        }
        if token.allSatisfy({ "IVXLC".contains($0) }) { return "roman" }
        // `ORIG.1`, `2.A.1`, `14-A`, `1bis`, and single letters for sections and annexes (`SECTION A`).
        let allowed = token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
        guard allowed else { return nil }
        if token.contains(where: { $0.isNumber }) {
            if token.first?.isNumber == true { return "alnum" }
            if token.prefix(while: { $0.isLetter }).allSatisfy({ $0.isUppercase }) { return "alnum" }
            return nil
        }
        if token.count == 1, token.first?.isUppercase == true, kind != .article { return "letter" }
        return nil
    }

    /// Cleans a heading's title: page numbers (`- 3 -`), dot leaders, footnote marks.
    static func cleanTitle(_ raw: String) -> String? {
        cleansToItself(raw) ? raw : cleanTitleSteps(raw)
    }

    /// `cleanTitle` step by step: what `cleansToItself` must agree with.
    static func cleanTitleSteps(_ raw: String) -> String? {
        var t = raw
        // Foundation's search only when four dots are there (it showed in profiles, once per heading).
        if t.containsBytes("...."), let r = t.range(of: "....") { t = String(t[..<r.lowerBound]) }
        t = t.trimmed()
        // Trailing `- 3 -` left by PDF conversion.
        if t.hasSuffix("-") {
            let parts = t.split(separator: " ")
            if parts.count >= 3, parts[parts.count - 1] == "-", parts[parts.count - 2].allSatisfy(\.isNumber),
               parts[parts.count - 3] == "-" {
                t = parts.dropLast(3).joined(separator: " ")
            }
        }
        t = FootnoteMarks.strip(t).trimmed()
        while let l = t.last, l == "*" || l == "_" || l == "#" { t.removeLast() }
        t = t.trimmed()
        return t.isEmpty ? nil : t
    }
}

extension HeadingParser {
    /// Whether `cleanTitle` gives `raw` back as it is, told from its bytes: printable
    /// ASCII, not empty, visible first and last bytes (nothing to trim), no `....`
    /// (no dot leader), no `[` or `(` (no footnote mark), and a last byte that is no
    /// `-` (no page number), `*`, `_` or `#`. Most titles are such, and the steps
    /// that find nothing to do cost about 1,700 instructions a heading.
    static func cleansToItself(_ raw: String) -> Bool {
        var raw = raw
        return raw.withUTF8 { b -> Bool in
            guard let first = b.first, let last = b.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last),
                  last != 0x2D, last != 0x2A, last != 0x5F, last != 0x23 else { return false }
            var dots = 0
            for x in b {
                guard (0x20...0x7E).contains(x), x != 0x5B, x != 0x28 else { return false }
                dots = x == 0x2E ? dots + 1 : 0
                if dots == 4 { return false }
            }
            return true
        }
    }
}

extension String {
    func trimmingTrailing(_ ch: Character) -> String {
        var s = self
        while s.last == ch { s.removeLast() }
        return s
    }
}
