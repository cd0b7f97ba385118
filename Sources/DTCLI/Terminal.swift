import ArgumentParser
import DTGrading
import DTReports
import Foundation

/// Where output goes. Reports to stdout or `--output`; everything else to stderr.
enum Terminal {
    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    static func stderr(_ line: String) {
        // Issue #15 (hostile content): file names and messages quoting documents may hold
        // ESC/CSI/OSC sequences or line breaks; `Escape.terminal` shows them as `\u{1B}`.
        FileHandle.standardError.write(Data((Escape.terminal(line) + "\n").utf8))
    }

    static func error(_ message: String) { stderr("error: " + message) }

    /// Writes the report to the file (replacing it atomically) or to stdout.
    static func emit(_ text: String, to output: String?) throws {
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CLIError.usage("cannot write --output \(output): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

extension Terminal {
    /// Writes a finished report, then names each unreadable input on stderr and
    /// exits 2 if there was any: every command ends the same way.
    static func deliver(_ text: String, to output: String?, documents: [DocumentVerdict]) throws {
        do { try emit(text, to: output) } catch let e as CLIError {
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

/// Buffered output to stdout or to `--output`; a file is written to a temporary
/// name beside it and renamed at the end, so a reader never sees half a report.
final class OutputSink {
    private let handle: FileHandle
    private let target: String?
    private let temporary: String?
    private var buffer: [UInt8] = []

    init(path: String?) throws {
        target = path
        if let path {
            let tmp = path + ".dtcheck-partial"
            guard FileManager.default.createFile(atPath: tmp, contents: nil),
                  let h = FileHandle(forWritingAtPath: tmp) else {
                throw CLIError.usage("cannot write --output \(path)")
            }
            handle = h
            temporary = tmp
        } else {
            handle = FileHandle.standardOutput
            temporary = nil
        }
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        flush()
        guard let tmp = temporary, let target else { return }
        try? handle.close()
        do {
            if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
            try FileManager.default.moveItem(atPath: tmp, toPath: target)
        } catch {
            throw CLIError.usage("cannot write --output \(target): \(error.localizedDescription)")
        }
    }
}
