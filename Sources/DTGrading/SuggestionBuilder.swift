import DTModel
import DTRules
import Foundation

/// Builds a pillar's suggestions from its verdict and the rules (see `Suggestion`):
/// one for the level when it is below baseline, one for each limitation and
/// deviation. A change that answers several (the commitment's redline also turns
/// "shall allow" into "No Party shall prohibit or restrict") is listed once, with
/// every id it answers.
struct SuggestionBuilder {
    let rules: RuleSet
    /// The baselines the report measures against, in the order given.
    let baselines: [BaselineID]
    /// The document's language: a redline against the baselines' English text is
    /// drawn only for an English text.
    let language: String?

    /// Limitations that are a phrase inside an otherwise sound sentence: striking the
    /// phrase is the change. Every other limitation is a clause of its own.
    static let phraseLimitations: Set<String> = ["domestic-law", "self-judging", "time-limited"]
    /// A redline from a clause to a baseline paragraph sharing fewer words than this
    /// would be a different text, not an edit: the paragraph is proposed whole.
    static let minimumSimilarity = 0.3
    /// A phrase longer than this is no longer "one phrase": the sentence is struck.
    static let maximumPhraseWords = 14
    /// Words that end a domestic-law phrase ("laws and regulations").
    static let lawWords: Set<String> = ["laws", "law", "regulations", "legislation", "rules", "procedures", "policies"]

    func suggestions(for p: PillarVerdict) -> [Suggestion] {
        guard p.level != .notAssessed, let ref = rules.baselineReferences[p.id] else { return [] }
        let chosen = baselines.filter { ref.commitment(of: $0) != nil }
        guard !chosen.isEmpty else { return [] }
        var out: [Suggestion] = []
        func add(_ s: Suggestion?) {
            guard let s else { return }
            // The same change answering a second id is named once; so is striking a
            // clause that an earlier suggestion already rewrites.
            if let i = out.firstIndex(where: { $0.text == s.text && $0.location == s.location && $0.diff == s.diff })
                ?? (s.action == .remove ? out.firstIndex(where: { $0.location == s.location && Self.draftWords($0) == Self.draftWords(s) }) : nil) {
                for id in s.addresses where !out[i].addresses.contains(id) { out[i].addresses.append(id) }
            } else {
                out.append(s)
            }
        }
        add(levelSuggestion(p, ref: ref, baselines: chosen))
        for f in p.limitations { add(limitationSuggestion(f, p, ref: ref, baselines: chosen)) }
        // A deviation found against each baseline on the same clause is one change:
        // its baselines together, the closest wording chosen.
        var merged: [Finding] = []
        for f in p.deviations {
            if let i = merged.firstIndex(where: { $0.id == f.id && $0.evidence?.quote == f.evidence?.quote }) {
                merged[i].baselines += f.baselines.filter { !merged[i].baselines.contains($0) }
            } else {
                merged.append(f)
            }
        }
        for f in merged { add(deviationSuggestion(f, p, ref: ref, baselines: chosen)) }
        return out
    }

    /// The draft's words a suggestion starts from (kept and struck), nil for an insertion.
    static func draftWords(_ s: Suggestion) -> String? {
        // Normalised: a kept run is spelt as the new text spells it ("This" for "this").
        s.diff.map { TextNormalizer.normalize($0.filter { $0.kind != .added }.map(\.text).joined(separator: " ")) }
    }

    var readsEnglish: Bool { (language ?? "en") == "en" }

    // MARK: - The level

    func levelSuggestion(_ p: PillarVerdict, ref: BaselineReference, baselines: [BaselineID]) -> Suggestion? {
        switch p.level {
        case .baseline, .notAssessed:
            return nil
        case .absent:
            guard let b = baselines.first else { return nil }
            return AbsentPillarInsertions.shared.insertion(for: p.id, baseline: b, ref: ref)
        case .soft, .bindingQualified:
            guard let e = p.evidence.first else { return nil }
            let candidates = baselines.compactMap { ref.commitment(of: $0) }
            guard let (w, diff) = closest(e.quote, to: candidates) else { return nil }
            // A clause that shares too few words with the commitment for a redline to
            // mean anything (a dialogue naming the topic): the commitment, whole.
            if p.level == .soft, let d = diff, d.similarity < Self.minimumSimilarity {
                return Suggestion(addresses: ["level"], action: .insert, baseline: w.baseline, article: w.article, text: w.text,
                                  diff: nil, draftArticle: e.article, location: nil,
                                  note: "Binding wording in place of the non-binding clause at \(e.article), too different from it for a redline: \(w.citation.description).")
            }
            let note: String
            if p.level == .soft {
                note = "Binding wording in place of the non-binding clause: \(w.citation.description)."
            } else if diff?.isUnchanged == true {
                note = "The commitment already reads as \(w.citation.description); the limitations below keep it from baseline."
            } else {
                note = "The commitment as \(w.citation.description) words it; the limitations below keep it from baseline."
            }
            return Suggestion(addresses: ["level"], action: .replace, baseline: w.baseline, article: w.article, text: w.text,
                              diff: diff?.runs, draftArticle: e.article, draftText: e.quote, location: e.location, note: note)
        }
    }

