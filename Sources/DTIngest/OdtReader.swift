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
        let changes = OdtChanges(text.child("tracked-changes"))
        var walker = OdtWalker(changes: changes)
        walker.read(text, path: "/office:document-content/office:body/office:text")
        let titleBefore = title
        let divisions = BlockOutline.build(walker.blocks, title: &title)
        var agreement = Agreement(title: title, language: language, sourceFormat: .odt, sourcePath: path, divisions: divisions)
        // Tracked changes (`text:tracked-changes`) and annotations: the text above has
        // every change accepted; the original is read again with every change rejected.
        agreement.trackedChanges = changes.found
        if changes.found.contains(where: { $0.kind != .comment }) {
            let original = OdtChanges(text.child("tracked-changes"), rejecting: true)
            var rejected = OdtWalker(changes: original)
            rejected.read(text, path: "/office:document-content/office:body/office:text")
            var originalTitle = titleBefore
            agreement.original = BlockOutline.build(rejected.blocks, title: &originalTitle)
        }
        return agreement
    }
}

/// An ODT's tracked changes: the regions `text:tracked-changes` declares, what a
/// walk found of them (with changes accepted), and, when rejecting them, which
/// inserted words to leave out and which deleted paragraphs to put back.
///
/// An insertion runs from `text:change-start` to `text:change-end`, which may sit
/// in different paragraphs (whole paragraphs inserted) or between paragraphs, as
/// siblings of the inserted `text:p`/`text:h`. A deletion keeps its words, as
/// paragraphs, in its `text:changed-region`; `text:change` marks where they were,
/// inside a paragraph or between paragraphs.
final class OdtChanges {
    /// One paragraph of deleted text and whether it was a heading (`text:h`).
    struct DeletedParagraph {
        var text: String
        var heading: Bool
    }

    struct Region {
        var insertion: Bool
        var author: String?
        var date: String?
        /// A deletion's paragraphs, in order. The first continues the paragraph the
        /// deletion mark is in, the last runs on into the words after the mark.
        var paragraphs: [DeletedParagraph]
        /// A deletion's words, white space collapsed.
        var deleted: String {
            TextCollapse.collapse(paragraphs.map(\.text).filter { !$0.trimmed().isEmpty }.joined(separator: " "))
        }
    }

    let regions: [String: Region]
    let rejecting: Bool
    private(set) var found: [TrackedChange] = []
    /// Open insertions: the words read so far and the line of the first of them.
    private var open: [String: (words: String, line: Int?)] = [:]
    /// The paragraph being read (its number), the line of an insertion's first words.
    var line = 0

    init(_ list: XMLElement?, rejecting: Bool = false) {
        self.rejecting = rejecting
        var regions: [String: Region] = [:]
        for region in list?.childElements ?? [] where region.name == "changed-region" {
            // Format changes move no words.
            guard let id = region["id"], let change = region.childElements.first(where: { $0.name == "insertion" || $0.name == "deletion" })
            else { continue }
            let info = change.child("change-info")
            regions[id] = Region(insertion: change.name == "insertion", author: info?.child("creator")?.textContent.trimmed(),
                                 date: info?.child("date")?.textContent.trimmed(), paragraphs: Self.paragraphs(in: change))
        }
        self.regions = regions
    }

    /// The paragraphs of a deletion, lists and sections opened, in document order.
    private static func paragraphs(in e: XMLElement) -> [DeletedParagraph] {
        var out: [DeletedParagraph] = []
        for c in e.childElements {
            switch c.name {
            case "p", "h": out.append(DeletedParagraph(text: OdtWalker.plainText(c), heading: c.name == "h"))
            case "change-info": continue
            default: out += paragraphs(in: c)
            }
        }
        return out
    }

    /// Inserted words are being read (and, when rejecting, left out).
    var insideInsertion: Bool { !open.isEmpty }

    func text(_ t: String) {
        for id in open.keys {
            guard var o = open[id] else { continue }
            o.words += t
            if o.line == nil, !t.trimmed().isEmpty { o.line = line }
            open[id] = o
        }
    }

    func start(_ id: String?) {
        guard let id, regions[id]?.insertion == true else { return }
        open[id] = ("", nil)
    }

    func end(_ id: String?, line: Int) {
        guard let id, let o = open.removeValue(forKey: id), let r = regions[id], !rejecting else { return }
        let collapsed = TextCollapse.collapse(o.words)
        if !collapsed.isEmpty {
            found.append(TrackedChange(kind: .insertion, author: r.author, date: r.date, text: collapsed, line: o.line ?? line))
        }
    }

