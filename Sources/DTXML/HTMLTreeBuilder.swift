import CLibXML2

/// Builds the `XMLElement` tree of an HTML page straight from libxml2's SAX events
/// (`LibXMLParser.parseHTML`): no libxml2 tree is built and then copied, which was
/// most of the parse's time and memory on a big page.
///
/// The tree is the one libxml2's own tree builder (`xmlSAX2StartElement`,
/// `xmlSAX2Characters`, `xmlSAX2CDataBlock`) followed by the old conversion gave:
/// character data arriving in several calls is one text node unless an element, a
/// comment or a processing instruction came between; `script`/`style` content
/// (CDATA blocks) is a text node of its own that takes the line of the sibling
/// before it, or of its parent; elements deeper than `XMLParseLimits.maxDepth` are
/// flattened into their ancestor; an element that starts when every element is
/// closed (content after `</html>`) goes into the root when the root is the
/// document's first node, and is dropped otherwise, as libxml2 links it. The fuzzer
/// compares the two trees on every input (`fuzz/HTMLTreeOracle.swift`). One
/// difference on purpose: lines past 65,535 are the true lines (libxml2's tree
/// stores at most 65,535 for HTML).
///
/// Each event carries the parser's count of open elements (`nameNr`): on a start tag
/// it cannot finish ("Couldn't find end of Start Tag"), libxml2 pops the element from
/// its own stacks without an end event, and what follows goes to the parent; the
/// builder closes such elements when the count says they are gone.
final class HTMLTreeBuilder {
    /// All the builder's state, in one stored property: each event is then one access to
    /// the class's storage, not one per field touched (Swift checks every access to a
    /// class's stored property at run time; on a 10 MB page those checks were 1.5% of
    /// the instructions of `check`). Not checked at all: one parse owns its builder, on
    /// one thread, and libxml2 calls the handlers one after another, never from inside
    /// one, so no two accesses can overlap (the remaining checks were 14 M instructions).
    @exclusivity(unchecked) private var tree = HTMLTree()

    var root: XMLElement? { tree.root }
    var flattened: Bool { tree.flattened }
    /// Whether an element named `a` was made (kept in the tree or not).
    var sawLink: Bool { tree.sawLink }

    /// `open` is the parser's count of open elements, this one included.
    func startElement(name: String, namespaceURI: String? = nil, attributes: [String: String], line: Int, open: Int) {
        tree.startElement(name: name, namespaceURI: namespaceURI, attributes: attributes, line: line, open: open)
    }

    /// `open` is the parser's count of open elements, the one ending included.
    func endElement(open: Int) { tree.endElement(open: open) }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, open: Int) {
        tree.characters(bytes, line: line, open: open)
    }

    func cdata(_ bytes: UnsafeBufferPointer<UInt8>, open: Int) { tree.cdata(bytes, open: open) }

    /// A comment or processing instruction: no text, but it ends a text node.
    func otherNode(line: Int, open: Int) { tree.otherNode(line: line, open: open) }

    func doctype() { tree.doctype() }

    /// The document's tree once the parse is over; elements still open are closed.
    func finish() -> XMLElement? { tree.finish() }
}

/// The tree `HTMLTreeBuilder` builds, as a value (see there for how events make it).
private struct HTMLTree {
    private struct Frame {
        var element: XMLElement
        var depth: Int
        /// Beyond the depth limit: this element's children go to its parent.
        var flatten: Bool
        /// Where the element goes when it ends with no frame below it.
        var attach: Attach
        /// Line of the last child when it is an element, text, comment or PI.
        var lastLine: Int?
    }

    private enum Attach { case root, intoRoot, drop }

    private var stack: [Frame] = []
    private(set) var root: XMLElement?
    private(set) var flattened = false
    private(set) var sawLink = false
    /// A DOCTYPE, comment or PI came before the root: it is the document's first node.
    private var docHasNodeBeforeRoot = false
    /// The open text node's bytes and line (one node across consecutive `characters` calls).
    private var text: [UInt8] = []
    private var textLine = 0
    private var textIsCDATA = false
    private var textOpen = false

