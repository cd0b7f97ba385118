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

    @Option(help: ArgumentHelp("Which state of a draft the gates read: agreed (the text outside negotiation brackets; default), proposed (the strongest a bracket would give) or weakest. Example: --state weakest",
                               valueName: "state"))
    var state: String?

    @Option(name: .customLong("min-score"),
            help: ArgumentHelp("Exit 1 if any assessed pillar scores below N (0-100). Example: --min-score 50", valueName: "n"))
    var minScore: Int?

    func validate() throws {
        if let state, Gate.DraftState(rawValue: state) == nil {
            throw ValidationError("--state must be agreed, proposed or weakest, not '\(state)'")
        }
        // PATH is optional only so `--print-config` can run without one.
        if paths.isEmpty && !grading.printConfig { throw ValidationError("Missing expected argument '<path> ...'") }
    }

    func run() throws {
        guard let settings = try Settings.resolveOrPrint(grading, .init(
            format: format?.rawValue, formatChoices: ReportFormat.allCases.map(\.rawValue), defaultFormat: "text",
            failUnder: failUnder, minScore: minScore, include: selection.include, exclude: selection.exclude)) else { return }
        let format = ReportFormat(rawValue: settings.format) ?? .text
        let pipeline: Pipeline
        let files: [String]
        let sink: OutputSink
        do {
            files = selection.collect(paths, settings: settings)
            // --output is checked (and its temporary file made) before any work.
            sink = try OutputSink(path: output, inputs: files)
            var made = try Pipeline.make(settings: settings, files: files.count, reading: files)
            made.leaveLastDocumentToExit = true // the process ends with this command
            made.leaveRulesToExit()
            pipeline = made
        } catch let e as CLIError {
            Terminal.error(e.description)
            throw ExitCode(2)
        }
        let progress = Progress.make(total: files.count, quiet: settings.quiet)
        let outcome: Outcome
        do {
            switch format {
            case .text, .json, .csv:
                outcome = try streamed(format, files: files, pipeline: pipeline, settings: settings, progress: progress, sink: sink)
            case .markdown, .html, .sarif, .junit:
                outcome = try whole(format, files: files, pipeline: pipeline, settings: settings, progress: progress, sink: sink)
            }
        } catch let e as CLIError {
            sink.discard()
            Terminal.error(e.description)
            throw ExitCode(2)
        }
        if !settings.quiet { for line in outcome.warningLines { Terminal.stderr("warning: " + line) } }
        for line in outcome.errorLines { Terminal.error(line) }
        if !outcome.errorLines.isEmpty { throw ExitCode(2) }
        if outcome.gateFailed {
            if !settings.quiet { Terminal.stderr("dtcheck: gate failed (\(gateDescription(settings)))") }
            throw ExitCode(1)
        }
    }

    /// The gates of `settings`, reading the draft state `--state` names.
    func gate(_ settings: Settings) -> Gate {
        var g = settings.gate
        g.state = state.flatMap(Gate.DraftState.init(rawValue:)) ?? .agreed
        return g
    }

    func gateDescription(_ s: Settings) -> String {
        var parts: [String] = []
        if let state, state != "agreed" { parts.append("state \(state)") }
        if let f = s.failUnder { parts.append("fail-under \(f.rawValue)") }
        if let m = s.minScore { parts.append("min-score \(m)") }
        return parts.joined(separator: ", ")
    }
}

/// What a run leaves for the exit status once the report is written.
private struct Outcome {
    var errorLines: [String] = []
    var gateFailed = false
    /// Drafts' unclosed brackets, `path:line: message`.
    var warningLines: [String] = []
}

extension CheckCommand {
    /// text, json and csv: each document is rendered by the worker that graded it and
    /// written in input order; only counts are kept for the summary and the gate.
    private func streamed(_ format: ReportFormat, files: [String], pipeline: Pipeline, settings: Settings,
                          progress: Progress?, sink: OutputSink) throws -> Outcome {
        let streamFormat: ReportStream.Format
        switch format {
        case .json: streamFormat = .json
        case .csv: streamFormat = .csv
        default: streamFormat = .text(color: settings.useColor(output: output), verbose: selection.verbose)
        }
        let stream = ReportStream(format: streamFormat, tool: ToolInfo(version: DTCheckCommand.version),
                                  baselines: settings.baselines, pillars: settings.pillars)
        sink.write(try stream.header())
        let gate = gate(settings)
        var summary = ReportSummary(documents: [])
        var outcome = Outcome()
        var failure: Error?
        var index = 0
        pipeline.stream(files, progress: progress, prepare: { doc -> (Result<String, Error>, DocumentVerdict, Bool) in
            (Result { try stream.chunk(doc) }, doc.countsOnly, gate.fails([doc]))
        }, emit: { chunk, counts, gateFails in
            switch chunk {
            case .success(let text):
                // The separator depends on the position, known only here, in order.
                sink.write(stream.separator(before: index) + text)
            case .failure(let e): failure = failure ?? e
            }
            index += 1
            summary.add(counts)
            if counts.status == .error { outcome.errorLines.append(counts.errorLine) }
            outcome.warningLines += counts.draft?.warnings ?? []
            if gateFails { outcome.gateFailed = true }
        })
        if let failure { throw CLIError.usage("cannot render the report: \(failure)") }
        sink.write(try stream.footer(summary: summary, count: files.count))
        try sink.finish()
        return outcome
    }

    /// markdown, html, sarif and junit need the whole batch at once.
    private func whole(_ format: ReportFormat, files: [String], pipeline: Pipeline, settings: Settings,
                       progress: Progress?, sink: OutputSink) throws -> Outcome {
        let documents = pipeline.run(files, progress: progress)
        let report = Report(tool: ToolInfo(version: DTCheckCommand.version), baselines: settings.baselines,
                            pillars: settings.pillars, documents: documents)
        let text = try ReportRendering.check(format, report, rules: pipeline.grader.rules, gate: gate(settings),
                                             color: settings.useColor(output: output), lines: SourceLines.disk)
        sink.write(text)
        try sink.finish()
        return Outcome(errorLines: documents.filter { $0.status == .error }.map(\.errorLine),
                       gateFailed: gate(settings).fails(documents), warningLines: documents.flatMap { $0.draft?.warnings ?? [] })
    }
}

extension DocumentVerdict {
    /// The verdict without evidence and findings: enough for summaries, gates and errors.
    var countsOnly: DocumentVerdict {
        var v = self
        v.pillars = pillars.map {
            var p = PillarVerdict(id: $0.id, level: $0.level, score: $0.score, rule: nil, evidence: [], limitations: [],
                                  deviations: [], sectoral: [], summary: "")
            // The gate may read a draft's states.
            p.proposed = $0.proposed
            p.weakest = $0.weakest
            return p
        }
        return v
    }
}
