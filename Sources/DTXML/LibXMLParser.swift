import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Parses XML and HTML with libxml2 into an `XMLDocumentTree`.
///
/// Safety: no network (`NONET`), no DTD loading, no entity substitution, no
/// XInclude, and a process-wide external entity loader that refuses every
/// request, so neither `file://` nor `http://` entities or DTDs are ever read.
/// Entity-expansion bombs hit libxml2's amplification checks; depth beyond 256
/// is refused by the XML parser and flattened for HTML.
public enum LibXMLParser {
    /// Runs once per process: initialise libxml2 and install the refusing loader.
    static let initialised: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
        return true
    }()

    /// What neither parser can take: nothing at all, or more than libxml2's Int32
    /// length can say (a larger buffer would be silently cut short).
    private static func refuseUnparseable(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { throw XMLParseError(message: "empty document", line: 0, column: 0) }
        guard bytes.count <= Int(Int32.max) else {
            throw XMLParseError(message: "document is larger than 2 GiB, more than the parser can take", line: 0, column: 0)
        }
    }

    /// Parses an XML document. `name` is used only in messages.
    public static func parseXML(_ bytes: [UInt8], name: String = "input") throws -> XMLDocumentTree {
        _ = initialised
        try refuseUnparseable(bytes)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOXINCNODE.rawValue)
        return try withErrorSink { sink in
            guard let ctxt = xmlNewParserCtxt() else {
                throw XMLParseError(message: "could not create an XML parser", line: 0, column: 0)
            }
            defer { xmlFreeParserCtxt(ctxt) }
            let doc = bytes.withUnsafeBufferPointer { buf -> xmlDocPtr? in
                buf.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                        xmlCtxtReadMemory(ctxt, $0, Int32(buf.count), name, nil, options)
                    }
                }
            }
            guard let doc else { throw sink.firstError ?? XMLParseError(message: "not well-formed XML", line: 0, column: 0) }
            defer { xmlFreeDoc(doc) }
            if ctxt.pointee.wellFormed == 0 {
                throw sink.firstError ?? XMLParseError(message: "not well-formed XML", line: 0, column: 0)
            }
            return try convert(doc, lowercaseNames: false)
        }
    }

    /// Parses HTML tolerantly. `encoding` overrides what the document's `meta` declares.
    ///
    /// libxml2's HTML parser runs with SAX handlers of our own (`HTMLTreeBuilder`):
    /// it builds no tree of its own, so a page costs one tree, ours, not libxml2's
    /// and then a copy of it.
    ///
    /// libxml2's tree builder stopped at nesting deeper than 256 and at a text node over
    /// 10 MB, and left the rest of the file out without failing the parse.
    /// `XML_PARSE_HUGE` lifts the text limit (the file-size limit bounds it instead).
    /// Depth stays bounded, by us: elements deeper than `XMLParseLimits.maxDepth` are
    /// flattened, and an element deeper than `XMLParseLimits.maxHTMLDepth` stops the
    /// parse with an error naming its line (an unbounded open-element stack would make
    /// every stray end tag cost a scan of it: quadratic time). Any parse libxml2 halts
    /// is an error with the line it stopped at, never a document silently cut short.
    public static func parseHTML(_ bytes: [UInt8], name: String = "input", encoding: String? = nil) throws -> XMLDocumentTree {
        _ = initialised
        try refuseUnparseable(bytes)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NODEFDTD.rawValue | XML_PARSE_HUGE.rawValue)
        return try withErrorSink { sink in
            guard let ctxt = htmlNewParserCtxt() else {
                throw XMLParseError(message: "could not create an HTML parser", line: 0, column: 0)
            }
            defer { htmlFreeParserCtxt(ctxt) }
            let builder = HTMLTreeBuilder()
            let unmanaged = Unmanaged.passRetained(builder)
            defer { unmanaged.release() }
            ctxt.pointee._private = unmanaged.toOpaque()
            installHTMLHandlers(ctxt.pointee.sax)
            let doc = bytes.withUnsafeBufferPointer { buf -> htmlDocPtr? in
                buf.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                        htmlCtxtReadMemory(ctxt, $0, Int32(buf.count), name, encoding, options)
                    }
                }
            }
            // The document node only (startDocument's): it carries the encoding libxml2 read.
            defer { if let doc { xmlFreeDoc(doc) } }
            // A halted parse (libxml2 stops sending events) dropped everything after this point.
            if ctxt.pointee.errNo == Int32(XML_ERR_USER_STOP.rawValue) {
                let line = ctxt.pointee.input.map { Int($0.pointee.line) } ?? 0
                throw XMLParseError(message: "elements are nested more than \(XMLParseLimits.maxHTMLDepth) deep; refused to protect the parser (depth limit)",
                                    line: line, column: 0)
            }
            if ctxt.pointee.disableSAX != 0 {
                throw haltError(ctxt.pointee.lastError)
            }
            guard let doc else { throw sink.firstError ?? XMLParseError(message: "unreadable HTML", line: 0, column: 0) }
            guard let root = builder.finish() else {
                throw XMLParseError(message: "document has no root element", line: 0, column: 0)
            }
            return XMLDocumentTree(root: root, encoding: doc.pointee.encoding.map { String(cString: $0) },
                                   flattenedDeepNesting: builder.flattened, mayHaveLinks: builder.sawLink)
        }
    }

    /// Points the HTML parser's SAX handler at `HTMLTreeBuilder` (found through the
    /// context's `_private`). The document start and end and the DOCTYPE keep libxml2's
    /// handlers: they make the bare document node that holds the encoding.
    private static func installHTMLHandlers(_ sax: UnsafeMutablePointer<xmlSAXHandler>?) {
        guard let sax else { return }
        sax.pointee.startElement = { context, name, attributes in
            guard let context, let name else { return }
            let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
            if Int(parser.pointee.nameNr) > XMLParseLimits.maxHTMLDepth {
                xmlStopParser(parser)
                return
            }
            guard let builder = saxHTMLBuilder(parser) else { return }
            var attrs: [String: String] = [:]
            if var a = attributes {
                while let key = a.pointee {
                    let value = a.successor().pointee
                    let raw = String(cString: key)
                    let k = raw.lowercased()
                    // As libxml2's tree builder: a boolean attribute without a value (`disabled`)
                    // has its name as its value, any other has an empty one.
                    if attrs[k] == nil {
                        attrs[k] = value.map { String(cString: $0) } ?? (htmlIsBooleanAttr(key) != 0 ? raw : "")
                    }
                    a = a.advanced(by: 2)
                }
            }
            // libxml2's HTML parser hands most names lower-cased already (`p`, `h2`): a name
            // of lower-case ASCII letters and digits alone has no colon to split and lower-
            // cases to itself, so it skips `htmlQName` and `lowercased()` (a few hundred
            // instructions an element on a big page).
            var plain = true
            var c = name
            while c.pointee != 0 {
                let b = c.pointee
                if !((0x61...0x7A).contains(b) || (0x30...0x39).contains(b)) { plain = false; break }
                c += 1
            }
            let (local, namespaceURI) = plain ? (String(cString: name), nil) : htmlQName(String(cString: name))
            builder.startElement(name: plain ? local : local.lowercased(), namespaceURI: namespaceURI, attributes: attrs,
                                 line: saxLine(parser), open: Int(parser.pointee.nameNr))
        }
        sax.pointee.endElement = { context, _ in
            guard let context else { return }
            let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
            saxHTMLBuilder(parser)?.endElement(open: Int(parser.pointee.nameNr))
        }
        let characters: charactersSAXFunc = { context, ch, len in
            guard let context, let ch, len > 0 else { return }
            let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
            saxHTMLBuilder(parser)?.characters(UnsafeBufferPointer(start: ch, count: Int(len)), line: saxLine(parser),
                                               open: Int(parser.pointee.nameNr))
        }
        sax.pointee.characters = characters
        sax.pointee.cdataBlock = { context, ch, len in
            guard let context, let ch, len > 0 else { return }
            let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
            saxHTMLBuilder(parser)?.cdata(UnsafeBufferPointer(start: ch, count: Int(len)), open: Int(parser.pointee.nameNr))
        }
        sax.pointee.comment = { context, _ in
            guard let context else { return }
            let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
            saxHTMLBuilder(parser)?.otherNode(line: saxLine(parser), open: Int(parser.pointee.nameNr))
        }
        sax.pointee.processingInstruction = { context, _, _ in
            guard let context else { return }
            let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
            saxHTMLBuilder(parser)?.otherNode(line: saxLine(parser), open: Int(parser.pointee.nameNr))
        }
        sax.pointee.internalSubset = { context, name, externalID, systemID in
            guard let context else { return }
            let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
            // Only the first DOCTYPE makes a node (libxml2 ignores later ones in HTML).
            if let doc = parser.pointee.myDoc, xmlGetIntSubset(doc) == nil { saxHTMLBuilder(parser)?.doctype() }
            xmlSAX2InternalSubset(context, name, externalID, systemID)
        }
    }

    /// The error libxml2 halted on, with the line it stopped at.
    static func haltError(_ error: xmlError) -> XMLParseError {
        let detail = error.message.map { String(cString: $0).trimmingWhitespace() } ?? "parse error"
        return XMLParseError(message: "the parser stopped here (\(detail)); the text after this point would be lost",
                             line: Int(error.line), column: Int(error.int2))
    }

    // MARK: - Errors

    /// Collects the first error libxml2 reports on this thread during one parse.
    final class ErrorSink {
        var firstError: XMLParseError?
    }

    static func withErrorSink<T>(_ body: (ErrorSink) throws -> T) throws -> T {
        let sink = ErrorSink()
        let unmanaged = Unmanaged.passRetained(sink)
        // libxml2 keeps this handler per thread, so parallel parses do not share it.
        xmlSetStructuredErrorFunc(unmanaged.toOpaque()) { context, error in
            guard let context, let error else { return }
            let sink = Unmanaged<ErrorSink>.fromOpaque(context).takeUnretainedValue()
            guard sink.firstError == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            var message = error.pointee.message.map { String(cString: $0) } ?? "parse error"
            message = message.trimmingWhitespace()
            sink.firstError = XMLParseError(message: message, line: Int(error.pointee.line), column: Int(error.pointee.int2))
        }
        defer {
            xmlSetStructuredErrorFunc(nil, nil)
            unmanaged.release()
        }
        return try body(sink)
    }

    // MARK: - Tree conversion

    /// One open element during the iterative walk.
    private struct Frame {
        var element: XMLElement
        var next: xmlNodePtr?
        var depth: Int
        /// Beyond the depth limit: fold this element's text into its parent.
        var flatten: Bool
    }

    /// The Swift tree of a libxml2 tree (XML documents; the fuzzer's HTML oracle).
    static func convert(_ doc: xmlDocPtr, lowercaseNames: Bool) throws -> XMLDocumentTree {
        guard let rootNode = xmlDocGetRootElement(doc) else {
            throw XMLParseError(message: "document has no root element", line: 0, column: 0)
        }
        let encoding = doc.pointee.encoding.map { String(cString: $0) }
        var flattened = false
        var budget = ExpansionBudget()
        var stack: [Frame] = [Frame(element: try makeElement(rootNode, doc: doc, lowercase: lowercaseNames, budget: &budget),
                                    next: rootNode.pointee.children, depth: 1, flatten: false)]
        var root: XMLElement?
        while !stack.isEmpty {
            let top = stack.count - 1
            guard let node = stack[top].next else {
                let done = stack.removeLast()
                if stack.isEmpty {
                    root = done.element
                } else if done.flatten {
                    stack[stack.count - 1].element.children.append(contentsOf: done.element.children)
                } else {
                    stack[stack.count - 1].element.children.append(.element(done.element))
                }
                continue
            }
            stack[top].next = node.pointee.next
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let depth = stack[top].depth + 1
                let flatten = depth > XMLParseLimits.maxDepth
                if flatten { flattened = true }
                stack.append(Frame(element: try makeElement(node, doc: doc, lowercase: lowercaseNames, budget: &budget),
                                   next: node.pointee.children, depth: depth, flatten: flatten))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    stack[top].element.children.append(.text(String(cString: content), line: Int(xmlGetLineNo(node))))
                }
            case XML_ENTITY_REF_NODE:
                if let text = try expandEntity(node, doc: doc, budget: &budget) {
                    stack[top].element.children.append(.text(text, line: Int(xmlGetLineNo(node))))
                }
            default:
                break // comments, processing instructions, XInclude markers, DTD nodes
            }
        }
        guard let root else { throw XMLParseError(message: "document has no root element", line: 0, column: 0) }
        return XMLDocumentTree(root: root, encoding: encoding, flattenedDeepNesting: flattened)
    }

    /// Characters of entity text expanded so far in one document.
    private struct ExpansionBudget {
        var used = 0
    }

    /// The replacement text of an entity reference, or nil when it is not expanded.
    /// Only short internal entities are expanded, once, without recursion, and all
    /// expansions in a document (text and attributes) share `maxTotalEntityExpansion`:
    /// a short entity referenced a million times is refused, not multiplied.
    private static func expandEntity(_ node: xmlNodePtr, doc: xmlDocPtr, budget: inout ExpansionBudget) throws -> String? {
        guard let name = node.pointee.name, let entity = xmlGetDocEntity(doc, name),
              entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY,
              entity.pointee.length <= Int32(XMLParseLimits.maxEntityExpansion),
              let content = entity.pointee.content else { return nil }
        let text = String(cString: content)
        if text.contains("&") { return nil }
        budget.used += text.utf8.count
        if budget.used > XMLParseLimits.maxTotalEntityExpansion {
            throw XMLParseError(
                message: "entity references expand to more than \(XMLParseLimits.maxTotalEntityExpansion) bytes in total (entity-expansion attack?)",
                line: Int(xmlGetLineNo(node)), column: 0)
        }
        return text
    }

    private static func makeElement(_ node: xmlNodePtr, doc: xmlDocPtr, lowercase: Bool,
                                    budget: inout ExpansionBudget) throws -> XMLElement {
        var name = node.pointee.name.map { String(cString: $0) } ?? ""
        if lowercase { name = name.lowercased() }
        let ns = node.pointee.ns?.pointee.href.map { String(cString: $0) }
        var attributes: [String: String] = [:]
        var attr = node.pointee.properties
        while let a = attr {
            if let n = a.pointee.name {
                var key = String(cString: n)
                if lowercase { key = key.lowercased() }
                if attributes[key] == nil {
                    var value = ""
                    var child = a.pointee.children
                    while let c = child {
                        if c.pointee.type == XML_ENTITY_REF_NODE {
                            // Its content is the raw entity text: expand it under the same rules as in text.
                            if let text = try expandEntity(c, doc: doc, budget: &budget) { value += text }
                        } else if let content = c.pointee.content {
                            value += String(cString: content)
                        }
                        child = c.pointee.next
                    }
                    attributes[key] = value
                }
            }
            attr = a.pointee.next
        }
        return XMLElement(name: name, namespaceURI: ns, attributes: attributes, children: [], line: Int(xmlGetLineNo(node)))
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}

