/// Splits an article's body into numbered paragraphs (`1.`, `2.`, `11 .3`) and
/// lettered or roman subparagraphs (`(a)`, `(iv)`) found at line starts.
/// What comes before the first number stays as the article's own text.
public enum ParagraphSplitter {
    public struct Result: Sendable {
        public var leadText: String
        public var paragraphs: [Division]
    }

    /// `firstLine` is the line the text starts on; `path` is the article's element path.
    public static func split(_ text: String, firstLine: Int, path: String?) -> Result {
        var lead: [Substring] = []
        var paragraphs: [Division] = []
        var currentLines: [Substring] = []
        var current: Division?
        var sub: Division?
        var subLines: [Substring] = []
        var line = firstLine

        /// Consecutive lines of `text` joined by their newlines: the original span,
        /// sliced rather than rebuilt.
        func joined(_ lines: [Substring]) -> Substring {
            guard let first = lines.first, let last = lines.last else { return "" }
            return text[first.startIndex..<last.endIndex]
        }

        func closeSub() {
            guard var s = sub else { return }
            s.text = joined(subLines).trimmed()
            if current != nil { current?.children.append(s) } else { lead.append(contentsOf: subLines) }
            sub = nil
            subLines = []
        }
        func closeParagraph() {
            closeSub()
            guard var p = current else { return }
            p.text = joined(currentLines).trimmed()
            paragraphs.append(p)
            current = nil
            currentLines = []
        }

        for raw in lines(of: text) {
            defer { line += 1 }
            if let (number, rest) = paragraphNumber(raw) {
                closeParagraph()
                let n = paragraphs.count + 1
                current = Division(kind: .paragraph, number: number, location: SourceLocation(
                    line: line, column: nil, path: path.map { "\($0)/paragraph[\(n)]" }))
                currentLines = [rest]
            } else if current != nil, let (label, rest) = subparagraphLabel(raw) {
                closeSub()
                let n = (current?.children.count ?? 0) + 1
                sub = Division(kind: .subparagraph, number: label, location: SourceLocation(
                    line: line, column: nil, path: current?.location.path.map { "\($0)/subparagraph[\(n)]" }))
                subLines = [rest]
            } else if sub != nil {
                subLines.append(raw)
            } else if current != nil {
                currentLines.append(raw)
            } else {
                lead.append(raw)
            }
        }
        closeParagraph()
        return Result(leadText: joined(lead).trimmed(), paragraphs: paragraphs)
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
        var s = Substring(self)
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

extension Division {
    /// This division with its body split into paragraphs, when reading deferred the
    /// split (`paragraphsPending`); otherwise itself.
    public func withParagraphs() -> Division {
        guard paragraphsPending else { return self }
        let split = ParagraphSplitter.split(text, firstLine: location.line, path: location.path)
        var d = self
        d.text = split.leadText
        d.children = split.paragraphs
        d.paragraphsPending = false
        return d
    }
}
