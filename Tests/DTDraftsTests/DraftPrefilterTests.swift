@testable import DTDrafts
import DTIngest
import DTModel
import DTTestSupport
import Foundation
import Testing

/// `DraftAnalysis.of` skips a text its byte prefilter finds cannot be a draft: it
/// must never skip one the full analysis calls a draft.
@Suite struct DraftPrefilterTests {
    /// The prefilter's promise on one document: a draft is never skipped.
    static func holds(_ agreement: Agreement) -> Bool {
        !DraftAnalysis(agreement).isDraft || DraftAnalysis.of(agreement) != nil
    }

    @Test func everyDraftOfTheRepositoryIsRead() throws {
        let root = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts").path
        let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { name in [".md", ".txt", ".html", ".docx", ".odt"].contains { name.hasSuffix($0) } }.sorted()
        #expect(files.count > 20)
        var drafts = 0
        for f in files {
            let agreement = try DocumentLoader.load(path: root + "/" + f)
            if DraftAnalysis(agreement).isDraft {
                drafts += 1
                #expect(DraftAnalysis.of(agreement) != nil, "\(f) is a draft the prefilter skips")
            }
        }
        #expect(drafts > 3)
    }

    @Test(arguments: [
        "[CH propose; CO/US oppose: No Party shall require it.]",
        "[EU propose; NO considering: Each Party shall allow the transfer.]",
        "[No Party shall require the use of local computing facilities.] (AU/JP/SG propose; ID/VN oppose)",
        "[No Party shall require it.]\u{00A0}(AU PROPOSES)",
        "[No Party shall require it.] [US propose; VN oppose]",
        "[ALT 1: No Party shall require it.] [ALT 2: Each Party may require it.]",
        "[  Option B – Each Party shall endeavour to allow it.]",
        "Each Party shall allow it [KR: we need more time].",
        "[Note: to be checked by legal scrubbing.]",
        "[Drafting note: see paragraph 2]",
        "[EU/JP support]",
        "[US objects]",
        "Each Party [shall [US propose: not]] require it.",
    ])
    func draftsAreNeverSkipped(_ body: String) throws {
        let agreement = try DocumentLoader.load(bytes: Array(BracketScannerTests.article(body).utf8), path: "draft.txt")
        #expect(DraftAnalysis(agreement).isDraft)
        #expect(DraftAnalysis.of(agreement) != nil)
    }

    @Test(arguments: [
        "subparagraph [a] and footnote [1] and [iv]: as follows.",
        "This Article is subject to Article 14.13 [Location of Computing Facilities] of this Chapter.",
        "The Parties shall consider [the] measures, as set out in paragraph 2: each Party shall",
        "RVC = [(TV - VNM) / TV] x 100 (the Parties propose no other method)",
    ])
    func signedTextsAreSkipped(_ body: String) throws {
        let agreement = try DocumentLoader.load(bytes: Array(BracketScannerTests.article(body).utf8), path: "final.txt")
        #expect(!DraftAnalysis(agreement).isDraft)
        #expect(DraftAnalysis.of(agreement) == nil)
    }

    /// Texts made of the pieces drafts are made of, at random (seeded): whatever the
    /// full analysis calls a draft, the prefilter lets through.
    @Test func randomBracketTextsNeverSkipADraft() throws {
        let pieces = ["[", "]", "[", "]", " ", " ", "\n\n", "US", "EU/JP", "KR", "Japan", "propose", "Considering", "oppose",
                      "reserve", ":", ";", ",", "(", ")", "ALT 1", "Option A", "alt", "Note", "note", "and", "shall", "the",
                      "Party", "1.", "é", "\u{00A0}", "\u{0301}", "“", "\"", "=", "Article 3", "-", "\t", "ñ"]
        var rng = SplitMix64(seed: 22)
        func piece() -> String { pieces[Int(rng.next() % UInt64(pieces.count))] }
        var drafts = 0
        var skipped = 0
        for _ in 0..<3000 {
            var body = ""
            for _ in 0..<(Int(rng.next() % 6) + 1) {
                switch rng.next() % 4 {
                case 0: body += piece() + " "
                case 1: body += "[" + (0..<Int(rng.next() % 4)).map { _ in piece() }.joined(separator: " ") + "] "
                case 2: body += "[" + piece() + " " + piece() + ": " + piece() + " shall] (" + piece() + " " + piece() + ") "
                default: body += (0..<Int(rng.next() % 5)).map { _ in piece() }.joined()
                }
            }
            let agreement = try DocumentLoader.load(bytes: Array(BracketScannerTests.article(body).utf8), path: "random.txt")
            if DraftAnalysis(agreement).isDraft { drafts += 1 }
            if DraftAnalysis.of(agreement) == nil { skipped += 1 }
            #expect(Self.holds(agreement), "skipped a draft: \(body.debugDescription)")
        }
        print("random bracket texts: \(drafts) of 3000 are drafts, \(skipped) skipped")
        // Enough drafts to test, and enough texts skipped for the prefilter to be tested too.
        #expect(drafts > 150)
        #expect(skipped > 300)
    }

    /// The ToTA corpus: no signed text the analysis calls a draft is skipped (a
    /// sample, every file with DTCHECK_SLOW_TESTS=1).
    @Test(.needsSharedCorpus) func totaTextsKeepTheirDraftReading() throws {
        guard let files = SharedCorpus.totaFiles(10_000) else { return }
        for file in SweepSample.every(15, of: files) {
            let agreement = try DocumentLoader.load(path: file)
            #expect(Self.holds(agreement), "\(file)")
        }
    }

    /// A hostile text of brackets (each reading a long window that overlaps the
    /// next) makes the prefilter give up, saying yes, rather than read it over and
    /// over: the analysis then decides, as it did before the prefilter.
    @Test func hostileBracketsExhaustTheBudget() {
        // Unclosed brackets: each one's text is read up to its 8,000 bytes.
        let hostile = Array(String(repeating: "[a", count: 50_000).utf8)
        #expect(hostile.withUnsafeBufferPointer { DraftPrefilter.mayBeDraft($0) })
        var budget = 1_000_000
        _ = hostile.withUnsafeBufferPointer { DraftPrefilter.opensDraftBracket($0, at: 0, budget: &budget) }
        #expect(budget < 1_000_000 - 8_000)
        let plain = Array(String(repeating: "footnote [1] and text é, ", count: 50_000).utf8)
        #expect(!plain.withUnsafeBufferPointer { DraftPrefilter.mayBeDraft($0) })
    }
}
