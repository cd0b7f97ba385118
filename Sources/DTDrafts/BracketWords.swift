/// Reads the words a bracket starts or ends with: alternative labels (`ALT 1:`,
/// `Option B:`), attributions (`AU/CA/NZ propose:`, `CH propose; CO/US oppose:`),
/// comment lead-ins (`KR:`, `Note:`) and the brackets that are not negotiation
/// brackets at all. Pure functions over the bracket's text.
enum BracketWords {
    /// The parties and stances of an attribution such as `EU propose; NO considering`,
    /// or nil when the words are not one.
    static func positions(_ text: Substring) -> [PartyPosition]? {
        let clauses = text.split(separator: ";", omittingEmptySubsequences: false)
        var out: [PartyPosition] = []
        for clause in clauses {
            let words = clause.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" || $0 == "\n" })
            guard words.count >= 2, let stance = stance(words[words.count - 1]) else { return nil }
            guard let parties = parties(words.dropLast()) else { return nil }
            out.append(PartyPosition(parties: parties, stance: stance))
        }
        return out.isEmpty ? nil : out
    }

    /// `propose`, `proposes`, `proposal`, `support`, `oppose`, `considering` …
    static func stance(_ word: Substring) -> PartyStance? {
        let w = word.lowercased().trimmingCharacters(in: ".,")
        if w.hasPrefix("propos") || w.hasPrefix("support") { return .propose }
        if w.hasPrefix("oppos") || w == "object" || w == "objects" { return .oppose }
        if w.hasPrefix("consider") || w == "reserve" || w == "reserves" || w == "reserving" { return .consider }
        return nil
    }

    /// Party names as written: `AU/CA/NZ`, `CO, US and JP`, `Japan`. Nil when a word is
    /// not a party code or name.
    static func parties(_ words: ArraySlice<Substring>) -> [String]? {
        var out: [String] = []
        for word in words {
            let lower = word.lowercased()
            if lower == "and" || lower == "&" || lower == "," { continue }
            for piece in word.split(whereSeparator: { $0 == "/" || $0 == "," || $0 == "+" }) {
                guard isParty(piece) else { return nil }
                out.append(String(piece))
            }
        }
        return out.isEmpty ? nil : out
    }

    /// A party code (`US`, `EU`, `CPTPP`) or a capitalised name (`Japan`).
    static func isParty(_ s: Substring) -> Bool {
        guard let first = s.first, first.isUppercase, s.count <= 24 else { return false }
        return s.allSatisfy { $0.isLetter || $0 == "-" || $0 == "." }
    }

    /// Words that open a comment: `[Note: …]`, `[Drafting note: …]`.
    static let commentLeads: Set<String> = [
        "note", "notes", "drafting note", "drafter's note", "drafters' note", "drafter’s note", "editor's note", "editor’s note",
        "comment", "comments", "nb", "n.b.", "explanatory note", "footnote", "question", "q",
    ]

    /// The lead-in of a bracket up to its first colon, when it is one of: an
    /// alternative label, a label and an attribution, an attribution, a comment lead.
    struct Lead {
        var label: String?
        var attribution: Attribution?
        var comment: Bool
        /// Unicode scalars from the start of the bracket's text to past the lead.
        var length: Int
    }

    static func lead(_ text: String) -> Lead? {
        var rest = Substring(text)
        var consumed = 0
        var label: String?
        // `ALT 1:` / `Alt. 2 –` / `Alternative 1:` / `Option A:`.
        if let (l, n) = alternativeLabel(rest) {
            label = l
            consumed += n
            rest = Substring(String(String.UnicodeScalarView(rest.unicodeScalars.dropFirst(n))))
        }
        // An attribution, a comment lead or nothing, ended by the first colon within 100 characters.
        let window = rest.prefix(100)
        if let colon = window.firstIndex(of: ":") {
            let head = rest[..<colon]
            let trimmed = head.trimmingCharacters(in: " \t\n\u{00A0}")
            let headLength = rest.unicodeScalars.distance(from: rest.unicodeScalars.startIndex, to: colon) + 1
            if let positions = positions(Substring(trimmed)) {
                return Lead(label: label, attribution: Attribution(written: collapse(trimmed), positions: positions),
                            comment: false, length: consumed + headLength)
            }
            if label == nil {
                if commentLeads.contains(trimmed.lowercased()) {
                    return Lead(label: nil, attribution: nil, comment: true, length: headLength)
                }
                // `[KR: we need more time]`: parties with no stance speak, they do not propose.
                let words = trimmed.split(separator: " ")
                if !words.isEmpty, words.count <= 4, words.allSatisfy({ w in w.split(separator: "/").allSatisfy { isCode($0) } }) {
                    return Lead(label: nil, attribution: Attribution(written: collapse(trimmed), positions: []), comment: true,
                                length: headLength)
                }
            }
        }
        if let label { return Lead(label: label, attribution: nil, comment: false, length: consumed) }
        return nil
    }

