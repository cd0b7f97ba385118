import Foundation

/// Where output goes. Reports to stdout or `--output`; everything else to stderr.
enum Terminal {
    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    static func stderr(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
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

/// Errors the commands raise themselves; all exit 2.
enum CLIError: Error, CustomStringConvertible {
    case usage(String)

    var description: String {
        switch self {
        case .usage(let m): return m
        }
    }
}
