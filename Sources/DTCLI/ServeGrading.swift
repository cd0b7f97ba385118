import DTGrading
import DTReports
import DTRules
import DTServe
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The grading side of `dtcheck serve`: a `serve --worker` process reads jobs from the
/// server on stdin and answers on stdout, through the CLI's own `Pipeline` and
/// `ReportRendering`, so the page reports exactly what `check`/`compare` print.
/// Uploads arrive as bytes and stay in memory; no path from the client is opened.
enum ServeGrading {
    /// Serves jobs until the server closes the pipe; returns the exit status.
    static func work(settings: Settings) -> Int32 {
        // Frames go to a private copy of stdout; anything else printed lands on stderr.
        let out = dup(1)
        guard out >= 0, dup2(2, 1) >= 0 else { return 2 }
        var settings = settings
        settings.jobs = 1
        let pipeline: Pipeline
        do {
            pipeline = try Pipeline.make(settings: settings)
        } catch {
            try? GradingFrames.write(GradeAnswer(outcome: .failed, message: "\(error)"), blobs: [], to: out)
            return 2
        }
        do {
            try GradingFrames.write(GradeAnswer(outcome: .ready), blobs: [], to: out)
            while let (job, files) = try GradingFrames.read(GradeJob.self, from: 0, maxBlob: settings.maxFileSize) {
                let (answer, blobs) = answer(job, files: files, pipeline: pipeline)
                try GradingFrames.write(answer, blobs: blobs, to: out)
            }
            return 0
        } catch {
            Terminal.error("serve worker: \(error)")
            return 2
        }
    }

    /// One job's reports (html, json, sarif, markdown), or why there are none.
    static func answer(_ job: GradeJob, files: [[UInt8]], pipeline: Pipeline) -> (GradeAnswer, [[UInt8]]) {
        do {
            return try grade(job, files: files, pipeline: pipeline)
        } catch {
            return (GradeAnswer(outcome: .failed, message: "\(error)"), [])
        }
    }

    struct JobError: Error, CustomStringConvertible {
        var description: String
    }

    static func grade(_ job: GradeJob, files: [[UInt8]], pipeline: Pipeline) throws -> (GradeAnswer, [[UInt8]]) {
        guard files.count == job.names.count, files.count == (job.kind == .check ? 1 : 2) else {
            throw JobError(description: "\(job.kind.rawValue) got \(files.count) files")
        }
        try FaultInjection.apply(files)
        let baselines: [BaselineID]
        switch job.baseline {
        case "usmca": baselines = [.usmca]
        case "ujdta": baselines = [.ujdta]
        default: baselines = BaselineID.allCases
        }
        var pillars = job.pillars.compactMap(PillarID.init(rawValue:))
        if pillars.isEmpty { pillars = PillarID.allCases }
        pillars = Array(Set(pillars)).sorted()
        var pipeline = pipeline
        pipeline.grade = GradeOptions(baselines: baselines, pillars: pillars)
        let documents = zip(job.names, files).map { name, bytes in
            pipeline.verdict(name, Pipeline.read(bytes: bytes, name: name, pipeline.ingest))
        }
        let tool = ToolInfo(version: DTCheckCommand.version)
        let rules = pipeline.grader.rules
        // SARIF fixes read the clause's line from the upload, as `check` reads it from disk.
        let lines = SourceLines.uploads(Dictionary(zip(job.names, files.map { Data($0) }), uniquingKeysWith: { _, last in last }))
        var reports: [String] = []
        switch job.kind {
        case .check:
            let report = Report(tool: tool, baselines: baselines, pillars: pillars, documents: documents)
            for format in GradeAnswer.formats {
                guard let f = ReportFormat(rawValue: format) else { throw JobError(description: "no format \(format)") }
                reports.append(try ReportRendering.check(f, report, rules: rules, gate: Gate(failUnder: nil, minScore: nil), color: false,
                                                         lines: lines))
            }
        case .compare:
            let comparison = Comparison(tool: tool, old: documents[0], new: documents[1], pillars: pillars)
            let newReport = Report(tool: tool, baselines: baselines, pillars: pillars, documents: [documents[1]])
            for format in GradeAnswer.formats {
                guard let f = ReportFormat(rawValue: format) else { throw JobError(description: "no format \(format)") }
                reports.append(try ReportRendering.compare(f, comparison, newReport: newReport, rules: rules, color: false, lines: lines))
            }
        }
        let failed = documents.filter { $0.status == .error }
        let answer = failed.isEmpty
            ? GradeAnswer(outcome: .graded)
            : GradeAnswer(outcome: .unreadable, message: failed.map(\.errorLine).joined(separator: "; "))
        return (answer, reports.map { Array($0.utf8) })
    }
}

/// Test hooks for the server's failure handling, active only when the grading process
/// runs with DTCHECK_SERVE_TEST_FAULTS=1 (the server tests set it): an upload starting
/// with one of these words crashes, throws, or sleeps (`DTCHECK-TEST-SLEEP N`) before grading.
enum FaultInjection {
    static let enabled = ProcessInfo.processInfo.environment["DTCHECK_SERVE_TEST_FAULTS"] == "1"

    static func apply(_ files: [[UInt8]]) throws {
        guard enabled else { return }
        for f in files {
            if f.starts(with: Array("DTCHECK-TEST-CRASH".utf8)) { fatalError("DTCHECK-TEST-CRASH: injected crash") }
            if f.starts(with: Array("DTCHECK-TEST-THROW".utf8)) { throw ServeGrading.JobError(description: "DTCHECK-TEST-THROW: injected error") }
            let sleep = Array("DTCHECK-TEST-SLEEP ".utf8)
            if f.starts(with: sleep) {
                // `DTCHECK-TEST-SLEEP 8`: seconds to sleep, then grade as usual.
                let digits = f.dropFirst(sleep.count).prefix { (48...57).contains($0) }
                Thread.sleep(forTimeInterval: Double(String(decoding: digits, as: UTF8.self)) ?? 2)
            }
        }
    }
}
