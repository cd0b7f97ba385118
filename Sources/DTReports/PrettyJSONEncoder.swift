import Foundation

/// A lean stand-in for Foundation's `JSONEncoder` configured as `JSONOutput`
/// configures it (pretty-printed, keys sorted by their UTF-8 bytes, slashes not
/// escaped), writing the same bytes. Foundation's encoder was a tenth of the time
/// of grading a whole corpus; this one builds a small tree of values and writes it
/// once, and can indent the whole text, so a streamed report needs no second pass.
///
/// It knows strings, integers, booleans, null, arrays and objects: everything our
/// reports hold. Anything else (floating point, dates, data, URLs, decimals, super
/// encoders) throws `Unsupported`, and `JSONOutput` leaves that value to Foundation.
struct PrettyJSONEncoder {
    struct Unsupported: Error {}

    /// `value` as pretty JSON, every line (but empty ones) indented by `indent` spaces.
    static func encode<T: Encodable>(_ value: T, indent: Int = 0) throws -> [UInt8] {
        let context = JSONTreeEncoder.Context()
        let root = try JSONTreeEncoder.tree(of: value, codingPath: [], context: context)
        if context.refused { throw Unsupported() }
        var writer = Writer(base: indent)
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
        var keys: [String] = []
        var values: [String: Value] = [:]

        func set(_ key: String, _ value: Value) {
            if values.updateValue(value, forKey: key) == nil { keys.append(key) }
        }
    }

    final class ArrayBox {
        var items: [Value] = []
    }

    /// Foundation's layout: two spaces per level, `"key" : value`, an empty array
    /// or object as its brackets around one empty line.
    struct Writer {
        let base: Int
        var out: [UInt8] = []

        init(base: Int) {
            self.base = base
            out.reserveCapacity(4096)
        }

        mutating func pad(_ depth: Int) {
            out.append(contentsOf: repeatElement(0x20, count: base + 2 * depth))
        }

        mutating func write(_ value: Value, depth: Int) {
            if depth == 0 { pad(0) }
            switch value {
            case .string(let s): writeString(s)
            case .number(let n): out.append(contentsOf: n.utf8)
            case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
            case .null: out.append(contentsOf: "null".utf8)
            case .array(let box):
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
                out.append(0x7B)
                out.append(0x0A)
                if box.keys.isEmpty { out.append(0x0A) }
                let keys = box.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                for (i, key) in keys.enumerated() {
                    pad(depth + 1)
                    writeString(key)
                    out.append(contentsOf: " : ".utf8)
                    if let v = box.values[key] { write(v, depth: depth + 1) }
                    if i + 1 < keys.count { out.append(0x2C) }
                    out.append(0x0A)
                }
                pad(depth)
                out.append(0x7D)
            }
        }

        mutating func writeString(_ s: String) {
            out.append(0x22)
            for b in s.utf8 {
                switch b {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                case 0x08: out.append(contentsOf: [0x5C, 0x62])
                case 0x0C: out.append(contentsOf: [0x5C, 0x66])
                case 0..<0x20:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                default: out.append(b)
                }
            }
            out.append(0x22)
        }
    }
}

/// The `Encoder` that turns an `Encodable` into `PrettyJSONEncoder.Value`s.
final class JSONTreeEncoder: Encoder {
    typealias Value = PrettyJSONEncoder.Value
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// What the value encoded itself as (nil until it encodes something).
    var result: Value?

    let context: Context

    init(codingPath: [any CodingKey], context: Context) {
        self.codingPath = codingPath
        self.context = context
    }

    /// Shared by every encoder of one value: whether something asked for what this
    /// encoder does not do (a super encoder), so the whole value is refused.
    final class Context {
        var refused = false
    }

    static func tree<T: Encodable>(of value: T, codingPath: [any CodingKey], context: Context) throws -> Value {
        if let v = try primitive(value) { return v }
        let encoder = JSONTreeEncoder(codingPath: codingPath, context: context)
        try value.encode(to: encoder)
        // A value that encodes nothing is an empty object, as in Foundation.
        return encoder.result ?? .object(PrettyJSONEncoder.ObjectBox())
    }

    /// Strings, integers and booleans directly; floating point and the types
    /// Foundation's encoder writes in its own way are refused.
    static func primitive<T: Encodable>(_ value: T) throws -> Value? {
        switch value {
        case let s as String: return .string(s)
        case let b as Bool: return .bool(b)
        case let i as any FixedWidthInteger: return .number("\(i)")
        case is Double, is Float, is Date, is Data, is URL, is Decimal: throw PrettyJSONEncoder.Unsupported()
        default: return nil
        }
    }

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
        KeyedEncodingContainer(Keyed<Key>(box: objectBox(), codingPath: codingPath, context: context))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        Unkeyed(box: arrayBox(), codingPath: codingPath, context: context)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        Single(encoder: self)
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: PrettyJSONEncoder.ObjectBox
        let codingPath: [any CodingKey]
        let context: Context

        mutating func encodeNil(forKey key: Key) throws { box.set(key.stringValue, .null) }
        mutating func encode(_ value: String, forKey key: Key) throws { box.set(key.stringValue, .string(value)) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { box.set(key.stringValue, .bool(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { box.set(key.stringValue, .number(String(value))) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            box.set(key.stringValue, try JSONTreeEncoder.tree(of: value, codingPath: codingPath + [key], context: context))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = PrettyJSONEncoder.ObjectBox()
            box.set(key.stringValue, .object(nested))
            return KeyedEncodingContainer(Keyed<NestedKey>(box: nested, codingPath: codingPath + [key], context: context))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = PrettyJSONEncoder.ArrayBox()
            box.set(key.stringValue, .array(nested))
            return Unkeyed(box: nested, codingPath: codingPath + [key], context: context)
        }

        mutating func superEncoder() -> any Encoder { refuse() }
        mutating func superEncoder(forKey key: Key) -> any Encoder { refuse() }

        private func refuse() -> any Encoder {
            context.refused = true
            return JSONTreeEncoder(codingPath: codingPath, context: context)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let box: PrettyJSONEncoder.ArrayBox
        let codingPath: [any CodingKey]
        let context: Context
        var count: Int { box.items.count }

        mutating func encodeNil() throws { box.items.append(.null) }
        mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            box.items.append(try JSONTreeEncoder.tree(of: value, codingPath: codingPath, context: context))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = PrettyJSONEncoder.ObjectBox()
            box.items.append(.object(nested))
            return KeyedEncodingContainer(Keyed<NestedKey>(box: nested, codingPath: codingPath, context: context))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = PrettyJSONEncoder.ArrayBox()
            box.items.append(.array(nested))
            return Unkeyed(box: nested, codingPath: codingPath, context: context)
        }

        mutating func superEncoder() -> any Encoder {
            context.refused = true
            return JSONTreeEncoder(codingPath: codingPath, context: context)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: JSONTreeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        mutating func encodeNil() throws { encoder.result = .null }
        mutating func encode(_ value: String) throws { encoder.result = .string(value) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            encoder.result = try JSONTreeEncoder.tree(of: value, codingPath: codingPath, context: encoder.context)
        }
    }
}
