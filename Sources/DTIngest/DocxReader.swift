import DTModel
import DTXML

/// Reads Word documents: `word/document.xml` for paragraphs and tables,
/// `word/footnotes.xml` for footnotes (attached where `w:footnoteReference`
/// cites them) and `docProps/core.xml` for the title.
///
/// A DOCX has no lines, so a division's `line` is its paragraph's number in
/// the document (1-based, counting paragraphs inside tables too) and its path
/// is the element path, e.g. `/w:document/w:body/w:p[12]`.
enum DocxReader {
    static func read(bytes: [UInt8], path: String, options: IngestOptions) throws -> Agreement {
        let zip = try ZipParts(bytes: bytes, path: path, limit: options.maxUncompressedSize, kind: "DOCX")
        guard let documentBytes = try zip.read("word/document.xml") else {
            throw IngestError(path: path, message: "not a DOCX file: the package has no word/document.xml")
        }
        let document = try parsePart(documentBytes, name: "word/document.xml", path: path)
        let footnotes = try zip.read("word/footnotes.xml").map { try parsePart($0, name: "word/footnotes.xml", path: path) }
        let notes = footnotes.map(footnoteTexts) ?? [:]
        let core = try zip.read("docProps/core.xml").flatMap { try? LibXMLParser.parseXML($0) }
        var title = core.flatMap { $0.root.child("title")?.textContent.trimmed().nonEmpty }
        let language = core.flatMap { $0.root.child("language")?.textContent }.flatMap(LanguageCode.twoLetter)
        // Word fills dc:title with the file name when no one set it; that names nothing.
        if let t = title, t.lowercased().hasSuffix(".docx") || t.lowercased().hasSuffix(".doc") { title = nil }

        guard let body = document.root.child("body") else {
            throw IngestError(path: path, message: "word/document.xml has no w:body", line: document.root.line)
        }
        var walker = DocxWalker(notes: notes)
        walker.walk(body, path: "/w:document/w:body")
        let divisions = BlockOutline.build(walker.blocks, title: &title)
        return Agreement(title: title, language: language, sourceFormat: .docx, sourcePath: path, divisions: divisions)
    }

    static func parsePart(_ bytes: [UInt8], name: String, path: String) throws -> XMLDocumentTree {
        do {
            return try LibXMLParser.parseXML(bytes, name: name)
        } catch let e as XMLParseError {
            throw IngestError(path: path, message: "\(name) is malformed XML: \(e.message)", line: e.line, column: e.column)
        }
    }

    /// Footnote id → text, skipping Word's separator pseudo-notes.
    static func footnoteTexts(_ tree: XMLDocumentTree) -> [String: String] {
        var out: [String: String] = [:]
        for note in tree.root.childElements where note.name == "footnote" {
            guard let id = note["id"], note["type"] == nil || note["type"] == "normal" else { continue }
            let paragraphs = note.descendants { $0.name == "p" }.map { DocxWalker.paragraphText($0).text.trimmed() }
            let text = paragraphs.filter { !$0.isEmpty }.joined(separator: "\n")
            if !text.isEmpty { out[id] = text }
        }
        return out
    }
}

/// Walks `w:body` in order, turning paragraphs and tables into blocks.
struct DocxWalker {
    let notes: [String: String]
    private(set) var blocks: [DocBlock] = []
    private var paragraphNumber = 0

    init(notes: [String: String]) {
        self.notes = notes
    }

    mutating func walk(_ container: XMLElement, path: String) {
        var counts: [String: Int] = [:]
        for child in container.childElements {
            counts[child.name, default: 0] += 1
            let childPath = "\(path)/w:\(child.name)[\(counts[child.name] ?? 1)]"
            switch child.name {
            case "p":
                paragraphNumber += 1
                let (text, refs) = Self.paragraphText(child)
                let footnotes = refs.compactMap { id in
                    notes[id].map { Footnote(label: id, text: $0, location: SourceLocation(line: paragraphNumber, path: "/w:footnotes/w:footnote[@w:id='\(id)']")) }
                }
                if text.trimmed().isEmpty && footnotes.isEmpty { continue }
                blocks.append(DocBlock(text: text, isStyledHeading: Self.isHeadingStyle(child), line: paragraphNumber,
                                       path: childPath, footnotes: footnotes))
            case "tbl":
                let first = paragraphNumber + 1
                var rows: [String] = []
                var refs: [String] = []
                for row in child.descendants(where: { $0.name == "tr" }) {
                    var cells: [String] = []
                    for cell in row.childElements where cell.name == "tc" {
                        let ps = cell.descendants { $0.name == "p" }
                        paragraphNumber += ps.count
                        let texts = ps.map { Self.paragraphText($0) }
                        refs += texts.flatMap(\.refs)
                        cells.append(TextCollapse.collapse(texts.map(\.text).joined(separator: " ")))
                    }
                    let line = cells.joined(separator: "\t")
                    if !line.trimmed().isEmpty { rows.append(line) }
                }
                let footnotes = refs.compactMap { id in notes[id].map { Footnote(label: id, text: $0, location: SourceLocation(line: first)) } }
                if !rows.isEmpty {
                    blocks.append(DocBlock(text: rows.joined(separator: "\n"), isStyledHeading: false, line: first,
                                           path: childPath, footnotes: footnotes, isTable: true))
                }
            case "sdt", "customXml", "ins", "smartTag":
                // Content controls and tracked insertions wrap ordinary paragraphs.
                if let content = child.child("sdtContent") { walk(content, path: childPath + "/w:sdtContent") }
                else { walk(child, path: childPath) }
            default:
                continue
            }
        }
    }

    /// A paragraph's text (runs joined, `w:tab` → tab, `w:br` → newline) and the
    /// footnote ids it cites. Deleted text and field instructions are skipped.
    static func paragraphText(_ p: XMLElement) -> (text: String, refs: [String]) {
        var text = ""
        var refs: [String] = []
        var stack: [ArraySlice<XMLChild>] = [p.children[...]]
        while var top = stack.popLast() {
            guard let first = top.first else { continue }
            top = top.dropFirst()
            stack.append(top)
            guard case .element(let e) = first else { continue }
            switch e.name {
            case "t": text += e.textContent
            case "tab", "ptab": text += "\t"
            case "br", "cr": text += "\n"
            case "noBreakHyphen": text += "\u{2011}"
            case "footnoteReference": if let id = e["id"] { refs.append(id) }
            case "delText", "instrText", "pPr", "rPr", "del", "fldData": continue
            default: stack.append(e.children[...])
            }
        }
        return (text, refs)
    }

    /// `Heading1`…`Heading9`, `Title`, localized `heading 1`, or an outline level.
    static func isHeadingStyle(_ p: XMLElement) -> Bool {
        guard let pPr = p.child("pPr") else { return false }
        if pPr.child("outlineLvl") != nil { return true }
        guard let style = pPr.child("pStyle")?["val"]?.lowercased() else { return false }
        return style.hasPrefix("heading") || style == "title" || style.hasPrefix("titre") || style.hasPrefix("kop")
    }
}
