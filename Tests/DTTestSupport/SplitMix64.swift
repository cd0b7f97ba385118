/// A small deterministic generator (SplitMix64), so "random" inputs in tests are
/// the same on every run. Shared by every test target.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` bytes from `seed`.
    public static func bytes(count: Int, seed: UInt64) -> [UInt8] {
        var g = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: g.next()) }
    }
}

extension SplitMix64 {
    /// An element of `list`, each as likely.
    public mutating func pick<List: RandomAccessCollection>(_ list: List) -> List.Element {
        list[list.index(list.startIndex, offsetBy: Int(next() % UInt64(list.count)))]
    }

    /// A text of fewer than `limit` scalars, each picked from `alphabet`.
    public mutating func text(of alphabet: [Unicode.Scalar], shorterThan limit: UInt64) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int(next() % limit) { scalars.append(pick(alphabet)) }
        return String(scalars)
    }

    /// Fewer than `limit` words, each picked from `words` and followed by one picked
    /// from `separators`.
    public mutating func text(words: [String], separators: [String], fewerThan limit: UInt64) -> String {
        var text = ""
        for _ in 0..<Int(next() % limit) {
            text += pick(words)
            text += pick(separators)
        }
        return text
    }
}
