import Foundation
#if canImport(Glibc)
import Glibc
#endif
import DTXML
import ZIPFoundation

/// Reads named parts out of a ZIP package (DOCX, ODT) in memory, refusing any
/// part that inflates past a limit. The declared size is checked first and the
/// bytes are counted while inflating, since a hostile archive can lie about sizes.
struct ZipParts {
    private let archive: Archive
    /// The package's bytes and central directory, read once, for the deflate check (`RawInflate`).
    private let bytes: [UInt8]
    private let entries: [DirectoryEntry]
    let path: String
    let limit: Int

    init(bytes: [UInt8], path: String, limit: Int, kind: String) throws {
        guard bytes.starts(with: [0x50, 0x4B]) else {
            throw IngestError(path: path, message: "not a \(kind) file: it is not a ZIP package")
        }
        // Read from a file, not from memory: ZIPFoundation's in-memory file lets a
        // hostile central directory seek past the end, and its next read traps (the
        // fuzzer found one). A real file read there just comes back short.
        let staged = try Self.stage(bytes, path: path)
        // The archive holds the file open, so its name can go at once.
        defer { unlink(staged) }
        do {
            archive = try Archive(url: URL(fileURLWithPath: staged), accessMode: .read)
        } catch {
            throw IngestError(path: path, message: "not a \(kind) file: the ZIP package cannot be read (\(error))")
        }
        self.bytes = bytes
        self.entries = Self.directory(bytes)
        self.path = path
        self.limit = limit
        if let bad = Self.entryPastTheEnd(bytes) {
            throw IngestError(path: path, message: "not a \(kind) file: ZIP entry \(bad) claims bytes past the end of the package (a damaged or hostile file)")
        }
    }

    /// One record of the central directory: the entry's name, its compression method,
    /// its compressed size and where its local header is (as the record states them).
    struct DirectoryEntry {
        /// The name as far as the package holds it (cut short at its end).
        let name: ArraySlice<UInt8>
        let nameComplete: Bool
        let method: Int
        let compressed: Int
        let local: Int
    }

