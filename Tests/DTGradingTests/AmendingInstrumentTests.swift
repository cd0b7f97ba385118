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
                      "abcdefghij\r\nklmnopq\r\nrstu\u{301}vwxyz0123456789 and more plain words\r", "abcdefgh\u{301}ijklmnopqrstuvw"])
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
}
