import DTModel
import DTXML

/// Reads XML in vocabularies dtcheck does not know by name (USLM, national
/// schemas): divisions come from element names (section, article, chapter,
/// part, title, paragraph …) with `num`/`heading` children, as in Akoma Ntoso.
/// When no element names structure, the text's own numbered headings
/// (`Article 5`, `ARTICLE 9.10`) are used; failing that, the whole text is kept
/// as one untitled section. Never an empty result.
enum GenericXMLReader {
    private static let dublinCore = "http://purl.org/dc/elements/1.1/"

    static func read(_ tree: XMLDocumentTree, path: String) throws -> Agreement {
        let root = tree.root
        let meta = root.descendants { $0.namespaceURI == dublinCore }
        var title = meta.first { $0.name == "title" }.map { TextCollapse.collapse($0.textContent) }?.nonEmpty
        let language = (meta.first { $0.name == "language" }?.textContent).flatMap(LanguageCode.twoLetter)
            ?? root["lang"].flatMap(LanguageCode.twoLetter)
        if title == nil {
            title = root.descendants { ["docTitle", "officialTitle", "longTitle", "name"].contains($0.name)
                || $0.name == "title" && $0.childElements.isEmpty }
                .first.map { TextCollapse.collapse($0.textContent) }?.nonEmpty
        }

        let hasArticles = !root.descendants(where: { $0.name == "article" }).isEmpty
        let walker = AKNWalker(sectionsAreArticles: !hasArticles)
        var holder = Division(kind: .section, location: SourceLocation(line: root.line, path: "/\(root.name)"))
        walker.fill(&holder, from: root, path: "/\(root.name)")
        var divisions: [Division] = []
        if !holder.children.isEmpty {
            if !holder.text.isEmpty {
                divisions.append(Division(kind: .preamble, text: holder.text, location: holder.location))
            }
            divisions.append(contentsOf: holder.children)
        } else {
            // No structure in the markup: look for numbered headings in the text's blocks.
            var blocks: [DocBlock] = []
            collectBlocks(root, path: "/\(root.name)", into: &blocks)
            var unusedTitle: String? = title ?? ""
            divisions = BlockOutline.build(blocks, title: &unusedTitle)
        }
        if divisions.isEmpty {
            throw IngestError(path: path, message: "XML document <\(root.name)> has no text", line: root.line)
        }
        return Agreement(title: title, language: language, sourceFormat: .xml, sourcePath: path, divisions: divisions)
    }

    /// Elements holding text directly become blocks (their whole text); others are walked into.
    private static func collectBlocks(_ e: XMLElement, path: String, into blocks: inout [DocBlock]) {
        let hasOwnText = e.children.contains { if case .text(let t, _) = $0 { return !t.trimmed().isEmpty } else { return false } }
        if hasOwnText {
            let text = TextCollapse.collapse(e.textContent)
            if !text.isEmpty { blocks.append(DocBlock(text: text, isStyledHeading: false, line: e.line, path: path)) }
            return
        }
        var counts: [String: Int] = [:]
        for c in e.childElements {
            counts[c.name, default: 0] += 1
            if c.namespaceURI == dublinCore || c.name == "meta" { continue }
            collectBlocks(c, path: "\(path)/\(c.name)[\(counts[c.name] ?? 1)]", into: &blocks)
        }
    }
}
