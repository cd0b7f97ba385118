import DTModel
import DTXML

/// Reads OpenDocument text: `content.xml` (`text:h` headings with their
/// outline level, `text:p` paragraphs, lists, tables, `text:note` footnotes)
/// and `meta.xml` for the title. As for DOCX, `line` is the paragraph number.
enum OdtReader {
    static func read(bytes: [UInt8], path: String, options: IngestOptions) throws -> Agreement {
        let zip = try ZipParts(bytes: bytes, path: path, limit: options.maxUncompressedSize, kind: "ODT")
        guard let contentBytes = try zip.read("content.xml") else {
            throw IngestError(path: path, message: "not an ODT file: the package has no content.xml")
        }
        let content = try DocxReader.parsePart(contentBytes, name: "content.xml", path: path)
        let meta = try zip.read("meta.xml").flatMap { try? LibXMLParser.parseXML($0) }
        var title = meta.flatMap { $0.root.descendants { $0.name == "title" }.first?.textContent.trimmed().nonEmpty }
        let language = meta.flatMap { $0.root.descendants { $0.name == "language" }.first?.textContent }
            .flatMap(LanguageCode.twoLetter)
        guard let text = content.root.child("body")?.child("text") else {
            throw IngestError(path: path, message: "content.xml has no office:body/office:text", line: content.root.line)
        }
        var walker = OdtWalker()
        walker.walk(text, path: "/office:document-content/office:body/office:text")
        let divisions = BlockOutline.build(walker.blocks, title: &title)
        return Agreement(title: title, language: language, sourceFormat: .odt, sourcePath: path, divisions: divisions)
    }
}

struct OdtWalker {
    private(set) var blocks: [DocBlock] = []
    private var paragraphNumber = 0

    mutating func walk(_ container: XMLElement, path: String) {
        var counts: [String: Int] = [:]
        for child in container.childElements {
            counts[child.name, default: 0] += 1
            let prefix = child.name.hasPrefix("table") ? "table" : "text"
            let childPath = SourceLocation.childPath(path, prefix + ":" + child.name, counts[child.name] ?? 1)
            switch child.name {
            case "h", "p":
                paragraphNumber += 1
                var notes: [Footnote] = []
                let text = Self.inlineText(child, notes: &notes, line: paragraphNumber)
                if text.trimmed().isEmpty && notes.isEmpty { continue }
                blocks.append(DocBlock(text: text, isStyledHeading: child.name == "h", line: paragraphNumber,
                                       path: childPath, footnotes: notes))
            case "table":
                let first = paragraphNumber + 1
                var rows: [String] = []
                var notes: [Footnote] = []
                for row in child.descendants(where: { $0.name == "table-row" }) {
                    var cells: [String] = []
                    for cell in row.childElements where cell.name == "table-cell" {
                        let ps = cell.descendants { $0.name == "p" || $0.name == "h" }
                        paragraphNumber += ps.count
                        cells.append(TextCollapse.collapse(ps.map { Self.inlineText($0, notes: &notes, line: first) }.joined(separator: " ")))
                    }
                    let line = cells.joined(separator: "\t")
                    if !line.trimmed().isEmpty { rows.append(line) }
                }
                if !rows.isEmpty {
                    blocks.append(DocBlock(text: rows.joined(separator: "\n"), isStyledHeading: false, line: first,
                                           path: childPath, footnotes: notes, isTable: true))
                }
            case "list", "list-item", "list-header", "section", "index-body", "table-of-content", "illustration-index":
                if child.name == "table-of-content" { continue } // a generated index repeats every heading
                walk(child, path: childPath)
            default:
                continue
            }
        }
    }

    /// Text of a paragraph: spans joined, `text:s` spaces, tabs, line breaks; notes taken out.
    static func inlineText(_ e: XMLElement, notes: inout [Footnote], line: Int) -> String {
        var out = ""
        for child in e.children {
            switch child {
            case .text(let t, _): out += t
            case .element(let c):
                switch c.name {
                case "s": out += String(repeating: " ", count: max(1, min(Int(c["c"] ?? "1") ?? 1, 100)))
                case "tab": out += "\t"
                case "line-break": out += "\n"
                case "note":
                    let label = c.child("note-citation")?.textContent.trimmed()
                    let body = c.child("note-body").map { TextCollapse.collapse($0.textContent) } ?? ""
                    if !body.isEmpty {
                        notes.append(Footnote(label: label?.nonEmpty ?? c["id"], text: body, location: SourceLocation(line: line)))
                    }
                case "bookmark", "bookmark-start", "bookmark-end", "soft-page-break", "annotation", "tracked-changes":
                    continue
                default:
                    out += inlineText(c, notes: &notes, line: line)
                }
            }
        }
        return out
    }
}
