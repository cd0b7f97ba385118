import Foundation
import Testing

extension Trait where Self == ConditionTrait {
    /// For a test that reads `../shared`: shown as skipped when it is absent,
    /// unless `DTCHECK_REQUIRE_SHARED=1` (as `.ci/run` sets), when the test runs
    /// and fails on the first `SharedCorpus` look-up.
    public static var needsSharedCorpus: Self {
        .enabled(if: SharedCorpus.isPresent || SharedCorpus.required, "needs ../shared beside the checkout (absent at \(SharedCorpus.root.path))")
    }
}

/// How much of the corpus a whole-corpus sweep reads: every k-th file in a plain
/// `swift test`, every file under `DTCHECK_SLOW_TESTS=1` (as `.ci/run` sets).
public enum SweepSample {
    public static var isFull: Bool { ProcessInfo.processInfo.environment["DTCHECK_SLOW_TESTS"] == "1" }

    /// Every `k`-th item from `offset` (all of them when `isFull`).
    public static func every<T>(_ k: Int, of items: [T], offset: Int = 0) -> [T] {
        guard !isFull, k > 1 else { return items }
        return items.enumerated().filter { $0.offset % k == offset % k }.map(\.element)
    }
}
