#if canImport(Glibc)
import Glibc // memchr (not Foundation: its String methods would change overloads here)
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits an article's body into numbered paragraphs (`1.`, `2.`, `11 .3`) and
/// lettered or roman subparagraphs (`(a)`, `(iv)`) found at line starts.
/// What comes before the first number stays as the article's own text.
public enum ParagraphSplitter {
    public struct Result: Sendable {
        public var leadText: String
        public var paragraphs: [Division]

        public init(leadText: String, paragraphs: [Division]) {
            self.leadText = leadText
            self.paragraphs = paragraphs
        }
    }

    /// `firstLine` is the line the text starts on; `path` is the article's element path.
    /// Reads the UTF-8 bytes line by line (the split runs on every article grading
    /// reads); a line whose opening is not ASCII is classified by the Character-based
    /// `paragraphNumber` and `subparagraphLabel`, which define the rules.
    public static func split(_ text: String, firstLine: Int, path: String?) -> Result {
        var text = text
        text.makeContiguousUTF8()
        let utf8 = text.utf8
        let result = utf8.withContiguousStorageIfAvailable { bytes -> Result in
            var paragraphs: [Division] = []
            var current: Division?
            var sub: Division?
            // UTF-8 spans (start, end) of the lead, the open paragraph's own text and the open subparagraph's.
            var leadSpan: (Int, Int)?
            var currentSpan = (0, 0)
            var subSpan = (0, 0)
            var line = firstLine

            // Whether `current` and `sub` are set: testing the optionals themselves
            // copied a whole Division on every line.
            var hasCurrent = false
            var hasSub = false

            /// The span as a trimmed string. ASCII white space is dropped on the bytes
            /// first, as `trimmed()` would drop it (not before a non-ASCII byte, where
            /// a Character decides), so a padded span is not copied twice.
            func string(_ span: (Int, Int)) -> String {
                var (a, e) = span
                while a < e, isSpace(bytes[a]), a + 1 >= e || bytes[a + 1] < 0x80 { a += 1 }
                while e > a, isSpace(bytes[e - 1]) { e -= 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<e]), as: UTF8.self).trimmed()
            }
            // Each division is taken out of its variable before it is written: written
            // while `sub` or `current` still held it, its copy-on-write box was copied.
            func closeSub() {
                guard hasSub, var s = sub.take() else { return }
                s.text = string(subSpan)
                current?.children.append(s)
                hasSub = false
            }
            func closeParagraph() {
                closeSub()
                guard hasCurrent, var p = current.take() else { return }
                p.text = string(currentSpan)
                paragraphs.append(p)
                hasCurrent = false
            }

