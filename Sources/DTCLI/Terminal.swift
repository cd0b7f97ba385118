import ArgumentParser
import DTGrading
import Foundation

/// Where output goes. Reports to stdout or `--output`; everything else to stderr.
enum Terminal {
    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// A line on stderr. A failed write is ignored: there is nowhere left to say so.
    static func stderr(_ line: String) {
        _ = RawWrite.all(2, line + "\n")
    }

    static func error(_ message: String) { stderr("error: " + message) }

    /// Writes text to stdout (a write error ends the run, see `StandardOutput`).
    static func emit(_ text: String) {
        StandardOutput.write(text)
    }
}

extension Terminal {
    /// Writes a finished report, then names each unreadable input on stderr and
    /// exits 2 if there was any: every command ends the same way.
    static func deliver(_ text: String, to sink: OutputSink, documents: [DocumentVerdict]) throws {
        sink.write(text)
        do { try sink.finish() } catch let e as CLIError {
            error(e.description)
            throw ExitCode(2)
        }
        let errors = documents.filter { $0.status == .error }
        for doc in errors { error(doc.errorLine) }
        if !errors.isEmpty { throw ExitCode(2) }
    }
}

/// Errors the commands raise themselves; all exit 2.
enum CLIError: Error, CustomStringConvertible {
    case usage(String)

    var description: String {
        switch self {
        case .usage(let m): return m
        }
    }
}

/// Buffered output to stdout or to `--output` (an `OutputFile`: checked before any
/// work, written beside the target and renamed at the end).
final class OutputSink {
    private let file: OutputFile?
    private var buffer: [UInt8] = []

    /// `inputs`: the files the run reads, none of which may be the output.
    init(path: String?, inputs: [String]) throws {
        file = try path.map { try OutputFile($0, inputs: inputs) }
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { bytes in
            if let file { file.write(bytes) } else { StandardOutput.write(bytes) }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and renames the file into place (or says why it could not be written).
    func finish() throws {
        flush()
        try file?.commit()
    }

    /// Drops the report: the temporary file is removed, the target left as it was.
    func discard() {
        buffer.removeAll()
        file?.discard()
    }
}
