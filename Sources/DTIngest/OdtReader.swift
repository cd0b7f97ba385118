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
        walker.walk(text, path: "/office:document-content/office:body/office:text")
        let titleBefore = title
        let divisions = BlockOutline.build(walker.blocks, title: &title)
        var agreement = Agreement(title: title, language: language, sourceFormat: .odt, sourcePath: path, divisions: divisions)
        // Tracked changes (`text:tracked-changes`) and annotations: the text above has
        // every change accepted; the original is read again with every change rejected.
        agreement.trackedChanges = changes.found
        if changes.found.contains(where: { $0.kind != .comment }) {
            let original = OdtChanges(text.child("tracked-changes"), rejecting: true)
            var rejected = OdtWalker(changes: original)
            rejected.walk(text, path: "/office:document-content/office:body/office:text")
            var originalTitle = titleBefore
            agreement.original = BlockOutline.build(rejected.blocks, title: &originalTitle)
        }
        return agreement
    }
}

/// An ODT's tracked changes: the regions `text:tracked-changes` declares, what a
/// walk found of them (with changes accepted), and, when rejecting them, which
/// inserted words to leave out and which deleted ones to put back.
final class OdtChanges {
    struct Region {
        var insertion: Bool
        var author: String?
        var date: String?
        /// A deletion's words.
        var deleted: String
    }

    let regions: [String: Region]
    let rejecting: Bool
    private(set) var found: [TrackedChange] = []
    private var open: [String: String] = [:]

    init(_ list: XMLElement?, rejecting: Bool = false) {
        self.rejecting = rejecting
        var regions: [String: Region] = [:]
        for region in list?.childElements ?? [] where region.name == "changed-region" {
            // Format changes move no words.
            guard let id = region["id"], let change = region.childElements.first(where: { $0.name == "insertion" || $0.name == "deletion" })
            else { continue }
            let info = change.child("change-info")
            let words = change.childElements.filter { $0.name == "p" || $0.name == "h" }.map { TextCollapse.collapse($0.textContent) }
            regions[id] = Region(insertion: change.name == "insertion", author: info?.child("creator")?.textContent.trimmed(),
                                 date: info?.child("date")?.textContent.trimmed(), deleted: words.joined(separator: " "))
        }
        self.regions = regions
    }

    /// Inserted words are being read (and, when rejecting, left out).
    var insideInsertion: Bool { !open.isEmpty }

    func text(_ t: String) { for id in open.keys { open[id, default: ""] += t } }

    func start(_ id: String?) {
        guard let id, regions[id]?.insertion == true else { return }
        open[id] = ""
    }

    func end(_ id: String?, line: Int) {
        guard let id, let words = open.removeValue(forKey: id), let r = regions[id], !rejecting else { return }
        let collapsed = TextCollapse.collapse(words)
        if !collapsed.isEmpty { found.append(TrackedChange(kind: .insertion, author: r.author, date: r.date, text: collapsed, line: line)) }
    }

    /// A deletion point: its words when rejecting, nothing otherwise.
    func deletion(_ id: String?, line: Int) -> String {
        guard let id, let r = regions[id], !r.insertion else { return "" }
        // The region keeps the words, not the space around them.
        if rejecting { return r.deleted.isEmpty ? "" : r.deleted + " " }
        if !r.deleted.isEmpty { found.append(TrackedChange(kind: .deletion, author: r.author, date: r.date, text: r.deleted, line: line)) }
        return ""
    }

    func annotation(_ a: XMLElement, line: Int) {
        guard !rejecting else { return }
        let words = a.childElements.filter { $0.name == "p" }.map { TextCollapse.collapse($0.textContent) }.joined(separator: " ")
        found.append(TrackedChange(kind: .comment, author: a.child("creator")?.textContent.trimmed(),
                                   date: a.child("date")?.textContent.trimmed(), text: words, line: line))
    }
}

struct OdtWalker {
    private(set) var blocks: [DocBlock] = []
    private var paragraphNumber = 0
    var changes = OdtChanges(nil)

    init(changes: OdtChanges = OdtChanges(nil)) {
        self.changes = changes
    }

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
                let text = Self.inlineText(child, notes: &notes, line: paragraphNumber, changes: changes)
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
                        cells.append(TextCollapse.collapse(ps.map { Self.inlineText($0, notes: &notes, line: first, changes: changes) }.joined(separator: " ")))
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
    static func inlineText(_ e: XMLElement, notes: inout [Footnote], line: Int, changes: OdtChanges? = nil) -> String {
        var out = ""
        for child in e.children {
            switch child {
            case .text(let t, _):
                changes?.text(t)
                if changes.map({ !($0.rejecting && $0.insideInsertion) }) ?? true { out += t }
            case .element(let c):
                switch c.name {
                case "change-start": changes?.start(c["change-id"])
                case "change-end": changes?.end(c["change-id"], line: line)
                case "change": out += changes?.deletion(c["change-id"], line: line) ?? ""
                case "annotation": changes?.annotation(c, line: line)
                case "s": out += String(repeating: " ", count: max(1, min(Int(c["c"] ?? "1") ?? 1, 100)))
                case "tab": out += "\t"
                case "line-break": out += "\n"
                case "note":
                    let label = c.child("note-citation")?.textContent.trimmed()
                    let body = c.child("note-body").map { TextCollapse.collapse($0.textContent) } ?? ""
                    if !body.isEmpty {
                        notes.append(Footnote(label: label?.nonEmpty ?? c["id"], text: body, location: SourceLocation(line: line)))
                    }
                case "bookmark", "bookmark-start", "bookmark-end", "soft-page-break", "annotation-end", "tracked-changes":
                    continue
                default:
                    out += inlineText(c, notes: &notes, line: line, changes: changes)
                }
            }
        }
        return out
    }
}
