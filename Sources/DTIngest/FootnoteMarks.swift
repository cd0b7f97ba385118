/// Footnote reference marks as text formats write them: `[^3]`, `[[1]](#0cb0)`,
/// `[5]`, `(^6)`. Stripped from headings; found in text to attach footnotes.
enum FootnoteMarks {
    /// Removes every footnote mark from `text`.
    static func strip(_ text: String) -> String {
        // Every mark opens with `[` or `(`: without either byte there is none (a heading's
        // title, usually), and the text needs no walk by Characters.
        guard text.utf8.contains(where: { $0 == 0x5B || $0 == 0x28 }) else { return text }
        var out = ""
        var rest = Substring(text)
        while let (range, _) = firstMark(in: rest) {
            out += rest[..<range.lowerBound]
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    /// Labels of every footnote mark in `text`, in order.
    static func labels(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let (range, label) = firstMark(in: rest) {
            found.append(label)
            rest = rest[range.upperBound...]
        }
        return found
    }

    /// The first mark: `[^label]`, `[[n]](#anchor)`, `[n]` (digits only) or `(^n)`.
    private static func firstMark(in text: Substring) -> (Range<Substring.Index>, String)? {
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "[" || c == "(" {
                if let hit = mark(at: i, in: text) { return hit }
            }
            i = text.index(after: i)
        }
        return nil
    }

    /// The mark at `start`, looking only as far as a mark can reach: a label of at most
    /// 8 characters, digits, or an anchor under 40 (each used to be searched for to the
    /// text's end, so a text of many `[` without `]` cost quadratic time).
    private static func mark(at start: Substring.Index, in text: Substring) -> (Range<Substring.Index>, String)? {
        let s = text[start...]
        if s.hasPrefix("[^") || s.hasPrefix("(^") {
            let close: Character = s.first == "[" ? "]" : ")"
            let labelStart = s.index(start, offsetBy: 2)
            // The close within 9 characters: a label of 1 to 8 characters.
            guard let end = s[labelStart...].prefix(9).firstIndex(of: close) else { return nil }
            let label = s[labelStart..<end]
            guard !label.isEmpty, label.count <= 8, !label.contains(" ") else { return nil }
            return (start..<s.index(after: end), String(label))
        }
        if s.hasPrefix("[[") {
            let labelStart = s.index(start, offsetBy: 2)
            // Digits up to the first `]`.
            guard let end = s[labelStart...].firstIndex(where: { !$0.isNumber }), s[end] == "]" else { return nil }
            let label = s[labelStart..<end]
            guard !label.isEmpty else { return nil }
            var after = s.index(after: end)
            guard after < s.endIndex, s[after] == "]" else { return nil }
            after = s.index(after: after)
            // An optional `(#anchor)` link target.
            if after < s.endIndex, s[after] == "(", let close = s[after...].prefix(40).firstIndex(of: ")") {
                after = s.index(after: close)
            }
            return (start..<after, String(label))
        }
        if s.first == "[" {
            // The close within 4 characters: 1 to 3 digits.
            guard let end = s.dropFirst().prefix(4).firstIndex(of: "]") else { return nil }
            let label = s[s.index(after: start)..<end]
            guard !label.isEmpty, label.count <= 3, label.allSatisfy(\.isNumber) else { return nil }
            return (start..<s.index(after: end), String(label))
        }
        return nil
    }
}
