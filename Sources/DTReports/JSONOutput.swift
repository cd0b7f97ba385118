import Foundation

/// One encoder configuration for every JSON output: sorted keys make the bytes
/// deterministic, unescaped slashes keep paths readable.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

/// `--format json` for `check`.
public enum JSONReport {
    public static func render(_ report: Report) throws -> String {
        try JSONOutput.encode(report)
    }
}
