import ArgumentParser
import DTGrading
import DTReports
import Foundation

/// `dtcheck compare OLD NEW`: what changed per pillar between two drafts.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two drafts pillar by pillar and flag any that got weaker.",
        discussion: """
        Examples:
          dtcheck compare draft-v1.xml draft-v2.xml
          dtcheck compare --format markdown --fail-on-regression old.xml new.xml

        A pillar regresses when its level or its score goes down. sarif and junit \
        show the new draft's findings (junit: each regression a failure).
        """
    )

    @Argument(help: ArgumentHelp("The earlier draft. Example: draft-v1.xml", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The later draft. Example: draft-v2.xml", valueName: "new"))
    var new: String

    @OptionGroup var grading: GradingOptions

    @Option(help: ArgumentHelp("Report format: text, json, markdown, html, sarif, junit, csv (default text). Example: --format markdown",
                               valueName: "format"))
    var format: ReportFormat?

    @Option(help: ArgumentHelp("Write the report to this file instead of stdout. Example: --output diff.html", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("fail-on-regression"), help: "Exit 1 if any pillar got weaker (level or score down). Example: --fail-on-regression")
    var failOnRegression = false

    func run() throws {
        let settings: Settings
        let documents: [DocumentVerdict]
        let pipeline: Pipeline
        let sink: OutputSink
        do {
            guard let resolved = try Settings.resolveOrPrint(grading, .init(
                format: format?.rawValue, formatChoices: ReportFormat.allCases.map(\.rawValue), defaultFormat: "text")) else { return }
            settings = resolved
            // --output is checked (and its temporary file made) before any work.
            sink = try OutputSink(path: output, inputs: [old, new])
            // No sorting here: the order of OLD and NEW is the point.
            pipeline = try Pipeline.make(settings: settings, files: 2)
            documents = pipeline.run([old, new])
        } catch let e as CLIError {
            Terminal.error(e.description)
            throw ExitCode(2)
        }
        guard documents.count == 2 else { throw ExitCode(2) }
        let tool = ToolInfo(version: DTCheckCommand.version)
        let comparison = Comparison(tool: tool, old: documents[0], new: documents[1], pillars: settings.pillars)
        let newReport = Report(tool: tool, baselines: settings.baselines, pillars: settings.pillars, documents: [documents[1]])
        let text = try ReportRendering.compare(ReportFormat(rawValue: settings.format) ?? .text, comparison, newReport: newReport,
                                               rules: pipeline.grader.rules, color: settings.useColor(output: output),
                                               lines: SourceLines.disk)
        try Terminal.deliver(text, to: sink, documents: documents)
        if failOnRegression && comparison.regression { throw ExitCode(1) }
    }
}
