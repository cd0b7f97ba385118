import DTGrading
import DTIngest
import DTModel
import DTRules
import Foundation

/// The path shared by check, compare and survey: load and grade each file, in
/// parallel, into verdicts in input order. A file that cannot be read becomes a
/// verdict with status `error`, so every input appears in every report.
struct Pipeline: Sendable {
    var grader: Grader
    var grade: GradeOptions
    var ingest: IngestOptions
    var jobs: Int
    /// Rules for the grading threads after the first, each compiled on its own (see
    /// `RuleSet.compiledAgain`); a thread without one compiles its copy when it starts.
    var spareRules: [RuleSet] = []

    /// Loads the rule set; a broken rule folder is a usage error (exit 2). For a
    /// batch of `files` graded on several threads, every thread's copy of the rules
    /// is compiled at once, one per core, instead of the later threads compiling
    /// theirs while the first grades: the load no longer waits on the CPU twice.
    static func make(settings: Settings, files: Int = 1) throws -> Pipeline {
        let copies = max(1, min(settings.jobs, files))
        let loaded = RuleCopies(count: copies)
        DispatchQueue.concurrentPerform(iterations: copies) { i in
            loaded.set(i, Result { try RuleSet.load(directory: settings.rules) })
        }
        let rules: [RuleSet]
        do {
            rules = try loaded.all()
        } catch let e as RuleLoadError {
            throw CLIError.usage("rules: \(e.description)")
        }
        // Grading splits only the articles its rules read into paragraphs, and reads
        // no further than the metadata of a ToTA file in a language the rules do not read.
        var ingest = settings.ingestOptions
        ingest.deferParagraphs = true
        ingest.bodyLanguages = Grader.languages
        return Pipeline(grader: Grader(rules: rules[0]), grade: settings.gradeOptions, ingest: ingest, jobs: settings.jobs,
                        spareRules: Array(rules.dropFirst()))
    }

    /// The rule sets being compiled side by side, each by its own thread.
    private final class RuleCopies: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Result<RuleSet, any Error>?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func set(_ i: Int, _ r: Result<RuleSet, any Error>) {
            lock.lock()
            defer { lock.unlock() }
            results[i] = r
        }

        /// Every copy, or the first copy's error (they read the same files).
        func all() throws -> [RuleSet] {
            lock.lock()
            defer { lock.unlock() }
            return try results.map { r in
                guard let r else { throw RuleLoadError(file: "rules", message: "not loaded") }
                return try r.get()
            }
        }
    }

    /// Every verdict, in input order (for the formats that need the whole batch).
    func run(_ paths: [String], progress: Progress? = nil) -> [DocumentVerdict] {
        var out: [DocumentVerdict] = []
        out.reserveCapacity(paths.count)
        stream(paths, progress: progress, prepare: { $0 }, emit: { out.append($0) })
        return out
    }

    /// Grades `paths` and hands each document, `prepare`d on the worker thread that
    /// graded it, to `emit` in input order as soon as its turn comes. Only the
    /// documents finished out of turn are held, so memory does not grow with the batch.
    func stream<T>(_ paths: [String], progress: Progress? = nil, prepare: @escaping @Sendable (DocumentVerdict) -> T,
                   emit: @escaping (T) -> Void) {
        let emitter = OrderedEmitter(count: paths.count, emit: emit)
        let workers = max(1, min(jobs, paths.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Every thread but the first grades with its own copy of the rules (see
            // `RuleSet.compiledAgain`); should that fail, it shares the first's.
            var pipeline = self
            if worker > 0 {
                if worker - 1 < spareRules.count {
                    pipeline.grader = Grader(rules: spareRules[worker - 1])
                } else if let own = try? grader.rules.compiledAgain() {
                    pipeline.grader = Grader(rules: own)
                }
            }
            pipeline.spareRules = []
            while let i = emitter.claim() {
                emitter.deliver(prepare(pipeline.process(paths[i])), at: i)
                progress?.tick()
            }
        }
        progress?.finish()
    }

    func process(_ path: String) -> DocumentVerdict {
        do {
            let agreement = try DocumentLoader.load(path: path, options: ingest)
            return grader.grade(agreement, options: grade)
        } catch let e as IngestError {
            return Pipeline.errorVerdict(path: path, message: e.message, line: e.line, column: e.column)
        } catch {
            return Pipeline.errorVerdict(path: path, message: "\(error)", line: nil, column: nil)
        }
    }

    static func errorVerdict(path: String, message: String, line: Int?, column: Int?) -> DocumentVerdict {
        DocumentVerdict(path: path, status: .error, format: nil, language: nil, title: nil, dateSigned: nil, parties: [],
                        pillars: [], overallScore: nil, summary: message,
                        error: DocumentError(message: message, line: line, column: column))
    }
}

extension DocumentVerdict {
    /// `error: path:line:col: message` as printed on stderr.
    var errorLine: String {
        var s = path
        if let line = error?.line, line > 0 {
            s += ":\(line)"
            if let col = error?.column, col > 0 { s += ":\(col)" }
        }
        return s + ": " + (error?.message ?? summary)
    }
}

/// Hands out work in input order and passes results on in input order, holding
/// only those that finish before their predecessors.
final class OrderedEmitter<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var nextClaim = 0
    private var nextEmit = 0
    private var pending: [Int: T] = [:]
    private let count: Int
    private let emit: (T) -> Void

    init(count: Int, emit: @escaping (T) -> Void) {
        self.count = count
        self.emit = emit
    }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextClaim < count else { return nil }
        nextClaim += 1
        return nextClaim - 1
    }

    /// Emission happens under the lock, so `emit` never runs on two threads at once.
    func deliver(_ value: T, at i: Int) {
        lock.lock()
        defer { lock.unlock() }
        pending[i] = value
        while let v = pending.removeValue(forKey: nextEmit) {
            emit(v)
            nextEmit += 1
        }
    }
}
