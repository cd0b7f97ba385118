import Foundation

/// Maps over items on all cores, keeping results in input order so output is
/// identical whatever the number of threads.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                                             _ transform: @Sendable (T) -> R) -> [R] {
        let n = items.count
        guard n > 0 else { return [] }
        let results = ResultSlots<R>(count: n)
        let workers = max(1, min(jobs, n))
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.increment()
                if i >= n { break }
                results.set(i, transform(items[i]))
            }
        }
        return results.values()
    }
}

/// Fixed slots written once each from worker threads, under a lock.
final class ResultSlots<R: Sendable>: @unchecked Sendable {
    private var slots: [R?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: R) {
        lock.lock(); slots[i] = value; lock.unlock()
    }

    func values() -> [R] {
        lock.lock(); defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

/// Hands out work indexes to threads.
final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock(); defer { lock.unlock() }
        let v = value
        value += 1
        return v
    }
}
