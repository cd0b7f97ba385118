import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Receives a document's elements and character data in document order, as
/// libxml2 reads them: no tree is built, so a reader that needs a few elements
/// of a large file pays for the parse and little else.
public protocol XMLStreamHandler: AnyObject {
    /// A start tag: local name, namespace URI, attributes, and its line.
    func startElement(_ name: String, namespaceURI: String?, attributes: XMLAttributes, line: Int)
    /// Character data inside the current element (entity and character references
    /// resolved); one text run may arrive in several calls.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
    func endElement()
    /// Checked after each start tag: false stops the parse (the reader has seen enough).
    var wantsMore: Bool { get }
}

/// A tree already parsed, replayed as the events a stream would have sent, so one
/// reader serves both the streamed parse and documents that need the tree parse.
extension XMLElement {
    public func replay(into handler: XMLStreamHandler) {
        var stack: [ArraySlice<XMLChild>] = []
        handler.startElement(name, namespaceURI: namespaceURI, attributes: XMLAttributes(attributes), line: line)
        guard handler.wantsMore else { return }
        stack.append(children[...])
        while var top = stack.popLast() {
            guard let first = top.first else {
                handler.endElement()
                continue
            }
            top = top.dropFirst()
            stack.append(top)
            switch first {
            case .text(let t, _):
                var t = t
                t.withUTF8 { handler.characters($0) }
            case .element(let e):
                handler.startElement(e.name, namespaceURI: e.namespaceURI, attributes: XMLAttributes(e.attributes), line: e.line)
                guard handler.wantsMore else { return }
                stack.append(e.children[...])
            }
        }
    }
}

extension LibXMLParser {
    /// Streams a document without a DOCTYPE through `handler`, with libxml2's SAX2
    /// interface. Returns false when the handler stopped the parse early.
    ///
    /// Safety as in `parseXML`: no network, no DTD (the internal and external
    /// subset callbacks are not set, so no entity is declared or loaded), and the
    /// refusing entity loader. Without a DTD the only entities are the five
    /// predefined ones and character references, so nothing can expand; callers
    /// send documents with a DOCTYPE to `parseXML`, which bounds expansion.
    public static func streamXML(_ bytes: [UInt8], name: String = "input", into handler: XMLStreamHandler) throws -> Bool {
        _ = initialised
        guard !bytes.isEmpty else { throw XMLParseError(message: "empty document", line: 0, column: 0) }
        guard bytes.count <= Int(Int32.max) else {
            throw XMLParseError(message: "document is larger than 2 GiB, more than the parser can take", line: 0, column: 0)
        }
        return try withErrorSink { sink in
            let state = StreamState(handler: handler)
            let unmanaged = Unmanaged.passRetained(state)
            defer { unmanaged.release() }
            let sax = UnsafeMutablePointer<xmlSAXHandler>.allocate(capacity: 1)
            defer { sax.deallocate() }
            sax.initialize(to: xmlSAXHandler())
            sax.pointee.initialized = XML_SAX2_MAGIC
            sax.pointee.startElementNs = streamStart
            sax.pointee.endElementNs = streamEnd
            sax.pointee.characters = streamCharacters
            sax.pointee.ignorableWhitespace = streamCharacters
            let ctxt: xmlParserCtxtPtr? = bytes.withUnsafeBufferPointer { buf in
                buf.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                        xmlCreateMemoryParserCtxt($0, Int32(buf.count))
                    }
                }
            }
            guard let ctxt else { throw XMLParseError(message: "could not create an XML parser", line: 0, column: 0) }
            // Our handler for the parse; the context's own is put back before it is freed.
            let ownHandler = ctxt.pointee.sax
            ctxt.pointee.sax = sax
            ctxt.pointee.userData = unmanaged.toOpaque()
            defer {
                ctxt.pointee.sax = ownHandler
                ctxt.pointee.userData = nil
                xmlFreeParserCtxt(ctxt)
            }
            state.context = ctxt
            let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                                | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOXINCNODE.rawValue)
            xmlCtxtUseOptions(ctxt, options)
            // libxml2 2.9 copied the bytes into its input buffer when it made the context.
            _ = xmlParseDocument(ctxt)
            if state.stopped { return false }
            if ctxt.pointee.wellFormed == 0 || sink.firstError != nil {
                throw sink.firstError ?? XMLParseError(message: "not well-formed XML", line: 0, column: 0)
            }
            return true
        }
    }

    /// What the C callbacks reach through libxml2's user-data pointer.
    final class StreamState {
        let handler: XMLStreamHandler
        var context: xmlParserCtxtPtr?
        var stopped = false

        init(handler: XMLStreamHandler) {
            self.handler = handler
        }

        /// The line libxml2 gives the element it has just read, as `xmlGetLineNo` would.
        var line: Int { Int(context?.pointee.input?.pointee.line ?? 0) }
    }
}

/// Runs `body` on the state behind libxml2's user-data pointer. The parse holds
/// the state for as long as callbacks come, so no event retains and releases it
/// (a retain and a release per event, atomic, showed in whole-corpus profiles).
@inline(__always)
private func withStreamState(_ ctx: UnsafeMutableRawPointer?, _ body: (LibXMLParser.StreamState) -> Void) {
    guard let ctx else { return }
    Unmanaged<LibXMLParser.StreamState>.fromOpaque(ctx)._withUnsafeGuaranteedRef(body)
}

