import DTModel
import DTRules
import Foundation

/// An article prepared for grading: where it is, its context, and which keyword
/// groups its text holds (the prefilter). Sentences are split on demand, once.
final class IndexedArticle {
    let position: Int
    let article: Division
    let chapter: Division?
    /// Index of the enclosing chapter among the document's chapters (nil when none).
    let chapterIndex: Int?
    /// Keyword groups found in the heading and text (`RuleSet.keywordMatcher`).
    let keywordGroups: UInt64
    private let matcher: KeywordMatcher
    /// Whether division texts keep the source's line breaks (XML formats).
    private let verbatimLines: Bool
    private var cachedHeadings: NSString?
    private var cachedSentences: [Sentence]?

    init(position: Int, article: Division, chapter: Division?, chapterIndex: Int?, matcher: KeywordMatcher, verbatimLines: Bool) {
        self.verbatimLines = verbatimLines
        self.position = position
        self.article = article
        self.chapter = chapter
        self.chapterIndex = chapterIndex
        self.matcher = matcher
        // Heading, then every division's text in document order: the same stream as
        // heading + fullText, without building the joined copy, read from the bytes.
        var scan = KeywordMatcher.Scan(matcher)
        // An empty text leaves the scan as it is: no heading is not read.
        if let heading = article.heading, !heading.isEmpty { scan.feed(heading) }
        // A division whose text is a whole paragraph's (`unitDivisions`) is read as a
        // piece of the stream that also gives its own groups: the paragraph's, kept so
        // that the candidate search need not read it again (`unitGroups`). An article
        // ingest left whole (ToTA's) takes the plain walk: the pieces' bookkeeping,
        // inlined here for every article, cost the ToTA corpus about 15 M.
        if article.paragraphsPending || article.children.isEmpty {
            DivisionWalker.walk([article]) { d, _ in d.withTextUTF8 { scan.feed($0) } }
            self.knownUnitGroups = []
            self.keywordGroups = scan.groups
        } else {
            let (known, pieces) = Self.readPieces(of: article, into: &scan)
            self.knownUnitGroups = known
            self.keywordGroups = scan.groups
            self.pieceDivisions = pieces
        }
    }

    /// The article's divisions read into `scan`, each paragraph division as a piece
    /// (`feedPiece`): the paragraphs' own groups by paragraph index, and the divisions.
    @inline(never)
    private static func readPieces(of article: Division, into scan: inout KeywordMatcher.Scan)
        -> ([UInt64?], (pieces: [(division: Division, unit: Int)], units: Int)) {
        let (pieces, unitCount) = unitDivisions(of: article)
        var known: [UInt64?] = pieces.isEmpty ? [] : Array(repeating: nil, count: unitCount)
        walk(article, pieces: pieces) { d, unit in
            if let unit {
                d.withTextUTF8 { (bytes: UnsafeBufferPointer<UInt8>) -> Void in known[unit] = scan.feedPiece(bytes) }
            } else {
                d.withTextUTF8 { scan.feed($0) }
            }
        }
        return (known, (pieces, unitCount))
    }

    /// The article's divisions in document order, each with the index of the paragraph
    /// whose whole text it is when it is one of `pieces` (`unitDivisions`, in the same
    /// order), nil otherwise: the one walk the keyword scan and the trigram reading
    /// both read pieces by.
    @inline(__always)
    private static func walk(_ article: Division, pieces: [(division: Division, unit: Int)], _ visit: (Division, Int?) -> Void) {
        var next = 0
        DivisionWalker.walk([article]) { d, _ in
            if next < pieces.count, d.isIdentical(to: pieces[next].division) {
                next += 1
                visit(d, pieces[next - 1].unit)
            } else {
                visit(d, nil)
            }
        }
    }

    /// `unitDivisions` as told while the article was indexed (nil when not told then).
    private var pieceDivisions: (pieces: [(division: Division, unit: Int)], units: Int)?