    // MARK: - Limitations

    func limitationSuggestion(_ f: Finding, _ p: PillarVerdict, ref: BaselineReference, baselines: [BaselineID]) -> Suggestion? {
        guard let e = f.evidence, let first = baselines.first else { return nil }
        let against = f.baselines.first { baselines.contains($0.baseline) }
            ?? ref.commitment(of: first).map(\.citation) ?? BaselineCitation(baseline: first, article: "")
        let isCommitmentSentence = p.evidence.first.map { $0.quote == e.quote && $0.article == e.article } ?? false
        // A baseline paragraph answering the limitation (the exception with both
        // conditions, the commitment covering algorithms): the clause becomes it.
        let answering = baselines.compactMap { b in ref.wording(of: b, addressing: f.id) }
            .filter { !$0.addresses.contains(BaselineWording.commitment) || isCommitmentSentence }
        if !answering.isEmpty, let (w, diff) = closest(e.quote, to: answering) {
            return Suggestion(addresses: [f.id], action: .replace, baseline: w.baseline, article: w.article, text: w.text,
                              diff: diff?.runs, draftArticle: e.article, draftText: e.quote, location: e.location,
                              note: "\(w.citation.description) words this without the limitation.")
        }
        // A time limit inside the commitment ("for five years") is a phrase; a sentence
        // of its own ("This Article shall expire …") goes whole.
        if Self.phraseLimitations.contains(f.id), f.id != "time-limited" || isCommitmentSentence,
           let struck = strikePhrase(of: f, in: e.quote) {
            return Suggestion(addresses: [f.id], action: .removePhrase, baseline: against.baseline, article: against.article,
                              text: struck, diff: WordDiff(from: e.quote, to: struck).runs, draftArticle: e.article, draftText: e.quote,
                              location: e.location,
                              note: "Strike the limiting words; \(against.description) has no such qualifier.")
        }
        // The commitment itself is never struck: that would lose the pillar.
        guard !isCommitmentSentence else { return nil }
        return Suggestion(addresses: [f.id], action: .remove, baseline: against.baseline, article: against.article, text: "",
                          diff: WordDiff(from: e.quote, to: "").runs, draftArticle: e.article, draftText: e.quote, location: e.location,
                          note: "Strike this clause; \(against.description) has no counterpart to it.")
    }

    /// The draft's sentence without the words the limitation's rule matched (every
    /// match of its first pattern), or nil when no short phrase can be found.
    func strikePhrase(of f: Finding, in quote: String) -> String? {
        let language = self.language ?? "en"
        guard let rule = (rules.worded(in: language) ?? rules).rule(id: f.rule) ?? rules.rule(id: f.rule),
              let pattern = rule.when.first else { return nil }
        let words = quote.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard !words.isEmpty else { return nil }
        // The quote normalised word by word, so a match maps back to whole words.
        var starts: [Int] = []
        var joined = ""
        for w in words {
            if !joined.isEmpty { joined += " " }
            starts.append((joined as NSString).length)
            joined += TextNormalizer.normalize(w)
        }
        let text = joined as NSString
        var struck = Set<Int>()
        for range in pattern.matches(in: text) where range.length > 0 {
            let end = range.location + range.length
            var first = starts.lastIndex { $0 <= range.location } ?? 0
            var last = (starts.lastIndex { $0 < end } ?? first)
            // "its laws" of "its laws and regulations": the pair goes together.
            if last + 2 < words.count, ["and", "or"].contains(words[last + 1].lowercased()),
               Self.lawWords.contains(words[last + 2].lowercased().trimmingCharacters(in: .punctuationCharacters)) {
                last += 2
            }
            guard last - first + 1 <= Self.maximumPhraseWords else { return nil }
            // "that it considers necessary" becomes "necessary": the necessity stays,
            // judged objectively rather than by the Party itself.
            var keepLast = false
            if last > first, TextNormalizer.normalize(words[last]).trimmingCharacters(in: .punctuationCharacters) == "necessary" {
                keepLast = true
            }
            // ", and such measures shall not be disputed …": the clause goes from its
            // conjunction. Not for "that it considers necessary", whose measure stays.
            var k = first
            while !keepLast, k > 0, first - k < 4, !words[k - 1].hasSuffix(","), !words[k - 1].hasSuffix(";") { k -= 1 }
            if k < first, k > 0, ["and", "or"].contains(words[k].lowercased()) { first = k }
            for i in first...last where !(keepLast && i == last) { struck.insert(i) }
        }
        guard !struck.isEmpty, words.count - struck.count >= 6 else { return nil }
        var out: [String] = []
        for i in words.indices {
            if !struck.contains(i) { out.append(words[i]); continue }
            guard i + 1 >= words.count || !struck.contains(i + 1), !out.isEmpty, let mark = words[i].last else { continue }
            // The struck run's closing punctuation: a full stop stays with the sentence;
            // a comma closing a run opened by a comma ("shall, subject to its laws,
            // require") takes the opening one with it.
            if ".;:".contains(mark) {
                out[out.count - 1] = out[out.count - 1].trimmingCharacters(in: CharacterSet(charactersIn: ",")) + String(mark)
            } else if mark == ",", out[out.count - 1].hasSuffix(",") {
                out[out.count - 1].removeLast()
            }
        }
        if struck.contains(0), let firstWord = out.first, let c = firstWord.first, c.isLowercase {
            out[0] = c.uppercased() + firstWord.dropFirst()
        }
        return out.joined(separator: " ")
    }

