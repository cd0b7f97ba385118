import ArgumentParser
import DTGrading
import DTReports
import Foundation

/// `dtcheck survey PATH…`: one row per document across a corpus.
struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Tabulate many agreements: the four levels and overall score per document.",
        discussion: """
        Examples:
          dtcheck survey ../shared/corpus/tota
          dtcheck survey --format html --output survey.html ../shared/corpus/tota
        """
    )

    @Argument(help: ArgumentHelp("Files or folders (walked recursively). Example: dtcheck survey corpus/", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var grading: GradingOptions
    @OptionGroup var selection: SelectionOptions

    @Option(help: ArgumentHelp("Survey format: text, csv, json, html (default text). Example: --format csv", valueName: "format"))
    var format: SurveyFormat?

    @Option(help: ArgumentHelp("Write the survey to this file instead of stdout. Example: --output survey.csv", valueName: "file"))
    var output: String?

    func validate() throws {
        if paths.isEmpty && !grading.printConfig { throw ValidationError("Missing expected argument '<path> ...'") }
    }

    func run() throws {
        let settings: Settings
        let documents: [DocumentVerdict]
        let sink: OutputSink
        do {
            guard let resolved = try Settings.resolveOrPrint(grading, .init(
                format: format?.rawValue, formatChoices: SurveyFormat.allCases.map(\.rawValue), defaultFormat: "text",
                include: selection.include, exclude: selection.exclude)) else { return }
            settings = resolved
            let files = selection.collect(paths, settings: settings)
            // --output is checked (and its temporary file made) before any work.
            sink = try OutputSink(path: output, inputs: files)
            documents = try Pipeline.make(settings: settings, files: files.count, reading: files).run(files, progress: Progress.make(total: files.count, quiet: settings.quiet))
        } catch let e as CLIError {
            Terminal.error(e.description)
            throw ExitCode(2)
        }
        let survey = Survey(tool: ToolInfo(version: DTCheckCommand.version), baselines: settings.baselines,
                            pillars: settings.pillars, documents: documents)
        let text: String
        switch SurveyFormat(rawValue: settings.format) ?? .text {
        case .text: text = SurveyReport.text(survey)
        case .csv: text = SurveyReport.csv(survey)
        case .json: text = try SurveyReport.json(survey)
        case .html: text = SurveyHTML.render(survey)
        }
        try Terminal.deliver(text, to: sink, documents: documents)
    }
}
