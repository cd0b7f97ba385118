import DTModel
import DTXML

/// Reads the ToTA corpus format: `treaty/meta` (name, date_signed, parties,
/// language) and `treaty/body/chapter/article`, numbers and headings in attributes.
///
/// The reader consumes parse events, so a file is read in one streamed pass
/// without a tree (`stream`); a document that needs the tree parse (one with a
/// DOCTYPE, whose entities the tree parser bounds) is replayed from its tree (`read`).
enum TotaReader {
    /// Streams `bytes` as ToTA. Returns nil when the root is not `<treaty>` with a
    /// `<body>`: then the document is some other XML, for the caller to read.
    static func stream(_ bytes: [UInt8], path: String, options: IngestOptions) throws -> Agreement? {
        // A document in the plain subset of XML that ToTA files are written in is read
        // without libxml2 (`PlainXMLScanner`: the same events, a fraction of the cost).
        // Any other goes to libxml2 below, with a fresh builder.
        let plainBuilder = TotaBuilder(path: path, deferParagraphs: options.deferParagraphs, bodyLanguages: options.bodyLanguages)
        if let completed = PlainXMLScanner.stream(bytes, into: plainBuilder) {
            return result(of: plainBuilder, completed: completed)
        }
        // The same document with its text's non-ASCII characters as references, which
        // libxml2 reads several times faster (`ASCIIContent`). Should it fail, the
        // bytes as written are read instead, so that an error names their positions.
        if !skipsBody(bytes, options: options), let referenced = ASCIIContent.referencing(bytes) {
            let builder = TotaBuilder(path: path, deferParagraphs: options.deferParagraphs, bodyLanguages: options.bodyLanguages)
            if let completed = try? LibXMLParser.streamXML(referenced, name: path, into: builder) {
                return result(of: builder, completed: completed)
            }
        }
        let builder = TotaBuilder(path: path, deferParagraphs: options.deferParagraphs, bodyLanguages: options.bodyLanguages)
        let completed = try LibXMLParser.streamXML(bytes, name: path, into: builder)
        return result(of: builder, completed: completed)
    }

    /// Whether the meta plainly declares a language whose body the caller does not
    /// read (`IngestOptions.bodyLanguages`): then the parse stops at `<body>`, and
    /// rewriting the whole file for it would be wasted. A quick look at the first
    /// `<language>` before `<body>`; when it cannot tell, the answer is no, which
    /// costs time, not correctness (the builder decides what is read).
    static func skipsBody(_ bytes: [UInt8], options: IngestOptions) -> Bool {
        guard let wanted = options.bodyLanguages,
              let open = bytes.firstIndex(of: "<language>"), open < (bytes.firstIndex(of: "<body") ?? 0),
              let close = bytes.firstIndex(of: "</language>", from: open) else { return false }
        let value = String(decoding: bytes[(open + 10)..<close], as: UTF8.self).trimmed().lowercased()
        return !value.isEmpty && !value.contains("<") && !value.contains("&") && !wanted.contains(value)
    }

    private static func result(of builder: TotaBuilder, completed: Bool) -> Agreement? {
        guard completed || builder.skippedBody else { return nil }
        return builder.isTota ? builder.agreement() : nil
    }

    /// Reads a tree already parsed; refuses a document that is not ToTA.
    static func read(_ tree: XMLDocumentTree, path: String, options: IngestOptions) throws -> Agreement {
        let builder = TotaBuilder(path: path, deferParagraphs: options.deferParagraphs, bodyLanguages: options.bodyLanguages)
        tree.root.replay(into: builder)
        guard builder.rootName == "treaty" else {
            throw IngestError(path: path, message: "not a ToTA file: root element is <\(builder.rootName)>, expected <treaty>", line: builder.rootLine)
        }
        guard builder.isTota else {
            throw IngestError(path: path, message: "ToTA file has no <body>", line: builder.rootLine)
        }
        return builder.agreement()
    }
}

