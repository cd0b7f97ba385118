/// The kinds of division a legal text is made of.
public enum DivisionKind: String, Codable, Sendable, CaseIterable {
    case preamble, part, chapter, section, article, paragraph, subparagraph, annex
}

/// Where a node came from: a line and column in the file, and an element path
/// or Akoma Ntoso eId so that a report can send a person to the exact place.
public struct SourceLocation: Codable, Sendable, Hashable {
    /// 1-based line, 0 when unknown.
    public var line: Int
    /// 1-based column, nil when the format does not say (libxml2 keeps no columns on nodes).
    public var column: Int?
    /// Element path (`/treaty/body/chapter[3]/article[2]`), eId, or nil for text formats.
    public var path: String?

    public init(line: Int, column: Int? = nil, path: String? = nil) {
        self.line = line
        self.column = column
        self.path = path
    }

    /// `parent` + `/element[n]`, the path of a parent's n-th such child, made in one
    /// allocation (readers build one for every article and paragraph).
    public static func childPath(_ parent: String, _ element: String, _ n: Int) -> String {
        var path = parent
        path.reserveCapacity(parent.utf8.count + element.utf8.count + 8)
        path += "/"
        path += element
        path += "["
        path += String(n)
        path += "]"
        return path
    }

    private enum CodingKeys: String, CodingKey { case line, column, path }

    /// Writes `column` and `path` as null when unknown, so JSON readers see every key.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(line, forKey: .line)
        try c.encode(column, forKey: .column)
        try c.encode(path, forKey: .path)
    }
}

/// A footnote kept apart from the body text.
public struct Footnote: Codable, Sendable, Equatable {
    public var label: String?
    public var text: String
    public var location: SourceLocation

    public init(label: String?, text: String, location: SourceLocation) {
        self.label = label
        self.text = text
        self.location = location
    }
}

/// A part, chapter, section, article, paragraph … with its number as written,
/// heading, own text (original, for quoting), footnotes and children.
public struct Division: Sendable, Equatable {
    public var kind: DivisionKind
    /// The number as written: `ARTICLE 14.13`, `Article 19.11`, `11 .3`, or nil.
    public var number: String?
    public var heading: String?
    /// The body text of this division that is not inside a child division.
    public var text: String {
        get { utf8Text.map { String(decoding: $0, as: UTF8.self) } ?? storedText }
        set {
            storedText = newValue
            utf8Text = nil
        }
    }
    /// `text`, when it was given as a string.
    private var storedText: String
    /// `text` as the UTF-8 bytes a reader found, not made a string until someone
    /// asks: grading reads most articles only through `withTextUTF8` (the keyword
    /// prefilter), and making every article's string cost more than reading it.
    private var utf8Text: [UInt8]?
    public var footnotes: [Footnote]
    public var location: SourceLocation
    /// Where `text` itself starts, when that is not where the division starts
    /// (a heading line above the body, in text formats); nil otherwise.
    public var textLocation: SourceLocation?
    public var children: [Division]
    /// True when `text` is an article body as read, not yet split into paragraphs:
    /// ingest for grading defers the split, because most articles of a long agreement
    /// never reach a rule. `withParagraphs()` does it when it is wanted.
    public var paragraphsPending: Bool

    public init(kind: DivisionKind, number: String? = nil, heading: String? = nil, text: String = "",
                footnotes: [Footnote] = [], location: SourceLocation, textLocation: SourceLocation? = nil,
                children: [Division] = [], paragraphsPending: Bool = false) {
        self.kind = kind
        self.number = number
        self.heading = heading
        self.storedText = text
        self.utf8Text = nil
        self.footnotes = footnotes
        self.location = location
        self.textLocation = textLocation
        self.children = children
        self.paragraphsPending = paragraphsPending
    }

    /// A division whose text is given as valid UTF-8 (as libxml2 hands it over),
    /// kept as bytes until `text` is read.
    public init(kind: DivisionKind, number: String? = nil, heading: String? = nil, utf8Text: [UInt8],
                location: SourceLocation, paragraphsPending: Bool = false) {
        self.init(kind: kind, number: number, heading: heading, location: location, paragraphsPending: paragraphsPending)
        self.utf8Text = utf8Text
    }

    /// The same division with its text made a string, once, for code that reads it
    /// more than once.
    public func withTextAsString() -> Division {
        guard utf8Text != nil else { return self }
        var d = self
        d.text = text
        return d
    }

    /// Calls `body` with the UTF-8 of `text`, without making a string of kept bytes.
    public func withTextUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let utf8Text { return try utf8Text.withUnsafeBufferPointer(body) }
        var text = storedText
        text.makeContiguousUTF8()
        return try text.utf8.withContiguousStorageIfAvailable(body) ?? Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Equal when every field is, `text` compared as text however it is kept.
    public static func == (a: Division, b: Division) -> Bool {
        a.kind == b.kind && a.number == b.number && a.heading == b.heading && a.footnotes == b.footnotes
            && a.location == b.location && a.textLocation == b.textLocation && a.paragraphsPending == b.paragraphsPending
            && a.children == b.children && a.text == b.text
    }

    /// This division's text followed by all its descendants' text, in order.
    public var fullText: String {
        var parts: [String] = []
        var stack: [Division] = [self]
        while let d = stack.popLast() {
            if !d.text.isEmpty { parts.append(d.text) }
            stack.append(contentsOf: d.children.reversed())
        }
        return parts.joined(separator: "\n")
    }

    /// A short label for reports: number and heading where known.
    public var label: String {
        switch (number, heading) {
        case let (n?, h?) where !h.isEmpty: return "\(n) (\(h))"
        case let (n?, _): return n
        case let (nil, h?): return h
        default: return kind.rawValue
        }
    }
}
