import Foundation

/// The one way JSON is written: every report (check, compare, survey, SARIF,
/// parse, audit, evaluate) and the regress expectations file come through here,
/// written by `PrettyJSONEncoder` (sorted keys make the bytes deterministic,
/// unescaped slashes keep paths readable). `check`'s streamed documents are
/// written by `VerdictJSON` with the same `PrettyJSONEncoder.Writer`.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        try encode(value, indent: 0) + "\n"
    }

    /// `value` in `layout`, ending in a newline. Only the reports' layout has a
    /// Foundation fallback: the expectations file holds strings and integers only.
    public static func encode<T: Encodable>(_ value: T, layout: JSONLayout) throws -> String {
        guard layout != .reports else { return try encode(value) }
        return String(decoding: try PrettyJSONEncoder.encode(value, layout: layout), as: UTF8.self) + "\n"
    }

    /// The same JSON without the final newline, every line but empty ones indented
    /// by `indent` spaces (a document nested in a streamed report). Written by
    /// `PrettyJSONEncoder`, or by Foundation for a value that one refuses.
    public static func encode<T: Encodable>(_ value: T, indent: Int) throws -> String {
        do {
            return String(decoding: try PrettyJSONEncoder.encode(value, indent: indent), as: UTF8.self)
        } catch is PrettyJSONEncoder.Unsupported {
            let text = try foundationEncode(value)
            return indent == 0 ? text : JSONOutput.indent(text[...], by: indent)
        }
    }

    /// Foundation's encoder, configured as described above: the reference the lean
    /// encoder is tested against.
    static func foundationEncode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Every line indented by `by` spaces (empty lines too with `emptyLines`), for
    /// a document nested in a streamed report. On the bytes: splitting into lines
    /// and joining them again showed in whole-corpus profiles.
    public static func indent(_ text: Substring, by width: Int = 4, emptyLines: Bool = false) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8 + 4)
            let pad = [UInt8](repeating: 0x20, count: width)
            var start = 0
            // Line by line: copy each line whole after its indentation.
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                if end > start || emptyLines { out.append(contentsOf: pad) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                if end < bytes.count { out.append(0x0A) }
                start = end + 1
            }
            // A text ending in a newline ends with an empty line.
            if emptyLines && (bytes.isEmpty || bytes[bytes.count - 1] == 0x0A) { out.append(contentsOf: pad) }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

/// `--format json` for `check`.
public enum JSONReport {
    public static func render(_ report: Report) throws -> String {
        try JSONOutput.encode(report)
    }
}
