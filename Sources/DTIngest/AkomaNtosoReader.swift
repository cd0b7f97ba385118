import DTModel
import DTXML

/// Reads Akoma Ntoso (3.0 and the older namespaces `XMLFamilyReader` lists):
/// FRBR metadata for title, date and language; hierarchy elements (part,
/// chapter, section, article, paragraph, point …) with their `num` and
/// `heading` for divisions; `eId` (or `id`) as each division's path;
/// `authorialNote`s as footnotes. Collections read each component in turn.
enum AkomaNtosoReader {
    static func read(_ tree: XMLDocumentTree, path: String) throws -> Agreement {
        let root = tree.root
        // `<akomaNtoso>` wraps one document element (act, bill, doc, statement, documentCollection …).
        let document = root.name == "akomaNtoso"
            ? root.childElements.first { $0.name != "meta" && $0.name != "components" } ?? root
            : root
        let meta = document.child("meta") ?? root.descendants { $0.name == "meta" }.first
        let hasArticles = !document.descendants(where: { $0.name == "article" }).isEmpty
        var walker = AKNWalker(sectionsAreArticles: !hasArticles)
        var divisions = walker.document(document)
        // Collections keep their documents in `components`, beside or inside the collection.
        for holder in [root, document] where holder.name != "components" {
            for components in holder.childElements where components.name == "components" {
                divisions.append(contentsOf: walker.components(components))
            }
        }
        var title = document.descendants { $0.name == "docTitle" }.first.map { TextCollapse.collapse($0.textContent) }?.nonEmpty
        var date: String?
        var language = document["lang"].flatMap(LanguageCode.twoLetter)
        if let meta {
            let frbr = meta.descendants { $0.name.hasPrefix("FRBR") }
            title = title ?? frbr.first { $0.name == "FRBRalias" && ($0["name"] == nil || $0["name"] == "short") }?["value"]?.nonEmpty
                ?? frbr.first { $0.name == "FRBRalias" }?["value"]?.nonEmpty
                ?? frbr.first { $0.name == "FRBRname" }?["value"]?.nonEmpty
            date = frbr.first { $0.name == "FRBRdate" }?["date"]?.nonEmpty
            if let l = frbr.first(where: { $0.name == "FRBRlanguage" })?["language"] {
                language = LanguageCode.twoLetter(l) ?? language
            }
        }
        if divisions.isEmpty {
            // Never silently empty: a document with no recognised hierarchy keeps its text.
            let text = TextCollapse.collapse(document.textContent)
            guard !text.isEmpty else {
                throw IngestError(path: path, message: "Akoma Ntoso document has no text", line: document.line)
            }
            let body = Division(kind: .section, text: text, location: SourceLocation(line: document.line, path: document["eId"]))
            return Agreement(title: title, dateSigned: date, language: language, sourceFormat: .akomaNtoso,
                             sourcePath: path, divisions: [body])
        }
        return Agreement(title: title, dateSigned: date, language: language, sourceFormat: .akomaNtoso,
                         sourcePath: path, divisions: divisions)
    }
}

/// Walks an AKN document element into divisions.
struct AKNWalker {
    /// In legislation without `article`s the `section` is the basic unit (US, UK, ZA):
    /// read it as an article and its subsections as paragraphs.
    let sectionsAreArticles: Bool

    /// Elements that are never text: metadata, tables of contents, cover pages.
    private static let skipped: Set<String> = ["meta", "toc", "coverPage", "preface", "num", "heading", "subheading", "authorialNote", "noteRef", "tocItem"]

    func kind(of e: XMLElement) -> DivisionKind? {
        // A `<title>` holding only text is a document title, not a Title division.
        if e.name == "title", e.childElements.isEmpty { return nil }
        switch e.name {
        case "part", "book", "title", "tome", "division", "subpart", "subtitle": return .part
        case "chapter", "subchapter", "debateSection": return .chapter
        case "section": return sectionsAreArticles ? .article : .section
        case "subsection": return sectionsAreArticles ? .paragraph : .section
        case "article", "rule": return .article
        case "paragraph", "clause", "subrule": return .paragraph
        case "subparagraph", "point", "item", "indent", "alinea", "subclause", "subdivision": return .subparagraph
        case "preamble": return .preamble
        case "attachment", "annex": return .annex
        case "hcontainer":
            let name = e["name"]?.lowercased() ?? ""
            if name.contains("article") { return .article }
            if name.contains("chapter") { return .chapter }
            if name.contains("part") || name.contains("title") { return .part }
            if name.contains("annex") || name.contains("schedule") || name.contains("appendix") { return .annex }
            if name.contains("preamble") { return .preamble }
            if name.contains("paragraph") { return .paragraph }
            return .section
        default: return nil
        }
    }

    /// Top-level divisions of a document element (or of each document in a collection).
    mutating func document(_ doc: XMLElement) -> [Division] {
        var out: [Division] = []
        for child in doc.childElements {
            switch child.name {
            case "meta", "coverPage", "preface", "conclusions", "components":
                continue
            case "preamble":
                out.append(division(child, kind: .preamble))
            case "collectionBody", "attachments":
                out.append(contentsOf: components(child))
            default:
                // body, mainBody, debateBody, judgmentBody, amendmentBody, portionBody …
                var holder = Division(kind: .section, location: SourceLocation(line: child.line))
                fill(&holder, from: child)
                if !holder.text.isEmpty && holder.children.isEmpty {
                    holder.location.path = child["eId"] ?? child["id"]
                    out.append(holder)
                } else {
                    if !holder.text.isEmpty {
                        out.append(Division(kind: .preamble, text: holder.text, location: holder.location))
                    }
                    out.append(contentsOf: holder.children)
                }
            }
        }
        return out
    }