/// Builds an `Agreement` from the events of a ToTA document. Only the first
/// `meta` and `body` count, as only the first `name`, `date_signed`, `language`,
/// `parties` and `parties_original` in `meta`; an article is a `chapter`'s child
/// or a `body`'s child, and its text is all the character data below it.
final class TotaBuilder: XMLStreamHandler {
    // One parse calls the builder, one event at a time, so accesses to its fields
    // never overlap: the run-time exclusivity check on each (several per event)
    // showed in whole-corpus profiles.
    private let path: String
    private let deferParagraphs: Bool
    /// `IngestOptions.bodyLanguages`.
    private let bodyLanguages: Set<String>?
    /// The parse stopped at `<body>`: the declared language is not one the caller reads.
    @exclusivity(unchecked) private(set) var skippedBody = false

    @exclusivity(unchecked) private(set) var rootName = ""
    @exclusivity(unchecked) private(set) var rootLine = 0
    @exclusivity(unchecked) private(set) var wantsMore = true
    @exclusivity(unchecked) private var sawMeta = false
    @exclusivity(unchecked) private var sawBody = false

    @exclusivity(unchecked) private var title: String?
    @exclusivity(unchecked) private var dateSigned: String?
    @exclusivity(unchecked) private var language: String?
    @exclusivity(unchecked) private var parties: [String]?
    @exclusivity(unchecked) private var partiesOriginal: [String]?
    @exclusivity(unchecked) private var seenFields: Set<Field> = []
    @exclusivity(unchecked) private var divisions: [Division] = []

    private enum Field: Hashable { case name, dateSigned, language }
    /// What each open element is to the reader.
    private enum Role {
        case root, meta, body, ignored
        case field(Field)
        case partyList(original: Bool), party(original: Bool)
        case chapter, article
        /// An element inside a field, party or article: its text belongs to that one.
        case inside
    }

    @exclusivity(unchecked) private var stack: [Role] = []
    /// Character data of the field, party or article being read (while `collecting`).
    /// One buffer for the whole file, emptied but kept: a new array per article regrew
    /// (and copied) the text over and over.
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    @exclusivity(unchecked) private var collecting = false
    @exclusivity(unchecked) private var listed: [String] = []
    @exclusivity(unchecked) private var chapter: Division?
    @exclusivity(unchecked) private var chapterCount = 0
    @exclusivity(unchecked) private var chapterArticleCount = 0
    @exclusivity(unchecked) private var looseArticleCount = 0
    @exclusivity(unchecked) private var article: (number: String?, heading: String?, line: Int, path: String)?

    init(path: String, deferParagraphs: Bool, bodyLanguages: Set<String>? = nil) {
        self.path = path
        self.deferParagraphs = deferParagraphs
        self.bodyLanguages = bodyLanguages
    }

    /// The root is `<treaty>` and it has a `<body>`.
    var isTota: Bool { rootName == "treaty" && sawBody }

    func agreement() -> Agreement {
        Agreement(title: title, parties: parties ?? partiesOriginal ?? [], dateSigned: dateSigned, language: language,
                  sourceFormat: .tota, sourcePath: path, divisions: divisions)
    }

