/// A `multipart/form-data` body (RFC 7578) split into its fields and files, in memory.
/// Only what a browser form or `curl -F` sends is read; anything else is refused with
/// a reason rather than guessed at.
struct MultipartForm: Sendable {
    struct Part: Sendable {
        var name: String
        /// The file name the client gave, if the part is a file; never opened, only shown.
        var filename: String?
        var bytes: [UInt8]
    }

    var parts: [Part]

    struct Malformed: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    /// The text of the first field called `name`.
    func field(_ name: String) -> String? {
        parts.first { $0.name == name && $0.filename == nil }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// Every value of the fields called `name` (checkboxes).
    func fields(_ name: String) -> [String] {
        parts.filter { $0.name == name && $0.filename == nil }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// The file parts with content, in the order sent (an empty file input sends an empty part).
    var files: [Part] { parts.filter { $0.filename != nil && !($0.filename ?? "").isEmpty } }

    /// The boundary of a `Content-Type: multipart/form-data; boundary=…` value.
    static func boundary(contentType: String?) -> String? {
        guard let contentType else { return nil }
        let pieces = contentType.split(separator: ";").map { $0.trimmingSpaces }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for p in pieces.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1).map { String($0) }
            guard kv.count == 2, kv[0].trimmingSpaces.lowercased() == "boundary" else { continue }
            var b = kv[1].trimmingSpaces
            if b.count >= 2, b.hasPrefix("\""), b.hasSuffix("\"") { b = String(b.dropFirst().dropLast()) }
            // RFC 2046: 1 to 70 characters.
            return (1...70).contains(b.utf8.count) ? b : nil
        }
        return nil
    }

    /// Splits `body` at `--boundary` lines. At most `maxParts` parts are read.
    static func parse(_ body: [UInt8], boundary: String, maxParts: Int = 64) throws -> MultipartForm {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        guard var at = find(delimiter, in: body, from: 0) else { throw Malformed(description: "no multipart boundary in the body") }
        var parts: [Part] = []
        while true {
            at += delimiter.count
            // `--` after a delimiter closes the body.
            if body.count >= at + 2, body[at] == 45, body[at + 1] == 45 { break }
            guard body.count >= at + 2, body[at] == 13, body[at + 1] == 10 else {
                throw Malformed(description: "a multipart boundary is not followed by a line break")
            }
            let headerStart = at + 2
            guard let headerEnd = find([13, 10, 13, 10], in: body, from: headerStart) else {
                throw Malformed(description: "a multipart part has no end to its headers")
            }
            let headers = String(decoding: body[headerStart..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = find(crlf + delimiter, in: body, from: contentStart) else {
                throw Malformed(description: "the multipart body ends before its closing boundary")
            }
            guard let disposition = Self.disposition(headers) else {
                throw Malformed(description: "a multipart part has no form-data name")
            }
            parts.append(Part(name: disposition.name, filename: disposition.filename, bytes: Array(body[contentStart..<next])))
            guard parts.count <= maxParts else { throw Malformed(description: "more than \(maxParts) parts in one form") }
            at = next + 2
        }
        return MultipartForm(parts: parts)
    }

    /// `name` and `filename` of a part's `Content-Disposition: form-data; …` header.
    static func disposition(_ headers: String) -> (name: String, filename: String?)? {
        for line in headers.split(separator: "\r\n") {
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            guard line[..<colon].lowercased() == "content-disposition", colon < line.endIndex else { continue }
            let params = parameters(String(line[line.index(after: colon)...]))
            guard params.first?.key == "form-data", let name = params.first(where: { $0.key == "name" })?.value else { return nil }
            return (name, params.first { $0.key == "filename" }?.value)
        }
        return nil
    }

    /// `form-data; name="a"; filename="b;c.docx"` → [(form-data, ""), (name, a), (filename, b;c.docx)];
    /// semicolons inside quotes belong to the value; `\"` escapes a quote.
    static func parameters(_ text: String) -> [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        var key = "", value = "", inValue = false, inQuotes = false, escaped = false, wasQuoted = false
        func flush() {
            let k = key.trimmingSpaces.lowercased()
            if !k.isEmpty { out.append((k, wasQuoted ? value : value.trimmingSpaces)) }
            key = ""; value = ""; inValue = false; inQuotes = false; escaped = false; wasQuoted = false
        }
        for ch in text {
            if inQuotes {
                if escaped { value.append(ch); escaped = false }
                else if ch == "\\" { escaped = true }
                else if ch == "\"" { inQuotes = false; wasQuoted = true }
                else { value.append(ch) }
                continue
            }
            switch ch {
            case ";": flush()
            case "=" where !inValue: inValue = true
            case "\"" where inValue && !wasQuoted && value.trimmingSpaces.isEmpty: inQuotes = true; value = ""
            default:
                if !inValue { key.append(ch) } else if !wasQuoted { value.append(ch) }
            }
        }
        flush()
        return out
    }

    /// The first index of `needle` in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = from
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count, h[i + j] == n[j] { j += 1 }
                        if j == n.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
