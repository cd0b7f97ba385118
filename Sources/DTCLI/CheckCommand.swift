import ArgumentParser
import DTGrading
import DTReports
import Foundation

/// `dtcheck check PATH…`: grade files and folders, write a report, gate on the result.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Grade agreement texts on the four digital-trade pillars.",
        discussion: """
        Examples:
          dtcheck check ../shared/corpus/tota/pta_449.xml
          dtcheck check --format sarif --output dtcheck.sarif drafts/
          dtcheck check --fail-under binding-qualified --pillar data-flows draft.xml

        Exit status: 0 all good; 1 a gate failed; 2 usage error or an input that could not be read \
        (the other inputs are still reported). Settings can come from a .dtcheck.yml in the \
        working directory or above; the command line wins.
        """
    )

    @Argument(help: ArgumentHelp("Files or folders (walked recursively). Example: dtcheck check drafts/ old.xml", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var grading: GradingOptions
    @OptionGroup var selection: SelectionOptions

    @Option(help: ArgumentHelp("Report format: text, json, markdown, html, sarif, junit, csv (default text). Example: --format json",
                               valueName: "format"))
    var format: ReportFormat?

    @Option(help: ArgumentHelp("Write the report to this file instead of stdout. Example: --output report.html", valueName: "file"))
    var output: String?

    @Option(name: .customLong("fail-under"),
            help: ArgumentHelp("Exit 1 if any assessed pillar is below this level (absent, soft, binding-qualified, baseline). Example: --fail-under binding-qualified",
                               valueName: "level"))
    var failUnder: String?

    @Option(name: .customLong("min-score"),
            help: ArgumentHelp("Exit 1 if any assessed pillar scores below N (0-100). Example: --min-score 50", valueName: "n"))
    var minScore: Int?

    func validate() throws {
        // PATH is optional only so `--print-config` can run without one.
        if paths.isEmpty && !grading.printConfig { throw ValidationError("Missing expected argument '<path> ...'") }
    }

    func run() throws {
        let settings: Settings
        do {
            settings = try Settings.resolve(grading, .init(
                format: format?.rawValue, formatChoices: ReportFormat.allCases.map(\.rawValue), defaultFormat: "text",
                failUnder: failUnder, minScore: minScore, include: selection.include, exclude: selection.exclude))
        } catch let e as CLIError {
            Terminal.error(e.description)
            throw ExitCode(2)
        }
        if grading.printConfig {
            try Terminal.emit(try settings.yaml(), to: nil)
            return
        }
        let format = ReportFormat(rawValue: settings.format) ?? .text
        let documents: [DocumentVerdict]
        let pipeline: Pipeline
        do {
            pipeline = try Pipeline.make(settings: settings)
            let files = PathCollector(include: settings.include, exclude: settings.exclude).collect(paths)
            documents = pipeline.run(files, progress: Progress.make(total: files.count, quiet: settings.quiet))
        } catch let e as CLIError {
            Terminal.error(e.description)
            throw ExitCode(2)
        }
        let report = Report(tool: ToolInfo(version: DTCheckCommand.version), baselines: settings.baselines,
                            pillars: settings.pillars, documents: documents)
        let text: String
        switch format {
        case .text: text = TextReport.render(report, color: settings.useColor(output: output))
        case .json: text = try JSONReport.render(report)
        case .markdown: text = MarkdownReport.render(report)
        case .html: text = HTMLReport.render(report)
        case .sarif: text = try SARIFReport.render(report, rules: pipeline.grader.rules.sarifMetadata,
                                                   baseDirectory: FileManager.default.currentDirectoryPath)
        case .junit: text = JUnitReport.render(report, gate: settings.gate)
        case .csv: text = CSVReport.render(report)
        }
        do { try Terminal.emit(text, to: output) } catch let e as CLIError {
            Terminal.error(e.description)
            throw ExitCode(2)
        }
        let errors = documents.filter { $0.status == .error }
        for doc in errors { Terminal.error(doc.errorLine) }
        if !errors.isEmpty { throw ExitCode(2) }
        if settings.gate.fails(documents) {
            if !settings.quiet { Terminal.stderr("dtcheck: gate failed (\(gateDescription(settings)))") }
            throw ExitCode(1)
        }
    }

    func gateDescription(_ s: Settings) -> String {
        var parts: [String] = []
        if let f = s.failUnder { parts.append("fail-under \(f.rawValue)") }
        if let m = s.minScore { parts.append("min-score \(m)") }
        return parts.joined(separator: ", ")
    }
}
