/// Reduces markdown and stray inline HTML to plain text, keeping footnote
/// marks in the one form `FootnoteMarks` reads: `[[1]](#0cb0)` becomes `[1]`,
/// `[text](url)` and `![alt](url)` become their text, `\.` becomes `.`,
/// `**bold**` and `_em_` lose their markers, `<tags>` go and common entities are decoded.
enum MarkdownInline {
    static func plain(_ line: String) -> String {
        var out = ""
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\" where i + 1 < chars.count && "\\`*_{}[]()#+-.!|<>".contains(chars[i + 1]):
                out.append(chars[i + 1]); i += 2
            case "!" where i + 1 < chars.count && chars[i + 1] == "[":
                i += 1 // image: keep the alt text as a link's text
            case "[":
                if let (text, next) = link(chars, at: i) { out += text; i = next } else { out.append(c); i += 1 }
            case "*":
                i += 1
            case "_":
                // Emphasis only at a word edge, so `snake_case` and `___` rules survive.
                let before = i > 0 ? chars[i - 1] : " "
                let after = i + 1 < chars.count ? chars[i + 1] : " "
                if before.isLetter && after.isLetter { out.append(c) }
                else if before == "_" || after == "_" { out.append(c) }
                i += 1
            case "<":
                if let close = chars[i...].firstIndex(of: ">"), close - i < 400,
                   i + 1 < chars.count, chars[i + 1].isLetter || chars[i + 1] == "/" || chars[i + 1] == "!" {
                    i = close + 1
                } else { out.append(c); i += 1 }
            case "&":
                if let (ch, next) = entity(chars, at: i) { out += ch; i = next } else { out.append(c); i += 1 }
            default:
                out.append(c); i += 1
            }
        }
        return out
    }

    /// `[text](target)` → text; `[[n]](#x)` → `[n]`; `[^n]` kept. Nil when not a link.
    private static func link(_ chars: [Character], at start: Int) -> (String, Int)? {
        if start + 1 < chars.count, chars[start + 1] == "^" { return nil }
        // Find the matching `]`, allowing one nested pair for `[[1]]`.
        var depth = 0
        var j = start
        while j < chars.count {
            if chars[j] == "[" { depth += 1 }
            if chars[j] == "]" { depth -= 1; if depth == 0 { break } }
            j += 1
        }
        guard j < chars.count, j + 1 < chars.count, chars[j + 1] == "(",
              let close = chars[(j + 1)...].firstIndex(of: ")") else { return nil }
        let inner = String(chars[(start + 1)..<j])
        return (plain(inner), close + 1)
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "#39": "'",
        "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "ndash": "–", "mdash": "—",
    ]

    private static func entity(_ chars: [Character], at start: Int) -> (String, Int)? {
        guard let semi = chars[start...].prefix(10).firstIndex(of: ";") else { return nil }
        let name = String(chars[(start + 1)..<semi])
        if let v = entities[name] { return (v, semi + 1) }
        if name.hasPrefix("#"), let n = UInt32(name.dropFirst()), let s = Unicode.Scalar(n) {
            return (String(Character(s)), semi + 1)
        }
        return nil
    }
}
