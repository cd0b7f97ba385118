import DTModel

/// A text or markdown file's lines made ready for heading detection: front
/// matter read and blanked, markup reduced, page numbers and running headers
/// blanked. Lines are blanked, never removed, so line numbers stay the file's.
struct PreparedText {
    let raw: [String]
    let markdown: Bool
    private(set) var lines: [String]
    private(set) var isMarkdownHeading: [Bool]
    private(set) var isPageNumber: [Bool]
    private(set) var title: String?
    private(set) var language: String?
    /// Whether page-bottom footnotes (` 1 For greater certainty…`) are to be looked for.
    private var hasPages = false

    init(raw: [String], markdown: Bool) {
        self.raw = raw
        self.markdown = markdown
        self.lines = raw
        self.isMarkdownHeading = Array(repeating: false, count: raw.count)
        self.isPageNumber = Array(repeating: false, count: raw.count)
    }

    mutating func clean() {
        if markdown { readFrontMatter() }
        var inFence = false
        for i in lines.indices {
            var line = lines[i]
            if markdown {
                let t = line.trimmed()
                if t.hasPrefix("```") || t.hasPrefix("~~~") { inFence.toggle(); lines[i] = ""; continue }
                // Horizontal rules and fenced rules (`___`, `---`, `***`) carry no text.
                // (Characters checked first: a long line of text fails at its first letter, not after a count.)
                if t.allSatisfy({ $0 == "_" || $0 == "-" || $0 == "*" || $0 == " " }), t.count >= 3 { lines[i] = ""; continue }
                if inFence { lines[i] = line; continue }
                if t.hasPrefix("#") {
                    isMarkdownHeading[i] = true
                    line = String(t.drop { $0 == "#" })
                }
                while line.hasPrefix(">") { line = String(line.dropFirst()).trimmed() }
                line = MarkdownInline.plain(line)
            } else if line.containsASCII(0x0C) { // not `contains("\u{000C}")`: Foundation's search, per line
                line = line.replacingAll("\u{000C}", with: "") // form feeds between pages
            }
            if PageFurniture.isPageNumber(line) {
                isPageNumber[i] = true
                hasPages = true
                line = ""
                isMarkdownHeading[i] = false
            }
            lines[i] = line
        }
        // Markdown headings repeat on purpose (`####Doel` in many chapters): not running headers.
        let repeated = PageFurniture.runningHeaders(lines, skipping: isMarkdownHeading)
        // (None found is the common case: then no line is trimmed again.)
        for i in lines.indices where !repeated.isEmpty && !isMarkdownHeading[i] && repeated.contains(lines[i].trimmed()) {
            lines[i] = ""
            isMarkdownHeading[i] = false
        }
    }

    /// `---` YAML front matter at the top: read `title:` and `lang:`, then blank it.
    private mutating func readFrontMatter() {
        guard let first = lines.firstIndex(where: { !$0.trimmed().isEmpty }), lines[first].trimmed() == "---" else { return }
        guard let end = lines.indices.dropFirst(first + 1).prefix(80).first(where: { lines[$0].trimmed() == "---" }) else { return }
        for i in first...end {
            let t = lines[i].trimmed()
            if let colon = t.firstIndex(of: ":") {
                let key = t[..<colon].lowercased()
                var value = t[t.index(after: colon)...].trimmed()
                if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f {
                    value = String(value.dropFirst().dropLast())
                }
                if key == "title", !value.isEmpty { title = value }
                if key == "lang" || key == "language", !value.isEmpty { language = String(value.prefix(2)).lowercased() }
            }
            lines[i] = ""
        }
    }

    /// Whether line `i` starts a footnote's definition.
    func isFootnoteStart(_ i: Int) -> Bool { footnoteLabel(i) != nil }

    private func footnoteLabel(_ i: Int) -> (String, String)? {
        let line = lines[i]
        let t = line.trimmed()
        if markdown {
            // `[^3]: text`, `(^6) text`, `[4] text` (a footnote list at the end).
            for (open, close) in [("[^", "]:"), ("(^", ")"), ("[", "]")] where t.hasPrefix(open) {
                guard let r = t.range(of: close) else { continue }
                let label = t[t.index(t.startIndex, offsetBy: open.count)..<r.lowerBound]
                guard !label.isEmpty, label.count <= 6, !label.contains(" ") else { continue }
                if open == "[" && !label.allSatisfy(\.isNumber) { continue }
                let rest = t[r.upperBound...].trimmed()
                guard !rest.isEmpty else { continue }
                return (String(label), rest)
            }
            return nil
        }
        // PDF text: a page-bottom footnote is a line indented by one space, then its number.
        guard hasPages, i < raw.count, raw[i].hasPrefix(" "), !raw[i].hasPrefix("  ") else { return nil }
        let digits = t.prefix { $0.isNumber }
        guard (1...3).contains(digits.count), t.dropFirst(digits.count).first == " " else { return nil }
        let rest = t.dropFirst(digits.count).trimmed()
        guard let f = rest.first, f.isUppercase else { return nil }
        return (String(digits), rest)
    }

    /// The footnote defined at line `i` and the index of the first line after it.
    func footnote(at i: Int) -> (Footnote, Int)? {
        guard let (label, first) = footnoteLabel(i) else { return nil }
        var text = [first]
        var j = i + 1
        while j < lines.count, j - i < 25, !lines[j].trimmed().isEmpty, !isPageNumber[j],
              !isFootnoteStart(j), !isMarkdownHeading[j] {
            text.append(lines[j].trimmed())
            j += 1
        }
        return (Footnote(label: label, text: text.joined(separator: " "), location: SourceLocation(line: i + 1)), j)
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
