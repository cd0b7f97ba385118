import DTModel
import DTXML

/// One block of an HTML page's text: a heading, a paragraph, a list item, a table.
struct HTMLBlock {
    var text: String
    /// 1-6 for h1-h6, nil for other blocks.
    var headingLevel: Int?
    var line: Int
    var path: String
    /// Ids of footnote bodies this block cites.
    var footnoteRefs: [String]
    /// A table as text (rows by newlines, cells by tabs).
    var isTable = false
}

/// Flattens an HTML body into blocks, skipping chrome and footnote bodies.
/// Inline elements join into their block's text; `br` is a newline; tables are
/// kept as text, cells separated by tabs and rows by newlines.
struct HTMLBlockCollector {
    private static let blockElements: Set<String> = [
        "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dd", "dt", "blockquote", "pre",
        "h1", "h2", "h3", "h4", "h5", "h6", "table", "center", "body", "figure", "figcaption", "hr", "address", "caption",
    ]

    /// Ids of elements that are footnote bodies (not walked as text).
    var footnoteIds: Set<String> = []
    /// Read the original of a redline (`<del>` kept, `<ins>` dropped) instead of
    /// the text with every change accepted.
    var rejectChanges = false
    /// `<ins>` and `<del>` as comparison tools save them, read with changes accepted.
    private(set) var changes: [TrackedChange] = []
    private(set) var blocks: [HTMLBlock] = []
    private var buffer = ""
    private var refs: [String] = []
    private var bufferLine = 0
    private var bufferPath = ""

    init(footnoteIds: Set<String>) {
        self.footnoteIds = footnoteIds
    }

    mutating func collect(_ root: XMLElement, path: String) {
        walk(root, path: path, depth: 0)
        flush()
    }

    private mutating func flush(level: Int? = nil) {
        // Nothing gathered (every block element flushes before and after itself): no block.
        if buffer.isEmpty, refs.isEmpty { return }
        let text = buffer.trimmed()
        if !text.isEmpty || !refs.isEmpty {
            blocks.append(HTMLBlock(text: text, headingLevel: level, line: bufferLine, path: bufferPath, footnoteRefs: refs))
        }
        buffer = ""
        refs = []
    }

