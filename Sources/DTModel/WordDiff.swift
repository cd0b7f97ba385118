/// A word-level redline from one wording to another, as a negotiator reads a
/// tracked-changes view: runs of words kept, removed and added, in reading order.
///
/// Words are compared by their normalised form (`TextNormalizer`: case, curly
/// quotes, dashes and accents folded), so "Party’s" and "party's" are the same
/// word; the runs keep the words as written. Where both texts have a word that
/// differs only in form, the run shows the new text's spelling.
///
/// The alignment is a longest common subsequence of words after the common
/// prefix and suffix are trimmed. Clauses are a few hundred words, so the
/// quadratic table is small; above `maximumCells` (two whole chapters) the middle
/// is shown as one removal and one addition rather than spending seconds on it.
public struct WordDiff: Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case same, removed, added
    }

    /// Consecutive words of one kind, joined by single spaces.
    public struct Run: Codable, Sendable, Equatable {
        public var kind: Kind
        public var text: String

        public init(kind: Kind, text: String) {
            self.kind = kind
            self.text = text
        }
    }

    public var runs: [Run]

    /// The table size above which the middle of two texts is not aligned word by word.
    public static let maximumCells = 4_000_000

    public init(from old: String, to new: String) {
        self.init(from: Words(old), to: Words(new))
    }

    /// A text's words with the forms they are compared by, read once for several
    /// redlines (normalising word by word is most of what a redline costs).
    public struct Words: Sendable {
        let items: [Word]

        public init(_ text: String) {
            items = WordDiff.words(text)
        }
    }

    /// The redline between two texts whose words are read already: the same as
    /// `init(from:to:)` on the texts.
    public init(from old: Words, to new: Words) {
        runs = Self.align(old.items, new.items)
    }

    /// True when the two wordings are the same words (ignoring case, spacing and typography).
    public var isUnchanged: Bool { runs.allSatisfy { $0.kind == .same } }

    /// Share of words kept: 2 × kept ÷ (old words + new words), 1 for two empty texts.
    /// Compare uses it to match articles by content.
    public var similarity: Double {
        var kept = 0, removed = 0, added = 0
        for run in runs {
            let count = Self.wordCount(run.text)
            switch run.kind {
            case .same: kept += count
            case .removed: removed += count
            case .added: added += count
            }
        }
        let total = 2 * kept + removed + added
        return total == 0 ? 1 : Double(2 * kept) / Double(total)
    }

    /// `text.split(separator: " ").count`: for ASCII text (where a space is always a
    /// character of its own) counted on the bytes; splitting made a string of every
    /// word, and the similarity of a redline cost more than the redline.
    static func wordCount(_ text: String) -> Int {
        var text = text
        let counted: Int? = text.withUTF8 { bytes in
            var count = 0
            var inWord = false
            for b in bytes {
                if b >= 0x80 { return nil }
                if b == 0x20 { inWord = false } else if !inWord { inWord = true; count += 1 }
            }
            return count
        }
        return counted ?? text.split(separator: " ").count
    }

    /// The redline as one line of plain text: `[-removed-]` and `{+added+}`, the
    /// notation of `git diff --word-diff`, for reports without styling.
    public var inlineText: String {
        runs.map { run in
            switch run.kind {
            case .same: return run.text
            case .removed: return "[-\(run.text)-]"
            case .added: return "{+\(run.text)+}"
            }
        }.joined(separator: " ")
    }

    struct Word: Sendable {
        var text: Substring
        var key: String
    }

    static func words(_ text: String) -> [Word] {
        let pieces = scalarWords(text) ?? text.split(whereSeparator: { $0.isWhitespace })
        return pieces.map { Word(text: $0, key: TextNormalizer.normalize(String($0))) }
    }

    /// `text.split(whereSeparator: \.isWhitespace)`, found on the UTF-8 bytes when every
    /// scalar is one after which and before which a Character always ends (ASCII, and
    /// for a CR LF either way a separator; U+00A0–U+017F; General Punctuation but the
    /// joiners): there a Character is a scalar, white space by its scalar's White_Space
    /// property. Nil for any other text. Splitting by Characters cost 800 instructions a
    /// character, most of the suggestions' cost on the ToTA corpus.
    static func scalarWords(_ text: String) -> [Substring]? {
        var text = text
        text.makeContiguousUTF8()
        let bounds: [Range<Int>]?? = text.utf8.withContiguousStorageIfAvailable { bytes -> [Range<Int>]? in
            var ranges: [Range<Int>] = []
            var start: Int?
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                let space: Bool
                var width = 1
                if b < 0x80 {
                    space = b == 0x20 || (b >= 0x09 && b <= 0x0D)
                } else {
                    guard let (v, w) = TextNormalizer.decode(bytes, at: i) else { return nil }
                    switch v {
                    case 0xA0: space = true
                    case 0xA1...0x17F: space = false
                    case 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F: space = true
                    case 0x200C, 0x200D: return nil
                    case 0x200B...0x206F: space = false
                    default: return nil
                    }
                    width = w
                }
                if space {
                    if let s = start { ranges.append(s..<i); start = nil }
                } else if start == nil {
                    start = i
                }
                i += width
            }
            if let s = start { ranges.append(s..<bytes.count) }
            return ranges
        }
        guard let ranges = bounds ?? nil else { return nil }
        let utf8 = text.utf8
        return ranges.map { r in
            text[utf8.index(utf8.startIndex, offsetBy: r.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: r.upperBound)]
        }
    }

    static func align(_ old: [Word], _ new: [Word]) -> [Run] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix].key == new[prefix].key { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix].key == new[new.count - 1 - suffix].key { suffix += 1 }

        var builder = RunBuilder()
        for word in new[0..<prefix] { builder.append(.same, word.text) }
        let oldMiddle = Array(old[prefix..<(old.count - suffix)])
        let newMiddle = Array(new[prefix..<(new.count - suffix)])
        if oldMiddle.count * newMiddle.count > maximumCells {
            for word in oldMiddle { builder.append(.removed, word.text) }
            for word in newMiddle { builder.append(.added, word.text) }
        } else {
            for (kind, word) in commonSubsequenceEdits(oldMiddle, newMiddle) { builder.append(kind, word) }
        }
        for word in new[(new.count - suffix)...] { builder.append(.same, word.text) }
        return builder.runs
    }

    /// The edit script of a longest common subsequence: removals before additions
    /// at each change, as a redline shows them.
    static func commonSubsequenceEdits(_ old: [Word], _ new: [Word]) -> [(Kind, Substring)] {
        let rows = old.count, columns = new.count
        if rows == 0 { return new.map { (.added, $0.text) } }
        if columns == 0 { return old.map { (.removed, $0.text) } }
        // Each key a number, so the table compares numbers, not strings, in each of
        // its rows × columns cells.
        var numbers: [String: Int32] = [:]
        let oldIDs = old.map { w in numbers[w.key] ?? { let n = Int32(numbers.count); numbers[w.key] = n; return n }() }
        let newIDs = new.map { numbers[$0.key] ?? -1 }
        // lengths[i][j]: the longest common subsequence of old[i...] and new[j...], one flat table.
        let width = columns + 1
        var lengths = [Int32](repeating: 0, count: (rows + 1) * width)
        lengths.withUnsafeMutableBufferPointer { lengths in
            for i in stride(from: rows - 1, through: 0, by: -1) {
                let o = oldIDs[i]
                for j in stride(from: columns - 1, through: 0, by: -1) {
                    lengths[i * width + j] = o == newIDs[j]
                        ? lengths[(i + 1) * width + j + 1] + 1
                        : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
                }
            }
        }
        var edits: [(Kind, Substring)] = []
        var pendingAdded: [Substring] = []
        var i = 0, j = 0
        func flushAdded() {
            for word in pendingAdded { edits.append((.added, word)) }
            pendingAdded.removeAll()
        }
        while i < rows, j < columns {
            if oldIDs[i] == newIDs[j] {
                flushAdded()
                edits.append((.same, new[j].text))
                i += 1
                j += 1
            } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                edits.append((.removed, old[i].text))
                i += 1
            } else {
                pendingAdded.append(new[j].text)
                j += 1
            }
        }
        while i < rows {
            edits.append((.removed, old[i].text))
            i += 1
        }
        flushAdded()
        while j < columns {
            edits.append((.added, new[j].text))
            j += 1
        }
        return edits
    }

    /// Joins consecutive words of one kind into runs.
    struct RunBuilder {
        var runs: [Run] = []

        mutating func append(_ kind: Kind, _ word: Substring) {
            if let last = runs.indices.last, runs[last].kind == kind {
                runs[last].text += " " + word
            } else {
                runs.append(Run(kind: kind, text: String(word)))
            }
        }
    }
}
