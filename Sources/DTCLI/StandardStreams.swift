import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes with write(2), so a failed write is an error to report rather than a
/// trap: `FileHandle.write(_: Data)` traps (a `try!` inside Foundation) on a full
/// disk, a closed stdout or a broken pipe with SIGPIPE ignored.
enum RawWrite {
    /// Writes every byte to `fd`; the errno of a failure, or nil.
    static func all(_ fd: Int32, _ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { all(fd, UnsafeRawBufferPointer($0)) }
    }

    static func all(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// Standard output for reports and listings. A write error ends the run at once:
/// `error: cannot write to standard output: <reason>`, exit 2; a reader that went
/// away (broken pipe) ends it quietly, with the status a SIGPIPE death would give.
enum StandardOutput {
    /// Set at start-up when fd 1 was closed (it is then held by /dev/null so no file
    /// the run opens can take its number); every write then fails as it should.
    nonisolated(unsafe) static var closedAtStart = false

    static func write(_ text: String) {
        if closedAtStart { fail(EBADF) }
        if let code = RawWrite.all(1, text) { fail(code) }
    }

    static func write(_ bytes: UnsafeRawBufferPointer) {
        if closedAtStart { fail(EBADF) }
        if let code = RawWrite.all(1, bytes) { fail(code) }
    }

    /// Exit status for a broken pipe: 128 + SIGPIPE, as if the signal had ended the run.
    static let brokenPipeStatus: Int32 = 128 + SIGPIPE

    static func fail(_ code: Int32) -> Never {
        if code == EPIPE { exit(brokenPipeStatus) }
        Terminal.error("cannot write to standard output: \(RawWrite.reason(code))")
        exit(2)
    }

    /// Keeps fds 0–2 taken, so a file opened later (say the --output temp file) never
    /// becomes "standard output" by accident, and notes a closed stdout.
    static func reserveStandardDescriptors() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != fd {
                dup2(null, fd)
                close(null)
            }
            if fd == 1 { closedAtStart = true }
        }
    }
}

/// In this module `print` goes through `StandardOutput`, so every listing and report
/// printed by a command reports a failed write instead of losing it silently.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    StandardOutput.write(items.map { "\($0)" }.joined(separator: separator) + terminator)
}
