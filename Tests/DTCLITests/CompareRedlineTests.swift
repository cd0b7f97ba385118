import DTModel
@testable import DTReports
import Testing

/// How compare prints a clause's redline: context around each change, long stretches cut.
@Suite struct CompareRedlineTests {
    static let words = (1...60).map { "w\($0)" }.joined(separator: " ")

    @Test func aOneWordEditInALongArticleKeepsEightWordsOfContext() {
        let old = Self.words, new = Self.words.replacingOccurrences(of: "w30 ", with: "W-thirty ")
        let diff = WordDiff(from: old, to: new)
        #expect(CompareRedline.text(diff.runs, color: false) == "… w22 w23 w24 w25 w26 w27 w28 w29 [-w30-] {+W-thirty+} w31 w32 w33 w34 w35 w36 w37 w38 …")
        #expect(CompareRedline.markdown(diff.runs) == "… w22 w23 w24 w25 w26 w27 w28 w29 ~~w30~~ **W-thirty** w31 w32 w33 w34 w35 w36 w37 w38 …")
        // HTML keeps thirty words either side.
        let html = CompareRedline.html(diff.runs)
        #expect(html.hasPrefix("w1 w2 ") && html.contains("<del>w30</del> <ins>W-thirty</ins>") && html.hasSuffix("w59 w60"))
    }

    @Test func aWholeArticleRemovedIsCutInTextButNotInHTML() {
        let long = (1...200).map { "r\($0)" }.joined(separator: " ")
        let diff = WordDiff(from: long, to: "")
        let text = CompareRedline.text(diff.runs, color: false)
        #expect(text.hasPrefix("[-r1 r2 ") && text.contains(" r70 … r191 ") && text.hasSuffix(" r200-]"))
        #expect(!text.contains(" r71 "))
        #expect(CompareRedline.html(diff.runs).contains(" r100 "))
    }

    @Test func controlCharactersAndMarkupFromTheFileAreShownSafely() {
        let diff = WordDiff(from: "a <b>bold</b> x", to: "a <i>x\u{1B}[31m</i> x")
        #expect(!CompareRedline.text(diff.runs, color: false).contains("\u{1B}"))
        #expect(!CompareRedline.html(diff.runs).contains("<b>") && !CompareRedline.html(diff.runs).contains("<i>"))
    }
}