    /// Keyword groups of paragraphs read with the article (`feedPiece`), by paragraph
    /// index; nil for a paragraph that was not a division of its own.
    private let knownUnitGroups: [UInt64?]

    /// Trigrams of the whole article, read from the text as written (nil when it
    /// holds characters only normalising can read): the heading, every division's
    /// text and, since sentence splitting puts them in the text, inner divisions'
    /// headings and numbers. A literal a sentence holds lies within one of these,
    /// so a rule whose literals the article lacks holds in none of its sentences:
    /// the article need not be split at all. Read from the bytes ingest kept, so
    /// an article ruled out is never made a string.
    ///
    /// Where a division's text is a paragraph's whole text (`unitDivisions`), its
    /// own trigrams come out of the same reading (`RawReader.feedPiece`) and are
    /// kept as that paragraph's, which then is not read again.
    lazy var wholeBloom: TrigramBloom? = {
        var reader = TrigramBloom.RawReader()
        reader.feed(article.heading ?? "")
        var labels: [String] = []
        let (pieces, unitCount) = unitDivisions
        if !pieces.isEmpty, unitBlooms.isEmpty { unitBlooms = Array(repeating: nil, count: unitCount) }
        Self.walk(article, pieces: pieces) { d, unit in
            if let unit {
                d.withTextUTF8 { (bytes: UnsafeBufferPointer<UInt8>) -> Void in
                    if let own = reader.feedPiece(bytes) { unitBlooms[unit] = own }
                }
            } else {
                d.withTextUTF8 { reader.feed($0) }
            }
            if d.kind != .article {
                if let h = d.heading { labels.append(h) }
                if let n = d.number { labels.append(n) }
            }
        }
        for label in labels { reader.feed(label) }
        return reader.bloom
    }()

    /// The divisions whose text is, byte for byte, the text of one of the
    /// article's paragraphs (`SentenceSplitter.units`), with that paragraph's
    /// index, in document order: when ingest has already split the article
    /// (nothing pending), its own text is the first paragraph when not empty, and
    /// each child with nothing below it and no heading put before its text is the
    /// next one. Told without splitting anything. Empty for an article of one
    /// paragraph, whose paragraph the article's own gate speaks for. With the
    /// number of paragraphs.
    /// (Told once when the article is indexed as split: the keyword scan and the trigram reading both use it.)
    private var unitDivisions: (pieces: [(division: Division, unit: Int)], units: Int) {
        pieceDivisions ?? Self.unitDivisions(of: article)
    }

    private static func unitDivisions(of article: Division) -> (pieces: [(division: Division, unit: Int)], units: Int) {
        guard !article.paragraphsPending, !article.children.isEmpty else { return ([], 0) }
        var out: [(division: Division, unit: Int)] = []
        out.reserveCapacity(article.children.count + 1)
        var unit = 0
        let ownText = article.withTextUTF8 { (bytes: UnsafeBufferPointer<UInt8>) -> Bool in !bytes.isEmpty }
        if ownText {
            out.append((article, 0))
            unit = 1
        }
        for child in article.children {
            if child.children.isEmpty, child.kind == .paragraph || child.kind == .subparagraph || child.heading == nil {
                out.append((child, unit))
            }
            unit += 1
        }
        return unit > 1 ? (out, unit) : ([], 0)
    }

    /// False only when none of `rules` can hold anywhere in the article.
    func mayHold(any rules: [Rule]) -> Bool {
        guard let bloom = wholeBloom else { return true }
        return rules.contains { $0.mayHold(in: bloom) }
    }

    /// False only when `rule` cannot hold anywhere in the article: `mayHold(any: [rule])`
    /// without an array made for each of the many articles a chapter- or
    /// document-scope rule is asked about.
    func mayHold(_ rule: Rule) -> Bool {
        guard let bloom = wholeBloom else { return true }
        return rule.mayHold(in: bloom)
    }

    /// False only when none of `patterns` can match anywhere in the article.
    func mayMatch(any patterns: [Pattern]) -> Bool {
        guard let bloom = wholeBloom else { return true }
        return patterns.contains { $0.gate.admits(bloom) }
    }

