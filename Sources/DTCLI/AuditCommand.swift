import ArgumentParser
import DTGrading
import DTIngest
import DTReports
import DTRules
import Foundation

/// `dtcheck audit PATH…`: the rules' blind spots — sentences holding a pillar's
/// core vocabulary, or limiting dispute settlement, that no rule explains.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List sentences on a pillar (or limiting dispute settlement) that no rule explains; exit 1 if any is unreviewed.",
        discussion: """
        For each pillar, every sentence holding the vocabulary of the pillar's commitment rules \
        (their shared terms) that no rule of the pillar reads; in documents with a pillar above \
        absent, every sentence naming dispute settlement with a limiting word that no \
        dispute-exclusion rule reads. A sentence a person has judged is recorded with its \
        fingerprint and reason in the reviewed file.
        Examples:
          dtcheck audit ../shared/corpus
          dtcheck audit --format csv --output audit.csv ../shared/corpus/tota
          dtcheck audit --show-reviewed --reviewed rules/reviewed.yml corpus/drafts

        Exit status: 0 every such sentence is explained or reviewed; 1 one is not; \
        2 usage error, unreadable rules or reviewed file, or an input that could not be read.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    @Argument(help: ArgumentHelp("Files or folders (walked recursively, as for check). Example: ../shared/corpus", valueName: "path"))
    var paths: [String]

    @Option(help: "Output format: text, json or csv. Example: --format json")
    var format: Format = .text

    @Option(help: ArgumentHelp("Write the report to FILE instead of stdout. Example: --output audit.json", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Reviewed sentences (default: reviewed.yml of the rules in use, built in or --rules). Example: --reviewed rules/reviewed.yml", valueName: "file"))
    var reviewed: String?

    @Flag(help: "In text output, list reviewed sentences too, with their reasons. Example: --show-reviewed")
    var showReviewed = false

    @OptionGroup var rules: RulesOption

    func run() throws {
        let ruleSet = try rules.load()
        // By default the reviewed file travels with the rules: a folder's reviewed.yml, or
        // the one built into dtcheck with the default rules.
        let bundled = ruleSet.sources.filter { ($0.file as NSString).lastPathComponent == "reviewed.yml" }
            .min { $0.file.count < $1.file.count }
        let reviewedPath = reviewed ?? bundled?.file ?? ruleSet.directory + "/reviewed.yml"
        let reviewedFile: ReviewedFile
        do {
            if reviewed == nil, let bundled {
                reviewedFile = try ReviewedFile.parse(bundled.text, path: bundled.file)
            } else {
                reviewedFile = try ReviewedFile.load(path: reviewedPath)
            }
        } catch let e as RuleLoadError {
            Terminal.error(e.description)
            throw ExitCode(2)
        }
        let files = PathCollector(include: PathCollector.defaultInclude, exclude: []).collect(paths)
        // --output is checked (and its temporary file made) before any work.
        let sink: OutputSink
        do { sink = try OutputSink(path: output, inputs: files) } catch let e as CLIError {
            Terminal.error(e.description)
            throw ExitCode(2)
        }
        let grader = Grader(rules: ruleSet)
        // Each text is audited with the rules worded in its language (English, and every `lang:` wording).
        var byLanguage: [String: RuleSet] = [:]
        for code in ruleSet.languages { byLanguage[code] = ruleSet.worded(in: code) }
        let auditor = Auditor(rulesByLanguage: byLanguage, reviewed: reviewedFile)
        var ingest = IngestOptions()
        ingest.deferParagraphs = true
        let results = ResultSlots<AuditDocument>(count: files.count)
        let options = ingest
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let path = files[i]
            switch Pipeline.read(path, options) {
            case .success(let agreement):
                results.set(i, auditor.audit(agreement, verdict: grader.grade(agreement)))
            case .failure(let f):
                var where_ = path
                if let l = f.line, l > 0 { where_ += ":\(l)" }
                if let c = f.column, c > 0 { where_ += ":\(c)" }
                results.set(i, AuditDocument(path: path, status: "error", language: nil, message: "\(where_): \(f.message)", items: []))
            }
        }
        let documents = results.values
        let report = AuditReport(reviewedFile: reviewedPath, documents: documents, reviewed: reviewedFile)
        let text: String
        switch format {
        case .text: text = report.text(showReviewed: showReviewed)
        case .json: text = try report.json()
        case .csv: text = report.csv()
        }
        sink.write(text)
        do { try sink.finish() } catch let e as CLIError {
            Terminal.error(e.description)
            throw ExitCode(2)
        }
        let errors = documents.filter { $0.status == "error" }
        for doc in errors { Terminal.error(doc.message ?? doc.path) }
        if !errors.isEmpty { throw ExitCode(2) }
        if report.unexplained > 0 { throw ExitCode(1) }
    }
}

/// One slot per input, filled from the worker threads.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    var values: [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
