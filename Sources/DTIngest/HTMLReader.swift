import DTModel
import DTXML

/// Reads agreement texts saved as web pages. libxml2's HTML parser does the
/// parsing (and honours a declared `meta charset`); site chrome is skipped;
/// `h1`–`h6` headings and paragraphs that read as numbered headings
/// (`ARTICLE 15.3`, `Article 2.1: Scope`) become divisions; footnotes cited by
/// `#anchor` links are attached to the division that cites them.
enum HTMLReader {
    /// A page that declares no encoding and whose bytes are valid UTF-8 is read as
    /// UTF-8: left to guess, libxml2's parser context reads it as Latin-1, and every
    /// dash and curly quote becomes mojibake that breaks headings.
    static func undeclaredUTF8(_ bytes: [UInt8]) -> Bool {
        undeclaredUTF8(bytes, declared: DeclaredEncoding.find(in: bytes))
    }

    private static func undeclaredUTF8(_ bytes: [UInt8], declared: DeclaredEncoding?) -> Bool {
        declared == nil && bytes.contains(where: { $0 >= 0x80 }) && String(validating: bytes, as: UTF8.self) != nil
    }

    static func read(bytes: [UInt8], path: String) throws -> Agreement {
        try TextDecoding.rejectBinary(bytes, path: path)
        let tree: XMLDocumentTree
        // Looked for once: the search reads the page's first bytes for `meta` declarations.
        let declared = DeclaredEncoding.find(in: bytes)
        do {
            tree = try LibXMLParser.parseHTML(bytes, name: path, encoding: undeclaredUTF8(bytes, declared: declared) ? "UTF-8" : nil)
        } catch let e as XMLParseError {
            throw IngestError(path: path, message: "unreadable HTML: \(e.message)", line: e.line, column: e.column)
        }
        let root = tree.root
        // A declared encoding that turned the text into garbage or nothing is an error, not `absent`.
        // (The page's whole text is gathered only for a declaration that needs checking.)
        if let declared { try declared.check(text: root.textContent, bytes: bytes, path: path) }
        let head = root.child("head")
        var title = head?.child("title").map { TextCollapse.collapse($0.textContent) }?.nonEmpty
        let language = (root["lang"] ?? root["xml:lang"]).flatMap { LanguageCode.twoLetter($0) }

        // A page with no `a` element has no footnote link: not walked to find none.
        let footnotes = tree.mayHaveLinks ? footnoteBodies(root) : [:]
        var collector = HTMLBlockCollector(footnoteIds: Set(footnotes.keys))
        let body = root.child("body") ?? root
        let bodyPath = root.child("body") != nil ? "/\(root.name)/body" : "/\(root.name)"
        collector.collect(body, path: bodyPath)
        var agreement = Agreement(title: title, language: language, sourceFormat: .html, sourcePath: path,
                                  divisions: outline(collector.blocks, footnotes: footnotes, title: &title))
        agreement.title = title
        // A redline (`<ins>`/`<del>`): the text above has every change accepted; the
        // original is the same page with every change rejected.
        if !collector.changes.isEmpty {
            var original = HTMLBlockCollector(footnoteIds: Set(footnotes.keys))
            original.rejectChanges = true
            original.collect(body, path: bodyPath)
            var originalTitle = head?.child("title").map { TextCollapse.collapse($0.textContent) }?.nonEmpty
            agreement.trackedChanges = collector.changes
            agreement.original = outline(original.blocks, footnotes: footnotes, title: &originalTitle)
        }
        return agreement
    }