    /// The article's own heading, normalised.
    lazy var ownHeading: NSString = TextNormalizer.normalize(article.heading ?? "") as NSString

    /// Normalised article and chapter headings, for heading-scoped rules.
    var headings: NSString {
        if let h = cachedHeadings { return h }
        let heads = [chapter?.heading, chapter?.number, article.heading].compactMap { $0 }.joined(separator: " | ")
        let h = TextNormalizer.normalize(heads) as NSString
        cachedHeadings = h
        return h
    }

    /// Every sentence of the article, in order.
    var sentences: [Sentence] {
        if let s = cachedSentences { return s }
        let s = unitSentences.indices.flatMap { sentences(ofUnit: $0) }
        cachedSentences = s
        return s
    }

    /// Only the sentences of paragraphs whose text holds a keyword of `group`: the
    /// candidate search never splits the paragraphs that cannot match.
    ///
    /// With `rules`, an article and then a paragraph are split only when one of them
    /// may hold there (`Rule.mayHold`, the literal gate on their trigrams): a
    /// sentence's literals are all in its paragraph and its article, so where no
    /// rule is admitted no sentence has one holding in it.
    func sentences(with group: UInt64, whereMayHold rules: [Rule]? = nil) -> [Sentence] {
        if let s = cachedSentences { return s.filter { $0.keywordGroups & group != 0 } }
        if let rules, !mayHold(any: rules) { return [] }
        var out: [Sentence] = []
        for (i, g) in unitGroups.enumerated() where g & group != 0 {
            // A lone paragraph is the article itself: the article's gate has spoken for it.
            if let rules, unitSentences[i] == nil, units.count > 1 {
                let bloom = unitBloom(i)
                guard rules.contains(where: { $0.mayHold(in: bloom) }) else { continue }
            }
            out += sentences(ofUnit: i).filter { $0.keywordGroups & group != 0 }
        }
        return out
    }

    /// The sentences of the paragraphs whose trigrams `admits` (a literal gate), in
    /// order, and of those already split: a sentence's literals are all in its
    /// paragraph, so a paragraph the gate rules out has no sentence where the gated
    /// patterns match. The first sentence where they do is the first here too.
    func sentences(inParagraphsWhere admits: (TrigramBloom) -> Bool) -> [Sentence] {
        if let s = cachedSentences { return s }
        var out: [Sentence] = []
        for i in units.indices {
            // A lone paragraph is the article itself: the caller's gate has spoken for it.
            if unitSentences[i] == nil, units.count > 1, !admits(unitBloom(i)) { continue }
            out += sentences(ofUnit: i)
        }
        return out
    }

    /// Trigrams of paragraph `i`, read once.
    private func unitBloom(_ i: Int) -> TrigramBloom {
        if unitBlooms.isEmpty { unitBlooms = Array(repeating: nil, count: units.count) }
        if let b = unitBlooms[i] { return b }
        let b = TrigramBloom(rawTexts: [units[i].text]) ?? TrigramBloom(TextNormalizer.normalize(units[i].text))
        unitBlooms[i] = b
        return b
    }

    /// Paragraph trigrams read so far, by paragraph index (some while reading the
    /// whole article's, before the article is split).
    private var unitBlooms: [TrigramBloom?] = []

    /// Split into paragraphs here, if ingest left the body whole: most articles never get here.
    private lazy var units: [SentenceSplitter.Unit] = SentenceSplitter.units(of: readArticle.withParagraphs())

