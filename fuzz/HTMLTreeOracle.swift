// The HTML tree as libxml2's own tree builder makes it, converted as
// `LibXMLParser.parseHTML` did before it built the tree from SAX events
// (`HTMLTreeBuilder`, issue #15 point 5). The fuzzer parses every HTML input both
// ways and stops on any difference, so the streamed tree stays the tree the readers
// were written and tested against. Compiled into the fuzzer by scripts/fuzz.
import CLibXML2

enum HTMLTreeOracle {
    /// libxml2's tree of `bytes`, with the same options and depth check as `parseHTML`.
    static func parse(_ bytes: [UInt8], encoding: String? = nil) throws -> XMLDocumentTree {
        _ = LibXMLParser.initialised
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NODEFDTD.rawValue | XML_PARSE_HUGE.rawValue)
        return try LibXMLParser.withErrorSink { sink in
            guard let ctxt = htmlNewParserCtxt() else { throw XMLParseError(message: "no context", line: 0, column: 0) }
            defer { htmlFreeParserCtxt(ctxt) }
            ctxt.pointee.sax.pointee.startElement = { context, name, attributes in
                guard let context else { return }
                let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
                if Int(parser.pointee.nameNr) > XMLParseLimits.maxHTMLDepth {
                    xmlStopParser(parser)
                    return
                }
                xmlSAX2StartElement(context, name, attributes)
            }
            let doc = bytes.withUnsafeBufferPointer { buf -> htmlDocPtr? in
                buf.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                        htmlCtxtReadMemory(ctxt, $0, Int32(buf.count), "oracle", encoding, options)
                    }
                }
            }
            defer { if let doc { xmlFreeDoc(doc) } }
            if ctxt.pointee.errNo == Int32(XML_ERR_USER_STOP.rawValue) {
                throw XMLParseError(message: "depth", line: 0, column: 0)
            }
            if ctxt.pointee.disableSAX != 0 { throw XMLParseError(message: "halted", line: 0, column: 0) }
            guard let doc else { throw sink.firstError ?? XMLParseError(message: "unreadable HTML", line: 0, column: 0) }
            return try LibXMLParser.convert(doc, lowercaseNames: true)
        }
    }

    /// Stops the fuzzer when the SAX-built tree differs from libxml2's (lines past
    /// 65,535, which libxml2's HTML tree cannot hold, excepted).
    static func check(_ bytes: [UInt8], streamed: Result<XMLDocumentTree, Error>, encoding: String? = nil) {
        let expected = Result { try parse(bytes, encoding: encoding) }
        switch (streamed, expected) {
        case (.success(let a), .success(let b)):
            if a.flattenedDeepNesting != b.flattenedDeepNesting { fatalError("HTML tree oracle: flattening differs") }
            if a.encoding != b.encoding { fatalError("HTML tree oracle: encoding \(a.encoding ?? "nil") vs \(b.encoding ?? "nil")") }
            if !same(a.root, b.root) {
                fatalError("HTML tree oracle: trees differ\nstreamed: \(a.root)\nlibxml2:  \(b.root)".prefix(6000).description)
            }
        case (.failure, .failure):
            break
        case (.success, .failure(let e)):
            fatalError("HTML tree oracle: libxml2's tree fails (\(e)), the streamed one does not")
        case (.failure(let e), .success):
            fatalError("HTML tree oracle: the streamed tree fails (\(e)), libxml2's does not")
        }
    }

    private static func same(_ a: XMLElement, _ b: XMLElement) -> Bool {
        guard a.name == b.name, a.attributes == b.attributes, a.children.count == b.children.count,
              a.line == b.line || b.line >= 65535 else { return false }
        for (x, y) in zip(a.children, b.children) {
            switch (x, y) {
            case (.element(let e), .element(let f)):
                if !same(e, f) { return false }
            case (.text(let s, let l), .text(let t, let m)):
                if s != t || (l != m && m < 65535) { return false }
            default:
                return false
            }
        }
        return true
    }
}
