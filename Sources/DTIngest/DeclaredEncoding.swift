import DTModel
#if canImport(Glibc)
import Glibc
#endif

/// An encoding a file declares about itself (`<meta charset=…>`, `<meta http-equiv
/// content="…; charset=…">`, `<?xml … encoding="…"?>`) and where. libxml2 reads the
/// declaration in an ASCII-compatible encoding and then switches to it: a declaration
/// such as `ibm037` (EBCDIC) or `utf-32` on an ASCII file turns the rest of the text
/// into garbage or nothing, which would be graded `absent`. Such a file is refused
/// with an error naming the declaration.
struct DeclaredEncoding: Equatable {
    var name: String
    var line: Int
    var column: Int

    /// The first encoding declaration in the file's first 64 KiB, or nil. A file with a
    /// byte-order mark is not searched: its BOM decides, whatever it declares.
    static func find(in bytes: [UInt8]) -> DeclaredEncoding? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return nil
        }
        let window = bytes.prefix(1 << 16).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        for key in ["charset", "encoding"] {
            let k = Array(key.utf8)
            var i = 0
            while i + k.count < window.count {
                guard window[i..<(i + k.count)].elementsEqual(k) else { i += 1; continue }
                var j = i + k.count
                while j < window.count, window[j] == 0x20 || window[j] == 0x09 { j += 1 }
                guard j < window.count, window[j] == UInt8(ascii: "=") else { i += 1; continue }
                j += 1
                while j < window.count, window[j] == 0x20 || window[j] == 0x09 || window[j] == 0x22 || window[j] == 0x27 { j += 1 }
                let start = j
                while j < window.count, isNameByte(window[j]) { j += 1 }
                if j > start, isInsideTag(window, at: i) {
                    let (line, column) = TextDecoding.position(of: i, in: bytes)
                    return DeclaredEncoding(name: String(decoding: bytes[start..<j], as: UTF8.self), line: line, column: column)
                }
                i += 1
            }
        }
        return nil
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
            || b == UInt8(ascii: ".") || b == UInt8(ascii: ":")
    }

    /// True when the `<` before `i` is nearer than any `>`: the word is in a tag, not in text.
    private static func isInsideTag(_ bytes: [UInt8], at i: Int) -> Bool {
        var k = i
        while k > 0 {
            k -= 1
            if bytes[k] == UInt8(ascii: ">") { return false }
            if bytes[k] == UInt8(ascii: "<") { return true }
        }
        return false
    }

    var isUTF8: Bool { ["utf-8", "utf8"].contains(name.lowercased()) }

    /// Whether this encoding reads ASCII as ASCII, as the declaration itself is written:
    /// false for EBCDIC, UTF-16/32 and the like; nil when iconv does not know the name.
    var readsASCII: Bool? {
        let cd = iconv_open("UTF-8", name)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        let probe = Array("<meta charset=x> Article 1. The Parties shall; (a) 'b' \"c\"\n".utf8)
        var input = probe.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: probe.count * 4 + 16)
        let converted: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var inLeft = inBuf.count, outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return r == -1 ? -1 : outBuf.count - outLeft
            }
        }
        guard converted >= 0 else { return false }
        return output.prefix(converted).map { UInt8(bitPattern: $0) } == probe
    }

    /// Refuses `text` (what the parser made of `bytes`) when this declaration cannot be
    /// the file's encoding and the text shows it: at least a tenth of its characters
    /// control characters or U+FFFD, or fewer than half as many letters as the file has
    /// ASCII letters outside tags (the rest decoded to nothing). A declaration libxml2
    /// ignores (UTF-16 in a `meta` of an 8-bit file) leaves the text readable and passes.
    /// `text` is made only when the declaration needs checking (a page's whole text is
    /// a copy of the page, and most pages declare UTF-8).
    func check(text: @autoclosure () -> String, bytes: [UInt8], path: String) throws {
        guard !isUTF8, readsASCII == false else { return }
        let text = text()
        var visible = 0, bad = 0, letters = 0
        for s in text.unicodeScalars where !(s == " " || s == "\n" || s == "\t" || s == "\r") {
            visible += 1
            if ControlCharacters.isControl(s) || s == "\u{FFFD}" { bad += 1 }
            if s.properties.isAlphabetic { letters += 1 }
        }
        var rawLetters = 0, inTag = false
        for b in bytes {
            if b == UInt8(ascii: "<") { inTag = true } else if b == UInt8(ascii: ">") { inTag = false }
            else if !inTag, (b | 0x20) >= 0x61, (b | 0x20) <= 0x7A { rawLetters += 1 }
        }
        let garbled = visible > 0 && bad * 10 >= visible
        let emptied = letters * 2 < rawLetters
        guard garbled || emptied else { return }
        let what = garbled ? "\(bad * 100 / visible)% of the characters invalid or control characters"
            : "\(letters) letters of the \(rawLetters) written"
        throw IngestError(path: path,
                          message: "declares its encoding as \"\(name)\", which does not decode this file (\(what)); the declaration is itself written in ASCII: remove it or save the file in the encoding it names",
                          line: line, column: column)
    }
}