    /// The article with its text as a string, made once for the split that reads it
    /// (ingest may have kept it as bytes).
    private lazy var readArticle: Division = article.withTextAsString()
    /// Keyword groups of each paragraph, to split only those that may hold a
    /// sentence with the group: a sentence's keywords are in its paragraph's text.
    /// A lone paragraph takes the article's groups, which hold all of its own (the
    /// sentences are filtered on their own groups after), without reading it again.
    /// A paragraph read with the article (`knownUnitGroups`) is not read again.
    /// The paragraphs not read with the article are read together (`groups(ofEach:)`).
    private lazy var unitGroups: [UInt64] = {
        if units.count == 1 { return [keywordGroups] }
        var groups = units.indices.map { i in knownUnitGroups.count == units.count ? knownUnitGroups[i] : nil }
        let unread = groups.indices.filter { groups[$0] == nil }
        for (i, g) in zip(unread, matcher.groups(ofEach: unread.map { units[$0].text })) { groups[i] = g }
        return groups.map { $0 ?? 0 }
    }()
    private lazy var unitSentences: [[Sentence]?] = Array(repeating: nil, count: units.count)

    private func sentences(ofUnit i: Int) -> [Sentence] {
        if let s = unitSentences[i] { return s }
        var s = SentenceSplitter.sentences(of: units[i], matcher: matcher, countLineBreaks: verbatimLines)
        for k in s.indices { s[k].unit = i }
        unitSentences[i] = s
        return s
    }

    /// The whole article normalised, for article-scoped context checks, with its trigrams.
    private lazy var joined: (text: NSString, bloom: TrigramBloom) = {
        let joined = sentences.map { $0.normalized as String }.joined(separator: " ")
        return (joined as NSString, TrigramBloom(joined))
    }()

    var normalized: NSString { joined.text }
    var normalizedBloom: TrigramBloom { joined.bloom }

    /// Whether the article, its text or its own heading, speaks of `context`. The
    /// answer is the article's, not a sentence's: asked once per pattern, since
    /// every mention in a long article asks again and the search reads it whole.
    func speaks(of context: Pattern) -> Bool {
        if let known = contextAnswers[context.source] { return known }
        let found = context.firstMatch(in: normalized, bloom: normalizedBloom) != nil || context.firstMatch(in: ownHeading) != nil
        contextAnswers[context.source] = found
        return found
    }

    private var contextAnswers: [String: Bool] = [:]

    /// The article number as written, else its heading, else its kind.
    var label: String { article.number ?? article.heading ?? "article \(position + 1)" }

    func has(_ group: UInt64) -> Bool { keywordGroups & group != 0 }
}

/// All articles of one document, in order. Documents without article markup
/// are graded on their top-level divisions instead, so nothing is skipped.
final class DocumentIndex {
    let agreement: Agreement
    let articles: [IndexedArticle]

    convenience init(_ agreement: Agreement, matcher: KeywordMatcher) {
        var contexts = Self.articlesWithChapters(agreement.divisions)
        if contexts.isEmpty {
            contexts = Self.pseudoArticles(agreement.divisions).map { ($0.article, $0.chapter) }
        }
        self.init(agreement, contexts: contexts, matcher: matcher)
    }

    /// An index of some articles of `agreement` only, each with its chapter: a
    /// draft's bracket is graded on the articles it touches and those its pillar
    /// reads, not on the whole text again (`DraftGrading`).
    init(_ agreement: Agreement, contexts: [(article: Division, chapter: Division?)], matcher: KeywordMatcher) {
        self.agreement = agreement
        var chapterIDs: [ChapterKey: Int] = [:]
        // Articles of one chapter come together: the previous article's chapter is
        // compared before the table is asked.
        var previous: (chapter: Division, key: ChapterKey, index: Int)?
        var built: [IndexedArticle] = []
        built.reserveCapacity(contexts.count)
        let verbatimLines = Self.keepsLineBreaks(agreement.sourceFormat)
        for (i, (article, chapter)) in contexts.enumerated() {
            var chapterIndex: Int?
            if let ch = chapter {
                // Read through `previous?.`: binding `previous` copied the tuple (a
                // division and four strings retained) for every article.
                if previous?.chapter.isIdentical(to: ch) == true, let index = previous?.index {
                    chapterIndex = index
                } else {
                    let key = ChapterKey(line: ch.location.line, path: ch.location.path, number: ch.number, heading: ch.heading)
                    if previous?.key == key, let index = previous?.index {
                        chapterIndex = index
                    } else {
                        let index = chapterIDs[key] ?? chapterIDs.count
                        chapterIDs[key] = index
                        chapterIndex = index
                    }
                    previous = (ch, key, chapterIndex ?? 0)
                }
            }
            built.append(IndexedArticle(position: i, article: article, chapter: chapter, chapterIndex: chapterIndex, matcher: matcher,
                                        verbatimLines: verbatimLines))
        }
        self.articles = built
    }