    /// Each embedded document of a `collectionBody`/`components`/`attachments` as a part
    /// (an annex for attachments) titled by its `docTitle` or name; references to
    /// documents held elsewhere (`documentRef`, `componentRef`) give nothing here.
    mutating func components(_ holder: XMLElement) -> [Division] {
        var out: [Division] = []
        for component in holder.childElements {
            let docs = component.childElements.filter { $0.child("meta") != nil }
                + (component.child("meta") != nil ? [component] : [])
            for doc in docs {
                let inner = document(doc)
                guard !inner.isEmpty else { continue }
                let title = doc.descendants { $0.name == "docTitle" }.first.map { TextCollapse.collapse($0.textContent) }?.nonEmpty
                out.append(Division(kind: holder.name == "attachments" ? .annex : .part, heading: title ?? doc["name"],
                                    location: SourceLocation(line: doc.line, path: component["eId"] ?? component["id"] ?? doc["eId"]),
                                    children: inner))
            }
        }
        return out
    }

    func division(_ e: XMLElement, kind: DivisionKind, path: String = "") -> Division {
        var d = Division(kind: kind,
                         number: e.child("num").map { TextCollapse.collapse($0.textContent) }?.nonEmpty,
                         heading: (e.child("heading") ?? e.child("subheading")).map { TextCollapse.collapse(textWithoutNotes($0)) }?.nonEmpty,
                         location: SourceLocation(line: e.line, path: e["eId"] ?? e["id"] ?? e["identifier"] ?? path.nonEmpty))
        fill(&d, from: e, path: path)
        return d
    }

    /// Adds `e`'s own text, footnotes and hierarchy children to `d`. Containers
    /// that hold hierarchy (lists, `blockList`, wrappers) are walked through.
    func fill(_ d: inout Division, from e: XMLElement, path: String = "") {
        var lines: [String] = []
        var pending = ""
        func flush() {
            let t = TextCollapse.collapse(pending)
            if !t.isEmpty { lines.append(t) }
            pending = ""
        }
        var counts: [String: Int] = [:]
        for child in e.children {
            switch child {
            case .text(let t, _):
                pending += t
            case .element(let c):
                counts[c.name, default: 0] += 1
                let childPath = path.isEmpty ? "" : SourceLocation.childPath(path, c.name, counts[c.name] ?? 1)
                if c.name == "authorialNote" {
                    d.footnotes.append(Footnote(label: c["marker"], text: TextCollapse.collapse(c.textContent),
                                                location: SourceLocation(line: c.line, path: c["eId"] ?? c["id"])))
                    continue
                }
                if Self.skipped.contains(c.name) { continue }
                if let k = kind(of: c) {
                    flush()
                    d.children.append(division(c, kind: k, path: childPath))
                } else if !Self.opaque.contains(c.name), containsHierarchy(c) {
                    flush()
                    var inner = d
                    inner.children = []
                    inner.text = ""
                    inner.footnotes = []
                    fill(&inner, from: c, path: childPath)
                    if !inner.text.isEmpty { lines.append(inner.text) }
                    d.children.append(contentsOf: inner.children)
                    d.footnotes.append(contentsOf: inner.footnotes)
                } else {
                    // A block of text: its notes become footnotes, the rest one line.
                    for note in c.descendants(where: { $0.name == "authorialNote" }) {
                        d.footnotes.append(Footnote(label: note["marker"], text: TextCollapse.collapse(note.textContent),
                                                    location: SourceLocation(line: note.line, path: note["eId"] ?? note["id"])))
                    }
                    if Self.inline.contains(c.name) {
                        pending += textWithoutNotes(c)
                    } else {
                        flush()
                        pending = textWithoutNotes(c)
                        flush()
                    }
                }
            }
        }
        flush()
        let own = lines.joined(separator: "\n")
        d.text = d.text.isEmpty ? own : (own.isEmpty ? d.text : d.text + "\n" + own)
    }

    /// Quoted law (amendments quoting sections of other acts): text, not this document's structure.
    private static let opaque: Set<String> = ["quotedContent", "quotedStructure", "embeddedStructure", "quotedText"]

    /// Inline elements whose text runs on in the same line.
    private static let inline: Set<String> = ["ref", "mref", "span", "b", "i", "u", "sup", "sub", "term", "def", "date",
                                              "docTitle", "docNumber", "person", "organization", "location", "quantity",
                                              "entity", "concept", "role", "inline", "marker", "rref", "abbr", "a"]

    private func containsHierarchy(_ e: XMLElement) -> Bool {
        !e.descendants(where: { kind(of: $0) != nil }).isEmpty
    }

    /// Text without authorial notes (kept apart as footnotes).
    func textWithoutNotes(_ e: XMLElement) -> String {
        e.text { c in c.name == "authorialNote" ? .skip : Self.inline.contains(c.name) ? .read : .spaceBefore }
    }
}
