import Foundation
import ZIPFoundation

/// Reads named parts out of a ZIP package (DOCX, ODT) in memory, refusing any
/// part that inflates past a limit. The declared size is checked first and the
/// bytes are counted while inflating, since a hostile archive can lie about sizes.
struct ZipParts {
    private let archive: Archive
    let path: String
    let limit: Int

    init(bytes: [UInt8], path: String, limit: Int, kind: String) throws {
        guard bytes.starts(with: [0x50, 0x4B]) else {
            throw IngestError(path: path, message: "not a \(kind) file: it is not a ZIP package")
        }
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw IngestError(path: path, message: "not a \(kind) file: the ZIP package cannot be read (\(error))")
        }
        self.path = path
        self.limit = limit
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
