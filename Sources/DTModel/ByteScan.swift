import CByteScan

/// Sixteen-byte scans over UTF-8 text for the loops that read whole documents (SSE2,
/// from `CByteScan`): the loops that went a byte or a word at a time stopped, with a
/// mispredicted branch, at every accented letter of a Spanish or French text.
public enum ByteScan {
    /// The offset of the first byte from `i` on that is not ASCII, or `count`.
    @inlinable @inline(__always)
    public static func nextNonASCII(_ base: UnsafePointer<UInt8>, from i: Int, count n: Int) -> Int {
        var i = i
        while i + 16 <= n {
            let high = dt_high_bytes16(base + i)
            if high != 0 { return i + high.trailingZeroBitCount }
            i += 16
        }
        while i < n && base[i] < 0x80 { i += 1 }
        return i
    }
}
