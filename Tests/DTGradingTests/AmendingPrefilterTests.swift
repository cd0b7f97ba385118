@testable import DTGrading
import DTIngest
import DTModel
import DTTestSupport
import Foundation
import Testing

/// `AmendingPrefilter` says no only where the formula search, reading the opening as
/// strings, finds nothing: on generated files whose formulas fall on every side of the
/// opening's 4,000-Character edge, in headings, titles and first lines, broken by line
/// breaks, hyphens, accents, CR LF and combining marks; and on every file of the corpora.
@Suite struct AmendingPrefilterTests {
    static let formulas = AmendingInstrument.titleFormulas + AmendingInstrument.operativeFormulas
        + ["Protocol\nAmending", "PROTOCOLE MODIFIANT", "est remplacé par le texte suivant", "is re-\nplaced by the follow-\ning",
           "se modifica\r\ncomo sigue", "Se sustituye por el siguiente", "protocol amend\u{301}ing", "agreement to\u{00A0}amend"]
    static let words = ["the", "Party", "shall", "Article", "amended", "protocol", "follows", "é", "ç",
                        "œuvre", "siguiente", "suivant", "—", "\u{00AD}", "“", "x"]
    /// Characters only normalising reads (a ligature, a full-width letter, a flag, a
    /// combining mark): each sends a file to the search, so they come rarely.
    static let exotic = ["\u{301}", "\u{1F1EB}\u{1F1F7}", "ﬁle", "Ｃode"]
    static let separators = [" ", " ", "\n", "\r\n", "\r", "-\n", ", ", "\n\n", "\t"]

    static func piece(_ rng: inout SplitMix64, fewerThan limit: UInt64) -> String {
        var text = rng.text(words: words, separators: separators, fewerThan: limit)
        if rng.next() % 40 == 0 { text += rng.pick(exotic) }
        if rng.next() % 15 == 0 {
            let f = rng.pick(formulas)
            let cut = text.index(text.startIndex, offsetBy: Int(rng.next() % UInt64(text.count + 1)))
            text.insert(contentsOf: f, at: cut)
        }
        return text
    }

    static func agreement(_ rng: inout SplitMix64) -> Agreement {
        func division(_ depth: Int) -> Division {
            let heading: String? = rng.next() % 2 == 0 ? piece(&rng, fewerThan: 12) : nil
            // Long bodies, so the opening ends inside a text as often as between two.
            let body = rng.next() % 4 == 0 ? "" : piece(&rng, fewerThan: rng.next() % 5 == 0 ? 900 : 60)
            let children = depth < 2 ? (0..<Int(rng.next() % 4)).map { _ in division(depth + 1) } : []
            if rng.next() % 2 == 0 {
                var d = Division(kind: .article, number: "1", heading: heading, utf8Text: Array(body.utf8), location: SourceLocation(line: 1))
                d.children = children
                return d
            }
            return Division(kind: .article, number: "1", heading: heading, text: body, location: SourceLocation(line: 1), children: children)
        }
        let title: String? = rng.next() % 3 == 0 ? nil : piece(&rng, fewerThan: 15)
        return Agreement(title: title, language: "en", sourceFormat: .text, sourcePath: "t.txt",
                         divisions: (0..<Int(1 + rng.next() % 6)).map { _ in division(0) })
    }

    @Test func saysNoOnlyWhereTheSearchFindsNothing() {
        var rng = SplitMix64(seed: 0x5EED_A3E1)
        var found = 0, passed = 0
        for _ in 0..<600 {
            let a = Self.agreement(&rng)
            let expected = AmendingInstrument.readFormula(in: a)
            if expected != nil { found += 1 }
            let may = AmendingPrefilter.mayHoldFormula(a)
            if may { passed += 1 }
            #expect(may || expected == nil, "prefilter said no, search found \(expected ?? "")")
            #expect(AmendingInstrument.formula(in: a) == expected)
        }
        // The generator reaches both answers, and the prefilter rules files out.
        print("amending prefilter: \(found) found, \(passed) passed of 600")
        #expect(found > 60)
        #expect(passed < 500)
    }

    /// Every file of the shared corpora under `DTCHECK_SLOW_TESTS=1`, every tenth otherwise.
    @Test(.needsSharedCorpus) func agreesOnTheCorpusFiles() throws {
        var paths: [String] = []
        for folder in ["tota", "other"] {
            guard let path = SharedCorpus.path(folder),
                  let walker = FileManager.default.enumerator(at: URL(fileURLWithPath: path), includingPropertiesForKeys: nil) else { return }
            for case let url as URL in walker where !url.hasDirectoryPath { paths.append(url.path) }
        }
        var files = 0
        for path in SweepSample.every(10, of: paths.sorted()) {
            guard let a = try? DocumentLoader.load(path: path) else { continue }
            files += 1
            #expect(AmendingInstrument.formula(in: a) == AmendingInstrument.readFormula(in: a), "\(path)")
        }
        #expect(files > 40)
    }
}

/// The Characters `AmendingPrefilter` counts on bytes are those `String` counts.
@Suite struct SimpleCharacterTests {
    @Test func countsAsStringDoesWhereItAnswers() {
        let alphabet: [Unicode.Scalar] = ["a", "Z", " ", "\n", "\r", "\u{E9}", "\u{153}", "\u{17F}", "\u{180}", "\u{2019}", "\u{2014}",
                                          "\u{200B}", "\u{200C}", "\u{200D}", "\u{203C}", "\u{301}", "\u{1F1EB}", "\u{AD}", "\u{A0}", "\u{1100}", "\u{1161}"]
        var rng = SplitMix64(seed: 0xC4A7)
        var answered = 0
        for _ in 0..<20_000 {
            var s = rng.text(of: alphabet, shorterThan: 40)
            let limit = Int(rng.next() % 45)
            let expected = AmendingInstrument.prefixEnd(of: s, characters: limit)
            let got = s.withUTF8 { AmendingPrefilter.simpleCharacters($0, upTo: limit) }
            guard let got else { continue }
            answered += 1
            #expect(got.characters == expected.count, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(got.bytes == s.utf8.distance(from: s.utf8.startIndex, to: expected.end))
        }
        #expect(answered > 1_000)
    }
}
