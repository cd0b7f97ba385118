import DTModel
import Foundation

/// Guesses a file's format from its first bytes, falling back on its extension.
enum FormatSniffer {
    static func sniff(bytes: [UInt8], path: String) -> InputFormat {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return ext == "odt" ? .odt : (ext == "docx" ? .docx : ZipKindSniffer.kind(bytes: bytes))
        }
        // Bytes, not a String: sniffing every file of a corpus showed in profiles.
        let head = TextDecoding.asciiPrefixBytes(bytes, count: 4096, lowercased: true)
        let trimmed = head.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        func opens(_ s: String) -> Bool { trimmed.starts(with: s.utf8) }
        if opens("<") {
            if opens("<!doctype html") || opens("<html") || head.contains(bytes: "<html") && !opens("<?xml") {
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

/// Tells DOCX from ODT by the names stored in the ZIP's first entries.
enum ZipKindSniffer {
    static func kind(bytes: [UInt8]) -> InputFormat {
        let head = TextDecoding.asciiPrefix(bytes, count: 2048)
        if head.contains("mimetypeapplication/vnd.oasis.opendocument.text") { return .odt }
        return .docx
    }
}

