import DTModel
import Testing

@Suite struct WordDiffTests {
    @Test func insertionInTheMiddleIsOneAddedRun() {
        let diff = WordDiff(from: "Each Party shall allow the transfer of information",
                            to: "Each Party shall allow, where it considers necessary, the transfer of information")
        #expect(diff.runs == [
            .init(kind: .same, text: "Each Party shall"),
            .init(kind: .removed, text: "allow"),
            .init(kind: .added, text: "allow, where it considers necessary,"),
            .init(kind: .same, text: "the transfer of information"),
        ])
        #expect(!diff.isUnchanged)
    }

    @Test func replacementShowsRemovalBeforeAddition() {
        let diff = WordDiff(from: "No Party shall require a covered person", to: "No Party shall prohibit a covered person")
        #expect(diff.inlineText == "No Party shall [-require-] {+prohibit+} a covered person")
    }

    @Test func caseSpacingAndTypographyAreNotChanges() {
        let diff = WordDiff(from: "the Party’s  territory\n— as a condition", to: "the party's territory - as a condition")
        #expect(diff.isUnchanged)
        #expect(diff.similarity == 1)
        // The runs keep the new text's spelling.
        #expect(diff.runs == [.init(kind: .same, text: "the party's territory - as a condition")])
    }

    @Test func similarityCountsKeptWords() {
        let diff = WordDiff(from: "a b c d", to: "a b x y")
        #expect(diff.similarity == 0.5)
        #expect(WordDiff(from: "", to: "").similarity == 1)
        #expect(WordDiff(from: "a b", to: "").runs == [.init(kind: .removed, text: "a b")])
        #expect(WordDiff(from: "", to: "a b").runs == [.init(kind: .added, text: "a b")])
    }

    @Test func deletionAtTheEnd() {
        let diff = WordDiff(from: "shall not impose customs duties on electronic transmissions, subject to its laws",
                            to: "shall not impose customs duties on electronic transmissions,")
        #expect(diff.inlineText == "shall not impose customs duties on electronic transmissions, [-subject to its laws-]")
    }

    @Test func middlesTooLargeToAlignAreOneRemovalAndOneAddition() {
        let old = (0..<2_100).map { "o\($0)" }.joined(separator: " ")
        let new = (0..<2_100).map { "n\($0)" }.joined(separator: " ")
        let diff = WordDiff(from: "start " + old + " end", to: "start " + new + " end")
        #expect(diff.runs.map(\.kind) == [.same, .removed, .added, .same])
    }
}
