import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How to start one grading process: the `dtcheck` executable, re-run with `serve --worker`.
public struct WorkerLaunch: Sendable {
    public var executable: URL
    public var arguments: [String]

    public init(executable: URL, arguments: [String]) {
        self.executable = executable
        self.arguments = arguments
    }
}

/// Why a job got no report.
enum WorkerFailure: Error, Equatable {
    /// The process died (a crash in grading) or its pipe broke.
    case crashed(String)
    /// It ran past the time limit and was killed.
    case timedOut
}

/// One grading process. Grading runs there, not in the server: a crash while grading
/// one upload ends only that process, and the server answers 500 and starts another.
/// Its pipes are read and written with blocking calls on its own queue, never on
/// the server's event loop.
final class GradingWorker: @unchecked Sendable {
    private let process: Process
    private let toWorker: Pipe
    private let fromWorker: Pipe
    private let queue = DispatchQueue(label: "dtcheck.serve.worker")
    private let maxBlob: Int

    /// Starts the process and waits (on the calling thread) until it has loaded its rules.
    init(_ launch: WorkerLaunch, maxBlob: Int) throws {
        process = Process()
        process.executableURL = launch.executable
        process.arguments = launch.arguments
        toWorker = Pipe()
        fromWorker = Pipe()
        process.standardInput = toWorker
        process.standardOutput = fromWorker
        self.maxBlob = maxBlob
        try process.run()
        // The greeting: the rules loaded, or why not.
        let greeting: (GradeAnswer, [[UInt8]])?
        do {
            greeting = try GradingFrames.read(GradeAnswer.self, from: fromWorker.fileHandleForReading.fileDescriptor, maxBlob: maxBlob)
        } catch {
            stop()
            throw WorkerFailure.crashed("the grading process did not start: \(error)")
        }
        guard let (hello, _) = greeting, hello.outcome == .ready else {
            stop()
            throw WorkerFailure.crashed(greeting?.0.message ?? "the grading process exited before it was ready")
        }
    }

    var pid: Int32 { process.processIdentifier }

    /// Sends one job and waits for its answer, off the event loop. The process is
    /// killed if it takes longer than `timeout`.
    func exchange(_ job: GradeJob, files: [[UInt8]], timeout: Duration) async -> Result<(GradeAnswer, [[UInt8]]), WorkerFailure> {
        await withCheckedContinuation { continuation in
            queue.async { [self] in
                let pid = process.processIdentifier
                let timedOut = TimeoutFlag()
                let killer = DispatchWorkItem {
                    timedOut.set()
                    kill(pid, SIGKILL)
                }
                let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
                DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: killer)
                defer { killer.cancel() }
                do {
                    try GradingFrames.write(job, blobs: files, to: toWorker.fileHandleForWriting.fileDescriptor)
                    guard let answer = try GradingFrames.read(GradeAnswer.self, from: fromWorker.fileHandleForReading.fileDescriptor,
                                                              maxBlob: maxBlob) else {
                        continuation.resume(returning: .failure(timedOut.isSet ? .timedOut : .crashed("the grading process ended")))
                        return
                    }
                    continuation.resume(returning: .success(answer))
                } catch {
                    continuation.resume(returning: .failure(timedOut.isSet ? .timedOut : .crashed("\(error)")))
                }
            }
        }
    }

    /// Ends the process (it may already be gone) and reaps it.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// Set once by the timer that killed a worker.
private final class TimeoutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// A fixed number of grading processes; a job waits for a free one. A process that
/// crashed or timed out is replaced by a new one.
actor GradingPool {
    private let launch: WorkerLaunch
    private let maxBlob: Int
    private var idle: [GradingWorker] = []
    private var waiting: [CheckedContinuation<GradingWorker, Never>] = []
    private var all: [GradingWorker] = []

    /// Starts `count` processes; throws (with the process's reason) if one cannot start,
    /// e.g. a broken rules folder.
    init(launch: WorkerLaunch, count: Int, maxBlob: Int) async throws {
        self.launch = launch
        self.maxBlob = maxBlob
        for _ in 0..<max(1, count) {
            let w = try await Self.start(launch, maxBlob: maxBlob)
            idle.append(w)
            all.append(w)
        }
    }

    /// Starts one process on a Dispatch thread: its start-up blocks until it greets.
    private static func start(_ launch: WorkerLaunch, maxBlob: Int) async throws -> GradingWorker {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try GradingWorker(launch, maxBlob: maxBlob) })
            }
        }
    }

    /// The grading processes' ids (for `scripts/bench`'s memory reading and tests).
    var pids: [Int32] { all.map(\.pid) }

    func run(_ job: GradeJob, files: [[UInt8]], timeout: Duration) async -> Result<(GradeAnswer, [[UInt8]]), WorkerFailure> {
        let worker = await acquire()
        let result = await worker.exchange(job, files: files, timeout: timeout)
        if case .failure = result {
            await replace(worker)
        } else {
            release(worker)
        }
        return result
    }

    private func acquire() async -> GradingWorker {
        if let w = idle.popLast() { return w }
        return await withCheckedContinuation { waiting.append($0) }
    }

    private func release(_ w: GradingWorker) {
        if waiting.isEmpty { idle.append(w) } else { waiting.removeFirst().resume(returning: w) }
    }

    /// Reaps a failed process and starts another in its place (three tries: the
    /// machine may be short of memory just then). Only if all fail is the slot lost,
    /// with a message; the other processes go on serving.
    private func replace(_ w: GradingWorker) async {
        all.removeAll { $0 === w }
        DispatchQueue.global().async { w.stop() }
        var lastError: (any Error)?
        for _ in 0..<3 {
            do {
                let fresh = try await Self.start(launch, maxBlob: maxBlob)
                all.append(fresh)
                release(fresh)
                return
            } catch {
                lastError = error
            }
        }
        // write(2), not FileHandle: a failed write to stderr must not trap the server.
        let line = Array("dtcheck serve: could not restart a grading process: \(lastError.map { "\($0)" } ?? "")\n".utf8)
        _ = line.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }

    /// Ends every process (at shutdown).
    func shutdown() {
        for w in all { w.stop() }
        all = []
        idle = []
    }
}
