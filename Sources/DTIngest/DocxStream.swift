import DTModel
import DTXML

/// Reads `word/document.xml` as a stream (libxml2 SAX2), without building its
/// tree: a 24 MB Word draft's tree took most of the time and memory of reading
/// it. One pass builds both texts of a draft with tracked changes: the blocks with
/// every change accepted and with every change rejected, and the list of changes.
/// It reads what `DocxWalker` reads from a tree (paragraphs, tables, content
/// controls, footnote references, heading styles) with the same lines and paths,
/// and one thing more: a paragraph mark Word tracks as inserted or deleted
/// (`w:ins`/`w:del` in the paragraph's `w:pPr/w:rPr`). Where the mark is gone
/// (deleted, accepted; inserted, rejected) the paragraph runs on into the next.
final class DocxStream: XMLStreamHandler {
    let notes: [String: String]
    private(set) var accepted: [DocBlock] = []
    private(set) var rejected: [DocBlock] = []
    private(set) var changes: [TrackedChange] = []
    var wantsMore: Bool { true }
    /// Whether the document had a `w:body`.
    var sawBody: Bool { bodySeen }
    private var bodySeen = false

    init(notes: [String: String]) {
        self.notes = notes
    }

    /// A block-level container (`w:body`, a content control …) and its children's counts, for paths.
    private struct Container {
        var path: String
        var counts: [String: Int] = [:]
        /// A `w:sdt`: only its `w:sdtContent` holds blocks.
        var isContentControl = false
    }

    private var depth = 0
    private var containers: [(depth: Int, container: Container)] = []
    /// Elements below this depth are skipped whole (block-level elements that hold no text).
    private var skipBelow: Int?
    private var paragraphNumber = 0

    // The paragraph or table being read.
    private var blockDepth: Int?
    private var blockPath = ""
    private var blockLine = 0
    private var isTable = false
    private var acceptedText = ""
    private var rejectedText = ""
    private var refs: [String] = []
    private var heading = false
    private var blockChanges: [TrackedChange] = []
    // Tables: rows of cells, each cell's paragraphs.
    private var rowsAccepted: [[String]] = []
    private var rowsRejected: [[String]] = []
    private var cellAccepted: [String] = []
    private var cellRejected: [String] = []
    private var paragraphAccepted = ""
    private var paragraphRejected = ""
    // Inside a paragraph.
    private var propertiesDepth: Int?
    private var pPrDepth: Int?
    private var ignoredDepth: Int?
    private var textKind: UInt8 = 0 // 1 w:t, 2 w:delText
    private var inserted = 0
    private var deleted = 0
    /// Open `w:ins`/`w:moveTo` (true) and `w:del`/`w:moveFrom` (false) elements, by depth.
    private var changeStack: [(depth: Int, insert: Bool)] = []
    private var change: (kind: TrackedChange.Kind, author: String?, date: String?, depth: Int, text: String)?
    private var paragraphDepth: Int?
    // The paragraph mark's properties (`w:pPr/w:rPr`) and what they track.
    private var markDepth: Int?
    private var markInserted = false
    private var markDeleted = false
    /// A paragraph whose mark is gone in that text, waiting to be joined to the next.
    private var pendingAccepted: DocBlock?
    private var pendingRejected: DocBlock?