            var lineStart = 0
            while true {
                // memchr: a byte-by-byte search was a third of the split's instructions
                // (an HTML article's paragraphs are long single lines).
                let lineEnd = Self.lineEnd(bytes, from: lineStart)
                defer { line += 1 }
                if let (number, rest) = paragraphNumber(bytes, lineStart, lineEnd, in: text) {
                    closeParagraph()
                    let n = paragraphs.count + 1
                    current = Division(kind: .paragraph, number: number, location: SourceLocation(
                        line: line, column: nil, path: path.map { SourceLocation.childPath($0, "paragraph", n) }))
                    hasCurrent = true
                    currentSpan = (rest, lineEnd)
                } else if hasCurrent, let (label, rest) = subparagraphLabel(bytes, lineStart, lineEnd, in: text) {
                    closeSub()
                    let n = (current?.children.count ?? 0) + 1
                    sub = Division(kind: .subparagraph, number: label, location: SourceLocation(
                        line: line, column: nil, path: current?.location.path.map { SourceLocation.childPath($0, "subparagraph", n) }))
                    hasSub = true
                    subSpan = (rest, lineEnd)
                } else if hasSub {
                    subSpan.1 = lineEnd
                } else if hasCurrent {
                    currentSpan.1 = lineEnd
                } else {
                    leadSpan = (leadSpan?.0 ?? lineStart, lineEnd)
                }
                if lineEnd == bytes.count { break }
                lineStart = lineEnd + 1
            }
            closeParagraph()
            return Result(leadText: leadSpan.map(string) ?? "", paragraphs: paragraphs)
        }
        return result ?? Result(leadText: text.trimmed(), paragraphs: [])
    }

    /// Where the line starting at `start` ends: the next line feed, or the end.
    @inline(__always) private static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count,
              let hit = memchr(base + start, 0x0A, bytes.count - start) else { return bytes.count }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
    }

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    /// The white space `trimmed()` drops on bytes.
    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
    @inline(__always) private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// The line `start..<end` of `bytes` (the UTF-8 of `text`) as a Substring, for the Character-based rules.
    private static func lineSubstring(_ text: String, _ start: Int, _ end: Int) -> Substring {
        let utf8 = text.utf8
        return Substring(utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
    }

    private static func offset(of index: String.Index, in text: String) -> Int {
        text.utf8.distance(from: text.utf8.startIndex, to: index)
    }

    /// `paragraphNumber` on bytes: the label and the UTF-8 offset where the rest starts.
    private static func paragraphNumber(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, in text: String) -> (String, Int)? {
        var i = start
        while i < end, isBlank(b[i]) { i += 1 }
        guard i < end, isDigit(b[i]) else { return nil }
        func general() -> (String, Int)? {
            paragraphNumber(lineSubstring(text, start, end)).map { ($0.0, offset(of: $0.1.startIndex, in: text)) }
        }
        let digitsStart = i
        while i < end, isDigit(b[i]) { i += 1 }
        // Past ASCII (a combining mark on a digit, a non-ASCII capital…) the Character rules decide.
        if i < end, b[i] >= 0x80 { return general() }
        guard i - digitsStart <= 2 else { return nil }
        var j = i
        while j < end, b[j] == 0x20 { j += 1 }
        guard j < end, b[j] == 0x2E else { return j < end && b[j] >= 0x80 ? general() : nil }
        j += 1
        var k = j
        while k < end, isDigit(b[k]) { k += 1 }
        guard k < end else { return nil }
        if b[k] >= 0x80 || (k + 1 < end && b[k + 1] >= 0x80) || (j < end && b[j] >= 0x80) { return general() }
        let glued = k == j && b[k] >= 0x41 && b[k] <= 0x5A
        guard isBlank(b[k]) || glued else { return nil }
        let label = String(decoding: UnsafeBufferPointer(rebasing: b[digitsStart..<k]), as: UTF8.self)
        var rest = k
        while rest < end, isBlank(b[rest]) { rest += 1 }
        return (label, rest)
    }

    /// `subparagraphLabel` on bytes: the label and the UTF-8 offset where the rest starts.
    private static func subparagraphLabel(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, in text: String) -> (String, Int)? {
        var i = start
        while i < end, isBlank(b[i]) { i += 1 }
        guard i < end, b[i] == 0x28 else { return nil }
        var close = i + 1
        while close < end, b[close] != 0x29, b[close] < 0x80 { close += 1 }
        if close < end && b[close] >= 0x80 || close + 1 < end && b[close + 1] >= 0x80 {
            return subparagraphLabel(lineSubstring(text, start, end)).map { ($0.0, offset(of: $0.1.startIndex, in: text)) }
        }
        guard close < end, (1...4).contains(close - i - 1),
              b[(i + 1)..<close].allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || isDigit($0) }) else { return nil }
        let label = String(decoding: UnsafeBufferPointer(rebasing: b[i...close]), as: UTF8.self)
        var rest = close + 1
        while rest < end, isBlank(b[rest]) { rest += 1 }
        return (label, rest)
    }

    /// Lines split on the UTF-8 bytes: Character-wise splitting dominated profiles
    /// of whole-corpus runs. A CR before the LF stays in the line and is trimmed later.
    public static func lines(of text: String) -> [Substring] {
        var out: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = start
        while i < utf8.endIndex {
            if utf8[i] == 0x0A {
                out.append(Substring(utf8[start..<i]))
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        out.append(Substring(utf8[start..<utf8.endIndex]))
        return out
    }

    /// The first byte that is not a space or tab, for cheap rejection of most lines.
    public static func firstNonBlankByte(_ line: Substring) -> UInt8? {
        line.utf8.first { $0 != 0x20 && $0 != 0x09 }
    }

    /// `1. text`, `12. text`, `11 .3 text` at a line start → ("1.", "text").
    public static func paragraphNumber(_ line: Substring) -> (String, Substring)? {
        guard let b = firstNonBlankByte(line), b >= 0x30 && b <= 0x39 else { return nil }
        var i = line.startIndex
        while i < line.endIndex, line[i] == " " || line[i] == "\t" { i = line.index(after: i) }
        let digitsStart = i
        while i < line.endIndex, line[i].isASCII, line[i].isNumber { i = line.index(after: i) }
        let digits = line[digitsStart..<i]
        guard !digits.isEmpty, digits.count <= 2 else { return nil }
        var j = i
        while j < line.endIndex, line[j] == " " { j = line.index(after: j) }
        guard j < line.endIndex, line[j] == "." else { return nil }
        j = line.index(after: j)
        // `11 .3` style (WTO JSI): keep the sub-number as part of the label.
        var k = j
        while k < line.endIndex, line[k].isASCII, line[k].isNumber { k = line.index(after: k) }
        guard k < line.endIndex else { return nil }
        // "1.Each Party" (PDF extraction lost the space): a capital right after
        // "N." still opens a paragraph; "1.5" and "1.a" do not.
        let glued = k == j && line[k].isUppercase
        guard line[k] == " " || line[k] == "\t" || glued else { return nil }
        let label = String(line[digitsStart..<k])
        return (label, line[k...].drop { $0 == " " || $0 == "\t" })
    }

    /// `(a) text`, `(iv) text` at a line start → ("(a)", "text").
    public static func subparagraphLabel(_ line: Substring) -> (String, Substring)? {
        guard firstNonBlankByte(line) == 0x28 else { return nil }
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.first == "(", let close = trimmed.firstIndex(of: ")") else { return nil }
        let inner = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
        guard (1...4).contains(inner.count), inner.allSatisfy({ $0.isLetter && $0.isLowercase || $0.isNumber }) else { return nil }
        return (String(trimmed[...close]), trimmed[trimmed.index(after: close)...].drop { $0 == " " || $0 == "\t" })
    }
}

extension StringProtocol {
    /// Without leading and trailing white space. ASCII ends are trimmed on bytes;
    /// Character's `isWhitespace` (a Unicode property look-up) only decides at a
    /// non-ASCII end.
    public func trimmed() -> String {
        // Most texts start and end with a visible ASCII character: nothing to trim.
        var s = Substring(self)
        if let first = s.utf8.first, let last = s.utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return String(self)
        }
        while true {
            guard let b = s.utf8.first else { return "" }
            // A non-ASCII byte after it may be a combining mark that joins the space
            // into one Character: then Character decides.
            let next = s.utf8.dropFirst().first ?? 0
            if b < 0x80 && next < 0x80 {
                guard b == 0x20 || (0x09...0x0D).contains(b) else { break }
                s = Substring(s.utf8.dropFirst())
            } else {
                guard let f = s.first, f.isWhitespace else { break }
                s.removeFirst()
            }
        }
        while true {
            guard let b = s.utf8.last else { return "" }
            if b < 0x80 {
                guard b == 0x20 || (0x09...0x0D).contains(b) else { break }
                s = Substring(s.utf8.dropLast())
            } else {
                guard let l = s.last, l.isWhitespace else { break }
                s.removeLast()
            }
        }
        return String(s)
    }
}

extension String {
    /// `trimmed()` for a String, chosen over the generic one above for String values:
    /// a text that starts and ends with a visible ASCII character (nearly every block,
    /// line and paragraph) is returned as it is after reading its two end bytes. The
    /// generic version, unspecialised across modules, took about 450 instructions to
    /// say so. Anything else goes to the generic version, on the same characters.
    public func trimmed() -> String {
        // The end bytes read in place (`utf8.last` walks an index back: 80 instructions).
        var text = self
        let visibleEnds = text.withUTF8 { b -> Bool in
            guard let first = b.first, let last = b.last else { return false }
            return first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80
        }
        return visibleEnds ? self : Substring(self).trimmed()
    }
}

extension Division {
    /// This division with its body split into paragraphs, when reading deferred the
    /// split (`paragraphsPending`); otherwise itself.
    public func withParagraphs() -> Division {
        guard paragraphsPending else { return self }
        // Text readers record where the body starts below its heading line.
        let split = ParagraphSplitter.split(text, firstLine: textLocation?.line ?? location.line, path: location.path)
        var d = self
        d.text = split.leadText
        d.children = split.paragraphs
        d.paragraphsPending = false
        return d
    }
}