    /// The central directory's records in order, up to the first that is not one
    /// (both readers below stop there); empty without an end-of-directory record
    /// (ZIPFoundation refuses such a file itself).
    static func directory(_ bytes: [UInt8]) -> [DirectoryEntry] {
        // The end-of-central-directory record: its signature within the last 64 KB + 22 bytes.
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while end >= lowest, u32(bytes, end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { return [] }
        var entries: [DirectoryEntry] = []
        var at = u32(bytes, end + 16)
        for _ in 0..<u16(bytes, end + 10) {
            guard at + 46 <= bytes.count, u32(bytes, at) == 0x0201_4B50 else { break }
            let nameLength = u16(bytes, at + 28), extraLength = u16(bytes, at + 30), commentLength = u16(bytes, at + 32)
            entries.append(DirectoryEntry(name: bytes[(at + 46)..<min(bytes.count, at + 46 + nameLength)],
                                          nameComplete: at + 46 + nameLength <= bytes.count, method: u16(bytes, at + 10),
                                          compressed: u32(bytes, at + 20), local: u32(bytes, at + 42)))
            at += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// Where an entry's data starts (its local header: 30 bytes, then its own name and
    /// extra field), nil for ZIP64 sizes (0xFFFFFFFF, left to ZIPFoundation) and for a
    /// local header past the end (`dataFits` says which).
    private static func dataStart(of e: DirectoryEntry, in bytes: [UInt8]) -> Int? {
        guard e.compressed != 0xFFFF_FFFF, e.local != 0xFFFF_FFFF, e.local + 30 <= bytes.count else { return nil }
        return e.local + 30 + u16(bytes, e.local + 26) + u16(bytes, e.local + 28)
    }

    /// The name of a central-directory entry whose data would run past the end of the
    /// package, nil when every entry fits. ZIPFoundation keeps asking for such missing
    /// bytes at the end of the file and never ends (the fuzzer found it, a 1.5 KB file),
    /// so the directory is read here first. ZIP64 sizes (0xFFFFFFFF) are left to it.
    static func entryPastTheEnd(_ bytes: [UInt8]) -> String? {
        for e in directory(bytes) where e.compressed != 0xFFFF_FFFF && e.local != 0xFFFF_FFFF {
            let fits = dataStart(of: e, in: bytes).map { $0 + e.compressed <= bytes.count } ?? false
            if !fits { return String(decoding: e.name, as: UTF8.self) }
        }
        return nil
    }

    /// Where the compressed bytes of the first central-directory entry named `name`
    /// lie, when it is deflated (method 8) and its sizes are not ZIP64's; nil otherwise
    /// (left to ZIPFoundation as before). `entryPastTheEnd` has checked that they fit.
    static func deflatedData(of name: String, in bytes: [UInt8]) -> Range<Int>? {
        deflatedData(of: name, in: bytes, directory: directory(bytes))
    }

    private static func deflatedData(of name: String, in bytes: [UInt8], directory: [DirectoryEntry]) -> Range<Int>? {
        let wanted = Array(name.utf8)
        guard let e = directory.first(where: { $0.nameComplete && $0.name.elementsEqual(wanted) }), e.method == 8,
              let start = dataStart(of: e, in: bytes), start + e.compressed <= bytes.count else { return nil }
        return start..<(start + e.compressed)
    }

    private static func u16(_ bytes: [UInt8], _ i: Int) -> Int { i + 2 <= bytes.count ? Int(bytes[i]) | Int(bytes[i + 1]) << 8 : 0 }
    private static func u32(_ bytes: [UInt8], _ i: Int) -> Int { i + 4 <= bytes.count ? u16(bytes, i) | u16(bytes, i + 2) << 16 : 0 }

    /// Writes `bytes` to a new private file in the temporary folder; its path.
    private static func stage(_ bytes: [UInt8], path: String) throws -> String {
        var template = Array((NSTemporaryDirectory() + "/dtcheck-XXXXXX.zip").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buf in buf.baseAddress.map { mkstemps($0, 4) } ?? -1 }
        guard fd >= 0 else {
            throw IngestError(path: path, message: "cannot stage the ZIP package in the temporary folder: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let staged = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let reason = String(cString: strerror(errno))
                unlink(staged)
                throw IngestError(path: path, message: "cannot stage the ZIP package in the temporary folder: \(reason)")
            }
            written += n
        }
        return staged
    }

    /// Whether the package has an entry with this name.
    func has(_ name: String) -> Bool { archive[name] != nil }

    /// The bytes of entry `name`, or nil when there is no such entry.
    func read(_ name: String) throws -> [UInt8]? {
        guard let entry = archive[name] else { return nil }
        guard entry.type == .file else { return nil }
        if entry.uncompressedSize > UInt64(limit) {
            throw IngestError(path: path, message: "ZIP entry \(name) declares \(entry.uncompressedSize) bytes uncompressed, over the limit of \(limit) bytes (a ZIP bomb?)")
        }
        if let data = Self.deflatedData(of: name, in: bytes, directory: entries) {
            do {
                try bytes.withUnsafeBufferPointer { try RawInflate.check(UnsafeBufferPointer(rebasing: $0[data]), limit: self.limit) }
            } catch RawInflate.Failure.overLimit {
                throw IngestError(path: path, message: "ZIP entry \(name) inflates past the limit of \(self.limit) bytes (a ZIP bomb?)")
            } catch RawInflate.Failure.truncated {
                throw IngestError(path: path, message: "ZIP entry \(name) cannot be read: its compressed data ends before its deflate stream does (a damaged or hostile file)")
            } catch {
                throw IngestError(path: path, message: "ZIP entry \(name) cannot be read: its deflate stream is damaged")
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(limit))))
        let limit = self.limit
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if out.count + chunk.count > limit { throw ZipLimitExceeded() }
                out.append(contentsOf: chunk)
            }
        } catch is ZipLimitExceeded {
            throw IngestError(path: path, message: "ZIP entry \(name) inflates past the limit of \(limit) bytes (a ZIP bomb?)")
        } catch {
            throw IngestError(path: path, message: "ZIP entry \(name) cannot be read: \(error)")
        }
        return out
    }

    private struct ZipLimitExceeded: Error {}
}