    func startElement(_ name: String, namespaceURI: String?, attributes: XMLAttributes, line: Int) {
        guard let parent = stack.last else {
            rootName = name
            rootLine = line
            wantsMore = name == "treaty"
            stack.append(.root)
            return
        }
        if collecting {
            stack.append(.inside)
            return
        }
        var role = Role.ignored
        switch parent {
        case .root:
            if name == "meta", !sawMeta { sawMeta = true; role = .meta }
            if name == "body", !sawBody {
                sawBody = true
                role = .body
                // The meta came first and declares a language the caller does not read.
                if let wanted = bodyLanguages, let language, !wanted.contains(language) {
                    skippedBody = true
                    wantsMore = false
                }
            }
        case .meta:
            let field: Field? = switch name {
            case "name": .name
            case "date_signed": .dateSigned
            case "language": .language
            default: nil
            }
            if let field, seenFields.insert(field).inserted {
                role = .field(field)
                startCollecting()
            } else if name == "parties", parties == nil {
                role = .partyList(original: false)
                listed = []
            } else if name == "parties_original", partiesOriginal == nil {
                role = .partyList(original: true)
                listed = []
            }
        case .partyList(let original):
            role = .party(original: original)
            startCollecting()
        case .body:
            if name == "chapter" {
                chapterCount += 1
                chapterArticleCount = 0
                chapter = Division(kind: .chapter, number: trimmedValue(attributes["number"]),
                                   heading: trimmedValue(attributes["name"]),
                                   location: SourceLocation(line: line, path: SourceLocation.childPath("/treaty/body", "chapter", chapterCount)))
                role = .chapter
            } else if name == "article" {
                looseArticleCount += 1
                role = openArticle(attributes, line: line, path: SourceLocation.childPath("/treaty/body", "article", looseArticleCount))
            }
        case .chapter:
            if name == "article", let chapterPath = chapter?.location.path {
                chapterArticleCount += 1
                role = openArticle(attributes, line: line, path: SourceLocation.childPath(chapterPath, "article", chapterArticleCount))
            }
        case .field, .party, .article, .inside, .ignored:
            break
        }
        stack.append(role)
    }

    private func openArticle(_ attributes: XMLAttributes, line: Int, path: String) -> Role {
        article = (trimmedValue(attributes["number"]), trimmedValue(attributes["name"]), line, path)
        startCollecting()
        return .article
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if collecting { buffer.append(contentsOf: bytes) }
    }

    func endElement() {
        guard let role = stack.popLast() else { return }
        switch role {
        case .field(let field):
            let value = takeText().trimmed().nonEmpty
            switch field {
            case .name: title = value
            case .dateSigned: dateSigned = value
            case .language: language = value?.lowercased()
            }
        case .party:
            let value = takeText().trimmed()
            if !value.isEmpty { listed.append(value) }
        case .partyList(let original):
            if original { partiesOriginal = listed } else { parties = listed }
        case .article:
            guard let a = article else {
                collecting = false
                return
            }
            let location = SourceLocation(line: a.line, path: a.path)
            let division: Division
            if deferParagraphs {
                // Kept as the bytes libxml2 gave (valid UTF-8): grading makes strings only
                // of the articles its keywords reach.
                division = Division(kind: .article, number: a.number, heading: a.heading, utf8Text: takeBytes(),
                                    location: location, paragraphsPending: true)
            } else {
                division = Division(kind: .article, number: a.number, heading: a.heading, text: takeText(),
                                    location: location, paragraphsPending: true).withParagraphs()
            }
            if chapter != nil { chapter?.children.append(division) } else { divisions.append(division) }
            article = nil
        case .chapter:
            if let c = chapter { divisions.append(c) }
            chapter = nil
        case .root, .meta, .body, .ignored, .inside:
            break
        }
    }

    /// An attribute's value trimmed, nil when empty. `trimmed()` is generic (over
    /// `StringProtocol`) and costs about 400 instructions even on a value with nothing
    /// to trim; its own first test, made here on the String, answers for most values.
    private func trimmedValue(_ value: String?) -> String? {
        guard let value else { return nil }
        if let first = value.utf8.first, let last = value.utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return value
        }
        return value.trimmed().nonEmpty
    }

    private func startCollecting() {
        buffer.removeAll(keepingCapacity: true)
        collecting = true
    }

    private func takeText() -> String {
        guard collecting else { return "" }
        collecting = false
        return String(decoding: buffer, as: UTF8.self)
    }

    private func takeBytes() -> [UInt8] {
        guard collecting else { return [] }
        collecting = false
        // A copy of exactly the bytes: `Array(buffer)` would share the buffer, so the
        // division kept its whole capacity and the next article allocated a new one.
        return buffer.withUnsafeBufferPointer { Array($0) }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