    // MARK: - Deviations

    func deviationSuggestion(_ f: Finding, _ p: PillarVerdict, ref: BaselineReference, baselines: [BaselineID]) -> Suggestion? {
        guard let e = f.evidence else { return nil }
        let cited = f.baselines.filter { baselines.contains($0.baseline) }
        guard let first = cited.first else { return nil }
        // The baseline's paragraph for the element, else the rule's formula when it
        // quotes one (a formula in parentheses says the baseline has no such clause).
        var candidates: [BaselineWording] = []
        for c in cited {
            if let w = ref.wording(of: c.baseline, addressing: f.id) {
                candidates.append(w)
            } else if let formula = rules.rule(id: f.rule)?.formula, Self.isQuotedWording(formula) {
                candidates.append(BaselineWording(baseline: c.baseline, article: c.article, text: formula, addresses: [f.id]))
            }
        }
        let isCommitmentSentence = p.evidence.first.map { $0.quote == e.quote && $0.article == e.article } ?? false
        if let (w, diff) = closest(e.quote, to: candidates) {
            // An element the commitment lacks that the baseline states in a paragraph of
            // its own (internal taxes, financial services) is added beside it, however
            // alike the two read; the commitment is rewritten only into the commitment.
            let ownParagraph = isCommitmentSentence && !w.addresses.contains(BaselineWording.commitment)
                && ref.commitment(of: w.baseline)?.text != w.text
            // The commitment itself is always redlined into the baseline's commitment.
            let rewritesCommitment = isCommitmentSentence && w.addresses.contains(BaselineWording.commitment)
            let similar = !ownParagraph && (rewritesCommitment || (diff.map { $0.similarity >= Self.minimumSimilarity } ?? true))
            if similar {
                return Suggestion(addresses: [f.id], action: .replace, baseline: w.baseline, article: w.article, text: w.text,
                                  diff: diff?.runs, draftArticle: e.article, draftText: e.quote, location: e.location,
                                  note: "\(w.citation.description) words this element as follows.")
            }
            // A missing element (internal taxes, financial services): its paragraph, whole,
            // from the first baseline measured against (no redline to choose by).
            let w = baselines.lazy.compactMap { b in candidates.first { $0.baseline == b } }.first ?? w
            return Suggestion(addresses: [f.id], action: .insert, baseline: w.baseline, article: w.article, text: w.text,
                              diff: nil, draftArticle: e.article, location: nil,
                              note: "Add \(w.citation.description), which the text lacks.")
        }
        guard !isCommitmentSentence else { return nil }
        return Suggestion(addresses: [f.id], action: .remove, baseline: first.baseline, article: first.article, text: "",
                          diff: WordDiff(from: e.quote, to: "").runs, draftArticle: e.article, draftText: e.quote, location: e.location,
                          note: "Strike this clause; \(first.description) has none.")
    }

    // MARK: - Helpers

