import DTGrading

/// `--format csv`: one row per document × pillar (RFC 4180, CRLF). An unreadable
/// document gets one row with empty pillar fields so every input appears.
public enum CSVReport {
    public static let header = ["path", "status", "title", "date_signed", "pillar", "level", "score",
                                "articles", "limitations", "deviations"]

    public static func render(_ report: Report) -> String {
        var out = Escape.csvRow(header)
        for doc in report.documents { out += rows(doc) }
        return out
    }

    /// The rows of one document.
    public static func rows(_ doc: DocumentVerdict) -> String {
        let lead = [doc.path, doc.status.rawValue, doc.title ?? "", doc.dateSigned ?? ""]
        if doc.pillars.isEmpty { return Escape.csvRow(lead + ["", "", "", "", "", ""]) }
        var out = ""
        for p in doc.pillars {
            out += Escape.csvRow(lead + [
                p.id.rawValue, p.level.rawValue, String(p.score),
                p.evidence.map(\.article).joined(separator: ";"),
                p.limitations.map(\.id).joined(separator: ";"),
                p.deviations.map(\.id).joined(separator: ";"),
            ])
        }
        return out
    }
}
