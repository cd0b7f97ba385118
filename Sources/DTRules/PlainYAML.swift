import Foundation

/// A reader of the plain YAML the built-in rules are written in, many times
/// cheaper than Yams (libyaml's scanner and Yams's nodes were 105 M of the 228 M
/// instructions that loading the rules cost on a whole-ToTA run, December 2026):
/// block mappings of plain keys, block lists (`- `, `- - `, `- key: …`, also at
/// their key's indentation), one-line flow lists (`[a, "b"]`), plain,
/// double-quoted and single-quoted one-line scalars, comments and blank lines.
///
/// Anything else (tabs in indentation, CR, block or multi-line scalars, flow
/// mappings, anchors, tags, documents, an escape it does not know, a value with
/// `: ` in it…) makes it answer nil, and the caller reads the text with Yams, so
/// it never reads a text differently: where it answers, its tree is the one
/// Yams composes (`PlainYAMLTests` holds it to Yams on every built-in rule file
/// and on generated texts).
enum PlainYAML {
    /// One line that holds more than a comment: its indentation, text (byte
    /// offsets from the first non-space to the line's end), and number from 1.
    private struct Line {
        var indent: Int
        var start: Int
        let end: Int
        let number: Int
    }

    static func read(_ text: String) -> Node? {
        let bytes = Array(text.utf8)
        var lines: [Line] = []
        let plain: Bool = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, memchr(base, 0x0D, buffer.count) == nil else { return false }
            var number = 0
            var at = 0
            while at <= buffer.count {
                number += 1
                // Each line's end found by memchr: reading byte by byte was most of the reading.
                let end = memchr(base + at, 0x0A, buffer.count - at).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? buffer.count
                var i = at
                while i < end && base[i] == 0x20 { i += 1 }
                if i < end && base[i] != 0x23 {
                    // A tab, a document marker or a directive: not plain YAML.
                    if base[i] == 0x09 || base[i] == 0x25 { return false }
                    if end - i >= 3 && base[i] == base[i + 1] && base[i] == base[i + 2] && (base[i] == 0x2D || base[i] == 0x2E) { return false }
                    lines.append(Line(indent: i - at, start: i, end: end, number: number))
                }
                at = end + 1
            }
            return true
        }
        guard plain else { return nil }
        guard !lines.isEmpty else { return nil }
        var reader = Reader(bytes: bytes, lines: lines)
        guard let root = reader.block(indent: lines[0].indent), reader.at == lines.count else { return nil }
        return root
    }

    private struct Reader {
        let bytes: [UInt8]
        var lines: [Line]
        var at = 0

        /// A mapping or list whose lines start at `indent`.
        mutating func block(indent: Int) -> Node? {
            guard at < lines.count, lines[at].indent == indent else { return nil }
            return isEntry(lines[at].start, lines[at].end) ? list(indent: indent) : mapping(indent: indent)
        }

        /// Whether the text from `i` is a list entry (`-` then a space or the line's end).
        func isEntry(_ i: Int, _ end: Int) -> Bool {
            i < end && bytes[i] == 0x2D && (i + 1 == end || bytes[i + 1] == 0x20)
        }

        mutating func list(indent: Int) -> Node? {
            let first = lines[at].number
            var items: [Node] = []
            while at < lines.count, lines[at].indent == indent, isEntry(lines[at].start, lines[at].end) {
                let line = lines[at]
                var rest = line.start + 1
                while rest < line.end && bytes[rest] == 0x20 { rest += 1 }
                if rest == line.end || bytes[rest] == 0x23 {
                    // The item on the lines below, indented deeper.
                    at += 1
                    guard at < lines.count, lines[at].indent > indent, let item = block(indent: lines[at].indent) else { return nil }
                    items.append(item)
                } else if isEntry(rest, line.end) || key(rest, line.end) != nil {
                    // `- - x` or `- key: value`: the rest of the line starts a block
                    // indented to where it stands.
                    let offset = rest - line.start
                    lines[at].indent = indent + offset
                    lines[at].start = rest
                    guard let item = block(indent: indent + offset) else { return nil }
                    items.append(item)
                } else {
                    guard let item = value(rest, line.end, line: line.number) else { return nil }
                    items.append(item)
                    at += 1
                }
            }
            return .sequence(Node.List(nodes: items, line: first))
        }

        mutating func mapping(indent: Int) -> Node? {
            let first = lines[at].number
            var pairs: [(key: Node, value: Node)] = []
            while at < lines.count, lines[at].indent == indent {
                let line = lines[at]
                guard !isEntry(line.start, line.end), let (keyEnd, rest) = key(line.start, line.end) else { return nil }
                let keyNode = Node.scalar(Node.Scalar(string: string(line.start, keyEnd), isPlain: true, line: line.number))
                at += 1
                if rest == line.end || bytes[rest] == 0x23 {
                    // The value on the lines below: deeper, or a list at the key's indentation
                    // (nothing there is an empty value, which Yams reads as null: left to it).
                    guard at < lines.count else { return nil }
                    let next = lines[at]
                    let value: Node?
                    if next.indent > indent {
                        value = block(indent: next.indent)
                    } else if next.indent == indent, isEntry(next.start, next.end) {
                        value = list(indent: indent)
                    } else {
                        value = nil
                    }
                    guard let value else { return nil }
                    pairs.append((keyNode, value))
                } else {
                    guard let value = value(rest, line.end, line: line.number) else { return nil }
                    pairs.append((keyNode, value))
                    // A deeper line after a one-line value would continue it: not plain YAML.
                    if at < lines.count, lines[at].indent > indent { return nil }
                }
            }
            if at < lines.count, lines[at].indent > indent { return nil }
            return .mapping(Node.Mapping(pairs: pairs, line: first))
        }

        func string(_ from: Int, _ to: Int) -> String {
            String(decoding: bytes[from..<to], as: UTF8.self)
        }

        /// Letters, digits (ASCII or not), `_`, and after the first also `-` and `.`.
        func isKeyByte(_ c: UInt8, first: Bool) -> Bool {
            (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) || c == 0x5F || (!first && (c == 0x2D || c == 0x2E))
        }

        /// A plain key from `i` (`name:` then a space or the line's end): where it
        /// ends, and where what follows it starts, spaces skipped.
        func key(_ i: Int, _ end: Int) -> (Int, Int)? {
            guard i < end, isKeyByte(bytes[i], first: true) else { return nil }
            var k = i + 1
            while k < end {
                let c = bytes[k]
                if c == 0x3A {
                    guard k + 1 == end || bytes[k + 1] == 0x20 else { return nil }
                    var rest = k + 1
                    while rest < end && bytes[rest] == 0x20 { rest += 1 }
                    return (k, rest)
                }
                guard isKeyByte(c, first: false) else { return nil }
                k += 1
            }
            return nil
        }

        /// A one-line value: a quoted or plain scalar, or a flow list; then at most a comment.
        func value(_ i: Int, _ end: Int, line: Int) -> Node? {
            switch bytes[i] {
            case 0x22, 0x27:
                guard let (s, rest) = quoted(i, end), endsLine(rest, end) else { return nil }
                return .scalar(Node.Scalar(string: s, isPlain: false, line: line))
            case 0x5B:
                return flowList(i + 1, end, line: line)
            default:
                guard let (textEnd, rest) = plain(i, end, inFlow: false), rest == end || bytes[rest] == 0x23 else { return nil }
                return .scalar(Node.Scalar(string: string(i, textEnd), isPlain: true, line: line))
            }
        }

        /// Nothing from `i` but spaces, then at most a comment after a space.
        func endsLine(_ i: Int, _ end: Int) -> Bool {
            var k = i
            while k < end && bytes[k] == 0x20 { k += 1 }
            return k == end || (bytes[k] == 0x23 && k > i)
        }

        /// `[a, "b", c]` on one line (from after the `[`).
        func flowList(_ from: Int, _ end: Int, line: Int) -> Node? {
            var items: [Node] = []
            var i = from
            while i < end && bytes[i] == 0x20 { i += 1 }
            if i < end && bytes[i] == 0x5D {
                return endsLine(i + 1, end) ? .sequence(Node.List(nodes: [], line: line)) : nil
            }
            while true {
                while i < end && bytes[i] == 0x20 { i += 1 }
                guard i < end else { return nil }
                switch bytes[i] {
                case 0x22, 0x27:
                    guard let (s, after) = quoted(i, end) else { return nil }
                    items.append(.scalar(Node.Scalar(string: s, isPlain: false, line: line)))
                    i = after
                    while i < end && bytes[i] == 0x20 { i += 1 }
                case 0x2C, 0x5D, 0x5B, 0x7B, 0x23:
                    return nil
                default:
                    guard let (textEnd, rest) = plain(i, end, inFlow: true) else { return nil }
                    items.append(.scalar(Node.Scalar(string: string(i, textEnd), isPlain: true, line: line)))
                    i = rest
                }
                guard i < end else { return nil }
                if bytes[i] == 0x2C {
                    i += 1
                } else if bytes[i] == 0x5D {
                    return endsLine(i + 1, end) ? .sequence(Node.List(nodes: items, line: line)) : nil
                } else {
                    return nil
                }
            }
        }

        /// A plain scalar from `i`: where its text ends (trailing spaces dropped) and
        /// where what follows starts (a comment, or in a flow list its `,` or `]`);
        /// nil for what plain YAML does not write plainly.
        func plain(_ i: Int, _ end: Int, inFlow: Bool) -> (Int, Int)? {
            let c = bytes[i]
            if "-?:,[]{}#&*!|>'\"%@`".utf8.contains(c) {
                // Only a `-` not followed by a space may start a plain scalar.
                guard c == 0x2D, i + 1 < end, bytes[i + 1] != 0x20 else { return nil }
            }
            var textEnd = i
            var k = i
            while k < end {
                let c = bytes[k]
                if c == 0x23 && k > i && bytes[k - 1] == 0x20 { break }
                if c == 0x3A && (k + 1 == end || bytes[k + 1] == 0x20 || (inFlow && ",[]{}".utf8.contains(bytes[k + 1]))) { return nil }
                if inFlow && (c == 0x2C || c == 0x5D) { break }
                if inFlow && (c == 0x5B || c == 0x7B || c == 0x7D) { return nil }
                if c == 0x09 { return nil }
                if c != 0x20 { textEnd = k + 1 }
                k += 1
            }
            return (textEnd, k)
        }

        /// A quoted scalar from `i` (its value, and where what follows the closing quote starts).
        func quoted(_ i: Int, _ end: Int) -> (String, Int)? {
            let quote = bytes[i]
            var out: [UInt8] = []
            var k = i + 1
            var run = k
            while k < end {
                let c = bytes[k]
                if c == quote {
                    out.append(contentsOf: bytes[run..<k])
                    // '' is a quote inside single quotes.
                    if quote == 0x27, k + 1 < end, bytes[k + 1] == 0x27 {
                        out.append(0x27)
                        k += 2
                        run = k
                        continue
                    }
                    return (String(decoding: out, as: UTF8.self), k + 1)
                }
                if c == 0x5C && quote == 0x22 {
                    out.append(contentsOf: bytes[run..<k])
                    guard k + 1 < end else { return nil }
                    let e = bytes[k + 1]
                    k += 2
                    switch e {
                    case 0x5C, 0x22, 0x2F: out.append(e)
                    case 0x6E: out.append(0x0A)
                    case 0x74: out.append(0x09)
                    case 0x30: out.append(0)
                    case 0x78, 0x75, 0x55:
                        let n = e == 0x78 ? 2 : e == 0x75 ? 4 : 8
                        guard k + n <= end, let v = UInt32(String(decoding: bytes[k..<(k + n)], as: UTF8.self), radix: 16),
                              bytes[k..<(k + n)].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x66) }),
                              let scalar = Unicode.Scalar(v) else { return nil }
                        out.append(contentsOf: String(Character(scalar)).utf8)
                        k += n
                    default:
                        return nil
                    }
                    run = k
                    continue
                }
                k += 1
            }
            return nil
        }
    }
}