    /// A country or organisation code: two to five capitals.
    static func isCode(_ s: Substring) -> Bool {
        (2...5).contains(s.count) && s.allSatisfy { $0.isASCII && $0.isUppercase }
    }

    /// `ALT 1`, `Option B` … at the start, with its separator, and its length in scalars.
    static func alternativeLabel(_ s: Substring) -> (String, Int)? {
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count, scalars[i] == " " { i += 1 }
        var j = i
        while j < scalars.count, scalars[j].properties.isAlphabetic { j += 1 }
        let word = String(String.UnicodeScalarView(scalars[i..<j])).lowercased()
        guard ["alt", "alternative", "option"].contains(word) else { return nil }
        if j < scalars.count, scalars[j] == "." { j += 1 }
        var k = j
        while k < scalars.count, scalars[k] == " " { k += 1 }
        var m = k
        while m < scalars.count, scalars[m].properties.isAlphabetic || ("0"..."9").contains(scalars[m]) { m += 1 }
        let number = String(String.UnicodeScalarView(scalars[k..<m]))
        guard k > j || word == "alt", !number.isEmpty, number.count <= 3,
              number.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) || (number.count == 1 && number.uppercased() == number)
        else { return nil }
        let written = String(String.UnicodeScalarView(scalars[i..<m]))
        var n = m
        while n < scalars.count, scalars[n] == " " { n += 1 }
        if n < scalars.count, [":", ".", "–", "-", "—", ")"].contains(scalars[n]) { n += 1 } else { return nil }
        return (collapse(written), n)
    }

    /// Whether the text has a word of three or more lower-case letters.
    static func hasLowercaseWord(_ text: String) -> Bool {
        var run = 0
        for c in text.unicodeScalars {
            if c.properties.isLowercase { run += 1; if run >= 3 { return true } } else { run = 0 }
        }
        return false
    }

    /// Whether a whole bracket's text is a blank to fill in (`[date]`, `[X]`, `[insert name]`).
    static func isPlaceholder(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: " \t\n").lowercased()
        if ["date", "x", "xx", "xxx", "number", "year", "years", "n", "tbd", "tbc", "to be confirmed", "to be determined",
            "name", "party", "amount", "period", "days", "months", "•", "venue", "place", "signed", "signed:", "signature",
            "l.s.", "seal"].contains(t) { return true }
        return t.hasPrefix("insert ") || t.hasPrefix("indicate ") || t.hasPrefix("name of ") || t.hasPrefix("placeholder") || t.hasPrefix("x ") && t.count < 20
    }

    /// Whether a whole bracket's text marks it as editorial: `reserved`, `sic`, an
    /// enumerator or footnote mark, an ellipsis, a heading-like title.
    static func isEditorial(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: " \t\n\u{00A0}")
        let lower = t.lowercased().trimmingCharacters(in: ".!")
        if t.isEmpty { return true }
        if ["reserved", "sic", "emphasis added", "...", "…", "intentionally left blank", "intentionally omitted",
            "deleted", "omitted"].contains(lower) { return true }
        if t.hasPrefix("^") { return true } // a Markdown footnote reference
        // Enumerators and footnote marks: `[a]`, `[iv]`, `[1]`, `[12a]`, `[*]`.
        if t.count <= 5, t.allSatisfy({ $0.isNumber || $0.isLetter || $0 == "*" || $0 == "." }),
           t.allSatisfy({ $0.isNumber || $0 == "*" || $0 == "." }) || t.count == 1
            || t.lowercased().allSatisfy({ "ivxlc".contains($0) }) || (t.first?.isNumber == true && t.count <= 4) {
            return true
        }
        return isTitle(t)
    }

    /// A short title in title case, `Scope`, `Location of Computing Facilities`: a
    /// heading or a cross-reference's title, not operative words.
    static func isTitle(_ t: String) -> Bool {
        let words = t.split(separator: " ")
        guard !words.isEmpty, words.count <= 10, t.count <= 90 else { return false }
        guard !t.contains(where: { ":;.?!".contains($0) }) else { return false }
        guard words[0].first?.isUppercase == true else { return false }
        let small: Set<String> = ["of", "and", "or", "the", "a", "an", "on", "in", "for", "to", "by", "with", "its", "at"]
        return words.allSatisfy { w in
            small.contains(String(w)) || w.first?.isUppercase == true || w.first?.isNumber == true || w.first == "("
        }
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\u{00A0}" }).joined(separator: " ")
    }
}

extension StringProtocol {
    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
