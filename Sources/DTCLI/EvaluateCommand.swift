import ArgumentParser
import DTGrading
import DTIngest
import DTModel
import DTReports
import DTRules
import Foundation

/// `dtcheck evaluate --gold FILE.csv [CORPUS_DIR]`: agreement with expert coding.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Grade the documents a gold file names and report agreement with it.",
        discussion: """
        The gold file's doc column is a path under CORPUS_DIR (default: the gold file's ../corpus).
        Examples:
          dtcheck evaluate --gold ../shared/gold/dev.csv
          dtcheck evaluate --gold ../shared/gold/dev.csv --format json --min-exact 0.99
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "Gold CSV (doc,pillar,level,articles,limitations,note). Example: --gold ../shared/gold/dev.csv")
    var gold: String

    @Argument(help: "Folder the gold file's doc paths are relative to (default: the gold file's ../corpus). Example: dtcheck evaluate --gold g.csv ../shared/corpus")
    var corpus: String?

    @Option(help: "Output format: text or json. Example: --format json")
    var format: Format = .text

    @Option(name: .customLong("min-exact"), help: "Exit 1 if overall exact-level agreement is below this fraction. Example: --min-exact 0.99")
    var minExact: Double?

    @Option(name: .customLong("min-present"), help: "Exit 1 if agreement on pairs whose gold level is above absent is below this fraction. Example: --min-present 0.95")
    var minPresent: Double?

    @Option(name: .customLong("min-evidence"), help: "Exit 1 if the gold article is among the evidence for fewer than this fraction of non-absent pairs. Example: --min-evidence 0.95")
    var minEvidence: Double?

    @OptionGroup var rules: RulesOption

    func run() throws {
        let ruleSet = try rules.load()
        let grader = Grader(rules: ruleSet)
        guard let data = FileManager.default.contents(atPath: gold), let text = String(data: data, encoding: .utf8) else {
            Terminal.error("\(gold): cannot be read")
            throw ExitCode(2)
        }
        let rows = try GoldFile.parse(text, file: gold)
        let base = corpus ?? URL(fileURLWithPath: gold).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("corpus").path
        let docs = Array(Set(rows.map(\.doc))).sorted()
        let pipeline = Pipeline(grader: grader, grade: GradeOptions(), ingest: IngestOptions(),
                                jobs: ProcessInfo.processInfo.activeProcessorCount)
        let verdicts = pipeline.run(docs.map { base + "/" + $0 })
        let report = GoldEvaluator.evaluate(rows: rows, verdicts: Dictionary(uniqueKeysWithValues: zip(docs, verdicts)))
        // A gold document that is missing or unreadable makes every figure wrong (it would
        // count as `absent`): list each, and print no accuracy at all.
        if !report.unreadable.isEmpty {
            for (doc, msg) in report.unreadable.sorted(by: { $0.key < $1.key }) {
                Terminal.error("\(base)/\(doc): \(msg) (gold file \(gold))")
            }
            Terminal.error("\(report.unreadable.count) of \(docs.count) gold \(docs.count == 1 ? "document" : "documents") could not be read under \(base); no accuracy is reported. Pass the folder the gold file's doc paths are relative to: dtcheck evaluate --gold \(gold) CORPUS_DIR")
            throw ExitCode(2)
        }
        switch format {
        case .json:
            // Rates are floating point: JSONOutput leaves them to Foundation, as before.
            print(try JSONOutput.encode(report), terminator: "")
        case .text:
            print(EvaluationText.render(report))
        }
        var failed = false
        if let m = minExact, report.overall.exactRate < m { failed = true }
        if let m = minPresent, report.overall.nonAbsentRate < m { failed = true }
        if let m = minEvidence, report.overall.evidenceRate < m { failed = true }
        if failed { throw ExitCode(1) }
    }
}

/// Plain-text rendering of an evaluation.
enum EvaluationText {
    static func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    static func render(_ r: EvaluationReport) -> String {
        var lines: [String] = []
        func figures(_ name: String, _ f: EvaluationReport.Figures) {
            lines.append("\(name.padding(toLength: 16, withPad: " ", startingAt: 0)) exact \(pct(f.exactRate)) (\(f.exact)/\(f.pairs))  present \(pct(f.nonAbsentRate)) (\(f.nonAbsentExact)/\(f.nonAbsentPairs))  evidence \(pct(f.evidenceRate)) (\(f.evidenceHits)/\(f.evidencePairs))  binding+ P \(pct(f.precision)) R \(pct(f.recall))  overclaims \(f.overclaims)")
        }
        figures("overall", r.overall)
        for p in PillarID.allCases { if let f = r.byPillar[p.rawValue] { figures(p.rawValue, f) } }
        lines.append("")
        lines.append("confusion (rows gold, columns dtcheck):")
        let levels = Level.allCases.map(\.rawValue)
        lines.append("".padding(toLength: 18, withPad: " ", startingAt: 0) + levels.map { $0.padding(toLength: 18, withPad: " ", startingAt: 0) }.joined())
        for g in levels {
            let row = levels.map { String(r.confusion[g]?[$0] ?? 0).padding(toLength: 18, withPad: " ", startingAt: 0) }.joined()
            lines.append(g.padding(toLength: 18, withPad: " ", startingAt: 0) + row)
        }
        lines.append("")
        lines.append("misses (\(r.misses.count)):")
        for m in r.misses {
            let why = m.levelMatches ? "evidence misses gold article" : "level"
            lines.append("  \(m.doc) \(m.pillar.rawValue): gold \(m.gold.rawValue) [\(m.goldArticles.joined(separator: "; "))], dtcheck \(m.got.rawValue) [\(m.evidence.joined(separator: "; "))] — \(why)")
        }
        return lines.joined(separator: "\n")
    }
}