    /// The candidate whose wording is closest to `quote`, with the redline to it
    /// (nil redline for a text not in English: no word diff across languages).
    func closest(_ quote: String, to candidates: [BaselineWording]) -> (BaselineWording, WordDiff?)? {
        guard readsEnglish else { return candidates.first.map { ($0, nil) } }
        guard !candidates.isEmpty else { return nil }
        // The quote's words read once for every candidate, each candidate's once per
        // process (`BaselineWords`), each similarity computed once.
        let old = WordDiff.Words(quote)
        var best: (BaselineWording, WordDiff, Double)?
        for c in candidates {
            let d = WordDiff(from: old, to: BaselineWords.shared.words(c.text))
            let similarity = d.similarity
            if best == nil || similarity > (best?.2 ?? 0) { best = (c, d, similarity) }
        }
        return best.map { ($0.0, $0.1) }
    }

    /// A formula that quotes the baseline (not "(no review clause)", not "… if this activity").
    static func isQuotedWording(_ formula: String) -> Bool {
        let f = formula.trimmingCharacters(in: .whitespaces)
        return !f.isEmpty && !f.hasPrefix("(") && !f.contains("…") && !f.contains("...")
    }

    /// The measured article a paragraph belongs to: `19.11` of `19.11.2`, `7` of `7.1`.
    static func articleRoot(_ article: String, of baseline: BaselineID, in ref: BaselineReference) -> String {
        ref.citations.first { $0.baseline == baseline && (article == $0.article || article.hasPrefix($0.article + ".")) }?.article ?? article
    }
}

/// What an absent pillar's suggestion proposes: the baseline's article, every
/// paragraph of it. It depends on the pillar, the baseline and the rules' reference
/// only, never on the document, so it is made once per process (joining the
/// paragraphs and the note for every absent pillar of every document showed in
/// whole-corpus profiles). Shared by the grading threads, under a lock.
final class AbsentPillarInsertions: @unchecked Sendable {
    static let shared = AbsentPillarInsertions()
    /// Entries kept at most (four pillars × two baselines in practice; a server
    /// reloading other rules starts again past this).
    static let capacity = 64

    private struct Entry {
        var pillar: PillarID
        var baseline: BaselineID
        var ref: BaselineReference
        var suggestion: Suggestion?
    }

    private let lock = NSLock()
    private var entries: [Entry] = []

    func insertion(for pillar: PillarID, baseline: BaselineID, ref: BaselineReference) -> Suggestion? {
        lock.lock()
        // The reference compared whole: rules loaded again may word it otherwise.
        let hit = entries.first { $0.pillar == pillar && $0.baseline == baseline && $0.ref == ref }
        lock.unlock()
        if let hit { return hit.suggestion }
        let made = Self.make(pillar, baseline: baseline, ref: ref)
        lock.lock()
        if entries.count >= Self.capacity { entries.removeAll() }
        entries.append(Entry(pillar: pillar, baseline: baseline, ref: ref, suggestion: made))
        lock.unlock()
        return made
    }

    /// No clause to edit: the baseline's article, every paragraph of it.
    static func make(_ pillar: PillarID, baseline b: BaselineID, ref: BaselineReference) -> Suggestion? {
        guard let commitment = ref.commitment(of: b) else { return nil }
        let root = SuggestionBuilder.articleRoot(commitment.article, of: b, in: ref)
        let paragraphs = ref.wording.filter { $0.baseline == b && SuggestionBuilder.articleRoot($0.article, of: b, in: ref) == root }
        let text = paragraphs.count == 1 ? commitment.text
            : paragraphs.enumerated().map { "\($0.offset + 1). \($0.element.text)" }.joined(separator: "\n")
        return Suggestion(addresses: ["level"], action: .insert, baseline: b, article: root, text: text, diff: nil,
                          draftArticle: nil, location: nil,
                          note: "The text has no provision on \(pillar.shortName): add \(b.title) Article \(root).")
    }
}

/// The words of the texts suggestions diff against (the baselines' paragraphs and
/// the rules' formulas), read once per process: every document's suggestions are
/// drawn against the same few dozen. Shared by the grading threads, under a lock.
final class BaselineWords: @unchecked Sendable {
    static let shared = BaselineWords()
    /// Texts kept at most (a few dozen in practice; a server reloading other rules
    /// starts again past this).
    static let capacity = 4_096

    private let lock = NSLock()
    private var cache: [String: WordDiff.Words] = [:]

    func words(_ text: String) -> WordDiff.Words {
        lock.lock()
        let hit = cache[text]
        lock.unlock()
        if let hit { return hit }
        let words = WordDiff.Words(text)
        lock.lock()
        if cache.count >= Self.capacity { cache.removeAll() }
        cache[text] = words
        lock.unlock()
        return words
    }
}
