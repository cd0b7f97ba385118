import DTGrading
import DTReports
import DTRules
import Foundation

/// Format → renderer, shared by `check`/`compare` and the web page's grading
/// processes (`serve`), so the page shows exactly what the command line writes.
enum ReportRendering {
    /// A whole-batch `check` report in `format`.
    static func check(_ format: ReportFormat, _ report: Report, rules: RuleSet, gate: Gate, color: Bool,
                      verbose: Bool = false) throws -> String {
        switch format {
        case .markdown: return MarkdownReport.render(report, references: rules.baselineReferences, scoring: rules.scoring)
        case .html: return HTMLReport.render(report, references: rules.baselineReferences, scoring: rules.scoring)
        case .sarif: return try SARIFReport.render(report, rules: rules.sarifMetadata,
                                                   baseDirectory: FileManager.default.currentDirectoryPath)
        case .junit: return JUnitReport.render(report, gate: gate)
        case .text: return TextReport.render(report, color: color, verbose: verbose)
        case .json: return try JSONReport.render(report)
        case .csv: return CSVReport.render(report)
        }
    }

    /// A `compare` report in `format`; sarif shows the new draft's findings (`newReport`).
    static func compare(_ format: ReportFormat, _ comparison: Comparison, newReport: Report, rules: RuleSet,
                        color: Bool) throws -> String {
        switch format {
        case .text: return CompareReport.text(comparison, color: color)
        case .json: return try CompareReport.json(comparison)
        case .markdown: return CompareReport.markdown(comparison)
        case .html: return CompareReport.html(comparison)
        case .csv: return CompareReport.csv(comparison)
        case .junit: return CompareReport.junit(comparison)
        case .sarif: return try SARIFReport.render(newReport, rules: rules.sarifMetadata,
                                                   baseDirectory: FileManager.default.currentDirectoryPath)
        }
    }
}
