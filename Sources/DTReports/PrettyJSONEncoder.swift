import Foundation

/// A lean stand-in for Foundation's `JSONEncoder` configured as `JSONOutput`
/// configures it (pretty-printed, keys sorted by their UTF-8 bytes, slashes not
/// escaped), writing the same bytes. Foundation's encoder took about 6% of grading
/// the whole ToTA corpus, this one about 3%: it builds a small tree of values and
/// writes it once, indented as asked, so a streamed report needs no second pass.
///
/// It knows strings, integers, booleans, null, arrays and objects: everything our
/// reports hold. Anything else (floating point, dates, data, URLs, decimals,
/// 128-bit integers, super encoders) throws `Unsupported`, and `JSONOutput` leaves
/// that value to Foundation.
struct PrettyJSONEncoder {
    struct Unsupported: Error {}

    /// `value` as pretty JSON, every line (but empty ones) indented by `indent` spaces.
    static func encode<T: Encodable>(_ value: T, indent: Int = 0, layout: JSONLayout = .reports) throws -> [UInt8] {
        let context = JSONTreeEncoder.Context()
        let root = try JSONTreeEncoder.tree(of: value, parent: nil, key: nil, context: context)
        if context.refused { throw Unsupported() }
        var writer = Writer(base: indent, layout: layout)
        writer.write(root, depth: 0)
        return writer.out
    }

    /// A value as the encoder collects it. Objects and arrays are classes so nested
    /// containers can keep filling them after they are handed out.
    enum Value {
        case string(String)
        case number(String)
        case bool(Bool)
        case null
        case object(ObjectBox)
        case array(ArrayBox)
    }

    final class ObjectBox {
        /// In the order set; a key set twice is written once, with its last value.
        var pairs: [(key: String, value: Value)] = []

        func set(_ key: String, _ value: Value) { pairs.append((key, value)) }
    }

    final class ArrayBox {
        var items: [Value] = []
    }

    /// Foundation's layout: two spaces per level, `"key" : value`, an empty array
    /// or object as its brackets around one empty line.
    struct Writer {
        let base: Int
        let layout: JSONLayout
        var out: [UInt8] = []

        init(base: Int, layout: JSONLayout = .reports) {
            self.base = base
            self.layout = layout
            // A graded document's report is a few kilobytes: one buffer, not regrown.
            out.reserveCapacity(16_384)
        }

        mutating func pad(_ depth: Int) {
            for _ in 0..<(base + 2 * depth) { out.append(0x20) }
        }

        /// `" : "` between a key and its value (`": "` in the expectations layout).
        mutating func writeKeySeparator() {
            if layout == .reports { out.append(0x20) }
            out.append(0x3A)
            out.append(0x20)
        }

        /// Whether `a`'s UTF-8 bytes sort before `b`'s (Foundation's key order).
        static func precedes(_ a: String, _ b: String) -> Bool {
            var a = a, b = b
            return a.withUTF8 { pa in
                b.withUTF8 { pb in
                    let n = min(pa.count, pb.count)
                    let c = n == 0 ? 0 : memcmp(pa.baseAddress!, pb.baseAddress!, n)
                    return c < 0 || (c == 0 && pa.count < pb.count)
                }
            }
        }

        mutating func write(_ value: Value, depth: Int) {
            if depth == 0 { pad(0) }
            switch value {
            case .string(let s): writeString(s)
            case .number(let n): out.append(contentsOf: n.utf8)
            case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
            case .null: out.append(contentsOf: "null".utf8)
            case .array(let box):
                if box.items.isEmpty, layout == .expectations { return out.append(contentsOf: [0x5B, 0x5D]) }
                out.append(0x5B)
                out.append(0x0A)
                if box.items.isEmpty { out.append(0x0A) }
                for (i, item) in box.items.enumerated() {
                    pad(depth + 1)
                    write(item, depth: depth + 1)
                    if i + 1 < box.items.count { out.append(0x2C) }
                    out.append(0x0A)
                }
                pad(depth)
                out.append(0x5D)
            case .object(let box):
                if box.pairs.isEmpty, layout == .expectations { return out.append(contentsOf: [0x7B, 0x7D]) }
                out.append(0x7B)
                out.append(0x0A)
                if box.pairs.isEmpty { out.append(0x0A) }
                // Sorted by key, a key set twice in the order set: its last value is the one written.
                let order = box.pairs.indices.sorted { i, j in
                    let (a, b) = (box.pairs[i].key, box.pairs[j].key)
                    if a == b { return i < j }
                    return Self.precedes(a, b)
                }
                var first = true
                for (n, i) in order.enumerated() where n + 1 == order.count || box.pairs[order[n + 1]].key != box.pairs[i].key {
                    if !first { out.append(0x2C); out.append(0x0A) }
                    first = false
                    pad(depth + 1)
                    writeString(box.pairs[i].key)
                    writeKeySeparator()
                    write(box.pairs[i].value, depth: depth + 1)
                }
                if !first { out.append(0x0A) }
                pad(depth)
                out.append(0x7D)
            }
        }

