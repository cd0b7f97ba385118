@testable import DTGrading
@testable import DTModel
@testable import DTRules
import DTTestSupport
import Foundation
import Testing

/// A paragraph's trigrams taken from the article's reading (`RawReader.feedPiece`)
/// must be the ones the paragraph read on its own gives, and the article's must be
/// the ones the plain stream gives: a gate seeing other sets could admit less.
@Suite struct ParagraphTrigramTests {
    /// Words with every kind of character the reader meets: kept ASCII, dropped
    /// ASCII, accented letters folded to one or two letters, kept and dropped
    /// non-ASCII, and a character only normalising can read (ﬁ).
    static let words = ["cross-border", "transfer", "of", "information", "\u{00A0}", "\u{2019}s", "αβγ", "café", "—", "\n",
                        "Data", "§ 3", "e-commerce", "a", "b", "1.", "  ", "œuvre", "Ærø", "ß", "ﬁ", "", ".", "x y", "ÉTÉ"]

    static func text(_ rng: inout SplitMix64, maxWords: Int) -> String {
        (0..<Int(rng.next() % UInt64(maxWords + 1))).map { _ in words[Int(rng.next() % UInt64(words.count))] }
            .joined(separator: rng.next() % 3 == 0 ? "" : " ")
    }

    @Test func piecesReadWithTheStreamGiveTheStreamsTrigramsAndTheirOwn() {
        var rng = SplitMix64(seed: 22)
        var ownSets = 0
        for _ in 0..<3_000 {
            var stream = TrigramBloom.RawReader()
            var pieced = TrigramBloom.RawReader()
            for _ in 0..<Int(rng.next() % 6 + 1) {
                // Pieces of 0 to 2 words often: the join then spans three pieces.
                var piece = Self.text(&rng, maxWords: rng.next() % 2 == 0 ? 2 : 12)
                piece.withUTF8 { bytes in
                    stream.feed(bytes)
                    if rng.next() % 3 == 0 {
                        pieced.feed(bytes)
                        return
                    }
                    let wasPlain = pieced.plain
                    let own = pieced.feedPiece(bytes)
                    let alone = TrigramBloom(rawTexts: [String(decoding: bytes, as: UTF8.self)])
                    #expect(own == (wasPlain ? alone : nil), "\(String(decoding: bytes, as: UTF8.self))")
                    if own != nil { ownSets += 1 }
                }
                #expect(pieced.plain == stream.plain)
                #expect(pieced.bloom == stream.bloom)
            }
        }
        #expect(ownSets > 3_000)
    }

    /// Generated articles as ingest leaves them split (HTML, Word) or not (text,
    /// ToTA): their paragraph sets, as the paragraph gate sees them, equal each
    /// paragraph's text read on its own, whether or not the article's set was read
    /// first; the article's set equals the stream read plainly.
    @Test func paragraphSetsAreTheParagraphsOwn() throws {
        let rules = try ProjectRuleSet.require()
        var rng = SplitMix64(seed: 15)
        let at = SourceLocation(line: 1)
        var paragraphGates = 0
        for n in 0..<600 {
            var children: [Division] = []
            for k in 0..<Int(rng.next() % 5) {
                let kinds: [DivisionKind] = [.paragraph, .subparagraph, .section, .paragraph]
                let kind = kinds[Int(rng.next() % 4)]
                let heading = rng.next() % 3 == 0 ? Self.text(&rng, maxWords: 3) : nil
                let below = rng.next() % 5 == 0 ? [Division(kind: .subparagraph, number: "(a)", text: Self.text(&rng, maxWords: 8), location: at)] : []
                let text = Self.text(&rng, maxWords: 20)
                if rng.next() % 2 == 0, below.isEmpty {
                    children.append(Division(kind: kind, number: "\(k + 1)", heading: heading, utf8Text: Array(text.utf8), location: at))
                } else {
                    children.append(Division(kind: kind, number: "\(k + 1)", heading: heading, text: text, location: at, children: below))
                }
            }
            let pending = children.isEmpty && rng.next() % 2 == 0
            let ownText = rng.next() % 3 == 0 ? "" : Self.text(&rng, maxWords: 15) + (pending ? "\n\n2. " + Self.text(&rng, maxWords: 10) : "")
            let article = Division(kind: .article, number: "\(n)", heading: rng.next() % 4 == 0 ? nil : Self.text(&rng, maxWords: 4),
                                   text: ownText, location: at, children: children, paragraphsPending: pending)

            // The stream as the article's gate always read it.
            var plain = TrigramBloom.RawReader()
            plain.feed(article.heading ?? "")
            var labels: [String] = []
            DivisionWalker.walk([article]) { d, _ in
                d.withTextUTF8 { plain.feed($0) }
                if d.kind != .article {
                    if let h = d.heading { labels.append(h) }
                    if let n = d.number { labels.append(n) }
                }
            }
            for label in labels { plain.feed(label) }

            let units = SentenceSplitter.units(of: article.withTextAsString().withParagraphs())
            let expected = units.map { TrigramBloom(rawTexts: [$0.text]) ?? TrigramBloom(TextNormalizer.normalize($0.text)) }
            for readWholeFirst in [true, false] {
                let indexed = IndexedArticle(position: 0, article: article, chapter: nil, chapterIndex: nil,
                                             matcher: rules.keywordMatcher, verbatimLines: false)
                if readWholeFirst { #expect(indexed.wholeBloom == plain.bloom) }
                var seen: [TrigramBloom] = []
                _ = indexed.sentences(inParagraphsWhere: { seen.append($0); return false })
                // A lone paragraph is not gated on its own.
                #expect(seen == (units.count > 1 ? expected : []), "\(article)")
                paragraphGates += seen.count
                if !readWholeFirst { #expect(indexed.wholeBloom == plain.bloom) }
            }
        }
        #expect(paragraphGates > 1_000)
    }
}
