@testable import DTModel
@testable import DTRules
import DTTestSupport
import Testing

/// `KeywordMatcher.squeezable` finds where a text stops being ASCII sixteen bytes at a
/// time, writes into a buffer of fixed size with runs copied as words (past a run's
/// end), and copies again with more room when compatibility forms outgrow it: each of
/// those must give exactly what reading every character in turn gives (`plainSqueeze`).
@Suite struct SqueezableTests {
    /// The text read character by character as the keyword walk must see it: ASCII
    /// and bytes that are not UTF-8 as they are, accented Latin letters folded, kept
    /// characters as their bytes, spaces, quotes, dashes and marks left out, anything
    /// else as its squeezed compatibility form.
    static func plainSqueeze(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            while i < buffer.count {
                guard buffer[i] >= 0x80, let (v, w) = TextNormalizer.decode(buffer, at: i) else {
                    out.append(buffer[i])
                    i += 1
                    continue
                }
                if let f = TextNormalizer.foldedLatin(v) {
                    out.append(f.0)
                    if f.1 != 0 { out.append(f.1) }
                } else {
                    switch TextNormalizer.plainScalar(v) {
                    case .keep?: out.append(contentsOf: buffer[i..<(i + w)])
                    case .space?, .drop?, .byte?, .periods?: break
                    case nil: out.append(contentsOf: KeywordMatcher.squeezedForm(of: v, bytes: UnsafeBufferPointer(rebasing: buffer[i..<(i + w)])))
                    }
                }
                i += w
            }
        }
        return out
    }

    static func squeezed(_ bytes: [UInt8]) -> [UInt8] {
        var cache: [UInt32: [UInt8]] = [:]
        return bytes.withUnsafeBufferPointer { KeywordMatcher.squeezable($0, cache: &cache) } ?? bytes
    }

    @Test func readsAsThePlainCopy() {
        // Accents (folded to one or two letters), kept letters, squeezed-away marks,
        // ligatures and a sign whose compatibility form is eighteen letters (U+FDFA),
        // runs of ASCII shorter and longer than a copy's 32 bytes.
        let words = ["a", "los", "transmisiones", "electrónicas", "été", "œuvre", "Straße", "ñ", "ç", "Æ", "\u{FB02}ow", "\u{FB03}",
                     "\u{FDFA}", "\u{00AD}", "“x”", "—", "\u{00A0}", "ß", "中文", "😀", "Ｃ", "cross-border transfer of information",
                     String(repeating: "x", count: 31), String(repeating: "y", count: 33), String(repeating: "z", count: 70)]
        var generator = SplitMix64(seed: 0x5EE2E)
        var squeezedSome = 0
        for round in 0..<3000 {
            var bytes = Array(generator.text(words: words, separators: [" ", "", "\n", ", "], fewerThan: round % 7 == 0 ? 120 : 16).utf8)
            // Now and then a byte that is not UTF-8 (copied as it is) or a character cut at the end.
            if round % 11 == 0, !bytes.isEmpty { bytes[Int(generator.next() % UInt64(bytes.count))] = 0xFF }
            if round % 13 == 0 { bytes += [0xC3] }
            let expected = Self.plainSqueeze(bytes)
            #expect(Self.squeezed(bytes) == expected, "\(bytes)")
            if expected != bytes { squeezedSome += 1 }
        }
        #expect(squeezedSome > 1000)
    }

    /// A text of signs whose forms outgrow the buffer's first room: copied again with more.
    @Test func formsLongerThanTheRoomStartOver() {
        let text = Array(("é" + String(repeating: "\u{FDFA}", count: 40) + " fin").utf8)
        #expect(Self.squeezed(text) == Self.plainSqueeze(text))
        #expect(Self.plainSqueeze(text).count > text.count + 64)
    }

    @Test func nextNonASCIIFindsTheFirstHighByte() {
        var generator = SplitMix64(seed: 0xB17E5)
        for _ in 0..<2000 {
            let count = Int(generator.next() % 70)
            let bytes = (0..<count).map { _ in generator.next() % 9 == 0 ? UInt8(0x80 + generator.next() % 128) : UInt8(generator.next() % 128) }
            let from = count == 0 ? 0 : Int(generator.next() % UInt64(count + 1))
            let expected = bytes[from...].firstIndex { $0 >= 0x80 } ?? count
            bytes.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress {
                    #expect(ByteScan.nextNonASCII(base, from: from, count: count) == expected)
                }
            }
        }
    }
}