        mutating func writeString(_ s: String) {
            out.append(0x22)
            var s = s
            s.withUTF8 { bytes in
                // Most strings need no escape: copied whole after one look at their bytes.
                guard bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
                    out.append(contentsOf: bytes)
                    return
                }
                // Runs that need no escape are copied whole.
                var runStart = 0
                for (i, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                    runStart = i + 1
                    switch b {
                    case 0x22: out.append(contentsOf: [0x5C, 0x22])
                    case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                    case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                    case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                    case 0x09: out.append(contentsOf: [0x5C, 0x74])
                    case 0x08 where layout == .reports: out.append(contentsOf: [0x5C, 0x62])
                    case 0x0C where layout == .reports: out.append(contentsOf: [0x5C, 0x66])
                    default: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(b >> 4)], Self.hex[Int(b & 0xF)]])
                    }
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            }
            out.append(0x22)
        }

        /// A key known to need no escape, quoted, then `" : "`.
        mutating func writeKey(_ key: StaticString) {
            out.append(0x22)
            key.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(0x22)
            writeKeySeparator()
        }

        mutating func writeInt(_ n: Int) { out.append(contentsOf: String(n).utf8) }

        mutating func writeNull() { out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

        private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
    }
}

/// How the one writer lays JSON out.
public enum JSONLayout: Sendable {
    /// Foundation's pretty printer with sorted keys, as every report has been
    /// written: `"key" : value`, an empty array or object as its brackets around
    /// an empty line, `\b` and `\f` escaped by letter.
    case reports
    /// The regression expectations file (`dtcheck regress`), as it has been
    /// written since before reports had their own writer: `"key": value`, `[]`
    /// and `{}`, every control character but tab, line feed and carriage return
    /// as `\u00XX`. Kept so that files teams have committed do not change.
    case expectations
}

/// The `Encoder` that turns an `Encodable` into `PrettyJSONEncoder.Value`s.
final class JSONTreeEncoder: Encoder {
    typealias Value = PrettyJSONEncoder.Value
    /// Where an encoder is, as a chain of keys: built into `codingPath` only when
    /// someone asks (an array per nested value showed in profiles).
    final class Path {
        let key: any CodingKey
        let parent: Path?

        init(_ key: any CodingKey, parent: Path?) {
            self.key = key
            self.parent = parent
        }

        static func keys(_ path: Path?) -> [any CodingKey] {
            var keys: [any CodingKey] = []
            var node = path
            while let n = node { keys.append(n.key); node = n.parent }
            return keys.reversed()
        }
    }

