import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One grading job, as the server sends it to a grading process.
public struct GradeJob: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case check, compare }
    public var kind: Kind
    /// usmca, ujdta or both.
    public var baseline: String
    /// Pillar ids; empty means every pillar.
    public var pillars: [String]
    /// The uploads' display names (never opened), one per file, in order.
    public var names: [String]

    public init(kind: Kind, baseline: String, pillars: [String], names: [String]) {
        self.kind = kind
        self.baseline = baseline
        self.pillars = pillars
        self.names = names
    }
}

/// A grading process's answer. Its blobs are the reports, in `GradeAnswer.formats` order.
public struct GradeAnswer: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        /// Sent once when the process has loaded its rules and waits for jobs.
        case ready
        /// Every file was read and graded.
        case graded
        /// A file could not be read; the reports say why, as the CLI would.
        case unreadable
        /// Grading itself failed (a thrown error); `message` says what.
        case failed
    }
    public var outcome: Outcome
    public var message: String?

    public init(outcome: Outcome, message: String? = nil) {
        self.outcome = outcome
        self.message = message
    }

    /// The reports a graded job carries, in this order.
    public static let formats = ["html", "json", "sarif", "markdown"]
}

/// The framing on the pipes between the server and its grading processes:
/// a JSON header, then binary blobs, each prefixed by its length (8 bytes, big-endian).
/// Uploads cross in memory only; nothing is written to disk.
public enum GradingFrames {
    public struct Broken: Error, CustomStringConvertible {
        public var description: String
    }

    /// Largest header accepted (the JSON above is a few hundred bytes).
    static let maxHeader = 1 << 20

    public static func write(_ header: some Encodable, blobs: [[UInt8]], to fd: Int32) throws {
        let json = Array(try JSONEncoder().encode(header))
        var out: [UInt8] = []
        out.reserveCapacity(16 + json.count + blobs.reduce(0) { $0 + 8 + $1.count })
        append(UInt64(json.count), to: &out)
        out += json
        append(UInt64(blobs.count), to: &out)
        for b in blobs {
            append(UInt64(b.count), to: &out)
            out += b
        }
        try writeAll(out, to: fd)
    }

    /// The next frame, or nil at a clean end of input (the other side closed the pipe).
    /// `maxBlob` bounds what is allocated for one blob.
    public static func read<Header: Decodable>(_ type: Header.Type, from fd: Int32, maxBlob: Int) throws -> (Header, [[UInt8]])? {
        guard let headerLength = try readLength(fd, allowEOF: true) else { return nil }
        guard headerLength <= maxHeader else { throw Broken(description: "frame header of \(headerLength) bytes") }
        let header = try JSONDecoder().decode(Header.self, from: Data(try readExactly(headerLength, from: fd)))
        guard let count = try readLength(fd, allowEOF: false), count <= 16 else { throw Broken(description: "too many blobs in a frame") }
        var blobs: [[UInt8]] = []
        for _ in 0..<count {
            guard let n = try readLength(fd, allowEOF: false), n <= maxBlob else { throw Broken(description: "blob over the limit") }
            blobs.append(try readExactly(n, from: fd))
        }
        return (header, blobs)
    }

    private static func append(_ v: UInt64, to out: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: v >> UInt64(shift))) }
    }

    private static func readLength(_ fd: Int32, allowEOF: Bool) throws -> Int? {
        let bytes = try readExactly(8, from: fd, allowEOF: allowEOF)
        guard let bytes else { return nil }
        let v = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard v <= UInt64(Int.max) else { throw Broken(description: "length out of range") }
        return Int(v)
    }

    private static func readExactly(_ n: Int, from fd: Int32) throws -> [UInt8] {
        guard let bytes = try readExactly(n, from: fd, allowEOF: false) else { throw Broken(description: "end of input inside a frame") }
        return bytes
    }

    /// nil only when `allowEOF` and the input ended before the first byte.
    private static func readExactly(_ n: Int, from fd: Int32, allowEOF: Bool) throws -> [UInt8]? {
        var failure: Int32 = 0
        var ended = false
        let bytes = [UInt8](unsafeUninitializedCapacity: n) { buffer, initialized in
            while initialized < n, let base = buffer.baseAddress {
                let got = Glibc.read(fd, base + initialized, n - initialized)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if got == 0 { ended = true; return }
                initialized += got
            }
        }
        if failure != 0 { throw Broken(description: "read failed: \(String(cString: strerror(failure)))") }
        if ended {
            if allowEOF && bytes.isEmpty { return nil }
            throw Broken(description: "end of input inside a frame")
        }
        return bytes
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) throws {
        var sent = 0
        try bytes.withUnsafeBytes { raw in
            while sent < raw.count, let base = raw.baseAddress {
                let n = Glibc.write(fd, base + sent, raw.count - sent)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Broken(description: "write failed: \(String(cString: strerror(errno)))")
                }
                sent += n
            }
        }
    }
}