    func startElement(_ name: String, namespaceURI: String?, attributes: XMLAttributes, line: Int) {
        depth += 1
        if skipBelow != nil { return }
        guard blockDepth != nil else { return startBlockLevel(name, attributes) }
        if ignoredDepth != nil || propertiesDepth != nil {
            // Paragraph properties: only the heading style matters.
            if let m = markDepth, depth == m + 1 {
                if name == "ins" || name == "moveTo" { markInserted = true }
                if name == "del" || name == "moveFrom" { markDeleted = true }
            }
            if let p = pPrDepth, depth == p + 1 {
                if name == "rPr" { markDepth = depth }
                if name == "outlineLvl" { heading = true }
                if name == "pStyle", let style = attributes["val"]?.lowercased() {
                    if style.hasPrefix("heading") || style == "title" || style.hasPrefix("titre") || style.hasPrefix("kop") { heading = true }
                }
            }
            return
        }
        switch name {
        case "p":
            // Paragraphs in table cells are counted as the tree reader counts them;
            // a paragraph inside another (a text box) adds its words to it.
            if isTable { paragraphNumber += 1 }
            if paragraphDepth == nil {
                paragraphDepth = depth
                paragraphAccepted = ""
                paragraphRejected = ""
            }
        case "pPr":
            propertiesDepth = depth
            if !isTable, let b = blockDepth, depth == b + 1 { pPrDepth = depth }
        case "rPr":
            propertiesDepth = depth
        case "instrText", "fldData":
            ignoredDepth = depth
        case "t": textKind = 1
        case "delText": textKind = 2
        case "tab", "ptab": append("\t", "\t")
        case "br", "cr": append("\n", "\n")
        case "noBreakHyphen": append("\u{2011}", "\u{2011}")
        case "footnoteReference": if let id = attributes["id"] { refs.append(id) }
        case "commentReference":
            if let id = attributes["id"] { blockChanges.append(TrackedChange(kind: .comment, author: nil, date: nil, text: id, line: paragraphNumber)) }
        case "ins", "moveTo", "del", "moveFrom":
            openChange(insert: name == "ins" || name == "moveTo")
            if change == nil {
                let kind: TrackedChange.Kind = name == "ins" ? .insertion : name == "del" ? .deletion : name == "moveTo" ? .moveTo : .moveFrom
                change = (kind, attributes["author"], attributes["date"], depth, "")
            }
        case "tr": if isTable { rowsAccepted.append([]); rowsRejected.append([]) }
        case "tc":
            if isTable, !rowsAccepted.isEmpty {
                cellAccepted = []
                cellRejected = []
                rowsAccepted[rowsAccepted.count - 1].append("")
                rowsRejected[rowsRejected.count - 1].append("")
            }
        default: break
        }
    }

