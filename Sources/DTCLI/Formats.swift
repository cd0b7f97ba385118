import ArgumentParser
import DTReports

/// Output formats of `check` and `compare`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, markdown, html, sarif, junit, csv
}

/// Output formats of `survey`.
enum SurveyFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, csv, json, html
}

/// `--color`: auto colours only an interactive stdout with NO_COLOR unset.
enum ColorMode: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, always, never
}

/// `--baseline`: which baselines to measure against.
enum BaselineChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case usmca, ujdta, both
}

// `--sort`: SurveySort lives in DTReports, which knows nothing of argument parsing.
extension SurveySort: ExpressibleByArgument {}
