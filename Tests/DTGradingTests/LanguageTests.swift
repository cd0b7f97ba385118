import DTGrading
import DTIngest
@testable import DTModel
import DTRules
import DTTestSupport
import Foundation
import Testing

/// Spanish and French: accent-insensitive matching, language detection, per-language
/// rules, bilingual texts, and the same agreement getting the same verdict in each language.
@Suite struct LanguageTests {
    static let drafts = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts").path

    @Test func accentsFoldForMatchingOnTheBytePath() throws {
        let text = "ARTÍCULO 14.17 — Código Fuente: œuvre, Ñandú, ça, Être, façon, ÆRØ, straße"
        let fast = try #require(TextNormalizer.normalizeBytes(text), "precomposed accents stay on the byte path")
        #expect(fast == "articulo 14.17 - codigo fuente: oeuvre, nandu, ca, etre, facon, aero, strasse")
        #expect(fast == TextNormalizer.normalizeScalars(text))
        // Decomposed accents (a base and a combining mark) take the general path to the same text.
        #expect(TextNormalizer.normalize("Co\u{0301}digo E\u{0301}TAT") == "codigo etat")
        // English text is unchanged.
        #expect(TextNormalizer.normalize("No Party shall impose customs duties.") == "no party shall impose customs duties.")
        #expect(TextNormalizer.foldAccents("transmisión electrónica (código|código*)") == "transmision electronica (codigo|codigo*)")
    }

    @Test func languageGuessTellsTheGradedLanguages() {
        #expect(LanguageGuess.detect(text: "Ninguna Parte impondrá derechos aduaneros a las transmisiones electrónicas entre una persona de una Parte y una persona de la otra Parte.") == "es")
        #expect(LanguageGuess.detect(text: "Aucune Partie n'impose de droits de douane sur les transmissions électroniques entre une personne d'une Partie et une personne de l'autre Partie, et les Parties coopèrent dans le cadre du présent chapitre.") == "fr")
        #expect(LanguageGuess.detect(text: "No Party shall impose customs duties on electronic transmissions between a person of one Party and a person of another Party.") == "en")
        #expect(LanguageGuess.detect(text: "De Partijen werken samen op het gebied van de elektronische handel en zijn het erover eens dat") == "nl")
    }

    /// Quotes keep the text's own words and accents; labels stay English.
    @Test func spanishQuoteKeepsItsAccents() throws {
        let set = try #require(ProjectRules.loaded)
        let article = Division(kind: .article, number: "Artículo 14.17", heading: "Código Fuente",
                               text: "Ninguna Parte requerirá la transferencia de, o el acceso al, CÓDIGO FUENTE de un programa informático propiedad de una persona de otra Parte, o a un algoritmo expresado en ese código fuente, como condición para la importación, distribución, venta o uso de tal programa informático.",
                               location: SourceLocation(line: 1))
        let chapter = Division(kind: .chapter, number: "Capítulo 14", heading: "Comercio Electrónico", location: SourceLocation(line: 1), children: [article])
        let v = Grader(rules: set).grade(Agreement(title: "t", language: "es", sourceFormat: .text, sourcePath: "t.txt", divisions: [chapter]))
        let p = try #require(v.pillar(.sourceCode))
        #expect(p.level == .baseline)
        #expect(p.evidence.first?.quote.contains("CÓDIGO FUENTE") == true)
        #expect(p.evidence.first?.article == "Artículo 14.17")
        #expect(p.summary.hasPrefix("source code: baseline"))
    }

    /// A bilingual text is graded in each language it holds, and says so.
    @Test func bilingualDraftIsGradedInBothLanguages() throws {
        let set = try #require(ProjectRules.loaded)
        let v = Grader(rules: set).grade(try DocumentLoader.load(path: Self.drafts + "/bilingual-en-fr.md"))
        #expect(v.status == .assessed)
        #expect(v.languages == ["en", "fr"])
        #expect(v.summary.contains("bilingual text, graded in English and French"))
        // Localization is only in the French text.
        #expect(v.pillar(.localization)?.level == .baseline)
        #expect(v.pillar(.localization)?.evidence.first?.quote.contains("installations informatiques") == true)
        #expect(v.pillar(.dataFlows)?.level == .bindingQualified)
        #expect(v.pillar(.dataFlows)?.limitations.map(\.id) == ["domestic-law"])
        #expect(v.pillar(.customsDuties)?.level == .baseline)
        #expect(v.pillar(.sourceCode)?.level == .absent)
    }

    /// A text in one language is one part: no split, whatever its length.
    @Test func monolingualTextIsNotSplit() throws {
        let set = try #require(ProjectRules.loaded)
        let v = Grader(rules: set).grade(try DocumentLoader.load(path: Self.drafts + "/fr-baseline-draft.md"))
        #expect(v.language == "fr")
        #expect(v.languages == nil)
    }

