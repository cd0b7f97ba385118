import DTModel

/// A paragraph-like block from a word-processor file, ready for outlining.
struct DocBlock {
    var text: String
    /// Styled as a heading (Word `Heading1`…, `Title`; ODT `text:h`).
    var isStyledHeading: Bool
    var line: Int
    var path: String
    var footnotes: [Footnote] = []
    /// A table, rows by newlines and cells by tabs: text, never headings or paragraph numbers.
    var isTable = false
}

/// Turns DOCX/ODT paragraph blocks into divisions the way the text reader does:
/// numbered headings (styled ones always, plain ones in the document's heading
/// style), other heading-styled paragraphs as titles or text.
enum BlockOutline {
    static func build(_ blocks: [DocBlock], title: inout String?) -> [Division] {
        let headings = HeadingFilter.headings(blocks.enumerated()
            .filter { _, b in !b.isTable }
            .map { i, b in (i, TextCollapse.collapse(b.text), b.isStyledHeading) }
            .filter { $0.1.count <= 250 })
        var builder = OutlineBuilder()
        builder.newlinesAdvanceLine = false
        for (i, b) in blocks.enumerated() {
            if let m = headings[i] {
                builder.open(kind: m.kind, number: m.number, heading: m.heading,
                             location: SourceLocation(line: b.line, path: b.path))
            } else if b.isStyledHeading, builder.isEmpty, title == nil {
                title = TextCollapse.collapse(b.text).nonEmpty
            } else {
                builder.text(b.text, line: b.line, path: b.path, standalone: !b.isTable, verbatim: b.isTable)
            }
            for f in b.footnotes { builder.footnote(f) }
        }
        return builder.finish()
    }
}
