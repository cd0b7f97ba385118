import DTGrading
import DTModel
import Foundation

/// How one article of the old draft became one of the new: found by content, so
/// an article renumbered or moved is the same article, not one removed and one added.
public struct ArticleMatch: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// Same words, same number.
        case unchanged
        /// Same words, another number (or chapter).
        case renumbered
        /// Words changed (the number may have changed too).
        case changed
        /// A new article holding part of an old one whose rest went to another new article.
        case split
        /// An old article whose words went into a new article that continues another old one.
        case merged
        case added, removed
    }

    public var kind: Kind
    /// The old article (`Article X.3`, with its chapter when the labels alone are ambiguous); nil when added.
    public var before: String?
    /// The new article; nil when removed.
    public var after: String?
    /// Share of words kept (`WordDiff.similarity` over heading and text); nil for added and removed.
    public var similarity: Double?
}

/// Pairs the articles of two drafts by content: identical texts first, then the
/// most similar pair above `threshold` (greedy, best first), then articles left
/// with the same number; an article left over whose words lie mostly inside one
/// already paired is a split or a merge; the rest are added or removed.
struct ArticleMap {
    /// Below this share of common words two articles are not the same article.
    static let threshold = 0.5
    /// A left-over article whose words lie this much inside another is part of it (split or merge).
    static let containment = 0.6
    /// Added to the similarity of two articles with the same number when ranking pairs.
    static let sameNumberBonus = 0.25
    /// Above this many candidate pairs, only identical texts and numbers are paired:
    /// comparing two whole agreements article by article would take minutes.
    static let maximumPairs = 40_000

    let old: [ArticleText]
    let new: [ArticleText]
    /// old index → new index, and back.
    private(set) var forward: [Int: Int] = [:]
    private(set) var backward: [Int: Int] = [:]
    /// New articles split from an old one (new index → old index), old ones merged into a new one.
    private(set) var splitFrom: [Int: Int] = [:]
    private(set) var mergedInto: [Int: Int] = [:]
    private(set) var similarity: [Int: Double] = [:]

