import DTModel

/// Lines a PDF-to-text conversion leaves behind that are not agreement text:
/// page numbers and running headers or footers.
enum PageFurniture {
    /// `- 3 -`, `-493-`, `12-5`, `Page 3 of 20`, `Page 3`, `3`, `iv` alone on a line.
    static func isPageNumber(_ raw: String) -> Bool {
        // Over 24 printable ASCII bytes other than `#` are over 24 Characters that the
        // trimming below keeps: no page number (most lines, told without trimming).
        if raw.utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            var solid = 0
            for b in bytes where b > 0x20 && b < 0x7F && b != 0x23 {
                solid += 1
                if solid > 24 { return true }
            }
            return false
        }) == true { return false }
        var s = Substring(raw.trimmed())
        while s.first == "#" { s = s.dropFirst() }
        s = Substring(s.trimmed())
        // `dropFirst(24).isEmpty` is `count <= 24` without counting a long line's characters.
        guard !s.isEmpty, !s.hasMoreCharacters(than: 24) else { return false }
        if s.allSatisfy(\.isNumber) { return s.count <= 4 }
        // `- 3 -`, `-493-`, `— 12 —`
        let dashes: Set<Character> = ["-", "–", "—"]
        if let f = s.first, let l = s.last, dashes.contains(f), dashes.contains(l) {
            let inner = s.dropFirst().dropLast().trimmed()
            return !inner.isEmpty && inner.allSatisfy(\.isNumber)
        }
        // `12-5`: chapter-page numbering.
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }) { return true }
        // `Page 3`, `Page 3 of 20`, `page 3/20`
        let words = s.lowercased().split(separator: " ")
        if words.first == "page", (2...4).contains(words.count) {
            return words.dropFirst().allSatisfy { $0 == "of" || $0.allSatisfy { $0.isNumber || $0 == "/" } }
        }
        return false
    }

    /// Short lines repeated verbatim at least three times that are not headings or
    /// list items: running headers and footers. Sentences (ending in `.`, `;`, `:`
    /// or `,`) are left alone, since agreements repeat those on purpose.
    static func runningHeaders(_ lines: [String], skipping skipped: [Bool] = []) -> Set<String> {
        var counts: [String: Int] = [:]
        for (i, line) in lines.enumerated() where i >= skipped.count || !skipped[i] {
            // Told from the bytes without trimming (most lines): fewer than three bytes
            // are fewer than three Characters, and over 60 printable ASCII bytes other
            // than a space are over 60 Characters that trimming keeps (two such bytes
            // are never one Character).
            if line.utf8.count < 3 || hasMoreSolidBytes(line, than: 60) { continue }
            let t = line.trimmed()
            // `3...60` characters, without counting a long line's characters.
            guard t.hasMoreCharacters(than: 2), !t.hasMoreCharacters(than: 60), t.contains(where: \.isLetter) else { continue }
            counts[t, default: 0] += 1
        }
        var out: Set<String> = []
        for (t, n) in counts where n >= 3 {
            if let l = t.last, ".;:,".contains(l) { continue }
            if t.hasPrefix("(") || t.hasPrefix("#") || ParagraphSplitter.paragraphNumber(Substring(t)) != nil { continue }
            if HeadingParser.parse(t) != nil { continue }
            out.insert(t)
        }
        return out
    }
}

/// Whether `line` holds more than `n` printable ASCII bytes other than a space.
func hasMoreSolidBytes(_ line: String, than n: Int) -> Bool {
    line.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
        var solid = 0
        for b in bytes where b > 0x20 && b < 0x7F {
            solid += 1
            if solid > n { return true }
        }
        return false
    } ?? false
}

extension StringProtocol {
    /// `!dropFirst(n).isEmpty`, told from the bytes when the first n + 1 are printable
    /// ASCII (each of those is a Character of its own): walking Characters to the 61st
    /// on every line of a big text showed in profiles.
    func hasMoreCharacters(than n: Int) -> Bool {
        let told = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var printable = 0
            for b in bytes {
                guard b >= 0x20 && b < 0x7F else { return false }
                printable += 1
                if printable > n { return true }
            }
            return false
        }
        return told == true || !dropFirst(n).isEmpty
    }
}