    private mutating func appendText(_ t: String, line: Int, path: String) {
        if buffer.isEmpty {
            bufferLine = line
            bufferPath = path
            // White space alone (the line breaks between a page's block elements: half its
            // text nodes) collapses to nothing in an empty buffer. A CR is left to the
            // collapse: CR LF is one Character, which the collapse keeps.
            if t.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 }) { return }
        }
        let bufferEmpty = buffer.isEmpty, bufferEndsInSpace = buffer.last == " " || buffer.last == "\n"
        buffer += Self.collapsedBytes(t, bufferEmpty: bufferEmpty, bufferEndsInSpace: bufferEndsInSpace)
            ?? Self.collapsedCharacters(t, bufferEmpty: bufferEmpty, bufferEndsInSpace: bufferEndsInSpace)
    }

    /// HTML white space collapsed to single spaces (a kept newline, from `br`, stays), by
    /// Characters: what `collapsedBytes` and `collapsesToItself` must agree with.
    static func collapsedCharacters(_ t: String, bufferEmpty: Bool, bufferEndsInSpace: Bool) -> String {
        var out = ""
        var pending = false
        for ch in t {
            if ch == " " || ch == "\t" || ch == "\n" || ch == "\r" { pending = true; continue }
            if pending, !(out.isEmpty && (bufferEmpty || bufferEndsInSpace)) { out.append(" ") }
            pending = false
            out.append(ch)
        }
        if pending, !bufferEndsInSpace, !(out.isEmpty && bufferEmpty) { out.append(" ") }
        return out
    }

    /// `appendText`'s collapse on bytes, for text where every white-space byte is a
    /// Character of its own: no CR LF, and no white space next to a non-ASCII byte (a
    /// combining mark after it, or a prepended mark before a space, would join it into a
    /// larger Character that the loop below does not take for white space). Nil otherwise.
    static func collapsedBytes(_ t: String, bufferEmpty: Bool, bufferEndsInSpace: Bool) -> String? {
        var t = t
        let unchanged = t.withUTF8 { collapsesToItself($0) }
        if unchanged { return t }
        return t.withUTF8 { bytes -> String? in
            // Written through a pointer into the result's own storage: appending byte by
            // byte to an array cost about 30 instructions a byte, most of a big page's
            // reading. The output is never longer than the input (each run of white space
            // gives at most one space), and dropping or replacing ASCII bytes of valid
            // UTF-8 leaves it valid.
            var refused = false
            let result = String(unsafeUninitializedCapacity: bytes.count) { out -> Int in
                func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
                var n = 0
                var pending = false
                var previous: UInt8 = 0
                for b in bytes {
                    if isSpace(b) {
                        if previous >= 0x80 || (previous == 0x0D && b == 0x0A) { refused = true; return 0 }
                        pending = true
                        previous = b
                        continue
                    }
                    if b >= 0x80, isSpace(previous) { refused = true; return 0 }
                    if pending, !(n == 0 && (bufferEmpty || bufferEndsInSpace)) { out[n] = 0x20; n += 1 }
                    pending = false
                    out[n] = b
                    n += 1
                    previous = b
                }
                if pending, !bufferEndsInSpace, !(n == 0 && bufferEmpty), n < out.count { out[n] = 0x20; n += 1 }
                return n
            }
            return refused ? nil : result
        }
    }

    /// Whether `collapsedBytes` would give `bytes` back as they are, told without copying
    /// them: no tab, line feed or carriage return, and every space single, between two ASCII
    /// bytes that are no white space (so no run to shorten, no space at either end whose
    /// fate depends on the buffer, no refusal next to a non-ASCII byte). Most text of a page
    /// is so; anything else (including harmless cases) takes the collapse.
    ///
    /// Read eight bytes at a time (a space comes every few bytes of prose, so a byte loop
    /// paid for every byte; this was 2% of a big page's instructions). A word with no byte
    /// below 0x21 passes at once; a word with a control byte other than a space (tab, LF,
    /// CR or another) is left to the byte loop from there on; in a word whose only low bytes
    /// are spaces, each space needs an ASCII byte before it and a visible ASCII byte after
    /// it, the neighbours across the word's edges included (before the first byte and
    /// after the last count as failing). That is the condition the byte loop
    /// (`collapsesToItselfByBytes`, which also does the last few bytes) tests space by
    /// space; test `HTMLCollapseTests` compares the two.
    static func collapsesToItself(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        guard let base = bytes.baseAddress, n >= 8 else { return collapsesToItselfByBytes(bytes, from: 0) }
        let raw = UnsafeRawPointer(base)
        let high: UInt64 = 0x8080_8080_8080_8080
        let seven: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var i = 0
        // Bit 7 set when the byte before the word rules out a space as the word's first byte.
        var beforeBad: UInt64 = 0x80
        while i + 8 <= n {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            // Bit 7 of each byte below 0x21 (exact for every byte value: the low seven bits
            // plus 0x5F carry into bit 7 exactly when they are 0x21 or more, and a byte with
            // bit 7 set is not below).
            let low = ~(((w & seven) &+ 0x5F5F_5F5F_5F5F_5F5F) | w) & high
            if low != 0 {
                // Bit 7 of each space byte (a zero byte of w ^ 0x20…).
                let z = w ^ 0x2020_2020_2020_2020
                let spaces = ~(((z & seven) &+ seven) | z) & high
                if low & ~spaces != 0 { return collapsesToItselfByBytes(bytes, from: i) }
                let after = i + 8 < n ? base[i + 8] : 0
                let afterBad: UInt64 = after < 0x21 || after >= 0x80 ? 0x80 << 56 : 0
                let nonASCII = w & high
                // Per byte: the byte before it is not ASCII, or the byte after it is a space,
                // not ASCII, or (the last) below 0x21.
                let bad = (nonASCII << 8) | beforeBad | (nonASCII >> 8) | (spaces >> 8) | afterBad
                if spaces & bad != 0 { return false }
            }
            beforeBad = (w >> 56) & 0x80
            i += 8
        }
        return collapsesToItselfByBytes(bytes, from: i)
    }

    /// `collapsesToItself` byte by byte, from `start` (the bytes before it already passed).
    static func collapsesToItselfByBytes(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let n = bytes.count
        var i = start
        while i < n {
            let b = bytes[i]
            if b > 0x20 { i += 1; continue }
            if b == 0x20 {
                guard i > 0, i + 1 < n, bytes[i - 1] < 0x80 else { return false }
                let after = bytes[i + 1]
                guard after > 0x20, after < 0x80 else { return false }
                i += 2
                continue
            }
            if b == 0x09 || b == 0x0A || b == 0x0D { return false }
            i += 1 // another control byte: kept by the collapse as it is
        }
        return true
    }

    private mutating func walk(_ e: XMLElement, path: String, depth: Int) {
        var counts = SiblingCounts()
        for child in e.children {
            switch child {
            case .text(let t, let line):
                appendText(t, line: line, path: path)
            case .element(let c):
                let childPath = SourceLocation.childPath(path, c.name, counts.next(c.name))
                if HTMLChrome.isChrome(c) { continue }
                if let id = c["id"], footnoteIds.contains(id) { continue }
                visit(c, path: childPath, depth: depth + 1)
            }
        }
    }

    private mutating func visit(_ c: XMLElement, path: String, depth: Int) {
        // A paragraph (most elements of a page) is a block element that none of the
        // cases below names: told first, not after a dozen name comparisons and a hash.
        if c.name == "p" {
            visitBlock(c, path: path, depth: depth)
            return
        }
        switch c.name {
        case "br":
            buffer += "\n"
        case "a":
            if let href = c["href"], href.hasPrefix("#"), footnoteIds.contains(String(href.dropFirst())) {
                if buffer.isEmpty { bufferLine = c.line; bufferPath = path }
                refs.append(String(href.dropFirst()))
            } else {
                walk(c, path: path, depth: depth)
            }
        case "ins", "del":
            let inserted = c.name == "ins"
            if !rejectChanges {
                let words = TextCollapse.collapse(c.textContent)
                if !words.isEmpty {
                    // Word's "save as web page" writes the author as `cite="mailto:…"`; others use `title`.
                    let author = c["data-author"] ?? c["cite"].map { $0.hasPrefix("mailto:") ? String($0.dropFirst(7)) : $0 } ?? c["title"]
                    changes.append(TrackedChange(kind: inserted ? .insertion : .deletion, author: author, date: c["datetime"],
                                                 text: words, line: c.line))
                }
            }
            if inserted != rejectChanges { walk(c, path: path, depth: depth) }
        case "sup":
            // A `sup` holding only a footnote link contributes the reference, not its number.
            walk(c, path: path, depth: depth)
        case "table":
            flush()
            let text = HTMLBlockCollector.tableText(c)
            if !text.isEmpty {
                blocks.append(HTMLBlock(text: text, headingLevel: nil, line: c.line, path: path, footnoteRefs: [], isTable: true))
            }
        case "h1", "h2", "h3", "h4", "h5", "h6":
            flush()
            bufferLine = c.line
            bufferPath = path
            walk(c, path: path, depth: depth)
            if buffer.isEmpty { bufferLine = c.line; bufferPath = path }
            flush(level: Int(String(c.name.dropFirst())))
        case "pre":
            flush()
            bufferLine = c.line
            bufferPath = path
            buffer = c.textContent
            flush()
        default:
            if Self.blockElements.contains(c.name) {
                visitBlock(c, path: path, depth: depth)
            } else {
                walk(c, path: path, depth: depth)
            }
        }
    }

    /// A block element: its text is a block of its own.
    private mutating func visitBlock(_ c: XMLElement, path: String, depth: Int) {
        flush()
        if buffer.isEmpty { bufferLine = c.line; bufferPath = path }
        walk(c, path: path, depth: depth)
        flush()
    }

    /// A table as text: cells joined by tabs, rows by newlines.
    static func tableText(_ table: XMLElement) -> String {
        let rows = table.descendants { $0.name == "tr" }
        var lines: [String] = []
        for row in rows {
            let cells = row.childElements.filter { $0.name == "td" || $0.name == "th" }
                .map { TextCollapse.collapse($0.textContent) }
            let line = cells.joined(separator: "\t")
            if !line.trimmed().isEmpty { lines.append(line) }
        }
        if rows.isEmpty { return TextCollapse.collapse(table.textContent) }
        return lines.joined(separator: "\n")
    }
}

