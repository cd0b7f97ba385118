import ArgumentParser
import DTIngest

/// Options every grading command takes. Optional so a `.dtcheck.yml` value can
/// fill what the command line leaves out (the command line wins).
struct GradingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Baselines to measure against: usmca, ujdta or both (default both). Example: --baseline usmca",
                               valueName: "usmca|ujdta|both"))
    var baseline: BaselineChoice?

    @Option(name: .customLong("pillar"),
            help: ArgumentHelp("Report only this pillar; repeat for more (data-flows, localization, source-code, customs-duties). Example: --pillar data-flows --pillar source-code",
                               valueName: "id"))
    var pillars: [String] = []

    @Option(help: ArgumentHelp("Folder of rule files (default: DTCHECK_RULES, else the rules built into dtcheck). Example: --rules ./rules",
                               valueName: "dir"))
    var rules: String?

    @Option(name: .customLong("input-format"),
            help: ArgumentHelp("Force the input format instead of sniffing it (\(InputFormat.allCases.map(\.rawValue).joined(separator: ", "))). Example: --input-format tota",
                               valueName: "format"))
    var inputFormat: String?

    @Option(name: .customLong("max-file-size"),
            help: ArgumentHelp("Refuse files larger than this many bytes (default \(IngestOptions.defaultMaxFileSize)). Example: --max-file-size 10000000",
                               valueName: "bytes"))
    var maxFileSize: Int?

    @Option(help: ArgumentHelp("Documents graded in parallel (default: number of cores); output is identical whatever N. Example: --jobs 4",
                               valueName: "n"))
    var jobs: Int?

    @Flag(help: "No progress line and no notes on stderr; errors are still printed. Example: --quiet")
    var quiet = false

    @Option(help: ArgumentHelp("Colour text output: auto (stdout is a terminal and NO_COLOR unset), always, never. Example: --color never",
                               valueName: "auto|always|never"))
    var color: ColorMode = .auto

    @Flag(name: .customLong("print-config"), help: "Print the effective settings (command line over .dtcheck.yml) as YAML and exit. Example: --print-config")
    var printConfig = false
}

/// `--include` / `--exclude` for commands that walk folders.
struct SelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("When walking folders, take only files matching this glob (fnmatch, against the name and the path under the folder); repeatable. Default: *.xml *.html *.htm *.xhtml *.docx *.odt *.md *.markdown *.txt, in any case. Walks take regular files only: links out of the folder, FIFOs, devices, Office lock files (~$draft.docx) and editor temp files (draft.md~, #draft.md#) are skipped; files named on the command line are read as named. Example: --include 'pta_*.xml'",
                               valueName: "glob"))
    var include: [String] = []

    @Option(help: ArgumentHelp("Skip files and folders matching this glob; repeatable. Example: --exclude 'drafts/*'",
                               valueName: "glob"))
    var exclude: [String] = []

    @Flag(help: "List on stderr every entry folder walks skipped, and why (links out of the folder, FIFOs, devices, lock and temp files); in the text report of check, also show rule ids and deviation codes (always in JSON and SARIF). Example: --verbose")
    var verbose = false

    /// The files under `paths`, after saying on stderr what the walk skipped.
    func collect(_ paths: [String], settings: Settings) -> [String] {
        let collected = PathCollector(include: settings.include, exclude: settings.exclude).collectReporting(paths)
        collected.noteSkipped(verbose: verbose, quiet: settings.quiet)
        return collected.files
    }
}
