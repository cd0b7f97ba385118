import Foundation

/// "12/450 files, 35.2/s" on stderr, redrawn in place. Only when stderr is a
/// terminal, so logs and pipes never see it.
final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private let start = Date()
    private var lastDraw = Date.distantPast

    init(total: Int) { self.total = total }

    static func make(total: Int, quiet: Bool) -> Progress? {
        quiet || !Terminal.isTTY(2) || total < 2 ? nil : Progress(total: total)
    }

    func tick() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        let now = Date()
        // Redrawing every file would cost more than grading small files.
        guard done == total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let rate = Double(done) / max(now.timeIntervalSince(start), 0.001)
        let line = "\r\(done)/\(total) files, \(String(format: "%.1f", rate))/s"
        _ = RawWrite.all(2, line)
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        _ = RawWrite.all(2, "\r\u{1B}[K")
    }
}
