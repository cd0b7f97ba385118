import DTModel
import Foundation

/// Guesses a file's format from its first bytes, falling back on its extension.
enum FormatSniffer {
    static func sniff(bytes: [UInt8], path: String) -> InputFormat {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return ext == "odt" ? .odt : (ext == "docx" ? .docx : ZipKindSniffer.kind(bytes: bytes))
        }
        let head = TextDecoding.asciiPrefix(bytes, count: 4096).lowercased()
        let trimmed = head.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        if trimmed.hasPrefix("<") {
            let headBytes = Array(head.utf8)
            if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") || headBytes.contains(bytes: "<html") && !trimmed.hasPrefix("<?xml") {
                return .html
            }
            if trimmed.hasPrefix("<?xml") && headBytes.contains(bytes: "<html") && headBytes.contains(bytes: "xhtml") { return .html }
            // Markdown may open with inline HTML (`<meta charset…>`): trust its extension.
            if !trimmed.hasPrefix("<?xml") {
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

