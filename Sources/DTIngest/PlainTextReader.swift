import DTModel

/// Reads plain text and markdown: agreement texts converted from PDF or kept
/// as markdown. Structure comes from numbered headings (`Article 12.14: …`,
/// `### Article 11: …`, `CHAPTER 12`); page furniture, front matter and
/// markup are dropped first, with every kept line keeping its original number.
enum PlainTextReader {
    static func read(bytes: [UInt8], path: String, markdown: Bool, deferParagraphs: Bool = false) throws -> Agreement {
        // The decoded text is a temporary: only its lines are kept (50 MB less at the peak of a 50 MB file).
        let raw = splitLines(try TextDecoding.decode(bytes, path: path))
        var prepared = PreparedText(raw: raw, markdown: markdown)
        prepared.clean()
        let lines = prepared.lines

        // Headings: every candidate, then only those written in the document's heading style.
        let headings = HeadingFilter.headings(lines.enumerated()
            .filter { i, line in !line.isEmpty && !HeadingParser.surelyNoHeading(line) && !prepared.isFootnoteStart(i) }
            .map { i, line in (i, line, markdown && prepared.isMarkdownHeading[i]) })

        var builder = OutlineBuilder()
        builder.deferParagraphs = deferParagraphs
        var title = prepared.title
        var i = 0
        func isBlank(_ j: Int) -> Bool { j < 0 || j >= lines.count || lines[j].trimmed().isEmpty }
        while i < lines.count {
            let line = lines[i]
            let lineNo = i + 1
            if let m = headings[i] {
                // Column of the keyword's first letter in the file's own line (after `#`, `**`, indentation).
                let column = (raw[i].firstIndex(where: { $0.isLetter }).map { raw[i].distance(from: raw[i].startIndex, to: $0) } ?? m.offset) + 1
                builder.open(kind: m.kind, number: m.number, heading: m.heading,
                             location: SourceLocation(line: lineNo, column: column))
                // A long title wrapped onto a second line before a blank line (PDF text).
                if !markdown, m.heading != nil, line.count >= 50, !isBlank(i + 1), isBlank(i + 2),
                   headings[i + 1] == nil, lines[i + 1].trimmed().count < 60,
                   OutlineBuilder.looksLikeTitle(lines[i + 1].trimmed()) || lines[i + 1].first?.isUppercase == true
                   && !lines[i + 1].trimmed().hasSuffix(".") {
                    builder.continueHeading(lines[i + 1].trimmed())
                    i += 2
                    continue
                }
                i += 1
                continue
            }
            if let (footnote, next) = prepared.footnote(at: i) {
                builder.footnote(footnote)
                // Keep the line count: the footnote's lines become blank lines.
                for j in i..<next { builder.text("", line: j + 1) }
                i = next
                continue
            }
            if markdown, prepared.isMarkdownHeading[i] {
                let text = line.trimmed()
                if title == nil, builder.isEmpty {
                    title = HeadingParser.cleanTitle(text)
                } else {
                    builder.text(text, line: lineNo, standalone: true)
                }
                i += 1
                continue
            }
            if !markdown, title == nil, builder.isEmpty, !line.trimmed().isEmpty {
                // The first line of a text file names it when it is short and not a heading.
                let t = line.trimmed()
                if t.count <= 150, !t.hasSuffix("."), !t.hasSuffix(":") { title = t; i += 1; continue }
                title = ""
            }
            // A line between blank lines (or right under a heading) may be that heading's title.
            builder.text(line, line: lineNo, standalone: (isBlank(i - 1) || headings[i - 1] != nil) && isBlank(i + 1))
            i += 1
        }
        let divisions = builder.finish()
        return Agreement(title: title?.nonEmpty, language: prepared.language,
                         sourceFormat: markdown ? .markdown : .text, sourcePath: path, divisions: divisions)
    }

    /// Splits on `\n`, `\r\n` and `\r`, keeping empty lines so numbering matches editors.
    /// On UTF-8 bytes: a line break is one ASCII byte, so every slice is whole UTF-8
    /// (scalar by scalar, this was a quarter of reading a big text).
    static func splitLines(_ text: String) -> [String] {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { buf -> [String] in
            var lines: [String] = []
            var start = 0, i = 0
            let n = buf.count
            while i < n {
                let b = buf[i]
                if b == 0x0A || b == 0x0D {
                    lines.append(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self))
                    if b == 0x0D, i + 1 < n, buf[i + 1] == 0x0A { i += 1 }
                    start = i + 1
                }
                i += 1
            }
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<n]), as: UTF8.self))
            return lines
        } ?? text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
