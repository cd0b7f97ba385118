import CByteScan

/// Reads the plain subset of XML that ToTA files are written in, without libxml2,
/// and sends the same events `LibXMLParser.streamXML` would send.
///
/// Why: on the whole ToTA corpus libxml2's parse (with the `ASCIIContent` rewrite
/// that makes it read text faster, and the copy it makes of the input) was about
/// 1.08 G of 3.56 G instructions; most of it is generic machinery (the parser
/// context, per-character reading, a SAX2 start tag with namespace bookkeeping)
/// that a ToTA file never needs. This scanner reads such a file at a few
/// instructions a byte.
///
/// It never decides alone that a document is malformed: whenever a document leaves
/// the subset below, well-formed or not, it answers nil and the caller parses the
/// bytes with libxml2 (with a fresh handler: this one may have had events). So the
/// outcome of every document it does not vouch for is libxml2's, errors included,
/// and every document it vouches for is well-formed XML that libxml2 reads to the
/// same events (`PlainXMLScannerTests` compares the two on the corpus and on
/// generated documents).
///
/// The subset, checked as it reads:
/// - an optional UTF-8 byte-order mark, an optional XML declaration (version 1.0,
///   encoding UTF-8 or none, standalone yes/no), white space around the root element
///   and nothing else outside it: no DOCTYPE, comment, processing instruction or CDATA
///   section anywhere;
/// - names of ASCII letters, digits, `_`, `.` and `-` (no colon, so no namespaces),
///   no attribute whose name starts with "xml", no repeated attribute, at most 200
///   open elements (libxml2 stops at 256), names up to 1,000 bytes, attribute
///   values up to 1,000,000 (libxml2 refuses more than 10,000,000);
/// - text and attribute values of well-formed UTF-8 XML characters without CR (which
///   libxml2 rewrites as LF) and, in attribute values, without tab or LF (which it
///   rewrites as spaces); no `]]>` in text; references only to the five predefined
///   entities and to XML characters (`&#…;`, `&#x…;`).
///
/// The events: `startElement` with the local name, no namespace, the attributes
/// and the line libxml2 gives (the line of the `>` or `/>` that ends the start
/// tag: libxml2 calls back there); `characters` with the text, references
/// resolved (runs may be cut differently from libxml2's; readers join them);
/// `endElement` at each end tag and after an empty-element tag. After a start tag
/// whose handler's `wantsMore` is false nothing more is sent or checked, as in
/// `streamXML`.
public enum PlainXMLScanner {
    /// true: read to the end; false: the handler stopped it; nil: the document is
    /// not in the subset (read it with libxml2, with a fresh handler).
    public static func stream(_ bytes: [UInt8], into handler: XMLStreamHandler) -> Bool? {
        bytes.withUnsafeBufferPointer { buffer -> Bool? in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return nil }
            var scanner = Scanner(base: base, count: buffer.count, handler: handler)
            return scanner.document()
        }
    }

    /// Deepest nesting the scanner reads (libxml2 refuses beyond 256).
    static let maxDepth = 200
    /// Longest name the scanner reads (libxml2 refuses beyond 50,000).
    static let maxNameLength = 1_000
    /// Longest attribute value the scanner reads (libxml2 refuses one over 10,000,000
    /// bytes without `XML_PARSE_HUGE`).
    static let maxAttributeValueLength = 1_000_000
    /// Most attributes on one tag the scanner reads.
    static let maxAttributes = 64
}

/// One attribute of the start tag being read: offsets into the document.
struct PlainAttributeSpan {
    var nameStart: Int
    var nameEnd: Int
    var valueStart: Int
    var valueEnd: Int
    /// The raw value holds a reference (`&…;`), resolved when it is read.
    var hasReference: Bool
}

