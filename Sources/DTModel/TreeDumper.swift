/// Prints an agreement as an indented outline, one division a line, in the
/// spirit of swift-markdown's `debugDescription`: stable, so it makes a good
/// snapshot. Text is cut to `textWidth` characters with white space collapsed.
public struct TreeDumper {
    public var textWidth: Int

    public init(textWidth: Int = 60) {
        self.textWidth = textWidth
    }

    public func dump(_ agreement: Agreement) -> String {
        var lines: [String] = []
        var header = "Agreement format=\(agreement.sourceFormat.rawValue)"
        header += " language=\(agreement.language ?? "unknown")"
        if let t = agreement.title { header += " title=\"\(TextNormalizer.collapseWhitespace(t))\"" }
        if let d = agreement.dateSigned { header += " signed=\(d)" }
        if !agreement.parties.isEmpty { header += " parties=\(agreement.parties.joined(separator: ","))" }
        lines.append(header)
        DivisionWalker.walk(agreement.divisions) { d, depth in
            var line = String(repeating: "  ", count: depth + 1) + "├─ " + d.kind.rawValue
            if let n = d.number { line += " \"\(n)\"" }
            if let h = d.heading, !h.isEmpty { line += " — \(TextNormalizer.collapseWhitespace(h))" }
            line += " @\(d.location.line)"
            if let c = d.location.column { line += ":\(c)" }
            let text = TextNormalizer.collapseWhitespace(d.text)
            if !text.isEmpty {
                let cut = text.count > textWidth ? String(text.prefix(textWidth)) + "…" : text
                line += " | \(cut)"
            }
            if !d.footnotes.isEmpty { line += " [\(d.footnotes.count) footnote(s)]" }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