    // MARK: events

    /// `open` is the parser's count of open elements, this one included.
    mutating func startElement(name: String, namespaceURI: String? = nil, attributes: [String: String], line: Int, open: Int) {
        sync(open - 1)
        closeText()
        if name == "a" { sawLink = true }
        let attach: Attach
        var depth = 1
        if let top = stack.last {
            attach = top.attach
            depth = top.depth + 1
            stack[stack.count - 1].lastLine = line
        } else if root == nil {
            attach = .root
        } else {
            attach = docHasNodeBeforeRoot ? .drop : .intoRoot
            depth = 2 // linked as the root's last child
        }
        let flatten = depth > XMLParseLimits.maxDepth
        // Only what the tree keeps counts (libxml2 links a dropped element outside the root).
        if flatten, attach != .drop { flattened = true }
        stack.append(Frame(element: XMLElement(name: name, namespaceURI: namespaceURI, attributes: attributes, line: line),
                           depth: depth, flatten: flatten, attach: attach))
    }

    /// `open` is the parser's count of open elements, the one ending included.
    mutating func endElement(open: Int) {
        sync(open)
        close()
    }

    /// Closes the elements the parser dropped without an end event.
    private mutating func sync(_ open: Int) {
        while stack.count > max(open, 0) { close() }
    }

    private mutating func close() {
        closeText()
        guard let done = stack.popLast() else { return }
        if !stack.isEmpty {
            if done.flatten {
                stack[stack.count - 1].element.children.append(contentsOf: done.element.children)
            } else {
                stack[stack.count - 1].element.children.append(.element(done.element))
            }
            return
        }
        switch done.attach {
        case .root: root = done.element
        case .intoRoot: root?.children.append(.element(done.element))
        case .drop: break
        }
    }

    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, open: Int) {
        sync(open)
        appendText(bytes, line: line, cdata: false)
    }

    mutating func cdata(_ bytes: UnsafeBufferPointer<UInt8>, open: Int) {
        sync(open)
        appendText(bytes, line: 0, cdata: true)
    }

    /// A comment or processing instruction: no text, but it ends a text node.
    mutating func otherNode(line: Int, open: Int) {
        sync(open)
        closeText()
        if stack.isEmpty {
            if root == nil { docHasNodeBeforeRoot = true }
        } else {
            stack[stack.count - 1].lastLine = line
        }
    }

    mutating func doctype() {
        // libxml2 makes the DTD the document's first node wherever the DOCTYPE stands.
        docHasNodeBeforeRoot = true
    }

    /// The document's tree once the parse is over; elements still open are closed.
    mutating func finish() -> XMLElement? {
        while !stack.isEmpty { close() }
        return root
    }

    // MARK: text

    private mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, cdata: Bool) {
        guard !stack.isEmpty else { return } // no element open: libxml2 keeps no text either
        let top = stack.count - 1
        if textOpen, textIsCDATA == cdata {
            text.append(contentsOf: bytes)
            return
        }
        closeText()
        // The last child is never a text node of the same kind here: every event that
        // closes a text node (element, comment, PI) also ends the run, as in libxml2.
        // (`text` is empty: `closeText` empties it, and nothing fills it while no node is open.)
        textLine = cdata ? (stack[top].lastLine ?? stack[top].element.line) : line
        text.append(contentsOf: bytes)
        textIsCDATA = cdata
        textOpen = true
    }

    private mutating func closeText() {
        guard textOpen else { return }
        textOpen = false
        let top = stack.count - 1
        stack[top].element.children.append(.text(String(decoding: text, as: UTF8.self), line: textLine))
        stack[top].lastLine = textIsCDATA ? nil : textLine
        text.removeAll(keepingCapacity: true)
    }
}