    /// The end of the body: an insertion the file never ends ends here.
    func finish(line: Int) {
        for id in open.keys.sorted() { end(id, line: line) }
        open = [:]
    }

    /// A deletion mark: its paragraphs when rejecting, nothing otherwise.
    func deletion(_ id: String?, line: Int) -> [DeletedParagraph] {
        guard let id, let r = regions[id], !r.insertion else { return [] }
        if rejecting { return r.paragraphs }
        let words = r.deleted
        if !words.isEmpty { found.append(TrackedChange(kind: .deletion, author: r.author, date: r.date, text: words, line: line)) }
        return []
    }

    func annotation(_ a: XMLElement, line: Int) {
        guard !rejecting else { return }
        let words = a.childElements.filter { $0.name == "p" }.map { TextCollapse.collapse($0.textContent) }.joined(separator: " ")
        found.append(TrackedChange(kind: .comment, author: a.child("creator")?.textContent.trimmed(),
                                   date: a.child("date")?.textContent.trimmed(), text: words, line: line))
    }
}

/// Turns `office:text` into blocks, with tracked changes accepted or rejected as
/// `changes` says. When rejecting, a paragraph break inside an insertion was
/// inserted, so the paragraph before it runs on into the next; and a deletion of
/// several paragraphs puts back the paragraph breaks between them.
struct OdtWalker {
    private(set) var blocks: [DocBlock] = []
    private var paragraphNumber = 0
    let changes: OdtChanges

    /// The paragraph being put together: one `text:p`/`text:h`, or several when
    /// rejecting joins them or part of one when a restored deletion splits it.
    private struct Paragraph {
        var text = ""
        /// Whether it is styled as a heading, with its line and path: those of the
        /// first part that has words (a heading whose inserted paragraph break is
        /// rejected stays a heading).
        var heading: Bool?
        var line: Int
        var path: String
        var notes: [Footnote] = []
    }

    private var current: Paragraph?
    /// The element being read, for the line and path of the words it adds.
    private var elementPath = ""

    init(changes: OdtChanges = OdtChanges(nil)) {
        self.changes = changes
    }

    /// Reads the body `text` (an `office:text`) whose path is `path`.
    mutating func read(_ text: XMLElement, path: String) {
        walk(text, path: path)
        flush()
        changes.finish(line: paragraphNumber)
    }

    private mutating func walk(_ container: XMLElement, path: String) {
        var counts: [String: Int] = [:]
        for child in container.childElements {
            counts[child.name, default: 0] += 1
            let prefix = child.name.hasPrefix("table") ? "table" : "text"
            let childPath = SourceLocation.childPath(path, prefix + ":" + child.name, counts[child.name] ?? 1)
            switch child.name {
            case "h", "p":
                paragraphNumber += 1
                changes.line = paragraphNumber
                elementPath = childPath
                if current == nil { current = Paragraph(line: paragraphNumber, path: childPath) }
                inline(child, heading: child.name == "h")
                endParagraph()
            case "change-start":
                changes.start(child["change-id"])
            case "change-end":
                changes.end(child["change-id"], line: paragraphNumber)
            case "change":
                // Whole paragraphs deleted here: put back as paragraphs of their own.
                elementPath = childPath
                let restored = changes.deletion(child["change-id"], line: max(1, paragraphNumber))
                for p in restored {
                    flush()
                    current = Paragraph(line: max(1, paragraphNumber), path: childPath)
                    add(p.text, heading: p.heading)
                }
                if !restored.isEmpty { flush() }
            case "table":
                flush()
                table(child, path: childPath)
            case "list", "list-item", "list-header", "section", "index-body", "table-of-content", "illustration-index":
                if child.name == "table-of-content" { continue } // a generated index repeats every heading
                walk(child, path: childPath)
            default:
                continue
            }
        }
    }

    private mutating func table(_ child: XMLElement, path: String) {
        let first = paragraphNumber + 1
        var rows: [String] = []
        var notes: [Footnote] = []
        for row in child.descendants(where: { $0.name == "table-row" }) {
            var cells: [String] = []
            for cell in row.childElements where cell.name == "table-cell" {
                var parts: [String] = []
                for p in cell.descendants(where: { $0.name == "p" || $0.name == "h" }) {
                    paragraphNumber += 1
                    changes.line = paragraphNumber
                    let (text, pNotes) = cellParagraph(p, line: first, path: path)
                    parts.append(text)
                    notes += pNotes
                }
                cells.append(TextCollapse.collapse(parts.joined(separator: " ")))
            }
            let line = cells.joined(separator: "\t")
            if !line.trimmed().isEmpty { rows.append(line) }
        }
        if !rows.isEmpty {
            blocks.append(DocBlock(text: rows.joined(separator: "\n"), isStyledHeading: false, line: first,
                                   path: path, footnotes: notes, isTable: true))
        }
    }

