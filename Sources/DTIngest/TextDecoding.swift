import Foundation

/// Turns bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, or a
/// named legacy encoding; anything else is a clear error with its position.
enum TextDecoding {
    /// The first `count` characters as ASCII (other bytes become `?`), for sniffing.
    static func asciiPrefix(_ bytes: [UInt8], count: Int) -> String {
        String(decoding: asciiPrefixBytes(bytes, count: count), as: UTF8.self)
    }

    /// `asciiPrefix` as bytes, ASCII letters lower-cased when `lowercased`.
    static func asciiPrefixBytes(_ bytes: [UInt8], count: Int, lowercased: Bool = false) -> [UInt8] {
        var i = 0
        // Skip a UTF-8 BOM; for UTF-16 keep every other byte so sniffing still sees tags.
        var step = 1
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        else if bytes.starts(with: [0xFF, 0xFE]) { i = 2; step = 2 }
        else if bytes.starts(with: [0xFE, 0xFF]) { i = 3; step = 2 }
        // Every byte is one Character except a line feed after a carriage return
        // ("\r\n" is one): at most one byte out per Character counted, plus the line
        // feeds of "\r\n".
        let capacity = min(2 * count + 2, (bytes.count - i + step - 1) / step)
        guard capacity > 0 else { return [] }
        let map = lowercased ? Self.lowerASCIIMap : Self.asciiMap
        return bytes.withUnsafeBufferPointer { bytes in
            map.withUnsafeBufferPointer { map in
                [UInt8](unsafeUninitializedCapacity: capacity) { buffer, written in
                    // Without a carriage return, characters are bytes: map the window at once.
                    let window = min(count, bytes.count - i, capacity)
                    if step == 1, let base = bytes.baseAddress, memchr(base + i, 0x0D, window) == nil {
                        for k in 0..<window { buffer[k] = map[Int(base[i + k])] }
                        written = window
                        return
                    }
                    var characters = 0
                    var previous: UInt8 = 0
                    while i < bytes.count && characters < count && written < capacity {
                        let b = bytes[i]
                        buffer[written] = map[Int(b)]
                        written += 1
                        if !(b == 0x0A && previous == 0x0D) { characters += 1 }
                        previous = b
                        i += step
                    }
                }
            }
        }
    }

    /// Each byte as sniffing reads it: ASCII as it is, anything else (and NUL) as "?".
    private static let asciiMap: [UInt8] = (0..<256).map { $0 > 0 && $0 < 128 ? UInt8($0) : UInt8(ascii: "?") }
    /// The same, ASCII capitals folded to lower case.
    private static let lowerASCIIMap: [UInt8] = asciiMap.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }

    /// Refuses NUL bytes in a file that has no UTF-16 byte-order mark: a binary
    /// file renamed, or UTF-16 without a BOM, neither of which can be read safely.
    static func rejectBinary(_ bytes: [UInt8], path: String) throws {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return }
        // memchr: a byte-by-byte search of every file showed in whole-corpus profiles.
        let found: Int? = bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let hit = memchr(base, 0, raw.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        guard let nul = found else { return }
        let (line, column) = position(of: nul, in: bytes)
        let looksUTF16 = bytes.count >= 4 && (bytes[1] == 0 && bytes[3] == 0 || bytes[0] == 0 && bytes[2] == 0)
        let message = looksUTF16
            ? "looks like UTF-16 without a byte-order mark; save it as UTF-8 or UTF-16 with a BOM"
            : "contains a NUL byte: this is a binary file, not text"
        throw IngestError(path: path, message: message, line: line, column: column)
    }

    /// Decodes a text file. `declared` is an encoding named by the file itself (e.g. an HTML meta).
    static func decode(_ bytes: [UInt8], path: String, declared: String? = nil) throws -> String {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return try utf8(Array(bytes.dropFirst(3)), path: path, offset: 3, all: bytes)
        }
        // UTF-32LE's BOM begins with UTF-16LE's: check it first, or the text decodes full of NULs.
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            throw IngestError(path: path, message: "UTF-32 text is not supported; save it as UTF-8")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let s = String(data: Data(bytes), encoding: .utf16) else {
                throw IngestError(path: path, message: "invalid UTF-16 text")
            }
            return s.hasPrefix("\u{FEFF}") ? String(s.dropFirst()) : s
        }
        try rejectBinary(bytes, path: path)
        if let declared, let enc = encoding(named: declared), enc != .utf8 {
            guard let s = String(data: Data(bytes), encoding: enc) else {
                throw IngestError(path: path, message: "text is not valid \(declared)")
            }
            return s
        }
        return try utf8(bytes, path: path, offset: 0, all: bytes)
    }

    private static func utf8(_ body: [UInt8], path: String, offset: Int, all: [UInt8]) throws -> String {
        if let s = String(validating: body, as: UTF8.self) { return s }
        // Find the first bad byte to say where.
        var index = 0
        var it = body.makeIterator()
        var decoder = UTF8()
        var consumed = 0
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): consumed += UTF8.width(s)
            case .emptyInput: break loop
            case .error: index = consumed; break loop
            }
        }
        let (line, column) = position(of: index + offset, in: all)
        throw IngestError(path: path,
                          message: "invalid UTF-8 (byte 0x\(String(all[min(index + offset, all.count - 1)], radix: 16))); convert the file to UTF-8 or declare its encoding",
                          line: line, column: column)
    }

    /// 1-based line and column of a byte offset.
    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1
        var i = 0
        while i < offset && i < bytes.count {
            if bytes[i] == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += 1
        }
        return (line, column)
    }

    static func encoding(named name: String) -> String.Encoding? {
        switch name.lowercased().trimmingCharacters(in: .whitespaces) {
        case "utf-8", "utf8": return .utf8
        case "windows-1252", "cp1252", "iso-8859-1", "latin1", "latin-1", "iso8859-1", "us-ascii", "ascii": return .windowsCP1252
        case "utf-16", "utf16": return .utf16
        case "iso-8859-2", "windows-1250": return .windowsCP1250
        default: return nil
        }
    }
}