    /// `Agreement.articles` with each article's nearest chapter, in the same order,
    /// without building every article's chain of ancestors.
    static func articlesWithChapters(_ divisions: [Division]) -> [(article: Division, chapter: Division?)] {
        var out: [(article: Division, chapter: Division?)] = []
        // The chapters above the division visited, with their depths: an article's
        // chapter is the innermost one. Nothing below an article is read.
        var chapters: [(depth: Int, chapter: Division)] = []
        DivisionWalker.steeredWalk(divisions) { d, depth in
            while let last = chapters.last, last.depth >= depth { chapters.removeLast() }
            if d.kind == .article {
                out.append((d, chapters.last?.chapter))
                return .skipChildren
            }
            if d.kind == .chapter { chapters.append((depth, d)) }
            return .descend
        }
        return out
    }

    /// What tells one chapter from another.
    private struct ChapterKey: Hashable {
        var line: Int
        var path: String?
        var number: String?
        var heading: String?

        /// The line alone: it nearly always tells chapters apart, and hashing the
        /// strings showed in profiles. Equality still compares every field.
        func hash(into hasher: inout Hasher) { hasher.combine(line) }
    }

    /// Leaf-most divisions that carry text, treated as articles.
    static func pseudoArticles(_ divisions: [Division]) -> [ArticleInContext] {
        var out: [ArticleInContext] = []
        // The divisions above the one visited, outermost first.
        var ancestors: [Division] = []
        DivisionWalker.steeredWalk(divisions) { d, depth in
            ancestors.removeSubrange(depth...)
            if d.children.isEmpty || d.kind == .section {
                var art = d
                art.kind = .article
                out.append(ArticleInContext(article: art, ancestors: ancestors))
                return .skipChildren
            }
            if !d.text.isEmpty {
                var lead = d
                lead.children = []
                lead.kind = .article
                out.append(ArticleInContext(article: lead, ancestors: ancestors))
            }
            ancestors.append(d)
            return .descend
        }
        return out
    }

    /// Formats whose division texts keep the source's line breaks, so counting them
    /// places a sentence on its line: XML text nodes, and text/Markdown bodies (where
    /// only dropped page furniture can shift the count). HTML and Word text is
    /// re-flowed from elements, so there a sentence keeps its division's line.
    static func keepsLineBreaks(_ format: SourceFormat) -> Bool {
        [.tota, .akomaNtoso, .xml, .markdown, .text].contains(format)
    }

    /// Sentences where each dispute-exclusion rule holds, found once per document
    /// and shared by every commitment that asks.
    private var disputeHits: [String: [(IndexedArticle, Sentence)]] = [:]

    func disputeSentences(_ rule: Rule) -> [(IndexedArticle, Sentence)] {
        if let hits = disputeHits[rule.id] { return hits }
        var hits: [(IndexedArticle, Sentence)] = []
        let disputeBit: UInt64 = 1 << UInt64(RuleSet.disputeGroup)
        for a in articles where a.has(disputeBit) {
            for s in a.sentences(with: disputeBit, whereMayHold: [rule]) where rule.holds(in: s) != nil { hits.append((a, s)) }
        }
        disputeHits[rule.id] = hits
        return hits
    }

    func articles(inChapterOf a: IndexedArticle) -> [IndexedArticle] {
        guard let c = a.chapterIndex else { return articles }
        return articles.filter { $0.chapterIndex == c }
    }
}