    /// A table cell's paragraph: its words (restored deletions included) and notes.
    private mutating func cellParagraph(_ p: XMLElement, line: Int, path: String) -> (String, [Footnote]) {
        let saved = (blocks, current)
        blocks = []
        current = Paragraph(line: line, path: path)
        elementPath = path
        inline(p, heading: false)
        flush()
        let out = (blocks.map(\.text).joined(separator: " "), blocks.flatMap(\.footnotes))
        (blocks, current) = saved
        return out
    }

    /// The end of a `text:p`/`text:h`: the paragraph is done unless, rejecting
    /// changes, its paragraph break was inserted.
    private mutating func endParagraph() {
        changes.text(" ") // an insertion's paragraphs are words apart
        if changes.rejecting && changes.insideInsertion { return }
        flush()
    }

    private mutating func flush() {
        guard let p = current else { return }
        current = nil
        if p.text.trimmed().isEmpty && p.notes.isEmpty { return }
        blocks.append(DocBlock(text: p.text, isStyledHeading: p.heading ?? false, line: p.line, path: p.path, footnotes: p.notes))
    }

    /// Words read in an element styled `heading`, unless they are an insertion being rejected.
    private mutating func put(_ t: String, heading: Bool) {
        changes.text(t)
        if changes.rejecting && changes.insideInsertion { return }
        add(t, heading: heading)
    }

    private mutating func add(_ t: String, heading: Bool) {
        if current == nil { current = Paragraph(line: paragraphNumber, path: elementPath) }
        guard var p = current else { return }
        p.text += t
        if p.heading == nil, !t.trimmed().isEmpty {
            p.heading = heading
            p.line = paragraphNumber
            p.path = elementPath
        }
        current = p
    }

    /// The words of a paragraph: spans joined, `text:s` spaces, tabs, line breaks;
    /// notes taken out; tracked changes as `changes` says.
    private mutating func inline(_ e: XMLElement, heading: Bool) {
        for child in e.children {
            switch child {
            case .text(let t, _):
                put(t, heading: heading)
            case .element(let c):
                switch c.name {
                case "change-start": changes.start(c["change-id"])
                case "change-end": changes.end(c["change-id"], line: paragraphNumber)
                case "change":
                    // Deleted words put back here; deleted paragraph breaks split the paragraph.
                    for (i, p) in changes.deletion(c["change-id"], line: paragraphNumber).enumerated() {
                        if i > 0 {
                            flush()
                            current = Paragraph(line: paragraphNumber, path: elementPath)
                        }
                        add(p.text + " ", heading: p.heading)
                    }
                case "annotation": changes.annotation(c, line: paragraphNumber)
                case "s": put(String(repeating: " ", count: max(1, min(Int(c["c"] ?? "1") ?? 1, 100))), heading: heading)
                case "tab": put("\t", heading: heading)
                case "line-break": put("\n", heading: heading)
                case "note":
                    if changes.rejecting && changes.insideInsertion { continue }
                    let label = c.child("note-citation")?.textContent.trimmed()
                    let body = c.child("note-body").map { TextCollapse.collapse($0.textContent) } ?? ""
                    if !body.isEmpty {
                        if current == nil { current = Paragraph(line: paragraphNumber, path: elementPath) }
                        current?.notes.append(Footnote(label: label?.nonEmpty ?? c["id"], text: body, location: SourceLocation(line: paragraphNumber)))
                    }
                case "bookmark", "bookmark-start", "bookmark-end", "soft-page-break", "annotation-end", "tracked-changes":
                    continue
                default:
                    inline(c, heading: heading)
                }
            }
        }
    }

    /// The words of a paragraph kept in a deletion: no notes, no annotations.
    static func plainText(_ e: XMLElement) -> String {
        var out = ""
        for child in e.children {
            switch child {
            case .text(let t, _): out += t
            case .element(let c):
                switch c.name {
                case "s": out += String(repeating: " ", count: max(1, min(Int(c["c"] ?? "1") ?? 1, 100)))
                case "tab": out += "\t"
                case "line-break": out += "\n"
                case "note", "annotation", "bookmark", "bookmark-start", "bookmark-end", "soft-page-break", "annotation-end",
                     "change", "change-start", "change-end":
                    continue
                default: out += plainText(c)
                }
            }
        }
        return out
    }
}