    init(old: [ArticleText], new: [ArticleText]) {
        self.old = old
        self.new = new
        let oldWords = old.map(Self.words)
        let newWords = new.map(Self.words)
        // 1. Identical wording (heading and text), preferring the same number.
        var identical: [String: [Int]] = [:]
        for (i, w) in oldWords.enumerated() { identical[w, default: []].append(i) }
        for (j, w) in newWords.enumerated() {
            guard var candidates = identical[w]?.filter({ forward[$0] == nil }), !candidates.isEmpty else { continue }
            candidates.sort { (old[$0].label == new[j].label ? 0 : 1, abs($0 - j)) < (old[$1].label == new[j].label ? 0 : 1, abs($1 - j)) }
            pair(candidates[0], j, 1)
        }
        // 2. The most similar pairs above the threshold, best first. Bags of words
        // bound the similarity from above, so only pairs that could pass are aligned.
        let leftOld = old.indices.filter { forward[$0] == nil }
        let leftNew = new.indices.filter { backward[$0] == nil }
        // Bags of words of every article not paired yet (and of every article, for splits and merges).
        let oldBags = leftOld.isEmpty && leftNew.isEmpty ? [] : oldWords.map(Self.bag)
        let newBags = leftOld.isEmpty && leftNew.isEmpty ? [] : newWords.map(Self.bag)
        if leftOld.count * leftNew.count <= Self.maximumPairs {
            var scored: [(i: Int, j: Int, s: Double, rank: Double)] = []
            for i in leftOld {
                for j in leftNew {
                    // An article that kept its number and lies mostly inside its namesake
                    // (or holds it) is the same article split or merged, however short.
                    let sameNumber = old[i].label == new[j].label && old[i].chapter == new[j].chapter
                    let bound = Self.bagBounds(oldBags[i], newBags[j])
                    guard bound.similarity >= Self.threshold || (sameNumber && bound.containment >= Self.containment) else { continue }
                    let diff = WordDiff(from: oldWords[i], to: newWords[j])
                    let inside = Self.containment(diff)
                    if diff.similarity >= Self.threshold || (sameNumber && inside >= Self.containment) {
                        // Best first, an article keeping its number counting for more: when an
                        // article is split or two are merged, the part that kept the number
                        // (and lies inside its namesake) is the continuation, whichever is longer.
                        let rank = sameNumber ? max(diff.similarity, inside) + Self.sameNumberBonus : diff.similarity
                        scored.append((i, j, diff.similarity, rank))
                    }
                }
            }
            scored.sort { a, b in a.rank != b.rank ? a.rank > b.rank : abs(a.i - a.j) < abs(b.i - b.j) }
            for c in scored where forward[c.i] == nil && backward[c.j] == nil { pair(c.i, c.j, c.s) }
        }
        // 3. What is left, by number (a rewrite that kept its number).
        for i in old.indices where forward[i] == nil {
            if let j = new.indices.first(where: { backward[$0] == nil && new[$0].label == old[i].label && new[$0].chapter == old[i].chapter }) {
                pair(i, j, WordDiff(from: oldWords[i], to: newWords[j]).similarity)
            }
        }
        // 4. Splits and merges: a left-over article mostly inside one already paired.
        // Bags bound the share from above, so only articles that could hold the part are aligned.
        let pairedOld = forward.keys.sorted(), pairedNew = backward.keys.sorted()
        for j in new.indices where backward[j] == nil && pairedOld.count <= Self.maximumPairs / max(1, leftNew.count) {
            if let i = pairedOld.first(where: {
                Self.bagShare(of: newBags[j], inside: oldBags[$0]) >= Self.containment
                    && Self.share(of: newWords[j], inside: oldWords[$0]) >= Self.containment
            }) {
                splitFrom[j] = i
            }
        }
        for i in old.indices where forward[i] == nil && pairedNew.count <= Self.maximumPairs / max(1, leftOld.count) {
            if let j = pairedNew.first(where: {
                Self.bagShare(of: oldBags[i], inside: newBags[$0]) >= Self.containment
                    && Self.share(of: oldWords[i], inside: newWords[$0]) >= Self.containment
            }) {
                mergedInto[i] = j
            }
        }
    }

    private mutating func pair(_ i: Int, _ j: Int, _ s: Double) {
        forward[i] = j
        backward[j] = i
        similarity[i] = s
    }

    /// Heading and text as one wording, normalised word by word.
    static func words(_ a: ArticleText) -> String {
        ((a.heading.map { $0 + " " } ?? "") + a.text).split(whereSeparator: \.isWhitespace)
            .map { TextNormalizer.normalize(String($0)) }.joined(separator: " ")
    }

    static func bag(_ words: String) -> [Substring: Int] {
        var out: [Substring: Int] = [:]
        for w in words.split(separator: " ") { out[w, default: 0] += 1 }
        return out
    }

    /// Dice and containment over the multisets of words: at least `WordDiff.similarity`
    /// and `containment`, which keep words in order.
    static func bagBounds(_ a: [Substring: Int], _ b: [Substring: Int]) -> (similarity: Double, containment: Double) {
        let na = a.values.reduce(0, +), nb = b.values.reduce(0, +)
        guard na + nb > 0 else { return (1, 0) }
        var common = 0
        for (w, n) in a { common += min(n, b[w] ?? 0) }
        let shorter = min(na, nb)
        return (Double(2 * common) / Double(na + nb), shorter == 0 ? 0 : Double(common) / Double(shorter))
    }

    /// At least `share(of:inside:)`: the part's words found in the whole, in any order.
    static func bagShare(of part: [Substring: Int], inside whole: [Substring: Int]) -> Double {
        let n = part.values.reduce(0, +)
        guard n > 0 else { return 0 }
        var common = 0
        for (w, c) in part { common += min(c, whole[w] ?? 0) }
        return Double(common) / Double(n)
    }

