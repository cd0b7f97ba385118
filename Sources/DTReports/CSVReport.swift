import DTGrading

/// `--format csv`: one row per document × pillar (RFC 4180, CRLF). An unreadable
/// document gets one row with empty pillar fields so every input appears. The draft
/// columns (PILLARS.md, "Negotiating drafts") are empty where the pillar has no such
/// state: a document with no brackets and no tracked changes leaves them all empty.
/// `articles`, `limitations` and `deviations` list each item once (a deviation from
/// both baselines is one finding); `locations` gives each quoted place as a reader
/// finds it (`Article 9.12, paragraph 2`, with `line N` for text, Markdown and XML).
public enum CSVReport {
    public static let header = ["path", "status", "title", "date_signed", "pillar", "level", "score",
                                "articles", "limitations", "deviations",
                                "proposed_level", "proposed_score", "weakest_level", "weakest_score",
                                "original_level", "original_score", "open_brackets", "locations"]

    public static func render(_ report: Report) -> String {
        var out = Escape.csvRow(header)
        for doc in report.documents { out += rows(doc) }
        return out
    }

    /// The rows of one document.
    public static func rows(_ doc: DocumentVerdict) -> String {
        let lead = [doc.path, doc.status.rawValue, doc.title ?? "", doc.dateSigned ?? ""]
        if doc.pillars.isEmpty { return Escape.csvRow(lead + Array(repeating: "", count: header.count - lead.count)) }
        var out = ""
        for p in doc.pillars {
            out += Escape.csvRow(lead + [
                p.id.rawValue, p.level.rawValue, String(p.score),
                HTMLReport.distinct(p.evidence.map(\.article)).joined(separator: ";"),
                HTMLReport.distinct(p.limitations.map(\.id)).joined(separator: ";"),
                HTMLReport.distinct(p.deviations.map(\.id)).joined(separator: ";"),
            ] + stateCells(p.proposed) + stateCells(p.weakest) + stateCells(p.original) + [
                p.open.map { String($0.count) } ?? "",
                locations(p, format: doc.format),
            ])
        }
        return out
    }

    /// Each place the pillar quotes, once: `Article 9.12, paragraph 2 (line 14)`.
    static func locations(_ p: PillarVerdict, format: String?) -> String {
        HTMLReport.distinct(p.evidence.map { e in
            Place.label(e) + (Place.fileLine(e, format: format) != nil ? " (line \(e.location.line))" : "")
        }).joined(separator: ";")
    }

    /// Level and score of a draft state, or two empty cells when the pillar has none.
    private static func stateCells(_ state: StateLevel?) -> [String] {
        guard let state else { return ["", ""] }
        return [state.level.rawValue, String(state.score)]
    }
}
