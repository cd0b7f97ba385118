@testable import DTModel
import Testing

/// `WordDiff.similarity` counts a run's words on its bytes when it is ASCII: the
/// same count as splitting at spaces.
@Suite struct WordCountTests {
    @Test(arguments: ["", " ", "a", "a b", "  a  b  ", "shall not\timpose", "x\r\ny z", "“quoted” words", "e\u{301} \u{301}x", "a \u{301}b", "ñ ñ"])
    func countsAsSplitDoes(_ text: String) {
        #expect(WordDiff.wordCount(text) == text.split(separator: " ").count)
    }
}
