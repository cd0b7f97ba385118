import DTGrading
import DTRules

/// Writes a `check` report one document at a time, for the formats a corpus is
/// read in (text, json, csv): memory stays that of the documents in flight, not
/// of the whole corpus, and each document is rendered on the thread that graded
/// it. The bytes are exactly those of the whole-report renderers.
public struct ReportStream: Sendable {
    public enum Format: Sendable {
        /// `verbose`: rule ids and deviation codes in the text report.
        case text(color: Bool, verbose: Bool = false)
        case json
        case csv
    }

    public let format: Format
    public let tool: ToolInfo
    public let baselines: [BaselineID]
    public let pillars: [PillarID]

    public init(format: Format, tool: ToolInfo, baselines: [BaselineID], pillars: [PillarID]) {
        self.format = format
        self.tool = tool
        self.baselines = baselines
        self.pillars = pillars
    }

    /// What precedes the first document.
    public func header() throws -> String {
        switch format {
        case .text: return ""
        case .csv: return Escape.csvRow(CSVReport.header)
        case .json: return try jsonFrame(summary: ReportSummary(documents: [])).head
        }
    }

    /// What goes between documents, before the one at `index`.
    public func separator(before index: Int) -> String {
        if case .json = format { return index == 0 ? "\n" : ",\n" }
        return ""
    }

    /// One document, rendered on its own (it may run on any thread).
    public func chunk(_ doc: DocumentVerdict) throws -> String {
        switch format {
        case .text(let color, let verbose): return TextReport.document(doc, Styler(enabled: color, verbose: verbose)) + "\n"
        case .csv: return CSVReport.rows(doc)
        case .json:
            return String(decoding: VerdictJSON.encode(doc, indent: 4), as: UTF8.self)
        }
    }

    /// What follows the last of `count` documents.
    public func footer(summary: ReportSummary, count: Int) throws -> String {
        switch format {
        case .text(let color, _): return TextReport.summaryLine(summary, Styler(enabled: color)) + "\n"
        case .csv: return ""
        case .json:
            let frame = try jsonFrame(summary: summary)
            return (count == 0 ? frame.emptyMiddle : "\n  ") + frame.tail
        }
    }

    /// The report with no documents, cut around its empty `documents` array.
    private func jsonFrame(summary: ReportSummary) throws -> (head: String, emptyMiddle: String, tail: String) {
        var empty = Report(tool: tool, baselines: baselines, pillars: pillars, documents: [])
        empty.summary = summary
        let text = try JSONOutput.encode(empty)
        guard let open = text.range(of: "\"documents\" : ["),
              let close = text[open.upperBound...].firstIndex(of: "]") else {
            throw StreamError.unexpectedJSONLayout
        }
        return (String(text[..<open.upperBound]), String(text[open.upperBound..<close]), String(text[close...]))
    }

    enum StreamError: Error { case unexpectedJSONLayout }
}
