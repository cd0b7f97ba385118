import Foundation

extension Array where Element == UInt8 {
    /// Where `needle`'s UTF-8 bytes first occur at or after `start` (a plain byte
    /// search: Foundation's `String.contains` and `range(of:)` showed in whole-corpus
    /// profiles, for sniffing formats and for reading dispute exclusions).
    public func firstIndex(of needle: String, from start: Int = 0) -> Int? {
        guard start <= count else { return nil }
        var needle = needle
        return needle.withUTF8 { n -> Int? in
            guard let nb = n.baseAddress, n.count > 0 else { return start }
            return withUnsafeBytes { raw -> Int? in
                guard let base = raw.baseAddress else { return nil }
                // memchr to each candidate first byte, memcmp for the rest (glibc's
                // memmem is not visible from Swift).
                var i = start
                while i + n.count <= count {
                    guard let hit = memchr(base + i, Int32(nb[0]), count - n.count + 1 - i) else { return nil }
                    let j = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + j, nb, n.count) == 0 { return j }
                    i = j + 1
                }
                return nil
            }
        }
    }

    public func contains(bytes needle: String) -> Bool { firstIndex(of: needle) != nil }
}
