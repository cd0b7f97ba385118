import DTModel
import DTRules
import Foundation

/// One sentence of an article: the original words for quoting, the normalised
/// text for matching, and where it sits (paragraph label and source location).
struct Sentence {
    /// The words as written (white space collapsed only when quoted: most
    /// sentences never are).
    var raw: String
    var original: String { TextNormalizer.collapseWhitespace(raw) }
    var normalized: NSString
    var paragraph: String?
    var location: SourceLocation
    /// Index of the paragraph-sized unit of the article the sentence is in.
    var unit: Int = 0
    /// Keyword groups in the normalised sentence: a pillar's commitment, mention and
    /// sectoral patterns all need one of its keywords in the same sentence.
    var keywordGroups: UInt64 = 0
    /// Trigrams of the normalised text, so patterns it cannot match are skipped.
    var bloom: TrigramBloom
}

/// Splits an article into sentences. A paragraph's lettered subparagraphs stay in
/// the paragraph's sentence, so a chapeau ("a Party shall not:") governs its list.
enum SentenceSplitter {
    /// Longer runs are cut at white space so no pattern ever scans an unbounded sentence.
    static let maxSentenceLength = 3000

    /// A paragraph-sized piece of an article: its own text with its lettered
    /// subparagraphs, the label to cite and where it starts.
    struct Unit {
        var text: String
        var label: String?
        var location: SourceLocation
        /// UTF-8 offsets in `text` where each division's own text starts, with its
        /// location, so a sentence can be placed on its own line.
        var parts: [(offset: Int, location: SourceLocation)] = []
    }

    static func units(of article: Division) -> [Unit] {
        var units: [Unit] = []
        if !article.text.isEmpty {
            let at = article.textLocation ?? article.location
            units.append(Unit(text: article.text, label: nil, location: at, parts: [(0, at)]))
        }
        for child in article.children {
            var text = ""
            if child.kind != .paragraph && child.kind != .subparagraph, let h = child.heading {
                text = h + ". "
            }
            var parts: [(offset: Int, location: SourceLocation)] = [(text.utf8.count, child.textLocation ?? child.location)]
            text += child.text
            DivisionWalker.walk(child.children) { d, _ in
                text += " " + (d.number.map { $0 + " " } ?? "")
                parts.append((text.utf8.count, d.location))
                text += d.text
            }
            units.append(Unit(text: text, label: child.number, location: child.location, parts: parts))
        }
        return units
    }

    /// The unit's sentences, each with the keyword groups its normalised text holds.
    /// `countLineBreaks`: the division texts keep the source's line breaks, so line
    /// breaks inside them place a sentence on its own line (`DocumentIndex.keepsLineBreaks`).
    static func sentences(of unit: Unit, matcher: KeywordMatcher, countLineBreaks: Bool) -> [Sentence] {
        var out: [Sentence] = []
        var lines = LineCounter(unit: unit, countLineBreaks: countLineBreaks)
        for (s, start) in split(unit.text) {
            guard hasMoreThanTwoCharacters(afterCollapsing: s) else { continue }
            let normalized = TextNormalizer.normalize(s)
            var scan = KeywordMatcher.Scan(matcher)
            scan.feed(normalized)
            out.append(Sentence(raw: s, normalized: normalized as NSString, paragraph: unit.label,
                                location: lines.location(of: start), keywordGroups: scan.groups,
                                bloom: TrigramBloom(normalized)))
        }
        return out
    }

    /// `collapseWhitespace(s).count > 2`, without collapsing when three ASCII bytes
    /// that are not white space already make three Characters.
    static func hasMoreThanTwoCharacters(afterCollapsing s: String) -> Bool {
        var solid = 0
        for b in s.utf8 where b > 0x20 && b < 0x80 {
            solid += 1
            if solid > 2 { return true }
        }
        return TextNormalizer.collapseWhitespace(s).count > 2
    }

    /// The line a sentence starts on: its division's line plus the line breaks
    /// before it in that division's text (the column is known only on the first
    /// line). Sentences come in order, so the count runs forward once per unit.
    struct LineCounter {
        let unit: Unit
        let bytes: [UInt8]
        let countLineBreaks: Bool
        var position = 0
        var breaks = 0
        var part = 0

        init(unit: Unit, countLineBreaks: Bool) {
            self.unit = unit
            self.countLineBreaks = countLineBreaks
            bytes = countLineBreaks ? Array(unit.text.utf8) : []
        }

        mutating func location(of start: Int) -> SourceLocation {
            guard !unit.parts.isEmpty else { return unit.location }
            while part + 1 < unit.parts.count, unit.parts[part + 1].offset <= start {
                part += 1
                position = unit.parts[part].offset
                breaks = 0
            }
            var loc = unit.parts[part].location
            guard countLineBreaks else { return loc }
            if position < unit.parts[part].offset { position = unit.parts[part].offset }
            while position < start && position < bytes.count {
                if bytes[position] == 0x0A { breaks += 1 }
                position += 1
            }
            if breaks > 0 && loc.line > 0 {
                loc.line += breaks
                loc.column = nil
            }
            return loc
        }
    }

