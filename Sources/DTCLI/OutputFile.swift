import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--output FILE`, the only file dtcheck ever writes. Checked before any work:
/// only a regular file (or a new name in an existing folder) that is not one of the
/// inputs is accepted. The report goes to a temporary file beside the target and
/// is renamed over it on success; on an error or a signal the temporary file is
/// removed, so nothing that was there is lost and no partial file survives.
final class OutputFile {
    let target: String
    /// How messages name the target: `--output report.html`, or a file a command owns.
    private let name: String
    private let temporary: String
    private var fd: Int32
    /// errno of the first failed write; later writes are skipped.
    private var failure: Int32?
    /// The replaced file's permissions, kept for the new one.
    private let mode: mode_t?
    private var done = false

    /// Refuses an unsafe target with the reason (exit 2 by the caller), before any work.
    /// `inputs` are the files the run reads: a target that is one of them is refused.
    init(_ path: String, inputs: [String], option: String = "--output") throws {
        target = path
        name = option.isEmpty ? path : option + " " + path
        let name = self.name
        let fail = { (why: String) in CLIError.usage("cannot write \(name): \(why)") }
        guard !path.isEmpty else { throw fail("empty file name") }
        var st = stat()
        if lstat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw fail("it is a folder; name a file, e.g. \(path.hasSuffix("/") ? path : path + "/")report.txt")
            case S_IFLNK: throw fail("it is a symbolic link; name the file itself")
            default: throw fail("it is not a regular file (a device, FIFO or socket)")
            }
            if let input = OutputFile.sameFile(st, among: inputs) {
                throw fail(input == path ? "it is one of the inputs" : "it is one of the inputs (\(input))")
            }
            mode = st.st_mode & 0o7777
        } else if errno == ENOENT || errno == ENOTDIR {
            let parent = (path as NSString).deletingLastPathComponent
            var pst = stat()
            let folder = parent.isEmpty ? "." : parent
            guard stat(folder, &pst) == 0 else { throw fail("its folder \(folder) does not exist") }
            guard (pst.st_mode & S_IFMT) == S_IFDIR else { throw fail("\(folder) is not a folder") }
            mode = nil
        } else {
            throw fail(RawWrite.reason(errno))
        }
        // Beside the target, so the final rename stays on one file system.
        let dir = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        var template = Array(((dir.isEmpty ? "" : dir + "/") + "." + base + ".dtcheck-XXXXXX").utf8CString)
        OutputFile.installSignalCleanup()
        let fd = template.withUnsafeMutableBufferPointer { buf -> Int32 in
            guard let base = buf.baseAddress else { return -1 }
            PendingTemporary.block()
            defer { PendingTemporary.unblock() }
            let fd = mkstemp(base)
            if fd >= 0 { PendingTemporary.set(base) }
            return fd
        }
        guard fd >= 0 else { throw fail(RawWrite.reason(errno)) }
        self.fd = fd
        temporary = String(cString: template.map { $0 })
    }

    /// The input that is the same file as `st` (device and inode), if any.
    private static func sameFile(_ st: stat, among inputs: [String]) -> String? {
        for input in inputs {
            var ist = stat()
            if stat(input, &ist) == 0 && ist.st_dev == st.st_dev && ist.st_ino == st.st_ino { return input }
        }
        return nil
    }

    func write(_ text: String) {
        guard failure == nil, !done else { return }
        failure = RawWrite.all(fd, text)
    }

    func write(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, !done else { return }
        failure = RawWrite.all(fd, bytes)
    }

    /// Flushes to disk and renames over the target; on any failure the temporary
    /// file is removed and the error names the target and the reason.
    func commit() throws {
        guard !done else { return }
        if failure == nil && fsync(fd) != 0 && errno != EINVAL { failure = errno }
        if close(fd) != 0 && failure == nil { failure = errno }
        fd = -1
        if let failure {
            discard()
            throw CLIError.usage("cannot write \(name): \(RawWrite.reason(failure))")
        }
        fchmodOrDefault()
        // Checked again just before the rename: only a regular file is ever replaced.
        var st = stat()
        if lstat(target, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG {
            discard()
            throw CLIError.usage("cannot write \(name): it is no longer a regular file")
        }
        guard rename(temporary, target) == 0 else {
            let code = errno
            discard()
            throw CLIError.usage("cannot write \(name): \(RawWrite.reason(code))")
        }
        done = true
        PendingTemporary.clear()
    }

    /// Removes the temporary file (an error, or the run stopped early). Idempotent.
    func discard() {
        guard !done else { return }
        done = true
        if fd >= 0 { close(fd) }
        fd = -1
        unlink(temporary)
        PendingTemporary.clear()
    }

    deinit { discard() }

    /// mkstemp makes the file 0600; the report gets the replaced file's permissions,
    /// or what a new file would get under the umask.
    private func fchmodOrDefault() {
        let m: mode_t
        if let mode { m = mode } else {
            let mask = umask(0)
            umask(mask)
            m = 0o666 & ~mask
        }
        chmod(temporary, m)
    }

    /// On SIGINT, SIGTERM, SIGHUP or SIGQUIT the temporary file is removed and the
    /// signal is raised again, so the run still ends as the signal says. A signal the
    /// run was started with ignored (as `cmd &` in a script does) stays ignored. The
    /// signals are unblocked too: a parent that spawned dtcheck from a thread blocking
    /// them (as libdispatch workers do) would otherwise leave it deaf to Ctrl-C.
    /// SIGXFSZ is ignored so a file-size limit is a write error (EFBIG), not a kill.
    private static func installSignalCleanup() {
        guard !PendingTemporary.installed else { return }
        PendingTemporary.installed = true
        for sig in PendingTemporary.signals {
            let previous = signal(sig) { sig in
                PendingTemporary.removeNow()
                signal(sig, SIG_DFL)
                raise(sig)
            }
            if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                signal(sig, SIG_IGN)
            }
        }
        var set = PendingTemporary.signalSet()
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        signal(SIGXFSZ, SIG_IGN)
    }
}

/// The one temporary file a signal handler must remove, as a C string (a handler
/// may only make async-signal-safe calls such as unlink).
enum PendingTemporary {
    nonisolated(unsafe) static var path: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) static var installed = false
    nonisolated(unsafe) private static var saved = sigset_t()

    static func set(_ p: UnsafePointer<CChar>) { path = strdup(p) }

    static func clear() {
        block()
        defer { unblock() }
        free(path)
        path = nil
    }

    static func removeNow() {
        if let path { unlink(path) }
    }

    /// The termination signals are held while the path changes, so a handler never
    /// sees it half set, and a signal between mkstemp and `set` cannot leak the file.
    static func block() {
        var set = signalSet()
        pthread_sigmask(SIG_BLOCK, &set, &saved)
    }

    static let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func signalSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for sig in signals { sigaddset(&set, sig) }
        return set
    }

    static func unblock() {
        pthread_sigmask(SIG_SETMASK, &saved, nil)
    }
}
