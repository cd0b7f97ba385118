/// Escaping and trimming shared by the renderers. Kept in one place so every
/// format escapes the same way and a fix lands everywhere at once.
public enum Escape {
    /// Text and attribute values for HTML and XML (quotes too, so one function serves both).
    public static func markup(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // XML 1.0 forbids most C0 controls even as references; drop them.
                if scalar.value < 0x20, scalar != "\n", scalar != "\t", scalar != "\r" { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF (or leading/trailing space).
    public static func csvField(_ s: String) -> String {
        let needsQuotes = s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || s.hasPrefix(" ") || s.hasSuffix(" ")
        guard needsQuotes else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One CSV record terminated by CRLF, as RFC 4180 asks.
    public static func csvRow(_ fields: [String]) -> String {
        fields.map(csvField).joined(separator: ",") + "\r\n"
    }

    /// Markdown text and table cells: pipes and newlines would break a row, and `<`/`&`
    /// would let a quoted clause inject HTML into a PR comment.
    public static func markdownCell(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ")
    }

    /// An identifier safe for HTML `id`/`href="#…"`: letters, digits, `-` and `_` only.
    public static func anchor(_ s: String) -> String {
        String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
    }
}

/// Quotes are whole paragraphs in some texts; reports show the start of them.
public enum Trim {
    /// Collapses runs of whitespace, then cuts at a word boundary before `limit` characters and adds "…".
    public static func quote(_ s: String, limit: Int = 240) -> String {
        let collapsed = s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard collapsed.count > limit else { return collapsed }
        let cut = collapsed.prefix(limit)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
            return String(cut[..<space]) + " …"
        }
        return String(cut) + "…"
    }
}