private struct Scanner {
    let base: UnsafePointer<UInt8>
    let n: Int
    let handler: XMLStreamHandler
    /// Read up to here.
    var i = 0
    /// libxml2's line at `i`: 1 + the line feeds before it.
    var line = 1
    /// The names of the open elements (offsets), to match end tags.
    var open: [(start: Int, end: Int)] = []
    var spans: [PlainAttributeSpan] = []

    init(base: UnsafePointer<UInt8>, count: Int, handler: XMLStreamHandler) {
        self.base = base
        self.n = count
        self.handler = handler
        open.reserveCapacity(16)
        spans.reserveCapacity(8)
    }

    // MARK: - Document

    mutating func document() -> Bool? {
        if n >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { i = 3 }
        if at("<?") {
            guard declaration() else { return nil }
        }
        skipSpace()
        guard i + 1 < n, base[i] == 0x3C, isNameStart(base[i + 1]) else { return nil }
        guard let completed = content() else { return nil }
        guard completed else { return false }
        skipSpace()
        return i == n ? true : nil
    }

    /// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, each pseudo-attribute
    /// but the version optional; anything else (another processing instruction, another
    /// version or encoding) is outside the subset.
    mutating func declaration() -> Bool {
        guard at("<?xml"), i + 5 < n, isSpace(base[i + 5]) else { return false }
        i += 5
        guard skipSpace(), pseudoAttribute("version"), let version = quoted(), equal(version, "1.0") else { return false }
        var hadSpace = skipSpace()
        if hadSpace, pseudoAttribute("encoding") {
            guard let encoding = quoted(), equal(encoding, "UTF-8") || equal(encoding, "utf-8") else { return false }
            hadSpace = skipSpace()
        }
        if hadSpace, pseudoAttribute("standalone") {
            guard let standalone = quoted(), equal(standalone, "yes") || equal(standalone, "no") else { return false }
            skipSpace()
        }
        guard at("?>") else { return false }
        i += 2
        return true
    }

    /// `name` and `=` with optional white space around it.
    mutating func pseudoAttribute(_ name: StaticString) -> Bool {
        guard at(name) else { return false }
        i += name.utf8CodeUnitCount
        skipSpace()
        guard i < n, base[i] == 0x3D else { return false }
        i += 1
        skipSpace()
        return true
    }

    /// A quoted value of plain ASCII (the declaration's), as offsets.
    mutating func quoted() -> (Int, Int)? {
        guard i < n, base[i] == 0x22 || base[i] == 0x27 else { return nil }
        let quote = base[i]
        let start = i + 1
        var k = start
        while k < n, base[k] != quote {
            guard base[k] >= 0x20, base[k] < 0x80, base[k] != 0x3C, base[k] != 0x26 else { return nil }
            k += 1
        }
        guard k < n else { return nil }
        i = k + 1
        return (start, k)
    }

    func equal(_ span: (Int, Int), _ s: StaticString) -> Bool {
        span.1 - span.0 == s.utf8CodeUnitCount && matches(at: span.0, s)
    }

    // MARK: - Elements and text

