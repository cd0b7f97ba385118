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
        let footnotes = try zip.read("word/footnotes.xml").map { try parsePart($0, name: "word/footnotes.xml", path: path) }
        let notes = footnotes.map(footnoteTexts) ?? [:]
        let core = try zip.read("docProps/core.xml").flatMap { try? LibXMLParser.parseXML($0) }
        var title = core.flatMap { $0.root.child("title")?.textContent.trimmed().nonEmpty }
        let language = core.flatMap { $0.root.child("language")?.textContent }.flatMap(LanguageCode.twoLetter)
        // Word fills dc:title with the file name when no one set it; that names nothing.
        if let t = title, t.lowercased().hasSuffix(".docx") || t.lowercased().hasSuffix(".doc") { title = nil }

        // The body is streamed, not built as a tree: one pass reads the text with
        // every tracked change accepted, the original, and the changes.
        let stream = DocxStream(notes: notes)
        do {
            _ = try LibXMLParser.streamXML(documentBytes, name: "word/document.xml", into: stream)
        } catch let e as XMLParseError {
            throw IngestError(path: path, message: "word/document.xml is malformed XML: \(e.message)", line: e.line, column: e.column)
        }
        guard stream.sawBody else {
            throw IngestError(path: path, message: "word/document.xml has no w:body", line: 1)
        }
        let titleBefore = title
        let divisions = BlockOutline.build(stream.accepted, title: &title)
        var agreement = Agreement(title: title, language: language, sourceFormat: .docx, sourcePath: path, divisions: divisions)
        // Tracked changes: the text above has every change accepted; the original has
        // every change rejected. Comments are never text.
        if !stream.changes.isEmpty {
            let comments = try zip.read("word/comments.xml").map { try parsePart($0, name: "word/comments.xml", path: path) }
            agreement.trackedChanges = stream.changes.compactMap { change in
                guard change.kind == .comment else { return change }
                return comments.flatMap { DocxWalker.comment(id: change.text, in: $0, line: change.line) }
            }
            if stream.changes.contains(where: { $0.kind != .comment }) {
                var originalTitle = titleBefore
                agreement.original = BlockOutline.build(stream.rejected, title: &originalTitle)
            }
        }
        return agreement
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
    /// Which text of a document with tracked changes: every change accepted (the
    /// document as it stands) or every change rejected (the original).
    enum View { case accepted, rejected }

    let notes: [String: String]
    let view: View
    private(set) var blocks: [DocBlock] = []
    /// Tracked changes and comment references (their id as `text`), read in the accepted view.
    private(set) var changes: [TrackedChange] = []
    private var paragraphNumber = 0

    init(notes: [String: String], view: View = .accepted) {
        self.notes = notes
        self.view = view
    }

    /// The `w:ins`, `w:del`, `w:moveFrom`, `w:moveTo` and comment references of a
    /// paragraph. Paragraph-mark and format changes (inside `w:pPr`/`w:rPr`) carry
    /// no words and are left out.
    static func changes(in p: XMLElement, line: Int) -> [TrackedChange] {
        var out: [TrackedChange] = []
        func visit(_ e: XMLElement) {
            for child in e.childElements {
                let kind: TrackedChange.Kind
                switch child.name {
                case "ins": kind = .insertion
                case "del": kind = .deletion
                case "moveFrom": kind = .moveFrom
                case "moveTo": kind = .moveTo
                case "commentReference":
                    if let id = child["id"] { out.append(TrackedChange(kind: .comment, author: nil, date: nil, text: id, line: line)) }
                    continue
                case "pPr", "rPr": continue
                default:
                    visit(child)
                    continue
                }
                let words = TextCollapse.collapse(child.textContent)
                if !words.trimmed().isEmpty {
                    out.append(TrackedChange(kind: kind, author: child["author"], date: child["date"], text: words, line: line))
                }
            }
        }
        visit(p)
        return out
    }

    /// Comment `id` of `word/comments.xml` as a change of kind `comment`.
    static func comment(id: String, in tree: XMLDocumentTree, line: Int) -> TrackedChange? {
        guard let c = tree.root.childElements.first(where: { $0.name == "comment" && $0["id"] == id }) else { return nil }
        let text = c.descendants { $0.name == "p" }.map { paragraphText($0).text.trimmed() }.filter { !$0.isEmpty }.joined(separator: " ")
        return TrackedChange(kind: .comment, author: c["author"], date: c["date"], text: text, line: line)
    }

    mutating func walk(_ container: XMLElement, path: String) {
        var counts: [String: Int] = [:]
        for child in container.childElements {
            counts[child.name, default: 0] += 1
            let childPath = "\(path)/w:\(child.name)[\(counts[child.name] ?? 1)]"
            switch child.name {
            case "p":
                paragraphNumber += 1
                if view == .accepted { changes += Self.changes(in: child, line: paragraphNumber) }
                let (text, refs) = Self.paragraphText(child, view: view)
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
                        let texts = ps.map { Self.paragraphText($0, view: view) }
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
            case "ins" where view == .rejected, "moveTo" where view == .rejected, "del" where view == .accepted,
                 "moveFrom" where view == .accepted:
                continue
            case "sdt", "customXml", "ins", "smartTag", "del", "moveFrom", "moveTo":
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
    static func paragraphText(_ p: XMLElement, view: View = .accepted) -> (text: String, refs: [String]) {
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
            case "instrText", "pPr", "rPr", "fldData": continue
            // Deleted and moved-away words are the original's; inserted and moved-in ones the draft's.
            case "delText": if view == .rejected { text += e.textContent }
            case "del", "moveFrom": if view == .rejected { stack.append(e.children[...]) }
            case "ins", "moveTo": if view == .accepted { stack.append(e.children[...]) }
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
