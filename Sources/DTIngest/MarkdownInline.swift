/// Reduces markdown and stray inline HTML to plain text, keeping footnote
/// marks in the one form `FootnoteMarks` reads: `[[1]](#0cb0)` becomes `[1]`,
/// `[text](url)` and `![alt](url)` become their text, `\.` becomes `.`,
/// `**bold**` and `_em_` lose their markers, `<tags>` go and common entities are decoded.
///
/// Linear in the line's length: each `[` finds its `]` in a table made in one pass,
/// a link's `)` in another, and a link's text is read in place instead of by a
/// recursive call on a copy (a line of `[` without `]` used to cost a scan to the
/// line's end per bracket: quadratic).
enum MarkdownInline {
    /// The characters that can start markup; a line without any is returned as it is.
    private static let markupBytes: Set<UInt8> = Set("\\![*_<&".utf8)

    static func plain(_ line: String) -> String {
        guard line.utf8.contains(where: { markupBytes.contains($0) }) else { return line }
        let chars = Array(line)
        let (match, nextParen) = brackets(chars)
        var out = ""
        var i = 0
        var end = chars.count
        // Where to go on when a link's text is done: after its `)`, up to the enclosing end.
        var resume: [(at: Int, end: Int)] = []
        while true {
            if i >= end {
                guard let r = resume.popLast() else { break }
                i = r.at
                end = r.end
                continue
            }
            let c = chars[i]
            switch c {
            case "\\" where i + 1 < end && "\\`*_{}[]()#+-.!|<>".contains(chars[i + 1]):
                out.append(chars[i + 1]); i += 2
            case "!" where i + 1 < end && chars[i + 1] == "[":
                i += 1 // image: keep the alt text as a link's text
            case "[":
                // `[text](target)` → text; `[[n]](#x)` → `[n]`; `[^n]` kept.
                let j = match[i]
                if !(i + 1 < end && chars[i + 1] == "^"), j >= 0, j + 1 < end, chars[j + 1] == "(",
                   nextParen[j + 1] < end {
                    resume.append((at: nextParen[j + 1] + 1, end: end))
                    i += 1
                    end = j
                } else { out.append(c); i += 1 }
            case "*":
                i += 1
            case "_":
                // Emphasis only at a word edge, so `snake_case` and `___` rules survive.
                // (At the start of a link's text the character before is its `[`, which
                // reads as the space a separate call on the text saw: neither is a letter or `_`.)
                let before = i > 0 ? chars[i - 1] : " "
                let after = i + 1 < end ? chars[i + 1] : " "
                if before.isLetter && after.isLetter { out.append(c) }
                else if before == "_" || after == "_" { out.append(c) }
                i += 1
            case "<":
                var close = i + 1
                let limit = min(end, i + 400)
                while close < limit, chars[close] != ">" { close += 1 }
                if close < limit, i + 1 < end, chars[i + 1].isLetter || chars[i + 1] == "/" || chars[i + 1] == "!" {
                    i = close + 1
                } else { out.append(c); i += 1 }
            case "&":
                if let (ch, next) = entity(chars, at: i, end: end) { out += ch; i = next } else { out.append(c); i += 1 }
            default:
                out.append(c); i += 1
            }
        }
        return out
    }

    /// For each `[`, the index of the `]` that brings the bracket depth counted from it
    /// back to zero (-1 when none); for each index, the first `)` at or after it
    /// (`chars.count` when none).
    private static func brackets(_ chars: [Character]) -> (match: [Int], nextParen: [Int]) {
        var match = [Int](repeating: -1, count: chars.count)
        var open: [Int] = []
        for (k, c) in chars.enumerated() {
            if c == "[" { open.append(k) } else if c == "]", let o = open.popLast() { match[o] = k }
        }
        var nextParen = [Int](repeating: chars.count, count: chars.count + 1)
        var k = chars.count - 1
        while k >= 0 {
            nextParen[k] = chars[k] == ")" ? k : nextParen[k + 1]
            k -= 1
        }
        return (match, nextParen)
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "#39": "'",
        "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "ndash": "–", "mdash": "—",
    ]

    private static func entity(_ chars: [Character], at start: Int, end: Int) -> (String, Int)? {
        guard let semi = chars[start..<min(end, start + 10)].firstIndex(of: ";") else { return nil }
        let name = String(chars[(start + 1)..<semi])
        if let v = entities[name] { return (v, semi + 1) }
        if name.hasPrefix("#"), let n = UInt32(name.dropFirst()), let s = Unicode.Scalar(n) {
            return (String(Character(s)), semi + 1)
        }
        return nil
    }
}
