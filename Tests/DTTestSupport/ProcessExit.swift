import Foundation

extension Process {
    /// Starts the process and waits for it to end, woken by its exit. Foundation's
    /// `waitUntilExit()` on Linux spins the run loop in 50 ms steps until the process
    /// has ended: each of the suite's few hundred runs of the binary waited 25 ms too
    /// long on average, and the run-loop timers kept Dispatch's event thread busy.
    /// The termination handler is set here; do not set another.
    public func runUntilExit() throws {
        let exited = DispatchSemaphore(value: 0)
        terminationHandler = { _ in exited.signal() }
        try run()
        exited.wait()
    }
}
