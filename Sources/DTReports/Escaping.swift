import DTModel

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
            // A raw carriage return in an attribute is read back as a space: keep it as a reference.
            case "\r": out += "&#13;"
            default:
                // XML 1.0 forbids most C0 controls even as references, and HTML calls
                // every control a parse error: show them as `\u{1B}` instead of dropping them.
                if ControlCharacters.isControl(scalar), scalar != "\n", scalar != "\t" {
                    out += ControlCharacters.visible(scalar)
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text for a terminal (the text report, stderr): every control character,
    /// line breaks included, written as `\u{1B}`, so a document or a file name
    /// cannot clear the screen, forge a link or a line, or hide what follows.
    public static func terminal(_ s: String) -> String {
        ControlCharacters.escaped(s)
    }

    /// One CSV field (RFC 4180), hardened for spreadsheets as OWASP's CSV-injection
    /// guidance asks: a cell of digits only is a number and written bare; every other
    /// cell is quoted (quotes doubled); a cell starting with `=`, `+`, `-`, `@`, tab or
    /// carriage return (or their full-width forms, which some spreadsheets also read
    /// as formulas) gets a leading `'`, so `=cmd|' /C calc'!A0` stays text; control
    /// characters, line breaks included, are written as `\u{A}` so a cell never
    /// spans lines.
    public static func csvField(_ s: String) -> String {
        if !s.isEmpty, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return s }
        var text = ControlCharacters.escaped(s)
        if let first = text.unicodeScalars.first, formulaLeads.contains(first) { text = "'" + text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Characters that make a spreadsheet read a cell as a formula (OWASP, plus full-width forms).
    static let formulaLeads: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// One CSV record terminated by CRLF, as RFC 4180 asks.
    public static func csvRow(_ fields: [String]) -> String {
        fields.map(csvField).joined(separator: ",") + "\r\n"
    }

    /// Markdown text and table cells: line breaks become spaces (a blank line would end
    /// the paragraph, or the table, and start raw HTML or a heading); `&`, `<`, `>` are
    /// entities so a quoted clause cannot inject HTML into a PR comment; `|` would split
    /// a row; `\`, `` ` ``, `*`, `_`, `~`, `[`, `]` are backslash-escaped so text cannot
    /// open a code span, emphasis, a link or a remote image; other control characters
    /// are shown as `\u{1B}`.
    public static func markdownCell(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var previousCR = false
        for scalar in s.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\n": if !previousCR { out += " " }
            case "\r": out += " "
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "|", "\\", "`", "*", "_", "~", "[", "]":
                out += "\\"
                out.unicodeScalars.append(scalar)
            default:
                if ControlCharacters.isControl(scalar) {
                    out += "\\" + ControlCharacters.visible(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A Markdown code span holding `s` verbatim: fenced with one backtick more than the
    /// longest run of backticks inside it, padded with a space when the text starts or
    /// ends with a backtick or a space (CommonMark strips one from each side), and with
    /// line breaks and other control characters shown as `\u{A}`, since a blank line
    /// would end the span and let the rest be read as HTML or a heading. `<` needs no
    /// escape inside a code span: it is shown as written.
    public static func markdownCode(_ s: String) -> String {
        let text = ControlCharacters.escaped(s)
        var longest = 0, run = 0
        for b in text.utf8 {
            if b == UInt8(ascii: "`") { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = String(repeating: "`", count: longest + 1)
        // Bytes, not Characters: a backtick followed by a combining mark is one Character to
        // Swift, yet a Markdown reader sees the backtick and would join it to the fence.
        let edges = [text.utf8.first, text.utf8.last]
        let pad = edges.contains(UInt8(ascii: "`")) || edges.contains(UInt8(ascii: " "))
        return fence + (pad ? " " + text + " " : text) + fence
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