    private func startBlockLevel(_ name: String, _ attributes: XMLAttributes) {
        guard var top = containers.last?.container else {
            if name == "body", !bodySeen {
                bodySeen = true
                containers.append((depth, Container(path: "/w:document/w:body")))
            }
            return
        }
        if top.isContentControl {
            if name == "sdtContent" { containers.append((depth, Container(path: top.path + "/w:sdtContent"))) } else { skipBelow = depth }
            return
        }
        top.counts[name, default: 0] += 1
        let path = "\(top.path)/w:\(name)[\(top.counts[name] ?? 1)]"
        containers[containers.count - 1].container = top
        switch name {
        case "p", "tbl":
            blockDepth = depth
            blockPath = path
            isTable = name == "tbl"
            blockLine = paragraphNumber + (isTable ? 1 : 0)
            acceptedText = ""
            rejectedText = ""
            refs = []
            heading = false
            markInserted = false
            markDeleted = false
            blockChanges = []
            rowsAccepted = []
            rowsRejected = []
            if name == "p" {
                paragraphNumber += 1
                blockLine = paragraphNumber
                paragraphDepth = depth
                paragraphAccepted = ""
                paragraphRejected = ""
            }
        case "sdt":
            containers.append((depth, Container(path: path, isContentControl: true)))
        case "customXml", "smartTag":
            containers.append((depth, Container(path: path)))
        case "ins", "moveTo", "del", "moveFrom":
            // Whole paragraphs inserted or deleted: read, on one side only.
            openChange(insert: name == "ins" || name == "moveTo")
            containers.append((depth, Container(path: path)))
        default:
            skipBelow = depth
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard skipBelow == nil, blockDepth != nil, textKind != 0, ignoredDepth == nil, propertiesDepth == nil else { return }
        let s = String(decoding: bytes, as: UTF8.self)
        if textKind == 1 { append(s, s) } else { append("", s) }
        if change != nil { change?.text += s }
    }

    /// Words go to the accepted text unless deleted, to the original unless inserted.
    private func append(_ a: String, _ r: String) {
        if deleted == 0 { paragraphAccepted += a }
        if inserted == 0 { paragraphRejected += r }
    }

    private func openChange(insert: Bool) {
        changeStack.append((depth, insert))
        if insert { inserted += 1 } else { deleted += 1 }
    }

    private func closeChange() {
        guard let c = changeStack.last, c.depth == depth else { return }
        changeStack.removeLast()
        if c.insert { inserted -= 1 } else { deleted -= 1 }
    }

    func endElement() {
        defer { depth -= 1 }
        if let s = skipBelow {
            if depth == s { skipBelow = nil }
            return
        }
        if let c = containers.last, c.depth == depth {
            containers.removeLast()
            closeChange()
            if containers.isEmpty { flushPending() }
            return
        }
        guard let b = blockDepth else { return }
        if ignoredDepth == depth { ignoredDepth = nil }
        if markDepth == depth { markDepth = nil }
        if propertiesDepth == depth { propertiesDepth = nil; if pPrDepth == depth { pPrDepth = nil } }
        if textKind != 0, ignoredDepth == nil, propertiesDepth == nil { textKind = 0 }
        if let c = change, c.depth == depth {
            let words = TextCollapse.collapse(c.text)
            if !words.trimmed().isEmpty {
                blockChanges.append(TrackedChange(kind: c.kind, author: c.author, date: c.date, text: words, line: paragraphNumber))
            }
            change = nil
        }
        closeChange()
        if paragraphDepth == depth { endParagraph() }
        if depth == b { endBlock() }
    }

    private func endParagraph() {
        paragraphDepth = nil
        if isTable {
            cellAccepted.append(paragraphAccepted)
            cellRejected.append(paragraphRejected)
            // A cell's paragraphs join with spaces; the cell is rewritten as it grows.
            let r = rowsAccepted.count - 1
            if r >= 0, !rowsAccepted[r].isEmpty {
                rowsAccepted[r][rowsAccepted[r].count - 1] = TextCollapse.collapse(cellAccepted.joined(separator: " "))
                rowsRejected[r][rowsRejected[r].count - 1] = TextCollapse.collapse(cellRejected.joined(separator: " "))
            }
        } else {
            acceptedText = paragraphAccepted
            rejectedText = paragraphRejected
        }
    }

    private func endBlock() {
        blockDepth = nil
        changes += blockChanges
        if isTable {
            isTable = false
            flushPending()
            let footnotes = refs.compactMap { id in notes[id].map { Footnote(label: id, text: $0, location: SourceLocation(line: blockLine)) } }
            for (rows, out) in [(rowsAccepted, 0), (rowsRejected, 1)] {
                let lines = rows.map { $0.joined(separator: "\t") }.filter { !$0.trimmed().isEmpty }
                guard !lines.isEmpty else { continue }
                let block = DocBlock(text: lines.joined(separator: "\n"), isStyledHeading: false, line: blockLine, path: blockPath,
                                     footnotes: footnotes, isTable: true)
                if out == 0 { accepted.append(block) } else { rejected.append(block) }
            }
            return
        }
        let footnotes = refs.compactMap { id in
            notes[id].map { Footnote(label: id, text: $0, location: SourceLocation(line: blockLine, path: "/w:footnotes/w:footnote[@w:id='\(id)']")) }
        }
        let accepted = DocBlock(text: acceptedText, isStyledHeading: heading, line: blockLine, path: blockPath, footnotes: footnotes)
        let rejected = DocBlock(text: rejectedText, isStyledHeading: heading, line: blockLine, path: blockPath, footnotes: footnotes)
        Self.add(accepted, joiningNext: markDeleted, pending: &pendingAccepted, to: &self.accepted)
        Self.add(rejected, joiningNext: markInserted, pending: &pendingRejected, to: &self.rejected)
    }

    /// Adds a paragraph to one text, after the paragraph waiting for it; keeps it
    /// waiting in turn when its own mark is gone. A joined paragraph has the style,
    /// line and path of the first part that has words.
    private static func add(_ block: DocBlock, joiningNext: Bool, pending: inout DocBlock?, to out: inout [DocBlock]) {
        var b = block
        if let p = pending {
            if p.text.trimmed().isEmpty {
                b.text = p.text + b.text
            } else {
                b = DocBlock(text: p.text + b.text, isStyledHeading: p.isStyledHeading, line: p.line, path: p.path)
            }
            b.footnotes = p.footnotes + block.footnotes
            pending = nil
        }
        if joiningNext {
            pending = b
        } else if !(b.text.trimmed().isEmpty && b.footnotes.isEmpty) {
            out.append(b)
        }
    }

    private func flushPending() {
        for (p, isAccepted) in [(pendingAccepted, true), (pendingRejected, false)] {
            guard let b = p, !(b.text.trimmed().isEmpty && b.footnotes.isEmpty) else { continue }
            if isAccepted { accepted.append(b) } else { rejected.append(b) }
        }
        pendingAccepted = nil
        pendingRejected = nil
    }
}
