// A small value tree produced from a libxml2 parse. Nothing outside this module
// sees a libxml2 pointer: readers walk these structs instead.

/// One element with its attributes and children, in document order.
public struct XMLElement: Sendable, Equatable {
    /// Local name (lower-cased for HTML documents).
    public var name: String
    /// Namespace URI, or nil when the element has none.
    public var namespaceURI: String?
    /// Attributes by local name (prefix dropped, first value kept).
    public var attributes: [String: String]
    public var children: [XMLChild]
    /// 1-based line of the start tag, 0 when libxml2 did not know it.
    public var line: Int

    public init(name: String, namespaceURI: String? = nil, attributes: [String: String] = [:],
                children: [XMLChild] = [], line: Int = 0) {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    public subscript(_ name: String) -> String? { attributes[name] }

    /// Direct child elements.
    public var childElements: [XMLElement] {
        children.compactMap { if case .element(let e) = $0 { return e } else { return nil } }
    }

    /// The first direct child element with this local name.
    public func child(_ name: String) -> XMLElement? {
        for case .element(let e) in children where e.name == name { return e }
        return nil
    }

    /// All text below this element, in document order.
    public var textContent: String { text { _ in .read } }

    /// How `text(reading:)` takes an element below the one read.
    public enum TextReading {
        /// Its text, as it stands.
        case read
        /// A space, then its text (an element that is a block of its own).
        case spaceBefore
        /// None of it.
        case skip
    }

    /// The text below this element, in document order, each element below taken
    /// as `reading` says. Iterative, so depth costs no stack.
    public func text(reading: (XMLElement) -> TextReading) -> String {
        var out = ""
        var stack: [ArraySlice<XMLChild>] = [children[...]]
        while var top = stack.popLast() {
            guard let first = top.first else { continue }
            top = top.dropFirst()
            stack.append(top)
            switch first {
            case .text(let t, _): out += t
            case .element(let e):
                switch reading(e) {
                case .skip: continue
                case .spaceBefore: out += " "
                case .read: break
                }
                stack.append(e.children[...])
            }
        }
        return out
    }

    /// Descendant elements (not self) in document order, walked iteratively.
    public func descendants(where predicate: (XMLElement) -> Bool) -> [XMLElement] {
        var found: [XMLElement] = []
        var stack: [ArraySlice<XMLChild>] = [children[...]]
        while var top = stack.popLast() {
            guard let first = top.first else { continue }
            top = top.dropFirst()
            stack.append(top)
            if case .element(let e) = first {
                if predicate(e) { found.append(e) }
                stack.append(e.children[...])
            }
        }
        return found
    }
}

/// A child of an element: another element or a run of character data.
public enum XMLChild: Sendable, Equatable {
    case element(XMLElement)
    /// Text with the 1-based line it starts on.
    case text(String, line: Int)
}

/// A parsed document: its root element and what the parser learnt about it.
public struct XMLDocumentTree: Sendable {
    public var root: XMLElement
    /// The encoding the document declared or libxml2 detected, if any.
    public var encoding: String?
    /// True when depth beyond `XMLParseLimits.maxDepth` was flattened into text.
    public var flattenedDeepNesting: Bool
    /// False only when the parse is known to have made no element named `a` (HTML, whose
    /// tree builder watches for one): the tree then holds no link to look at.
    public var mayHaveLinks: Bool

    public init(root: XMLElement, encoding: String?, flattenedDeepNesting: Bool = false, mayHaveLinks: Bool = true) {
        self.root = root
        self.encoding = encoding
        self.flattenedDeepNesting = flattenedDeepNesting
        self.mayHaveLinks = mayHaveLinks
    }
}

/// A parse failure with the position libxml2 reported.
public struct XMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int

    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        line > 0 ? "line \(line), column \(column): \(message)" : message
    }
}

/// Bounds that keep a hostile document from costing unbounded stack or memory.
public enum XMLParseLimits {
    /// Elements deeper than this are not kept as elements: their text is folded
    /// into the ancestor at this depth. libxml2's XML parser itself refuses depth > 256.
    public static let maxDepth = 200
    /// HTML elements deeper than this stop the parse with an error naming the line
    /// (libxml2's XML parser refuses the same depth).
    public static let maxHTMLDepth = 256
    /// Internal entities longer than this are not expanded into text.
    public static let maxEntityExpansion = 4096
    /// All entity expansions in one document together (text and attribute values):
    /// beyond this the document is refused, so `&a;` repeated cannot multiply the input.
    public static let maxTotalEntityExpansion = 1 << 20
}
