import ArgumentParser
import DTGrading
import DTIngest
import DTReports
import DTRules
import Foundation
import Yams

/// The settings a run uses after merging defaults, `.dtcheck.yml` and the command line
/// (in that order; later wins). `--print-config` prints exactly this.
struct Settings {
    var configFile: String?
    var baseline: BaselineChoice
    var pillars: [PillarID]
    var format: String
    var failUnder: Level?
    var minScore: Int?
    var include: [String]
    var exclude: [String]
    var jobs: Int
    var rules: RulesLocation
    var inputFormat: InputFormat
    var maxFileSize: Int
    var color: ColorMode
    var quiet: Bool

    var baselines: [BaselineID] {
        switch baseline {
        case .usmca: return [.usmca]
        case .ujdta: return [.ujdta]
        case .both: return BaselineID.allCases
        }
    }

    var gradeOptions: GradeOptions { GradeOptions(baselines: baselines, pillars: pillars) }
    var ingestOptions: IngestOptions { IngestOptions(maxFileSize: maxFileSize, inputFormat: inputFormat) }
    var gate: DTReports.Gate { DTReports.Gate(failUnder: failUnder, minScore: minScore) }

    /// Command-line values a command passes in; nil / empty means "not given".
    struct CommandLine {
        var format: String?
        var formatChoices: [String]
        var defaultFormat: String
        var failUnder: String?
        var minScore: Int?
        var include: [String] = []
        var exclude: [String] = []
    }

    /// The settings a command runs with, or nil when `--print-config` asked only
    /// to see them (printed here). A setting that cannot be used is said on
    /// stderr and ends the command with status 2, as every command does.
    static func resolveOrPrint(_ options: GradingOptions, _ cli: CommandLine) throws -> Settings? {
        let settings: Settings
        do {
            settings = try resolve(options, cli)
        } catch let e as CLIError {
            Terminal.error(e.description)
            throw ExitCode(2)
        }
        if options.printConfig {
            Terminal.emit(try settings.yaml())
            return nil
        }
        return settings
    }

    static func resolve(_ options: GradingOptions, _ cli: CommandLine,
                        cwd: String = FileManager.default.currentDirectoryPath) throws -> Settings {
        let configPath = ConfigFile.find(from: cwd)
        let config = try configPath.map(ConfigFile.load) ?? ConfigFile()
        let source = configPath ?? "command line"

        let baselineText = options.baseline?.rawValue ?? config.baseline ?? "both"
        guard let baseline = BaselineChoice(rawValue: baselineText) else {
            throw CLIError.usage("\(source): unknown baseline '\(baselineText)'; use usmca, ujdta or both")
        }
        let pillarTexts = !options.pillars.isEmpty ? options.pillars : (config.pillars ?? [])
        var pillars: [PillarID] = []
        for text in pillarTexts {
            guard let p = PillarID(rawValue: text) else {
                throw CLIError.usage("unknown pillar '\(text)'; use \(PillarID.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !pillars.contains(p) { pillars.append(p) }
        }
        if pillars.isEmpty { pillars = PillarID.allCases }
        pillars.sort()

        // A config `format` the command does not offer (e.g. sarif for survey) is ignored, not an error.
        var format = cli.defaultFormat
        if let f = config.format, cli.formatChoices.contains(f) { format = f }
        if let f = cli.format { format = f }

        var failUnder: Level?
        if let text = cli.failUnder ?? config.failUnder {
            guard let l = Level(rawValue: text), l != .notAssessed else {
                throw CLIError.usage("unknown level '\(text)' for fail-under; use absent, soft, binding-qualified or baseline")
            }
            failUnder = l
        }
        let minScore = cli.minScore ?? config.minScore
        if let m = minScore, !(0...100).contains(m) { throw CLIError.usage("min-score \(m) is outside 0...100") }

        let jobs = options.jobs ?? config.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        guard jobs >= 1 else { throw CLIError.usage("jobs must be at least 1, got \(jobs)") }

        // --rules, else .dtcheck.yml's rules: (relative to its folder), else DTCHECK_RULES, else built in.
        var rules = RulesLocation.from(option: options.rules)
        if options.rules == nil, let r = config.rules, let configPath {
            rules = .folder(r.hasPrefix("/") ? r : URL(fileURLWithPath: configPath).deletingLastPathComponent().appendingPathComponent(r).path)
        }
        let inputText = options.inputFormat ?? "auto"
        guard let inputFormat = InputFormat(rawValue: inputText) else {
            throw CLIError.usage("unknown --input-format '\(inputText)'; use one of \(InputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let maxFileSize = options.maxFileSize ?? IngestOptions.defaultMaxFileSize
        guard maxFileSize > 0 else { throw CLIError.usage("max-file-size must be positive") }

        return Settings(configFile: configPath, baseline: baseline, pillars: pillars, format: format,
                        failUnder: failUnder, minScore: minScore,
                        include: !cli.include.isEmpty ? cli.include : (config.include ?? []),
                        exclude: !cli.exclude.isEmpty ? cli.exclude : (config.exclude ?? []),
                        jobs: jobs, rules: rules, inputFormat: inputFormat, maxFileSize: maxFileSize,
                        color: options.color, quiet: options.quiet)
    }

    /// Whether text output should carry ANSI colour.
    func useColor(output: String?) -> Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            return output == nil && Terminal.isTTY(1) && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }

    /// The effective settings as YAML, keys in a fixed order.
    func yaml() throws -> String {
        var node: [(String, Node)] = []
        node.append(("config-file", configFile.map { Node($0) } ?? Node("null", Tag(.null))))
        node.append(("baseline", Node(baseline.rawValue)))
        node.append(("pillars", Node(pillars.map { Node($0.rawValue) })))
        node.append(("format", Node(format)))
        node.append(("fail-under", failUnder.map { Node($0.rawValue) } ?? Node("null", Tag(.null))))
        node.append(("min-score", minScore.map { Node(String($0), Tag(.int)) } ?? Node("null", Tag(.null))))
        node.append(("include", Node(include.map { Node($0) })))
        node.append(("exclude", Node(exclude.map { Node($0) })))
        node.append(("jobs", Node(String(jobs), Tag(.int))))
        node.append(("rules", Node(rules.description)))
        node.append(("rules-sha256", rules.contentHash().map { Node($0) } ?? Node("null", Tag(.null))))
        node.append(("input-format", Node(inputFormat.rawValue)))
        node.append(("max-file-size", Node(String(maxFileSize), Tag(.int))))
        node.append(("color", Node(color.rawValue)))
        node.append(("quiet", Node(quiet ? "true" : "false", Tag(.bool))))
        return try Yams.serialize(node: Node(node.map { (Node($0.0), $0.1) }))
    }

}