    /// The divisions of a page's blocks; the page's first heading may become `title`.
    static func outline(_ blocks: [HTMLBlock], footnotes: [String: Footnote], title: inout String?) -> [Division] {

        // Headings: `hN` elements are strong; paragraphs only in the document's heading style.
        let headings = HeadingFilter.headings(blocks.enumerated()
            .filter { _, b in !b.isTable && (!b.text.containsASCII(0x0A) || b.headingLevel != nil) && !HeadingParser.surelyNoHeading(b.text) }
            .map { i, b in (i, TextCollapse.collapse(b.text), b.headingLevel != nil) })

        var builder = OutlineBuilder()
        builder.newlinesAdvanceLine = false
        for (i, b) in blocks.enumerated() {
            let location = SourceLocation(line: b.line, path: b.path)
            if let m = headings[i] {
                builder.open(kind: m.kind, number: m.number, heading: m.heading, location: location)
            } else if let level = b.headingLevel, builder.isEmpty, level == 1 || title == nil {
                // The page's first heading names the text better than a `<title>` with the site name.
                title = TextCollapse.collapse(b.text)
            } else if !b.text.isEmpty {
                builder.text(b.text, line: b.line, path: b.path, standalone: !b.isTable, verbatim: b.isTable)
            }
            for id in b.footnoteRefs {
                if let f = footnotes[id] { builder.footnote(f) }
            }
        }
        return builder.finish()
    }

    /// Footnote bodies: elements whose id a footnote-like link points at
    /// (`<sup><a href="#fn1">`, `<a class="fn-lnk">`, `<a href="#x">[3]</a>`).
    static func footnoteBodies(_ root: XMLElement) -> [String: Footnote] {
        var targets: [String: String] = [:] // id → label
        var inSup: Set<String> = []
        // One walk of the page for both (each list in document order, as two walks gave).
        let marks = root.descendants(where: { $0.name == "a" || $0.name == "sup" })
        guard marks.contains(where: { $0.name == "a" }) else { return [:] } // no link, no footnote
        for sup in marks where sup.name == "sup" {
            for a in sup.descendants(where: { $0.name == "a" }) {
                if let h = a["href"], h.hasPrefix("#") { inSup.insert(String(h.dropFirst())) }
            }
        }
        for a in marks where a.name == "a" {
            guard let href = a["href"], href.hasPrefix("#"), href.count > 1 else { continue }
            let id = String(href.dropFirst())
            let text = TextCollapse.collapse(a.textContent)
            let label = text.split(separator: " ").last.map { String($0).trimmingCharacters(in: "[]()") } ?? ""
            let cls = a["class"]?.lowercased() ?? ""
            let looksLikeMark = !label.isEmpty && label.count <= 4 && label.allSatisfy { $0.isNumber || $0.isLetter && $0.isLowercase && label.count == 1 || $0 == "*" }
            if cls.contains("fn") || cls.contains("footnote") || cls.contains("noteref") || inSup.contains(id) || looksLikeMark && text.count <= 12 {
                if targets[id] == nil { targets[id] = label }
            }
        }
        guard !targets.isEmpty else { return [:] }
        var out: [String: Footnote] = [:]
        for e in root.descendants(where: { $0["id"].map { targets[$0] != nil } ?? false }) {
            guard let id = e["id"], out[id] == nil, let label = targets[id] else { continue }
            // A footnote body holds more than its mark; an anchor that is itself the mark is not a body.
            var text = TextCollapse.collapse(bodyText(e))
            for prefix in ["[\(label)]", "(\(label))", "\(label)."] where text.hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count)).trimmed()
            }
            guard text.count > label.count + 2 else { continue }
            out[id] = Footnote(label: label.nonEmpty, text: text, location: SourceLocation(line: e.line, path: "#\(id)"))
        }
        return out
    }

    /// An element's text without "return to referrer" links and screen-reader labels.
    private static func bodyText(_ e: XMLElement) -> String {
        var out = ""
        for child in e.children {
            switch child {
            case .text(let t, _): out += t
            case .element(let c):
                let cls = c["class"]?.lowercased() ?? ""
                if cls.contains("rtn") || cls.contains("wb-inv") || cls.contains("sr-only") { continue }
                if c.name == "a", let h = c["href"], h.hasSuffix("-rf") || h.hasPrefix("#fnref") { continue }
                out += " " + bodyText(c) + " "
            }
        }
        return out
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
