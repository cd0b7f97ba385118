@testable import DTGrading
import DTIngest
import DTModel
import DTTestSupport
import Testing

/// PILLARS.md: an instrument that amends another agreement is graded on what the
/// file holds, and the report says so where it can tell.
@Suite struct AmendingInstrumentTests {
    static func grade(_ text: String, name: String = "draft.md") throws -> DocumentVerdict {
        let grader = Grader(rules: try #require(ProjectRules.loaded))
        return grader.grade(try DocumentLoader.load(bytes: Array(text.utf8), path: name), options: GradeOptions())
    }

    static let ban = "No Party shall impose customs duties on electronic transmissions between a person of one Party and a person of another Party."

    @Test func aProtocolNamedInItsTitleIsAnAmendingInstrument() throws {
        let v = try Self.grade("# Protocol Amending the Free Trade Agreement\n\n## Article 1\n\n" + Self.ban + "\n")
        #expect(v.amendingInstrument == "protocol amending")
        #expect(v.summary.hasPrefix("amending instrument"))
    }

    @Test func anOperativeReplacementFormulaInTheOpeningIsAnAmendingInstrument() throws {
        let v = try Self.grade("""
            # Decision No 1/2026 of the Joint Committee

            ## Article 1

            Article 8.3 of the Agreement is replaced by the following:

            "Article 8.3 Customs Duties

            \(Self.ban)"
            """)
        #expect(v.amendingInstrument == "is replaced by the following")
    }

    @Test func spanishAndFrenchNames() throws {
        #expect(try Self.grade("# Protocolo Modificatorio del Tratado de Libre Comercio\n\n## Artículo 1\n\nNinguna Parte impondrá derechos aduaneros a las transmisiones electrónicas entre las Partes.\n").amendingInstrument == "protocolo modificatorio")
        #expect(try Self.grade("# Protocole modifiant l'Accord\n\n## Article premier\n\nAucune Partie n'impose de droits de douane sur les transmissions électroniques entre les Parties.\n").amendingInstrument == "protocole modifiant")
    }

    /// A name on the first line of text, with no heading holding it (a Word title in body text).
    @Test func aNameOnTheFirstLineOfText() throws {
        let v = try Self.grade("SECOND PROTOCOL TO AMEND THE FREE TRADE AGREEMENT\n\nArticle 1\n\n" + Self.ban + "\n", name: "draft.txt")
        #expect(v.amendingInstrument == "protocol to amend")
    }

    /// A whole agreement's preamble recalling an amending protocol is not one.
    @Test func aPreambleRecallingAProtocolIsNot() throws {
        let v = try Self.grade("""
            # Free Trade Agreement between the Parties

            RECALLING the Framework Agreement signed on 4 November 2002 and the Protocol to Amend the Framework Agreement signed on 6 October 2003;

            ## Article 1

            \(Self.ban)
            """)
        #expect(v.amendingInstrument == nil)
        #expect(!v.summary.contains("amending instrument"))
    }

    /// The counting helpers that replaced `String.count`, `prefix` and `split` answer
    /// as those do, on the texts where Characters are not bytes.
    @Test(arguments: ["", "a", "\r\n", "ab\r\ncd", "a\r", "\r", "e\u{301}x", "x\u{301}\u{302}y", "Côte d'Ivoire",
                      "\u{1F1EB}\u{1F1F7} flag", "👩‍👩‍👧 family", "plain ascii text\nwith lines", "\n\nabc\ndef", "\u{0915}\u{093F}x",
                      "abcdefghij\r\nklmnopq\r\nrstu\u{301}vwxyz0123456789 and more plain words\r", "abcdefgh\u{301}ijklmnopqrstuvw",
                      // The first line's byte path: lines past 200 Characters, a mark or CR LF at the cut, only LFs.
                      String(repeating: "word ", count: 50), String(repeating: "x", count: 200) + "\u{301}tail",
                      String(repeating: "x", count: 199) + "\r\nnext", String(repeating: "y", count: 200) + "\nnext", "\n\n", "\n\u{301}abc\nx",
                      "\n\r\nabc", "AGREEMENT BETWEEN\u{A0}CANADA\nArticle 1"])
    func countingHelpersAgreeWithString(_ s: String) {
        for limit in [0, 1, 2, 3, 5, 8, 9, 16, 17, 50] {
            #expect(AmendingInstrument.characters(in: s, upTo: limit) == min(s.count, limit))
            #expect(AmendingInstrument.prefix(of: s, characters: limit) == String(s.prefix(limit)))
        }
        let expected = s.split(separator: "\n").first.map { String($0.prefix(AmendingInstrument.firstLineLength)) }
        #expect(AmendingInstrument.firstLineStart(of: s).map(String.init) == expected)
    }

    @Test func aFormulaIsFoundWhereItsBytesAre() {
        #expect(AmendingInstrument.holds("the protocol amending the", bytes: Array("the protocol amending the".utf8), "protocol amending"))
        #expect(!AmendingInstrument.holds("the protocol amended", bytes: Array("the protocol amended".utf8), "protocol amending"))
    }

    /// The stems that spare a text the formula searches are in every formula.
    @Test func everyFormulaHoldsAStem() {
        for f in AmendingInstrument.titleFormulas {
            #expect(AmendingInstrument.titleStems.contains { f.contains($0) }, "\(f)")
        }
        for f in AmendingInstrument.operativeFormulas {
            #expect(AmendingInstrument.operativeStems.contains { f.contains($0) }, "\(f)")
        }
    }

    /// Searching stems first answers as searching every formula: each formula sits
    /// under a stem it holds, and generated squeezed texts (pieces of formulas and
    /// stems, letters between) get the same answer both ways.
    @Test func stemsFirstAnswerAsEveryFormula() {
        for (set, formulas, stems) in [(AmendingInstrument.squeezedTitleFormulas, AmendingInstrument.titleFormulas, AmendingInstrument.titleStems),
                                       (AmendingInstrument.squeezedOperativeFormulas, AmendingInstrument.operativeFormulas, AmendingInstrument.operativeStems)] {
            #expect(set.stems.count == stems.count, "every formula holds one of the stems")
            #expect(set.formulasByStem.flatMap { $0 }.map(\.bytes).sorted { $0.lexicographicallyPrecedes($1) }
                == formulas.map { AmendingInstrument.SqueezedFormula($0).bytes }.sorted { $0.lexicographicallyPrecedes($1) })
            for (k, group) in set.formulasByStem.enumerated() {
                for f in group { #expect(f.bytes.contains(bytes: String(decoding: set.stems[k].bytes, as: UTF8.self))) }
            }
            let all = formulas.map(AmendingInstrument.SqueezedFormula.init)
            let pieces = formulas.map { String(decoding: AmendingInstrument.SqueezedFormula($0).bytes, as: UTF8.self) } + stems + ["a", "x", "ing", "protoco", "follo", "su", "sig"]
            var g = SplitMix64(seed: 9)
            var held = 0
            for _ in 0..<3_000 {
                let n = Int(g.next() % 6)
                var text = (0..<n).map { _ in
                    let p = pieces[Int(g.next() % UInt64(pieces.count))]
                    // Pieces cut short too, so that many texts hold a stem but no formula.
                    return g.next() % 3 == 0 ? String(p.dropLast(Int(g.next() % 4))) : p
                }.joined()
                if text.isEmpty { text = "z" }
                let bytes = Array(text.utf8)
                let expected = bytes.withUnsafeBufferPointer { b in all.contains { $0.isIn(b) } }
                #expect(bytes.withUnsafeBufferPointer { set.anyIsIn($0) } == expected, "\(text)")
                if expected { held += 1 }
            }
            #expect(held > 300, "too few texts holding a formula: \(held)")
        }
    }

    /// The raw test never spares a text whose normalised form holds a formula:
    /// upper case, line breaks, tabs, control characters and a word hyphenated at a
    /// line end between its letters; and it spares an ASCII text that holds none.
    @Test func theRawTestNeverMissesAFormulaNormalisingFinds() {
        let texts = [
            "PROTOCOL\r\nAMENDING the Agreement", "the  Agreement\tto\n\nAmend", "Amend-\ning Agreement",
            "Article 3 IS REPLACED\u{0B}BY THE following:", "is amended as fol-\n   lows", "shall be replaced by the follow-\r\ning",
            "HAVE AGREED AS FOLLOWS: Article 1", "Article 8.3 is replaced by the following text",
            "est remplace par ce qui suit", "Se modifica como sigue", "`is amended as follows`",
            // Outside ASCII, what the byte path of normalising reads.
            "L\u{2019}article 3 est remplac\u{E9} par le texte suivant", "PROTOCOLE MODIFIANT l\u{2019}Accord", "Protocolo que modifica",
            "\u{201C}is amended\u{A0}as follows\u{201D}", "is amen\u{AD}ded as fol\u{2010}\nlows", "SE SUSTITUYE POR EL SIGUIENTE",
            "PROTOCOLE PORTANT MODIFICATION \u{A7} 2", "Proto\u{200B}col Amending", "\u{391}\u{3b1} agreement amending",
        ]
        for t in texts {
            let normalised = TextNormalizer.normalize(t)
            let title = AmendingInstrument.titleFormulas.contains { normalised.contains($0) }
            let operative = AmendingInstrument.operativeFormulas.contains { normalised.contains($0) }
            if title { #expect(AmendingInstrument.mayHold(anyOf: AmendingInstrument.squeezedTitleFormulas, normalizing: t), "\(t)") }
            if operative { #expect(AmendingInstrument.mayHold(anyOf: AmendingInstrument.squeezedOperativeFormulas, normalizing: t), "\(t)") }
        }
        #expect(!AmendingInstrument.mayHold(anyOf: AmendingInstrument.squeezedOperativeFormulas, normalizing: "HAVE AGREED AS FOLLOWS: Article 1"))
        #expect(!AmendingInstrument.mayHold(anyOf: AmendingInstrument.squeezedTitleFormulas, normalizing: "Free Trade Agreement between Chile and Korea"))
        // A formula found from its rarest letter at the text's very start and end, and
        // not where the text stops short of it.
        for f in AmendingInstrument.titleFormulas + AmendingInstrument.operativeFormulas {
            let formula = AmendingInstrument.SqueezedFormula(f)
            let squeezed = formula.bytes
            #expect(squeezed.withUnsafeBufferPointer { formula.isIn($0) }, "\(f)")
            #expect((Array("ab".utf8) + squeezed).withUnsafeBufferPointer { formula.isIn($0) }, "\(f)")
            #expect((squeezed + Array("zz".utf8)).withUnsafeBufferPointer { formula.isIn($0) }, "\(f)")
            #expect(!Array(squeezed.dropLast()).withUnsafeBufferPointer { formula.isIn($0) }, "\(f)")
            #expect(!Array(squeezed.dropFirst()).withUnsafeBufferPointer { formula.isIn($0) }, "\(f)")
        }
        #expect(!AmendingInstrument.mayHold(anyOf: AmendingInstrument.squeezedTitleFormulas, normalizing: "Acuerdo de Asociaci\u{F3}n \u{201C}UE\u{201D}"))
        // Text only the general path reads (a ligature, a combining mark) is normalised as before.
        #expect(AmendingInstrument.mayHold(anyOf: AmendingInstrument.squeezedOperativeFormulas, normalizing: "Acuerdo de Asociacio\u{301}n"))
        #expect(AmendingInstrument.mayHold(anyOf: AmendingInstrument.squeezedTitleFormulas, normalizing: "\u{FB02}Agreement"))
    }
}