private let streamStart: startElementNsSAX2Func = { ctx, localname, _, uri, _, _, nbAttributes, _, attributes in
    withStreamState(ctx) { state in
        guard !state.stopped else { return }
        let name = localname.map { String(cString: $0) } ?? ""
        let ns = uri.map { String(cString: $0) }
        let attrs = XMLAttributes(libxml: attributes.map { UnsafePointer($0) }, count: Int(nbAttributes))
        state.handler.startElement(name, namespaceURI: ns, attributes: attrs, line: state.line)
        if !state.handler.wantsMore, let c = state.context {
            state.stopped = true
            xmlStopParser(c)
        }
    }
}

private let streamEnd: endElementNsSAX2Func = { ctx, _, _, _ in
    withStreamState(ctx) { state in
        guard !state.stopped else { return }
        state.handler.endElement()
    }
}

private let streamCharacters: charactersSAXFunc = { ctx, chars, len in
    withStreamState(ctx) { state in
        guard !state.stopped, let chars, len > 0 else { return }
        state.handler.characters(UnsafeBufferPointer(start: chars, count: Int(len)))
    }
}

/// A start tag's attributes by local name (the first of a name wins). Read in
/// place from libxml2's arrays during a stream callback (no dictionary is built
/// for the many elements nobody asks about), or from a tree element's dictionary.
public struct XMLAttributes {
    private let libxml: UnsafePointer<UnsafePointer<xmlChar>?>?
    private let count: Int
    private let dictionary: [String: String]
    /// `PlainXMLScanner`'s: the document and the tag's attributes as offsets into it.
    private let plain: UnsafePointer<UInt8>?
    private let spans: UnsafeBufferPointer<PlainAttributeSpan>

    /// libxml2's SAX2 layout: five pointers per attribute (local name, prefix,
    /// URI, value start, value end). Valid only during the callback.
    init(libxml: UnsafePointer<UnsafePointer<xmlChar>?>?, count: Int) {
        self.libxml = libxml
        self.count = count
        self.dictionary = [:]
        self.plain = nil
        self.spans = UnsafeBufferPointer(start: nil, count: 0)
    }

    /// The plain scanner's attributes. Valid only during the callback.
    init(plain: UnsafePointer<UInt8>, spans: UnsafeBufferPointer<PlainAttributeSpan>) {
        self.libxml = nil
        self.count = 0
        self.dictionary = [:]
        self.plain = plain
        self.spans = spans
    }

    public init(_ dictionary: [String: String]) {
        self.libxml = nil
        self.count = 0
        self.dictionary = dictionary
        self.plain = nil
        self.spans = UnsafeBufferPointer(start: nil, count: 0)
    }

    public subscript(_ name: String) -> String? {
        if let plain { return plainValue(name, in: plain) }
        guard let libxml else { return dictionary[name] }
        var name = name
        return name.withUTF8 { wanted -> String? in
            for i in 0..<count {
                guard let key = libxml[i * 5], let start = libxml[i * 5 + 3], let end = libxml[i * 5 + 4] else { continue }
                // The key is NUL-terminated: equal when every byte matches and the key ends there.
                var k = 0
                while k < wanted.count, key[k] == wanted[k] { k += 1 }
                guard k == wanted.count, key[k] == 0 else { continue }
                let raw = UnsafeBufferPointer(start: start, count: end - start)
                let value = String(decoding: raw, as: UTF8.self)
                return raw.contains(0x26) ? Self.resolvingReferences(value) : value
            }
            return nil
        }
    }

    /// The scanner's raw value, references resolved as for libxml2's value: libxml2
    /// hands over the raw value with every reference replaced by its character except
    /// that `&` stays a reference (`&#38;`), and `resolvingReferences` makes of that what
    /// it makes of the raw value, every reference in which the scanner has checked.
    private func plainValue(_ name: String, in base: UnsafePointer<UInt8>) -> String? {
        var name = name
        return name.withUTF8 { wanted -> String? in
            for span in spans where span.nameEnd - span.nameStart == wanted.count {
                var k = 0
                while k < wanted.count, base[span.nameStart + k] == wanted[k] { k += 1 }
                guard k == wanted.count else { continue }
                let value = String(decoding: UnsafeBufferPointer(start: base + span.valueStart, count: span.valueEnd - span.valueStart),
                                   as: UTF8.self)
                return span.hasReference ? Self.resolvingReferences(value) : value
            }
            return nil
        }
    }

    /// Without entity substitution libxml2 hands SAX2 an attribute value with its
    /// ampersands still written as references (`&#38;`), which its own tree builder
    /// resolves afterwards; so do we. Without a DTD only the predefined entities and
    /// character references can occur; anything else is left as written.
    static func resolvingReferences(_ value: String) -> String {
        var out = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else {
                rest = rest[amp...]
                break
            }
            let name = rest[rest.index(after: amp)..<semi]
            var replacement: String?
            switch name {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                }
            }
            if let replacement {
                out += replacement
            } else {
                out += rest[amp...semi]
            }
            rest = rest[rest.index(after: semi)...]
        }
        out += rest
        return out
    }
}