    /// The same draft in English and French gets the same verdict, pillar by pillar.
    @Test func sameDraftInEnglishAndFrenchSameVerdict() throws {
        let grader = Grader(rules: try #require(ProjectRules.loaded))
        let en = grader.grade(try DocumentLoader.load(path: Self.drafts + "/baseline-draft.md"))
        let fr = grader.grade(try DocumentLoader.load(path: Self.drafts + "/fr-baseline-draft.md"))
        #expect(en.language == "en" && fr.language == "fr")
        for (a, b) in zip(en.pillars, fr.pillars) {
            #expect(a.level == b.level && a.score == b.score, "\(a.id.rawValue): en \(a.level.rawValue) \(a.score), fr \(b.level.rawValue) \(b.score)")
            #expect(a.limitations.map(\.id) == b.limitations.map(\.id))
            #expect(a.deviations.map(\.id) == b.deviations.map(\.id))
        }
    }

    /// Sectoral look-alikes stay sectoral in Spanish: a telecommunications chapter's
    /// cross-border movement of information does not set data-flows.
    @Test func spanishTelecomMovementStaysSectoral() throws {
        let set = try #require(ProjectRules.loaded)
        let article = Division(kind: .article, number: "Artículo 12.3", heading: "Acceso a y Uso de Redes y Servicios Públicos de Telecomunicaciones",
                               text: "Cada Parte garantizará que empresas de la otra Parte puedan usar las redes y los servicios públicos de telecomunicaciones para transmitir información en su territorio o a través de sus fronteras.",
                               location: SourceLocation(line: 1))
        let chapter = Division(kind: .chapter, number: "Capítulo 12", heading: "Telecomunicaciones", location: SourceLocation(line: 1), children: [article])
        let v = Grader(rules: set).grade(Agreement(title: "t", language: "es", sourceFormat: .text, sourcePath: "t.txt", divisions: [chapter]))
        let p = try #require(v.pillar(.dataFlows))
        #expect(p.level == .absent)
        #expect(p.sectoral.map(\.id) == ["telecommunications-access"])
    }
}

/// The `lang:` blocks of the rule format: errors name the file and line.
@Suite struct LanguageRuleLoadTests {
    func load(extra content: String) throws -> RuleLoadError? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtcheck-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: ProjectRules.directory, toPath: dir.path)
        defer { try? FileManager.default.removeItem(at: dir) }
        try content.write(to: dir.appendingPathComponent("extra.yml"), atomically: true, encoding: .utf8)
        do {
            _ = try RuleSet.load(directory: dir.path)
            return nil
        } catch let e as RuleLoadError {
            return e
        }
    }

    static let english = """
    pillar: customs-duties
    rules:
      - id: x.rule
        kind: commitment
        message: m
        when: ["customs dut*"]
        examples:
          trigger: ["No Party shall impose customs duties on electronic transmissions."]
          no-trigger: ["Each Party shall apply its tariff schedule."]
    """

    static func block(_ code: String, when: String = "[\"derechos aduaneros\"]") -> String {
        """
              \(code):
                when: \(when)
                examples:
                  trigger: ["Ninguna Parte impondrá derechos aduaneros a las transmisiones electrónicas."]
                  no-trigger: ["Cada Parte aplicará su lista arancelaria."]
        """
    }

    @Test func aWordedRuleNeedsEveryLanguage() throws {
        let e = try #require(try load(extra: Self.english))
        #expect(e.message.contains("rule x.rule has wording but no lang.es block"))
        #expect(e.file.hasSuffix("extra.yml") && e.line == 3)
    }

    @Test func aLanguageBlockLoadsWithAccentsFolded() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtcheck-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: ProjectRules.directory, toPath: dir.path)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = Self.english + "\n    lang:\n" + Self.block("es", when: "[\"aranceles aduaneros|código fuente\"]") + "\n" + Self.block("fr") + "\n"
        try text.write(to: dir.appendingPathComponent("extra.yml"), atomically: true, encoding: .utf8)
        let set = try RuleSet.load(directory: dir.path)
        let es = try #require(set.worded(in: "es")?.rule(id: "x.rule"))
        #expect(es.when.first?.source == "aranceles aduaneros|codigo fuente")
        #expect(es.examples.count == 2 && es.language == "es")
        #expect(set.rule(id: "x.rule")?.when.first?.source == "customs dut*")
    }

    @Test func unknownLanguageAndUnknownKey() throws {
        let e1 = try #require(try load(extra: Self.english + "\n    lang:\n" + Self.block("es") + "\n" + Self.block("fr") + "\n" + Self.block("pt") + "\n"))
        #expect(e1.message.contains("unknown language 'pt'"))
        #expect(e1.line != nil)
        let bad = Self.english + "\n    lang:\n" + Self.block("es") + "\n        kind: mention\n" + Self.block("fr") + "\n"
        let e2 = try #require(try load(extra: bad))
        #expect(e2.message.contains("unknown key 'kind' in lang.es"))
    }

    @Test func aTranslationKeepsTheShape() throws {
        let noWhen = Self.english + "\n    lang:\n" + """
              es:
                unless: ["x"]
                examples:
                  trigger: ["a"]
                  no-trigger: ["b"]
        """ + "\n" + Self.block("fr") + "\n"
        let e = try #require(try load(extra: noWhen))
        #expect(e.message.contains("lang.es lacks 'when'"))
    }

    @Test func aLanguageBlockNeedsItsExamples() throws {
        let noExamples = Self.english + "\n    lang:\n" + """
              es:
                when: ["derechos aduaneros"]
        """ + "\n" + Self.block("fr") + "\n"
        let e = try #require(try load(extra: noExamples))
        #expect(e.message.contains("x.rule (lang.es) has no examples"))
        #expect(e.line != nil)
    }

    @Test func aTermMissingInTheLanguageIsAnError() throws {
        let e = try #require(try load(extra: Self.english + "\n    lang:\n" + Self.block("es", when: "[\"{no-such-term}\"]") + "\n" + Self.block("fr") + "\n"))
        #expect(e.message.contains("unknown term {no-such-term}"))
    }

    @Test func aFileLevelLanguageNeedsModality() throws {
        let e = try #require(try load(extra: "pillar: customs-duties\nlang:\n  pt:\n    keywords: [\"comercio eletronico\"]\nrules: []\n"))
        #expect(e.message.contains("lang pt has no modality section"))
        #expect(e.line == 3)
    }
}