/// How many siblings of each name came so far (an element's `[n]` in its path). An
/// element's children bear few names: a short list compared name by name, a
/// dictionary only past a dozen names (hashing every child's name showed in profiles).
struct SiblingCounts {
    private var names: [String] = []
    private var counts: [Int] = []
    private var many: [String: Int]?

    /// The count of `name` including this one.
    mutating func next(_ name: String) -> Int {
        if var all = many {
            many = nil // so `all` is the dictionary's only reference: no copy on write
            let n = (all[name] ?? 0) + 1
            all[name] = n
            many = all
            return n
        }
        if let i = names.firstIndex(of: name) {
            counts[i] += 1
            return counts[i]
        }
        if names.count < 12 {
            names.append(name)
            counts.append(1)
            return 1
        }
        var all = Dictionary(uniqueKeysWithValues: zip(names, counts))
        all[name] = 1
        many = all
        return 1
    }
}

/// White space collapse that keeps characters and case (for cells and headings).
enum TextCollapse {
    /// Runs of white space as one space, none at the ends: what splitting on
    /// `Character.isWhitespace` and joining with " " gives, computed on scalars. A
    /// Character holds a white-space scalar only alone, as CR LF, or joined by a mark
    /// (Extend, SpacingMark, ZWJ) after it or a Prepend before it; a text with any of
    /// those (rare in agreements) takes the Character path, so the result is the same.
    static func collapse(_ s: String) -> String {
        if let ascii = collapseASCII(s) { return ascii }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v == 0x20 || (v >= 0x09 && v <= 0x0D) {
                pendingSpace = !out.isEmpty
                continue
            }
            if v >= 0x80, joinsOrSeparates(scalar) {
                return s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        return String(out)
    }

    /// `collapse` on bytes when the text is ASCII (each byte a scalar and, but for CR LF,
    /// which collapses as two white-space scalars do, a Character). Nil otherwise.
    private static func collapseASCII(_ s: String) -> String? {
        var s = s
        // Already collapsed (most headings, cells and titles): given back, not rebuilt byte by byte.
        if s.withUTF8({ isCollapsedASCII($0) }) { return s }
        return s.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for b in bytes {
                if b >= 0x80 { return nil }
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(b)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// ASCII with single spaces between other bytes and no other white space: what
    /// `collapseASCII` gives back unchanged.
    static func isCollapsedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousSpace = true // a space first is dropped
        for b in bytes {
            if b >= 0x80 { return false }
            if b == 0x20 {
                if previousSpace { return false }
                previousSpace = true
                continue
            }
            if b >= 0x09 && b <= 0x0D { return false }
            previousSpace = false
        }
        return bytes.isEmpty || !previousSpace
    }

    /// Non-ASCII white space, and scalars that can join a white-space scalar into a larger Character.
    private static func joinsOrSeparates(_ scalar: Unicode.Scalar) -> Bool {
        let p = scalar.properties
        if p.isWhitespace || p.isGraphemeExtend || scalar.value == 0x200D { return true }
        switch p.generalCategory {
        case .spacingMark, .nonspacingMark, .enclosingMark, .format: return true // format: Prepend (U+0600…) and others
        default: break
        }
        // Prepend letters outside the Format category (Malayalam dot reph, some Brahmic signs).
        return scalar.value == 0x0D4E || (0x11000...0x1FFFF).contains(scalar.value)
    }
}