    /// From the root's `<` to the end of its end tag: true, or false when the handler
    /// stopped, or nil outside the subset.
    mutating func content() -> Bool? {
        while true {
            // Text up to the next '<' or '&'; the root's content cannot end the file.
            var runStart = i
            while true {
                guard scanText() else { return nil }
                guard i < n else { return nil }
                if base[i] == 0x26 { // '&': the text so far, then the reference's character
                    if i > runStart { handler.characters(UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
                    guard reference() else { return nil }
                    runStart = i
                    continue
                }
                break // '<'
            }
            if i > runStart { handler.characters(UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
            guard i + 1 < n else { return nil }
            let next = base[i + 1]
            if next == 0x2F { // "</"
                guard let top = open.popLast() else { return nil }
                i += 2
                let start = i
                guard name() else { return nil }
                guard i - start == top.end - top.start,
                      memcmpEqual(base + start, base + top.start, i - start) else { return nil }
                skipSpace()
                guard i < n, base[i] == 0x3E else { return nil }
                i += 1
                handler.endElement()
                if open.isEmpty { return true }
                continue
            }
            guard isNameStart(next) else { return nil } // comments, CDATA, PIs, DOCTYPE, junk
            guard let completed = startTag() else { return nil }
            if !completed { return false }
            if open.isEmpty { return true } // an empty root element
        }
    }

    /// A start tag at `i` ('<' and a name start): its event, and its end event when it is
    /// an empty-element tag. False when the handler has seen enough.
    mutating func startTag() -> Bool? {
        i += 1
        let nameStart = i
        guard name() else { return nil }
        let nameEnd = i
        spans.removeAll(keepingCapacity: true)
        var empty = false
        while true {
            let hadSpace = skipSpace()
            guard i < n else { return nil }
            if base[i] == 0x3E { break }
            if base[i] == 0x2F {
                guard i + 1 < n, base[i + 1] == 0x3E else { return nil }
                empty = true
                break
            }
            guard hadSpace, spans.count < PlainXMLScanner.maxAttributes else { return nil }
            guard let span = attribute() else { return nil }
            spans.append(span)
        }
        // libxml2 calls back with the tag's terminator read: its line is the element's.
        let elementLine = line
        i += empty ? 2 : 1
        guard open.count < PlainXMLScanner.maxDepth else { return nil }
        let elementName = String(decoding: UnsafeBufferPointer(start: base + nameStart, count: nameEnd - nameStart), as: UTF8.self)
        let completed = spans.withUnsafeBufferPointer { spanBuffer -> Bool in
            handler.startElement(elementName, namespaceURI: nil, attributes: XMLAttributes(plain: base, spans: spanBuffer), line: elementLine)
            return handler.wantsMore
        }
        guard completed else { return false }
        if empty {
            handler.endElement()
        } else {
            open.append((nameStart, nameEnd))
        }
        return true
    }

    /// `name S? = S? "value"` at `i`.
    mutating func attribute() -> PlainAttributeSpan? {
        let nameStart = i
        guard i < n, isNameStart(base[i]), name() else { return nil }
        let nameEnd = i
        // "xmlns" declares a namespace; "xml:" names are reserved: libxml2's reading.
        if nameEnd - nameStart >= 3, base[nameStart] | 0x20 == 0x78, base[nameStart + 1] | 0x20 == 0x6D,
           base[nameStart + 2] | 0x20 == 0x6C { return nil }
        for s in spans where s.nameEnd - s.nameStart == nameEnd - nameStart
            && memcmpEqual(base + s.nameStart, base + nameStart, nameEnd - nameStart) { return nil }
        skipSpace()
        guard i < n, base[i] == 0x3D else { return nil }
        i += 1
        skipSpace()
        guard i < n, base[i] == 0x22 || base[i] == 0x27 else { return nil }
        let quote = base[i]
        i += 1
        let valueStart = i
        var hasReference = false
        while true {
            // Sixteen, then eight bytes at a time to the quote, '<', '&', a byte below
            // 0x20 or not ASCII (a value is a few bytes: one block holds most).
            let quotes = UInt64(quote) &* 0x0101_0101_0101_0101
            var found = false
            while i + 16 <= n {
                let stops = dt_xml_value_stops16(base + i, quote)
                if stops != 0 {
                    i += stops.trailingZeroBitCount
                    found = true
                    break
                }
                i += 16
            }
            while !found && i + 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let flags = (w | below0x20(w) | zeroBytes(w ^ quotes) | zeroBytes(w ^ 0x2626_2626_2626_2626)
                             | zeroBytes(w ^ 0x3C3C_3C3C_3C3C_3C3C)) & 0x8080_8080_8080_8080
                if flags != 0 {
                    i += flags.trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
            guard i < n else { return nil }
            let b = base[i]
            if b == quote { break }
            if b < 0x80 {
                guard b >= 0x20, b != 0x3C else { return nil } // tab, LF and CR are rewritten by libxml2
                if b == 0x26 {
                    guard referenceValue() != nil else { return nil }
                    hasReference = true
                    continue
                }
                i += 1
            } else {
                guard character() else { return nil }
            }
        }
        let valueEnd = i
        guard valueEnd - valueStart <= PlainXMLScanner.maxAttributeValueLength else { return nil }
        i += 1
        return PlainAttributeSpan(nameStart: nameStart, nameEnd: nameEnd, valueStart: valueStart, valueEnd: valueEnd,
                                  hasReference: hasReference)
    }

    /// A name at `i` (its first byte checked here too).
    mutating func name() -> Bool {
        guard i < n, isNameStart(base[i]) else { return false }
        let start = i
        i += 1
        // Sixteen bytes at a time to the name's end (most names end in the first block).
        while i + 16 <= n {
            let ends = dt_xml_name_ends16(base + i)
            if ends != 0 {
                i += ends.trailingZeroBitCount
                return i - start <= PlainXMLScanner.maxNameLength
            }
            i += 16
        }
        while i < n, isNameByte(base[i]) { i += 1 }
        return i - start <= PlainXMLScanner.maxNameLength
    }

    /// On from `i` over text to the next '<' or '&' (or the end), checking every byte:
    /// false at a byte outside the subset.
    mutating func scanText() -> Bool {
        while true {
            // Sixteen bytes at a time (SSE2) to the first byte that needs a look: below
            // 0x20 but for tab and LF, '&', '<', '>' (for "]]>"), or not ASCII; the line
            // feeds on the way are counted, not stopped at (a pretty-printed file has one
            // every few dozen bytes: stopping at each cost a mispredicted branch). Eight
            // bytes at a time over the last fifteen, stopping at line feeds too.
            var lineFeeds = 0 as UInt
            i += dt_xml_text_run(base + i, n - i, &lineFeeds)
            line += Int(lineFeeds)
            // The run stops at a byte to look at, or where fewer than sixteen are left
            // (a stop among those is then met again at once by the eight-byte loop).
            let found = i + 16 <= n
            while !found && i + 8 <= n {
                let flags = textFlags(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                if flags != 0 {
                    i += flags.trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
            guard i < n else { return true }
            let b = base[i]
            switch b {
            case 0x3C, 0x26:
                return true
            case 0x0A:
                line += 1
                i += 1
            case 0x09, 0x20..<0x3C, 0x3D..<0x80:
                // '>' only ends "]]>", which is not allowed in text.
                if b == 0x3E, i >= 2, base[i - 1] == 0x5D, base[i - 2] == 0x5D { return false }
                i += 1
            case 0x80...:
                guard character() else { return false }
            default:
                return false // a control character, CR included
            }
        }
    }

    /// A reference in text at `i` ('&'): its character sent to the handler.
    mutating func reference() -> Bool {
        guard let value = referenceValue() else { return false }
        var bytes: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &bytes) { out in
            for unit in String(Character(value)).utf8 { out[count] = unit; count += 1 }
        }
        withUnsafeBytes(of: &bytes) { raw in
            handler.characters(UnsafeBufferPointer(start: raw.bindMemory(to: UInt8.self).baseAddress, count: count))
        }
        return true
    }

    /// The character of the reference at `i` ('&'), `i` moved past its ';'; nil when it
    /// is not a predefined entity or a reference to an XML character.
    mutating func referenceValue() -> Unicode.Scalar? {
        var k = i + 1
        var value: UInt32 = 0
        if k < n, base[k] == 0x23 { // "&#"
            k += 1
            let hex = k < n && base[k] == 0x78 // libxml2 takes a lower-case x only
            if hex { k += 1 }
            let digitsStart = k
            while k < n, k - digitsStart < 8 {
                let d = base[k]
                if d >= 0x30 && d <= 0x39 {
                    value = value * (hex ? 16 : 10) + UInt32(d - 0x30)
                } else if hex, d | 0x20 >= 0x61, d | 0x20 <= 0x66 {
                    value = value * 16 + UInt32(d | 0x20 - 0x61 + 10)
                } else {
                    break
                }
                k += 1
            }
            guard k > digitsStart, k < n, base[k] == 0x3B else { return nil }
            switch value {
            case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: break
            default: return nil
            }
        } else {
            let start = k
            while k < n, k - start < 5, base[k] != 0x3B { k += 1 }
            guard k < n, base[k] == 0x3B else { return nil }
            let length = k - start
            if length == 3, matches(at: start, "amp") { value = 0x26 }
            else if length == 2, matches(at: start, "lt") { value = 0x3C }
            else if length == 2, matches(at: start, "gt") { value = 0x3E }
            else if length == 4, matches(at: start, "quot") { value = 0x22 }
            else if length == 4, matches(at: start, "apos") { value = 0x27 }
            else { return nil }
        }
        i = k + 1
        return Unicode.Scalar(value)
    }

    /// A well-formed UTF-8 sequence at `i` (a non-ASCII byte) that is an XML character.
    mutating func character() -> Bool {
        guard let (v, width) = ASCIIContent.decodeUTF8(base, at: i, count: n), v != 0xFFFE, v != 0xFFFF else { return false }
        i += width
        return true
    }

    // MARK: - Bytes

    /// Skips white space (space, tab, LF), counting lines; true when there was some.
    @discardableResult
    mutating func skipSpace() -> Bool {
        let start = i
        while i < n {
            let b = base[i]
            if b == 0x20 || b == 0x09 {
                i += 1
            } else if b == 0x0A {
                line += 1
                i += 1
            } else {
                break
            }
        }
        return i > start
    }

    func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A }

    /// A-Z, a-z, '_' (bits of the bytes 64-127).
    static let nameStartHigh: UInt64 = 0x07FF_FFFE_87FF_FFFE
    /// '-', '.', 0-9 (bits of the bytes 0-63).
    static let nameByteLow: UInt64 = 0x03FF_6000_0000_0000

    @inline(__always)
    func isNameStart(_ b: UInt8) -> Bool {
        b >= 64 && b < 128 && (Self.nameStartHigh >> UInt64(b - 64)) & 1 != 0
    }

    @inline(__always)
    func isNameByte(_ b: UInt8) -> Bool {
        b < 64 ? (Self.nameByteLow >> UInt64(b)) & 1 != 0 : b < 128 && (Self.nameStartHigh >> UInt64(b - 64)) & 1 != 0
    }

    func at(_ s: StaticString) -> Bool { matches(at: i, s) }

    func matches(at k: Int, _ s: StaticString) -> Bool {
        let count = s.utf8CodeUnitCount
        guard k + count <= n else { return false }
        let p = s.utf8Start
        for j in 0..<count where base[k + j] != p[j] { return false }
        return true
    }

    /// The high bit of the bytes of `w` that text reading must look at (the lowest
    /// flagged byte is always one): below 0x20, '&', '<', '>', or not ASCII.
    @inline(__always)
    func textFlags(_ w: UInt64) -> UInt64 {
        (w | below0x20(w) | zeroBytes(w ^ 0x2626_2626_2626_2626)
         | zeroBytes((w | 0x0202_0202_0202_0202) ^ 0x3E3E_3E3E_3E3E_3E3E)) & 0x8080_8080_8080_8080
    }

    /// The high bit of each byte of `w` below 0x20 (and perhaps of bytes above one that
    /// is: the lowest flagged byte is always one).
    @inline(__always)
    func below0x20(_ w: UInt64) -> UInt64 {
        (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080
    }

    /// The high bit of each zero byte of `w` (and perhaps of bytes above one).
    @inline(__always)
    func zeroBytes(_ w: UInt64) -> UInt64 {
        (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
    }
}

@inline(__always)
private func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    for k in 0..<count where a[k] != b[k] { return false }
    return true
}
