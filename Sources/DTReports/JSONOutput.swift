import Foundation

/// One encoder configuration for every JSON output: sorted keys make the bytes
/// deterministic, unescaped slashes keep paths readable.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// Every line indented by four spaces (empty lines too with `emptyLines`), for
    /// a document nested in a streamed report. On the bytes: splitting into lines
    /// and joining them again showed in whole-corpus profiles.
    public static func indent(_ text: Substring, emptyLines: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        var lineStart = true
        for b in text.utf8 {
            if lineStart && (emptyLines || b != 0x0A) { out.append(contentsOf: [0x20, 0x20, 0x20, 0x20]) }
            out.append(b)
            lineStart = b == 0x0A
        }
        if lineStart && emptyLines { out.append(contentsOf: [0x20, 0x20, 0x20, 0x20]) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// `--format json` for `check`.
public enum JSONReport {
    public static func render(_ report: Report) throws -> String {
        try JSONOutput.encode(report)
    }
}
