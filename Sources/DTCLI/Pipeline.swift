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
    /// Documents read while the rules were compiling, for `stream` to grade.
    var early: EarlyReads?
    /// Set by `check`, whose process ends once the report is written: the batch's last
    /// document (its model, millions of small objects for a big page) is left for the
    /// exit to take back at once instead of being freed object by object (44 M
    /// instructions on a 10 MB page), and so is its grading index (`GradeOptions.leaveIndexToExit`).
    /// Only the last, so memory does not grow with the batch; `serve`, the other commands
    /// and the library free every document.
    var leaveLastDocumentToExit = false

    /// Loads the rule set; a broken rule folder is a usage error (exit 2). With
    /// several grading threads and the batch's `paths`, one thread compiles the
    /// rules while another reads the first files; every thread after the first
    /// then grades with its own copy of the compiled rules (`RuleSet.independentCopy`,
    /// far cheaper than compiling them again): start-up no longer costs a compile
    /// per core, and no core waits for it.
    static func make(settings: Settings, files: Int = 1, reading paths: [String] = []) throws -> Pipeline {
        // Grading splits only the articles its rules read into paragraphs, and reads
        // no further than the metadata of a ToTA file in a language the rules do not read.
        var options = settings.ingestOptions
        options.deferParagraphs = true
        options.bodyLanguages = Grader.languages
        let ingest = options
        let threads = max(1, min(settings.jobs, files))
        let compiled = CompiledRules()
        let early = threads > 1 && !paths.isEmpty ? EarlyReads(paths: paths) : nil
        DispatchQueue.concurrentPerform(iterations: early == nil ? 1 : 2) { i in
            if i == 0 {
                compiled.set(Result { try settings.rules.load() })
                early?.stop()
            } else if let early {
                early.readUntilStopped(ingest)
            }
        }
        let rules: RuleSet
        do {
            rules = try compiled.get()
        } catch let e as RuleLoadError {
            throw CLIError.usage("rules: \(e.description)")
        }
        return Pipeline(grader: Grader(rules: rules), grade: settings.gradeOptions, ingest: ingest, jobs: settings.jobs, early: early)
    }

    /// The rule set being compiled on one thread.
    private final class CompiledRules: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result<RuleSet, any Error>?

        func set(_ r: Result<RuleSet, any Error>) {
            lock.lock()
            defer { lock.unlock() }
            result = r
        }

        func get() throws -> RuleSet {
            lock.lock()
            defer { lock.unlock() }
            guard let result else { throw RuleLoadError(file: "rules", message: "not loaded") }
            return try result.get()
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
            // Every thread but the first grades with its own copy of the rules.
            var pipeline = self
            if worker > 0 { pipeline.grader = Grader(rules: grader.rules.independentCopy()) }
            while let i = emitter.claim() {
                let read = early?.take(i, path: paths[i]) ?? Pipeline.read(paths[i], pipeline.ingest)
                var last = pipeline
                if leaveLastDocumentToExit, i == paths.count - 1 { last.grade.leaveIndexToExit = true }
                let verdict = last.verdict(paths[i], read)
                emitter.deliver(prepare(verdict), at: i)
                progress?.tick()
                if leaveLastDocumentToExit, i == paths.count - 1 { LeftToExit.keep(read) }
            }
        }
        progress?.finish()
    }

    /// Verdicts with the articles of each text graded (nil for a file not read), in
    /// input order, graded in parallel (unless `--jobs 1`): `compare` matches the two drafts' articles by their words.
    func runKeepingArticles(_ paths: [String]) -> [(verdict: DocumentVerdict, articles: [ArticleText]?)] {
        if jobs <= 1 { return paths.map { verdictAndArticles($0, Pipeline.read($0, ingest)) } }
        let results = Results(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            var pipeline = self
            if i > 0 { pipeline.grader = Grader(rules: grader.rules.independentCopy()) }
            results.set(i, pipeline.verdictAndArticles(paths[i], Pipeline.read(paths[i], ingest)))
        }
        return results.all()
    }

    /// The verdict on a file read (or not), and its articles when it was read.
    func verdictAndArticles(_ path: String, _ read: Result<Agreement, ReadFailure>) -> (verdict: DocumentVerdict, articles: [ArticleText]?) {
        switch read {
        case .success(let agreement): return (grader.grade(agreement, options: grade), ArticleText.of(agreement))
        case .failure: return (verdict(path, read), nil)
        }
    }

    /// Leaves the compiled rules for the process's exit to free (freeing them took 9 M
    /// instructions at the end of every `check`, whatever the input). For a command that
    /// ends the process, as `leaveLastDocumentToExit`.
    func leaveRulesToExit() {
        LeftToExit.keep(grader)
    }

    /// Slots filled from several threads.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [(verdict: DocumentVerdict, articles: [ArticleText]?)?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ i: Int, _ value: (verdict: DocumentVerdict, articles: [ArticleText]?)) {
            lock.lock()
            defer { lock.unlock() }
            slots[i] = value
        }

        func all() -> [(verdict: DocumentVerdict, articles: [ArticleText]?)] {
            lock.lock()
            defer { lock.unlock() }
            return slots.compactMap { $0 }
        }
    }

    func process(_ path: String) -> DocumentVerdict {
        verdict(path, Pipeline.read(path, ingest))
    }

    /// A file read into the model, or why it could not be.
    static func read(_ path: String, _ ingest: IngestOptions) -> Result<Agreement, ReadFailure> {
        failure { try DocumentLoader.load(path: path, options: ingest) }
    }

    /// An upload read into the model from its bytes; `name` is a label (it picks the
    /// format by its extension when sniffing cannot, and names the file in messages),
    /// never a path that is opened. The web page's grading processes use this.
    static func read(bytes: [UInt8], name: String, _ ingest: IngestOptions) -> Result<Agreement, ReadFailure> {
        failure { try DocumentLoader.load(bytes: bytes, path: name, options: ingest) }
    }

    /// An ingest error as the message, line and column every report prints.
    private static func failure(_ load: () throws -> Agreement) -> Result<Agreement, ReadFailure> {
        do {
            return .success(try load())
        } catch let e as IngestError {
            return .failure(ReadFailure(message: e.message, line: e.line, column: e.column))
        } catch {
            return .failure(ReadFailure(message: "\(error)", line: nil, column: nil))
        }
    }

    /// The verdict on a file read (or not).
    func verdict(_ path: String, _ read: Result<Agreement, ReadFailure>) -> DocumentVerdict {
        switch read {
        case .success(let agreement): return grader.grade(agreement, options: grade)
        case .failure(let f): return Pipeline.errorVerdict(path: path, message: f.message, line: f.line, column: f.column)
        }
    }

    struct ReadFailure: Error, Sendable {
        var message: String
        var line: Int?
        var column: Int?
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

/// The first files of a batch, read on a second thread while the first compiles
/// the rules; each is handed over once, to the thread that grades it.
final class EarlyReads: @unchecked Sendable {
    private let lock = NSLock()
    private let paths: [String]
    private var reads: [Int: Result<Agreement, Pipeline.ReadFailure>] = [:]
    private var stopped = false

    init(paths: [String]) { self.paths = paths }

    /// No more files are read once the rules are compiled.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        stopped = true
    }

    /// At most this many files are held: their models wait in memory for grading,
    /// and a large rule set compiles for long.
    static let limit = 64

    /// Reads files in batch order until `stop` (the one in hand is finished).
    func readUntilStopped(_ ingest: IngestOptions) {
        for (i, path) in paths.prefix(Self.limit).enumerated() {
            lock.lock()
            let done = stopped
            lock.unlock()
            if done { return }
            let read = Pipeline.read(path, ingest)
            lock.lock()
            reads[i] = read
            lock.unlock()
        }
    }

    /// File `i`'s read, if it was read early (and it is still `path`), once.
    func take(_ i: Int, path: String) -> Result<Agreement, Pipeline.ReadFailure>? {
        lock.lock()
        defer { lock.unlock() }
        guard i < paths.count, paths[i] == path else { return nil }
        return reads.removeValue(forKey: i)
    }
}