    /// Words kept over the words of the shorter text: 1 when one text lies wholly inside the other.
    static func containment(_ diff: WordDiff) -> Double {
        var kept = 0, removed = 0, added = 0
        for run in diff.runs {
            let n = run.text.split(separator: " ").count
            switch run.kind {
            case .same: kept += n
            case .removed: removed += n
            case .added: added += n
            }
        }
        let shorter = min(kept + removed, kept + added)
        return shorter == 0 ? 0 : Double(kept) / Double(shorter)
    }

    /// The share of `part`'s words found, in order, in `whole`.
    static func share(of part: String, inside whole: String) -> Double {
        let diff = WordDiff(from: whole, to: part)
        var kept = 0, total = 0
        for run in diff.runs where run.kind != .removed {
            let n = run.text.split(separator: " ").count
            total += n
            if run.kind == .same { kept += n }
        }
        return total == 0 ? 0 : Double(kept) / Double(total)
    }

    /// Labels as reports show them: the chapter is added where a label alone names two articles.
    func name(_ a: ArticleText, among all: [ArticleText]) -> String {
        let clash = all.filter { $0.label == a.label }.count > 1
        guard clash, let ch = a.chapter, !ch.isEmpty else { return a.label }
        return "\(ch), \(a.label)"
    }

    func oldName(_ i: Int) -> String { name(old[i], among: old) }
    func newName(_ j: Int) -> String { name(new[j], among: new) }

    /// Every old and new article's fate, in the new draft's order (removed and merged ones where they stood).
    var matches: [ArticleMatch] {
        var out: [ArticleMatch] = []
        var emittedOld = Set<Int>()
        func emitOldUpTo(_ limit: Int) {
            for i in old.indices where i < limit && !emittedOld.contains(i) && forward[i] == nil {
                emittedOld.insert(i)
                if let j = mergedInto[i] {
                    out.append(ArticleMatch(kind: .merged, before: oldName(i), after: newName(j), similarity: nil))
                } else {
                    out.append(ArticleMatch(kind: .removed, before: oldName(i), after: nil, similarity: nil))
                }
            }
        }
        for j in new.indices {
            if let i = backward[j] {
                emitOldUpTo(i)
                let same = similarity[i] == 1 && Self.words(old[i]) == Self.words(new[j])
                let renumbered = old[i].label != new[j].label || old[i].chapter != new[j].chapter
                let kind: ArticleMatch.Kind = same ? (renumbered ? .renumbered : .unchanged) : .changed
                out.append(ArticleMatch(kind: kind, before: oldName(i), after: newName(j), similarity: similarity[i]))
            } else if let i = splitFrom[j] {
                out.append(ArticleMatch(kind: .split, before: oldName(i), after: newName(j), similarity: nil))
            } else {
                // An old article left over at the same place was replaced by this one: it goes first.
                emitOldUpTo(j + 1)
                out.append(ArticleMatch(kind: .added, before: nil, after: newName(j), similarity: nil))
            }
        }
        emitOldUpTo(old.count)
        return out
    }

    /// The old article an evidence or finding of the old draft sits in (chapter and
    /// label; where several share them, the one holding the quote).
    func oldIndex(of e: Evidence) -> Int? { Self.index(of: e, in: old) }
    func newIndex(of e: Evidence) -> Int? { Self.index(of: e, in: new) }

    static func index(of e: Evidence, in articles: [ArticleText]) -> Int? {
        let candidates = articles.indices.filter { articles[$0].label == e.article && articles[$0].chapter == e.chapter }
        if candidates.count <= 1 { return candidates.first }
        return candidates.first { contains(articles[$0].text, quote: e.quote) } ?? candidates.first
    }

    /// Whether `quote` (cut with `…` when long) is in `text`, ignoring case, spacing and typography.
    static func contains(_ text: String, quote: String) -> Bool {
        var q = quote.trimmingCharacters(in: .whitespaces)
        if q.hasSuffix("…") { q = String(q.dropLast()) }
        let words = { (s: String) in s.split(whereSeparator: \.isWhitespace).map { TextNormalizer.normalize(String($0)) }.joined(separator: " ") }
        let needle = words(q)
        return needle.isEmpty || words(text).contains(needle)
    }
}