// File-level, so the SAX callbacks (C function pointers) capture nothing.
private func saxHTMLBuilder(_ parser: UnsafeMutablePointer<xmlParserCtxt>) -> HTMLTreeBuilder? {
    parser.pointee._private.map { Unmanaged<HTMLTreeBuilder>.fromOpaque($0).takeUnretainedValue() }
}

private func saxLine(_ parser: UnsafeMutablePointer<xmlParserCtxt>) -> Int {
    parser.pointee.input.map { Int($0.pointee.line) } ?? 0
}

/// An HTML element name as libxml2's tree builder stores it (`xmlSplitQName`, then a
/// namespace search in a document that declares none): `o:p` (Word's HTML) is `p`, with
/// no namespace except for the one predefined prefix, `xml`. A name that starts or ends
/// with its first colon stays whole; the local part keeps any later colon.
private func htmlQName(_ full: String) -> (local: String, namespaceURI: String?) {
    let u = full.utf8
    guard u.first != UInt8(ascii: ":"), let colon = u.firstIndex(of: UInt8(ascii: ":")) else { return (full, nil) }
    let after = u.index(after: colon)
    guard after < u.endIndex else { return (full, nil) }
    let prefix = String(decoding: u[..<colon], as: UTF8.self)
    let local = String(decoding: u[after...], as: UTF8.self)
    return (local, prefix == "xml" ? "http://www.w3.org/XML/1998/namespace" : nil)
}