    private static let abbreviations: Set<String> = [
        "art", "arts", "no", "nos", "para", "paras", "e.g", "i.e", "etc", "u.s", "sec", "ch", "vol", "p", "pp", "cf",
        "mr", "ms", "dr", "st", "inc", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    /// Sentence boundaries: a full stop followed by white space and a capital, digit,
    /// bracket or quote; not after an abbreviation or a leading paragraph number.
    /// Returns each sentence with the UTF-8 offset it starts at.
    /// Walks the UTF-8 bytes, decoding a scalar only where one is not ASCII, and
    /// counts scalars as it goes (lengths are in scalars): this runs on every
    /// article that passes a pillar's prefilter, and an array of scalars with their
    /// offsets cost more than the rest of the split.
    static func split(_ text: String) -> [(String, Int)] {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { split(bytes: $0) } ?? []
    }

    private static func split(bytes: UnsafeBufferPointer<UInt8>) -> [(String, Int)] {
        let n = bytes.count
        /// The scalar at byte `i` and its width; a malformed byte (never in a Swift
        /// string) reads as U+FFFD, one byte wide.
        @inline(__always) func scalar(at i: Int) -> (Unicode.Scalar, Int) {
            let b = bytes[i]
            if b < 0x80 { return (Unicode.Scalar(b), 1) }
            guard let (v, w) = TextNormalizer.decode(bytes, at: i), let u = Unicode.Scalar(v) else { return ("\u{FFFD}", 1) }
            return (u, w)
        }
        @inline(__always) func isSpace(at i: Int) -> Bool {
            let b = bytes[i]
            if b < 0x80 { return b == 0x20 || (0x09...0x0D).contains(b) }
            return TextNormalizer.isWhitespace(scalar(at: i).0)
        }
        let scalarCount = countScalars(bytes)
        func piece(_ from: Int, _ to: Int) -> (String, Int) {
            (String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self), from)
        }
        var out: [(String, Int)] = []
        // `start`/`i` are byte offsets; `startScalar`/`si` the same places counted in scalars.
        var start = 0, startScalar = 0
        var i = 0, si = 0
        while i < n {
            // Skip what the body below would only step over: ASCII bytes other than
            // '.', '!' and '?' (each one scalar, no stop) while the sentence is shorter
            // than the cut length (no cut at white space yet). The body then reads the
            // first byte that may matter exactly as it did when it read every byte.
            i = skipToStopOrLimit(bytes, from: i, scalar: &si, limit: startScalar + maxSentenceLength)
            guard i < n else { break }
            let (c, width) = scalar(at: i)
            if c == "." || c == "!" || c == "?", si + 2 < scalarCount, isSpace(at: i + width) {
                var j = i + width, sj = si + 1
                while j < n, isSpace(at: j) { j += scalar(at: j).1; sj += 1 }
                if j < n, opensSentence(scalar(at: j).0) {
                    // The word before the stop: back over its scalars to white space or `start`.
                    var k = i
                    var reachedStart = true
                    while k > start {
                        var p = k - 1
                        while p > start && bytes[p] & 0xC0 == 0x80 { p -= 1 }
                        if isSpace(at: p) { reachedStart = false; break }
                        k = p
                    }
                    let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[k..<i]), as: UTF8.self).lowercased()
                    let isLeadingLabel = reachedStart && word.unicodeScalars.allSatisfy { isDigit($0) || $0 == "." }
                    let isAbbrev = abbreviations.contains(word) || (word.unicodeScalars.count == 1 && word.unicodeScalars.first.map(isLetter) == true)
                    if !isLeadingLabel && !isAbbrev {
                        out.append(piece(start, i + width))
                        start = j; startScalar = sj
                        i = j; si = sj
                        continue
                    }
                }
            }
            if si - startScalar >= maxSentenceLength && TextNormalizer.isWhitespace(c) {
                out.append(piece(start, i))
                start = i + width; startScalar = si + 1
            }
            i += width
            si += 1
        }
        if start < n { out.append(piece(start, n)) }
        return out
    }

    /// Scalars in `bytes`: the bytes that are not UTF-8 continuation bytes, eight
    /// ASCII bytes at a time.
    static func countScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let n = bytes.count
        var count = 0
        var i = 0
        while i + 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if w & 0x8080_8080_8080_8080 == 0 {
                count += 8
            } else {
                for k in i..<(i + 8) where base[k] & 0xC0 != 0x80 { count += 1 }
            }
            i += 8
        }
        while i < n {
            if base[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// The first byte offset from `i` that is not ASCII, is '.', '!' or '?', or is
    /// reached when the scalar count `si` (advanced by one a byte skipped) reaches
    /// `limit`; `n` when the text ends first. Eight bytes at a time: a word is
    /// skipped whole when none of its bytes has the high bit set or equals a stop
    /// (the zero-byte test `(v - 0x01…) & ~v & 0x80…` is nonzero exactly when some
    /// byte of `v` is zero).
    @inline(__always)
    static func skipToStopOrLimit(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, scalar si: inout Int, limit: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let n = bytes.count
        var i = start
        @inline(__always) func hasByte(_ w: UInt64, _ b: UInt64) -> Bool {
            let v = w ^ (b &* 0x0101_0101_0101_0101)
            return (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080 != 0
        }
        while i + 8 <= n && si + 8 <= limit {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if w & 0x8080_8080_8080_8080 != 0 || hasByte(w, 0x2E) || hasByte(w, 0x21) || hasByte(w, 0x3F) { break }
            i += 8
            si += 8
        }
        while i < n && si < limit {
            let b = base[i]
            if b >= 0x80 || b == 0x2E || b == 0x21 || b == 0x3F { break }
            i += 1
            si += 1
        }
        return i
    }

    private static func opensSentence(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return (0x41...0x5A).contains(u.value) || isDigit(u) || u == "(" || u == "\"" }
        return u.properties.isUppercase || u.properties.numericType != nil || u == "“" || u == "•"
    }

    private static func isDigit(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x80 ? (0x30...0x39).contains(u.value) : u.properties.numericType != nil
    }

    private static func isLetter(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x80 ? ((0x41...0x5A).contains(u.value) || (0x61...0x7A).contains(u.value)) : u.properties.isAlphabetic
    }
}
