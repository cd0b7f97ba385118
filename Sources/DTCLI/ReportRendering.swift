import DTGrading
import DTReports
import DTRules
import Foundation

/// Format → renderer, shared by `check`/`compare` and the web page's grading
/// processes (`serve`), so the page shows exactly what the command line writes.
enum ReportRendering {
    /// A whole-batch `check` report in `format`.
    /// `lines` reads a graded file's line for SARIF fixes (`SourceLines`).
    static func check(_ format: ReportFormat, _ report: Report, rules: RuleSet, gate: Gate, color: Bool,
                      lines: SourceLineReader? = nil) throws -> String {
        switch format {
        case .markdown: return MarkdownReport.render(report, references: rules.baselineReferences)
        case .html: return HTMLReport.render(report, references: rules.baselineReferences)
        case .sarif: return try SARIFReport.render(report, rules: rules.sarifMetadata,
                                                   baseDirectory: FileManager.default.currentDirectoryPath, lines: lines)
        case .junit: return JUnitReport.render(report, gate: gate)
        case .text: return TextReport.render(report, color: color)
        case .json: return try JSONReport.render(report)
        case .csv: return CSVReport.render(report)
        }
    }

    /// A `compare` report in `format`; sarif shows the new draft's findings (`newReport`).
    static func compare(_ format: ReportFormat, _ comparison: Comparison, newReport: Report, rules: RuleSet,
                        color: Bool, lines: SourceLineReader? = nil) throws -> String {
        switch format {
        case .text: return CompareReport.text(comparison, color: color)
        case .json: return try CompareReport.json(comparison)
        case .markdown: return CompareReport.markdown(comparison)
        case .html: return CompareReport.html(comparison)
        case .csv: return CompareReport.csv(comparison)
        case .junit: return CompareReport.junit(comparison)
        case .sarif: return try SARIFReport.render(newReport, rules: rules.sarifMetadata,
                                                   baseDirectory: FileManager.default.currentDirectoryPath, lines: lines)
        }
    }
}

/// Lines of the graded files for SARIF fixes: from disk for `check`, from the
/// uploaded bytes for `serve`, so both write the same fixes.
enum SourceLines {
    /// Reads `path` from disk (never written to); nil when it cannot be read as UTF-8.
    static let disk: SourceLineReader = { path, line in
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return lineOf(data, line)
    }

    /// Reads the uploaded bytes by the name they were graded under.
    static func uploads(_ files: [String: Data]) -> SourceLineReader {
        { name, line in files[name].flatMap { lineOf($0, line) } }
    }

    static func lineOf(_ data: Data, _ line: Int) -> String? {
        guard line > 0, let text = String(data: data, encoding: .utf8) else { return nil }
        var n = 0
        for l in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            if n == line { return l.hasSuffix("\r") ? String(l.dropLast()) : String(l) }
        }
        return nil
    }
}
