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
    /// The package's bytes, for the deflate check (`RawInflate`).
    private let bytes: [UInt8]
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
        self.path = path
        self.limit = limit
        if let bad = Self.entryPastTheEnd(bytes) {
            throw IngestError(path: path, message: "not a \(kind) file: ZIP entry \(bad) claims bytes past the end of the package (a damaged or hostile file)")
        }
    }

    /// The name of a central-directory entry whose data would run past the end of the
    /// package, nil when every entry fits. ZIPFoundation keeps asking for such missing
    /// bytes at the end of the file and never ends (the fuzzer found it, a 1.5 KB file),
    /// so the directory is read here first. ZIP64 sizes (0xFFFFFFFF) are left to it.
    static func entryPastTheEnd(_ bytes: [UInt8]) -> String? {
        func u16(_ i: Int) -> Int { i + 2 <= bytes.count ? Int(bytes[i]) | Int(bytes[i + 1]) << 8 : 0 }
        func u32(_ i: Int) -> Int { i + 4 <= bytes.count ? u16(i) | u16(i + 2) << 16 : 0 }
        // The end-of-central-directory record: its signature within the last 64 KB + 22 bytes.
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while end >= lowest, u32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { return nil }  // ZIPFoundation refuses it itself
        var at = u32(end + 16)
        for _ in 0..<u16(end + 10) {
            guard at + 46 <= bytes.count, u32(at) == 0x0201_4B50 else { return nil }
            let compressed = u32(at + 20), local = u32(at + 42)
            let nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32)
            let name = String(decoding: bytes[(at + 46)..<min(bytes.count, at + 46 + nameLength)], as: UTF8.self)
            if compressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF {
                // The local header: 30 bytes, then its own name and extra field, then the data.
                guard local + 30 <= bytes.count else { return name }
                let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
                if dataStart + compressed > bytes.count { return name }
            }
            at += 46 + nameLength + extraLength + commentLength
        }
        return nil
    }

    /// Where the compressed bytes of the first central-directory entry named `name`
    /// lie, when it is deflated (method 8) and its sizes are not ZIP64's; nil otherwise
    /// (left to ZIPFoundation as before). `entryPastTheEnd` has checked that they fit.
    static func deflatedData(of name: String, in bytes: [UInt8]) -> Range<Int>? {
        func u16(_ i: Int) -> Int { i + 2 <= bytes.count ? Int(bytes[i]) | Int(bytes[i + 1]) << 8 : 0 }
        func u32(_ i: Int) -> Int { i + 4 <= bytes.count ? u16(i) | u16(i + 2) << 16 : 0 }
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while end >= lowest, u32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { return nil }
        let wanted = Array(name.utf8)
        var at = u32(end + 16)
        for _ in 0..<u16(end + 10) {
            guard at + 46 <= bytes.count, u32(at) == 0x0201_4B50 else { return nil }
            let nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32)
            if at + 46 + nameLength <= bytes.count, bytes[(at + 46)..<(at + 46 + nameLength)].elementsEqual(wanted) {
                let method = u16(at + 10), compressed = u32(at + 20), local = u32(at + 42)
                guard method == 8, compressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF, local + 30 <= bytes.count else { return nil }
                let start = local + 30 + u16(local + 26) + u16(local + 28)
                guard start + compressed <= bytes.count else { return nil }
                return start..<(start + compressed)
            }
            at += 46 + nameLength + extraLength + commentLength
        }
        return nil
    }

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
        if let data = Self.deflatedData(of: name, in: bytes) {
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
