import Yams

/// A rule file's YAML as the loader reads it: mappings, lists and scalars with the
/// line each starts on. Within DTRules this `Node` stands for `Yams.Node` (a
/// module's own type hides an imported one of the same name), with the part of its
/// interface the loader uses, so that the built-in rules can be read without Yams
/// (`PlainYAML`, a reader of the plain YAML they are written in); any other file,
/// and a built-in one that strays from that YAML, is read by Yams and converted.
/// Yams's own nodes cannot be made outside Yams (their `Mark` has no public
/// initialiser), hence this type.
enum Node {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(List)

    /// Where a node starts: its line, from 1.
    struct Mark {
        let line: Int
    }

    struct Scalar {
        let string: String
        /// Written plain (not quoted): only then may it be read as a number.
        let isPlain: Bool
        let line: Int?
    }

    /// Key–value pairs in their order, a key written twice kept twice (as Yams keeps them).
    struct Mapping: RandomAccessCollection {
        let pairs: [(key: Node, value: Node)]
        let line: Int?

        var startIndex: Int { pairs.startIndex }
        var endIndex: Int { pairs.endIndex }
        subscript(position: Int) -> (key: Node, value: Node) { pairs[position] }

        /// The value of the last key written as `key`, as Yams's look-up by string answers.
        subscript(key: String) -> Node? {
            pairs.last { $0.key.scalar?.string == key }?.value
        }
    }

    struct List: RandomAccessCollection {
        let nodes: [Node]
        let line: Int?

        var startIndex: Int { nodes.startIndex }
        var endIndex: Int { nodes.endIndex }
        subscript(position: Int) -> Node { nodes[position] }
    }

    var scalar: Scalar? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    var mapping: Mapping? {
        if case .mapping(let m) = self { return m }
        return nil
    }

    var sequence: List? {
        if case .sequence(let l) = self { return l }
        return nil
    }

    var mark: Mark? {
        let line: Int?
        switch self {
        case .scalar(let s): line = s.line
        case .mapping(let m): line = m.line
        case .sequence(let l): line = l.line
        }
        return line.map(Mark.init(line:))
    }

    /// A scalar's text; for a mapping, as Yams answers, the value of a plain `=` key.
    var string: String? {
        switch self {
        case .scalar(let s): return s.string
        case .mapping(let m): return m.pairs.first { $0.key.scalar.map { $0.isPlain && $0.string == "=" } == true }?.value.string
        case .sequence: return nil
        }
    }

    /// A plain scalar read as an integer, as Yams reads one (`Int.construct`: `_`
    /// ignored, a sign, `0x`, `0b`, `0o` and a leading `0` for octal). A scalar
    /// with a `:` (base 60) is handed to Yams itself: making a Yams scalar sets up
    /// its tag resolver, which compiles a dozen regular expressions (10 M
    /// instructions) for what the rules never write.
    var int: Int? {
        guard let s = scalar, s.isPlain else { return nil }
        let digits = s.string.filter { $0 != "_" }
        if digits == "0" { return 0 }
        let negative = digits.hasPrefix("-")
        let body = digits.dropFirst(negative || digits.hasPrefix("+") ? 1 : 0)
        for (prefix, radix) in [("0x", 16), ("0b", 2), ("0o", 8), ("0", 8)] where body.hasPrefix(prefix) {
            return Int((negative ? "-" : "") + body.dropFirst(prefix.count), radix: radix)
        }
        if body.contains(":") { return Int.construct(from: Yams.Node.Scalar(s.string, .implicit, .plain)) }
        return Int(digits)
    }

    /// The one document of a YAML text (nil when it is empty): read as plain YAML
    /// when `plain` allows and the text is written in it, else by Yams (whose errors
    /// name the line).
    static func compose(yaml text: String, plain: Bool = true) throws -> Node? {
        if plain, let root = PlainYAML.read(text) { return root }
        return try Yams.compose(yaml: text).map(Node.init)
    }

    /// Yams's node as this type.
    init(_ node: Yams.Node) {
        switch node {
        case .scalar(let s):
            self = .scalar(Scalar(string: s.string, isPlain: s.style == .plain || s.style == .any, line: s.mark?.line))
        case .mapping(let m):
            self = .mapping(Mapping(pairs: m.map { (key: Node($0.key), value: Node($0.value)) }, line: m.mark?.line))
        case .sequence(let l):
            self = .sequence(List(nodes: l.map(Node.init), line: l.mark?.line))
        }
    }
}

extension Node: Equatable {
    /// Same shape, texts, styles (plain or not) and lines.
    static func == (a: Node, b: Node) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            return x.string.utf8.elementsEqual(y.string.utf8) && x.isPlain == y.isPlain && x.line == y.line
        case (.mapping(let x), .mapping(let y)):
            return x.line == y.line && x.pairs.count == y.pairs.count
                && zip(x.pairs, y.pairs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.sequence(let x), .sequence(let y)):
            return x.line == y.line && x.nodes == y.nodes
        default:
            return false
        }
    }
}
