#if canImport(Glibc)
import Glibc
#endif

extension String {
    /// Whether the UTF-8 form holds `byte` (an ASCII byte: a line break, a form feed),
    /// found with memchr: `utf8.contains` steps through a big text byte by byte, and
    /// ran on every line of a 50 MB text twice.
    func containsASCII(_ byte: UInt8) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ buf -> Bool in
            guard let base = buf.baseAddress, buf.count > 0 else { return false }
            return memchr(base, Int32(byte), buf.count) != nil
        }) { return found }
        return utf8.contains(byte)
    }
}
