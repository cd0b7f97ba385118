import DTGrading
import DTModel

/// `file:line[:column]` strings, the form editors and CI logs turn into links.
public enum LocationText {
    public static func of(_ evidence: Evidence) -> String {
        of(file: evidence.file, line: evidence.location.line, column: evidence.location.column)
    }

    public static func of(file: String, line: Int?, column: Int?) -> String {
        var s = file
        if let line, line > 0 {
            s += ":\(line)"
            if let column, column > 0 { s += ":\(column)" }
        }
        return s
    }

    /// `path:line:col: message` for an unreadable document.
    public static func error(_ document: DocumentVerdict) -> String {
        let e = document.error
        return of(file: document.path, line: e?.line, column: e?.column) + ": " + (e?.message ?? "error")
    }
}

extension Finding {
    /// "USMCA 19.12, UJDTA 12" or "" when the finding cites nothing.
    var citationText: String { baselines.map(\.description).joined(separator: ", ") }
}
