import DTTestSupport
@testable import DTIngest
import Testing

/// The HTML block collector collapses a text node's white space on bytes
/// (`collapsedBytes`), and first asks whether the text would come back unchanged
/// (`collapsesToItself`, then it is kept as it is). Both must give what the collapse by
/// Characters gives (`collapsedCharacters`), whatever the buffer the text is appended to.
@Suite struct HTMLCollapseTests {
    /// (buffer empty, buffer ends in a space or newline): the states a buffer can be in.
    static let bufferStates = [(true, false), (false, false), (false, true)]

    static func bytesPath(_ text: String, _ empty: Bool, _ endsInSpace: Bool) -> String {
        HTMLBlockCollector.collapsedBytes(text, bufferEmpty: empty, bufferEndsInSpace: endsInSpace)
            ?? HTMLBlockCollector.collapsedCharacters(text, bufferEmpty: empty, bufferEndsInSpace: endsInSpace)
    }

    @Test func bytePathsMatchTheCharacterCollapseOnRandomText() {
        // Mostly letters and single spaces (the common case the shortcut takes), with the
        // white space, controls, marks and CR LF that must send a text down the slow path.
        let alphabet: [Unicode.Scalar] = ["a", "b", "Z", "1", ".", " ", " ", " ", "\t", "\n", "\r", "\u{01}", "\u{0B}",
                                          "é", "\u{301}", "\u{A0}", "\u{600}", "\u{200D}", "日", "\u{1F600}"]
        var rng = SplitMix64(seed: 4)
        var unchangedSeen = 0
        for _ in 0..<20_000 {
            let text = rng.text(of: alphabet, shorterThan: 16)
            var copy = text
            let unchanged = copy.withUTF8 { HTMLBlockCollector.collapsesToItself($0) }
            if unchanged { unchangedSeen += 1 }
            for (empty, endsInSpace) in Self.bufferStates {
                let reference = HTMLBlockCollector.collapsedCharacters(text, bufferEmpty: empty, bufferEndsInSpace: endsInSpace)
                let hex = text.unicodeScalars.map { String($0.value, radix: 16) }
                #expect(Self.bytesPath(text, empty, endsInSpace) == reference, "\(hex) empty \(empty) space \(endsInSpace)")
                if unchanged { #expect(reference == text, "said unchanged: \(hex)") }
            }
        }
        #expect(unchangedSeen > 1_000) // the shortcut was exercised, not only the collapse
    }

    /// The shortcut reads eight bytes at a time; the byte loop it stands for must agree on
    /// texts of every length around the word size, with the bytes that decide (spaces at
    /// word edges, non-ASCII neighbours, tab, LF, CR, other controls, 0x7F and 0x80).
    @Test func wordAtATimeShortcutAgreesWithTheByteLoop() {
        let alphabet: [UInt8] = [0x61, 0x5A, 0x2E, 0x20, 0x20, 0x20, 0x20, 0x09, 0x0A, 0x0D, 0x01, 0x0B, 0x21, 0x7F,
                                 0x80, 0xC3, 0xA9, 0xFF, 0x00, 0x1F]
        var rng = SplitMix64(seed: 15)
        var agreedTrue = 0
        for round in 0..<60_000 {
            let length = Int(rng.next() % 41)
            // Mostly prose (letters with single spaces), so the word path passes often too.
            let prose = round % 2 == 0
            var bytes: [UInt8] = []
            for k in 0..<length {
                if prose {
                    bytes.append(k % 5 == 4 && rng.next() % 8 != 0 ? 0x20 : (rng.next() % 16 == 0 ? alphabet[Int(rng.next() % UInt64(alphabet.count))] : 0x61))
                } else {
                    bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
                }
            }
            let words = bytes.withUnsafeBufferPointer { HTMLBlockCollector.collapsesToItself($0) }
            let loop = bytes.withUnsafeBufferPointer { HTMLBlockCollector.collapsesToItselfByBytes($0, from: 0) }
            #expect(words == loop, "\(bytes)")
            if loop { agreedTrue += 1 }
        }
        #expect(agreedTrue > 5_000)
    }

    @Test func shortcutTakesOrdinaryProseAndRefusesWhatCollapses() {
        func unchanged(_ s: String) -> Bool { var s = s; return s.withUTF8 { HTMLBlockCollector.collapsesToItself($0) } }
        #expect(unchanged("1. The Parties shall not impose customs duties."))
        #expect(unchanged(""))
        #expect(!unchanged(" leading"))
        #expect(!unchanged("trailing "))
        #expect(!unchanged("two  spaces"))
        #expect(!unchanged("a\tb"))
        #expect(!unchanged("a\nb"))
        #expect(!unchanged("é b")) // a space next to a non-ASCII byte
        #expect(!unchanged("eight by é")) // the same across a word's edge
        #expect(!unchanged("eight b é"))
        #expect(!unchanged("sixteen bytes ok "))
        #expect(!unchanged(" sixteen bytes ok"))
        #expect(unchanged("1. The Parties shall not\u{01} impose customs duties on electronic transmissions."))
    }
}

/// `SiblingCounts` (a short list, then a dictionary) counts as a dictionary does.
@Suite struct SiblingCountsTests {
    @Test func countsAsADictionaryDoesBeforeAndAfterManyNames() {
        var rng = SplitMix64(seed: 12)
        for distinct in [1, 3, 12, 13, 40] {
            var counts = SiblingCounts()
            var reference: [String: Int] = [:]
            for _ in 0..<500 {
                let name = "e\(rng.next() % UInt64(distinct))"
                reference[name, default: 0] += 1
                #expect(counts.next(name) == reference[name], "\(distinct) names, \(name)")
            }
        }
    }
}
