import DTModel
import Foundation

/// Guesses a file's format from its first bytes, falling back on its extension.
enum FormatSniffer {
    static func sniff(bytes: [UInt8], path: String) -> InputFormat {
        let ext = fileExtension(path)
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return ext == "odt" ? .odt : (ext == "docx" ? .docx : ZipKindSniffer.kind(bytes: bytes))
        }
        // Bytes, not a String: sniffing every file of a corpus showed in profiles.
        let head = TextDecoding.asciiPrefixBytes(bytes, count: 4096, lowercased: true)
        let trimmed = head.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        func opens(_ s: String) -> Bool { trimmed.starts(with: s.utf8) }
        if opens("<") {
            // The cheap test first: an XML file is not searched for "<html" twice.
            if opens("<!doctype html") || opens("<html") || !opens("<?xml") && head.contains(bytes: "<html") {
                return .html
            }
            if opens("<?xml") && head.contains(bytes: "<html") && head.contains(bytes: "xhtml") { return .html }
            // Markdown may open with inline HTML (`<meta charset…>`): trust its extension.
            if !opens("<?xml") {
                if ext == "md" || ext == "markdown" { return .markdown }
                if ext == "txt" { return .text }
            }
            return .auto // some XML; the root element decides
        }
        switch ext {
        case "xml", "akn": return .auto
        case "html", "htm", "xhtml": return .html
        case "docx": return .docx
        case "odt": return .odt
        case "md", "markdown": return .markdown
        default: return .text
        }
    }
}

extension FormatSniffer {
    /// `path.split(separator: ".").last`, lower-cased ("" when none): the last piece
    /// between dots that is not empty. An ASCII path is read as bytes (splitting the
    /// whole path into Character pieces cost 14,000 instructions a file); any other
    /// is split as before, since a dot followed by a combining mark is no separator
    /// to Character comparison.
    static func fileExtension(_ path: String) -> String {
        let utf8 = path.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return path.split(separator: ".").last.map { $0.lowercased() } ?? "" }
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: ".") { end = utf8.index(before: end) }
        guard end > utf8.startIndex else { return "" }
        let piece = utf8[..<end]
        let start = piece.lastIndex(of: UInt8(ascii: ".")).map { piece.index(after: $0) } ?? piece.startIndex
        return String(Substring(utf8[start..<end])).lowercased()
    }
}

/// Tells DOCX from ODT by the names stored in the ZIP's first entries.
enum ZipKindSniffer {
    static func kind(bytes: [UInt8]) -> InputFormat {
        let head = TextDecoding.asciiPrefix(bytes, count: 2048)
        if head.contains("mimetypeapplication/vnd.oasis.opendocument.text") { return .odt }
        return .docx
    }
}