    let path: Path?
    var codingPath: [any CodingKey] { Path.keys(path) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// What the value encoded itself as (nil until it encodes something).
    var result: Value?
    let context: Context

    init(path: Path?, context: Context) {
        self.path = path
        self.context = context
    }

    /// Shared by every encoder of one value: whether something asked for what this
    /// encoder does not do (a super encoder), so the whole value is refused.
    final class Context {
        var refused = false
    }

    /// `value` as a tree; `key` (under `parent`) is where it sits.
    static func tree<T: Encodable>(of value: T, parent: Path?, key: (any CodingKey)?, context: Context) throws -> Value {
        if let v = try primitive(value) { return v }
        let encoder = JSONTreeEncoder(path: key.map { Path($0, parent: parent) } ?? parent, context: context)
        try value.encode(to: encoder)
        // A value that encodes nothing is an empty object, as in Foundation.
        return encoder.result ?? .object(PrettyJSONEncoder.ObjectBox())
    }

    /// Strings, integers and booleans directly; floating point and the types
    /// Foundation's encoder writes in its own way are refused.
    static func primitive<T: Encodable>(_ value: T) throws -> Value? {
        // Compared by type first: casting every struct and array to each primitive in
        // turn (a protocol look-up for the integers) showed in profiles.
        let type = T.self
        if type == String.self, let s = value as? String { return .string(s) }
        if type == Int.self, let i = value as? Int { return .number(String(i)) }
        if type == Bool.self, let b = value as? Bool { return .bool(b) }
        if integerTypes.contains(where: { $0 == type }), let i = value as? any FixedWidthInteger { return .number("\(i)") }
        if unsupportedTypes.contains(where: { $0 == type }) { throw PrettyJSONEncoder.Unsupported() }
        return nil
    }

    /// `primitive`, refusing every other number type (Int128, Float16…), for a value
    /// encoding itself in a single-value container: such a value would otherwise be
    /// asked to encode itself again, without end. Foundation then decides.
    static func singlePrimitive<T: Encodable>(_ value: T) throws -> Value? {
        if let v = try primitive(value) { return v }
        if value is any FixedWidthInteger || value is any BinaryFloatingPoint { throw PrettyJSONEncoder.Unsupported() }
        return nil
    }

    private static let integerTypes: [Any.Type] = [Int8.self, Int16.self, Int32.self, Int64.self, UInt.self, UInt8.self, UInt16.self,
                                                   UInt32.self, UInt64.self]
    /// Written by Foundation in its own way (or not by this encoder at all).
    private static let unsupportedTypes: [Any.Type] = [Double.self, Float.self, Date.self, Data.self, URL.self, Decimal.self]

    private func objectBox() -> PrettyJSONEncoder.ObjectBox {
        if case .object(let box) = result { return box }
        let box = PrettyJSONEncoder.ObjectBox()
        result = .object(box)
        return box
    }

    private func arrayBox() -> PrettyJSONEncoder.ArrayBox {
        if case .array(let box) = result { return box }
        let box = PrettyJSONEncoder.ArrayBox()
        result = .array(box)
        return box
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed<Key>(box: objectBox(), path: path, context: context))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        Unkeyed(box: arrayBox(), path: path, context: context)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        Single(encoder: self)
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: PrettyJSONEncoder.ObjectBox
        let path: Path?
        let context: Context
        var codingPath: [any CodingKey] { Path.keys(path) }

        mutating func encodeNil(forKey key: Key) throws { box.set(key.stringValue, .null) }
        mutating func encode(_ value: String, forKey key: Key) throws { box.set(key.stringValue, .string(value)) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { box.set(key.stringValue, .bool(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { box.set(key.stringValue, .number(String(value))) }
        // The protocol's own defaults for these throw; Foundation writes them.
        mutating func encode(_ value: Int128, forKey key: Key) throws { throw PrettyJSONEncoder.Unsupported() }
        mutating func encode(_ value: UInt128, forKey key: Key) throws { throw PrettyJSONEncoder.Unsupported() }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            box.set(key.stringValue, try JSONTreeEncoder.tree(of: value, parent: path, key: key, context: context))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = PrettyJSONEncoder.ObjectBox()
            box.set(key.stringValue, .object(nested))
            return KeyedEncodingContainer(Keyed<NestedKey>(box: nested, path: Path(key, parent: path), context: context))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = PrettyJSONEncoder.ArrayBox()
            box.set(key.stringValue, .array(nested))
            return Unkeyed(box: nested, path: Path(key, parent: path), context: context)
        }

        mutating func superEncoder() -> any Encoder { refuse() }
        mutating func superEncoder(forKey key: Key) -> any Encoder { refuse() }

        private func refuse() -> any Encoder {
            context.refused = true
            return JSONTreeEncoder(path: path, context: context)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let box: PrettyJSONEncoder.ArrayBox
        let path: Path?
        let context: Context
        var codingPath: [any CodingKey] { Path.keys(path) }
        var count: Int { box.items.count }

        mutating func encodeNil() throws { box.items.append(.null) }
        mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
        mutating func encode(_ value: Int128) throws { throw PrettyJSONEncoder.Unsupported() }
        mutating func encode(_ value: UInt128) throws { throw PrettyJSONEncoder.Unsupported() }
        mutating func encode<T: Encodable>(_ value: T) throws {
            box.items.append(try JSONTreeEncoder.tree(of: value, parent: path, key: nil, context: context))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = PrettyJSONEncoder.ObjectBox()
            box.items.append(.object(nested))
            return KeyedEncodingContainer(Keyed<NestedKey>(box: nested, path: path, context: context))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = PrettyJSONEncoder.ArrayBox()
            box.items.append(.array(nested))
            return Unkeyed(box: nested, path: path, context: context)
        }

        mutating func superEncoder() -> any Encoder {
            context.refused = true
            return JSONTreeEncoder(path: path, context: context)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: JSONTreeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        mutating func encodeNil() throws { encoder.result = .null }
        mutating func encode(_ value: String) throws { encoder.result = .string(value) }
        mutating func encode(_ value: Int128) throws { throw PrettyJSONEncoder.Unsupported() }
        mutating func encode(_ value: UInt128) throws { throw PrettyJSONEncoder.Unsupported() }
        mutating func encode<T: Encodable>(_ value: T) throws {
            if let v = try JSONTreeEncoder.singlePrimitive(value) {
                encoder.result = v
                return
            }
            encoder.result = try JSONTreeEncoder.tree(of: value, parent: encoder.path, key: nil, context: encoder.context)
        }
    }
}
