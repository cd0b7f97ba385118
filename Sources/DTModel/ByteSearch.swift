import Foundation

/// A plain byte search: Foundation's `String.contains` and `range(of:)` showed in
/// whole-corpus profiles, for sniffing formats, reading dispute exclusions, and
/// finding marks and dot leaders in the texts of big files.
extension UnsafeBufferPointer where Element == UInt8 {
    /// Where `needle` first occurs at or after `start`: memchr to each candidate
    /// first byte, memcmp for the rest (glibc's memmem is not visible from Swift).
    func firstIndex(ofBytes needle: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let nb = needle.baseAddress, needle.count > 0 else { return start <= count ? start : nil }
        guard let base = baseAddress else { return nil }
        var i = start
        while i + needle.count <= count {
            guard let hit = memchr(base + i, Int32(nb[0]), count - needle.count + 1 - i) else { return nil }
            let j = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if memcmp(base + j, nb, needle.count) == 0 { return j }
            i = j + 1
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    /// Where `needle`'s UTF-8 bytes first occur at or after `start`.
    public func firstIndex(of needle: String, from start: Int = 0) -> Int? {
        guard start <= count else { return nil }
        var needle = needle
        return needle.withUTF8 { n in withUnsafeBufferPointer { $0.firstIndex(ofBytes: n, from: start) } }
    }

    public func contains(bytes needle: String) -> Bool { firstIndex(of: needle) != nil }
}

extension String {
    /// Whether `needle`'s UTF-8 bytes occur in this string's.
    public func containsBytes(_ needle: String) -> Bool {
        var text = self
        var needle = needle
        return text.withUTF8 { t in needle.withUTF8 { t.firstIndex(ofBytes: $0, from: 0) != nil } }
    }
}

/// Whether the eight bytes of `w` are ASCII and none is a CR: then each is a
/// Character of its own, but for the byte after the last (a mark may join it).
/// (The zero-byte test on `w ^ 0x0D…` may flag a byte above a CR, never miss one.)
@inline(__always)
public func isASCIIWithoutCR(_ w: UInt64) -> Bool {
    let x = w ^ 0x0D0D_0D0D_0D0D_0D0D
    let hasCR = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    return w & 0x8080_8080_8080_8080 == 0 && hasCR == 0
}
