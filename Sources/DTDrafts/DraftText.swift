import DTModel
import Foundation

/// A document's text as one stream of Unicode scalars, as the model holds it:
/// every division's heading and then its own text, in document order, each
/// followed by a line break. Brackets are found on this stream, so they are found
/// the same way whatever format the document came in, and a bracket may run from
/// a heading into the body or over several paragraphs.
struct DraftText: Sendable {
    /// One division's heading or text in the stream. Division `n` (in document
    /// order) has segments `2n` (heading) and `2n + 1` (text).
    struct Segment: Sendable {
        var start: Int
        var end: Int
        var isHeading: Bool
        /// The segment opens a new article, chapter, section …: a bracket the draft
        /// never closes is closed before it.
        var isBoundary: Bool
        /// The article (document order) the segment belongs to, nil outside articles.
        var article: Int?
        /// Line of the segment's first character in the file.
        var line: Int
        /// Whether the text keeps the file's line breaks, so that counting them
        /// gives the line of a character.
        var countsLines: Bool
    }

    var scalars: [Unicode.Scalar] = []
    var segments: [Segment] = []
    /// Each article (document order), its division ordinal and its label.
    var articles: [(ordinal: Int, division: Division, label: String)] = []

    /// `bytes` decoded onto `scalars` as `String(decoding:as:)` reads them: ASCII
    /// byte by byte, each run of other bytes through the string decoder. An ASCII
    /// byte always ends an invalid sequence, so decoding the runs between ASCII
    /// bytes apart repairs them exactly as decoding the whole text would.
    private mutating func appendScalars(of bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                scalars.append(Unicode.Scalar(b))
                i += 1
                continue
            }
            var end = i + 1
            while end < n, bytes[end] >= 0x80 { end += 1 }
            scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self).unicodeScalars)
            i = end
        }
    }

    /// Whether any heading or text of `agreement` holds a `[`: most documents have
    /// none and are read no further.
    static func mayHoldBrackets(_ agreement: Agreement) -> Bool {
        var stack = agreement.divisions
        while let d = stack.popLast() {
            // memchr for headings too: reading their UTF-8 view byte by byte was half the cost.
            if var heading = d.heading,
               heading.withUTF8({ bytes in bytes.baseAddress.map { memchr($0, 0x5B, bytes.count) != nil } ?? false }) { return true }
            // memchr: a byte loop over every text of the corpus showed in profiles.
            if d.withTextUTF8({ bytes in bytes.baseAddress.map { memchr($0, 0x5B, bytes.count) != nil } ?? false }) { return true }
            stack.append(contentsOf: d.children)
        }
        return false
    }

    init(_ agreement: Agreement) {
        let countsLines = [.tota, .akomaNtoso, .xml, .markdown, .text].contains(agreement.sourceFormat)
        var ordinal = 0
        func add(_ text: String, heading: Bool, boundary: Bool, article: Int?, line: Int) {
            let start = scalars.count
            scalars.append(contentsOf: text.unicodeScalars)
            segments.append(Segment(start: start, end: scalars.count, isHeading: heading, isBoundary: boundary, article: article,
                                    line: line, countsLines: countsLines && !heading))
            scalars.append("\n")
        }
        /// A division's own text, read from the bytes ingest kept (`add` would make
        /// it a string first, for every article of every document with a `[`).
        func addText(of d: Division, article: Int?) {
            let start = scalars.count
            d.withTextUTF8 { appendScalars(of: $0) }
            segments.append(Segment(start: start, end: scalars.count, isHeading: false, isBoundary: false, article: article,
                                    line: (d.textLocation ?? d.location).line, countsLines: countsLines))
            scalars.append("\n")
        }
        // The outermost article above the division visited, with its depth: what
        // lies below an article belongs to it.
        var enclosing: (depth: Int, article: Int)?
        DivisionWalker.walk(agreement.divisions) { d, depth in
            if let e = enclosing, e.depth >= depth { enclosing = nil }
            let article = enclosing?.article
            var own = article
            if article == nil, d.kind == .article {
                own = articles.count
                enclosing = (depth, articles.count)
                articles.append((ordinal, d, d.number ?? d.heading ?? "article \(articles.count + 1)"))
            }
            let boundary = d.kind != .paragraph && d.kind != .subparagraph && (article == nil || d.kind == .article)
            ordinal += 1
            add(d.heading ?? "", heading: true, boundary: boundary, article: own, line: d.location.line)
            addText(of: d, article: own)
        }
        for s in segments where s.countsLines {
            for i in s.start..<s.end where scalars[i] == "\n" { breaks.append(i) }
        }
    }

    /// The segment holding stream offset `offset` (or the next one, for a separator).
    func segment(at offset: Int) -> Int {
        var lo = 0
        var hi = segments.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if segments[mid].end < offset { lo = mid + 1 } else { hi = mid }
        }
        return min(lo, max(0, segments.count - 1))
    }

    /// Offsets of every line break inside segments, in order (built once, so a
    /// line is found by binary search however many brackets ask).
    private(set) var breaks: [Int] = []

    /// The file line of stream offset `offset`.
    func line(at offset: Int) -> Int {
        guard !segments.isEmpty else { return 0 }
        let s = segments[segment(at: offset)]
        guard s.countsLines, offset > s.start else { return s.line }
        func rank(_ x: Int) -> Int {
            var lo = 0
            var hi = breaks.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if breaks[mid] < x { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        return s.line + rank(min(offset, s.end)) - rank(s.start)
    }

    func string(_ range: Range<Int>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[max(0, range.lowerBound)..<min(scalars.count, range.upperBound)])
        return String(v)
    }

    /// Segment `i` with every scalar in `blanks` (sorted, disjoint) made a space,
    /// line breaks kept so that lines and paragraphs stay where they were; nil when
    /// no blank touches it.
    func render(_ i: Int, blanks: [Range<Int>]) -> String? {
        let s = segments[i]
        // First blank that ends after the segment starts.
        var lo = 0
        var hi = blanks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if blanks[mid].upperBound <= s.start { lo = mid + 1 } else { hi = mid }
        }
        guard lo < blanks.count, blanks[lo].lowerBound < s.end else { return nil }
        var out = Array(scalars[s.start..<s.end])
        var k = lo
        for p in s.start..<s.end {
            while k < blanks.count, blanks[k].upperBound <= p { k += 1 }
            if k < blanks.count, blanks[k].contains(p), scalars[p] != "\n" { out[p - s.start] = " " }
        }
        // `transmissions [KR: …], including`: the comma moves up to the word before the
        // dropped bracket, so quotes read `transmissions, including` (same length).
        for r in blanks[lo...] {
            guard r.lowerBound < s.end else { break }
            let before = r.lowerBound - 1 - s.start
            let after = r.upperBound - s.start
            guard before >= 0, after < out.count, out[before] == " ", [",", ".", ";", ":", ")"].contains(out[after]) else { continue }
            out[before] = out[after]
            out[after] = " "
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: out)
        return String(view)
    }
}
