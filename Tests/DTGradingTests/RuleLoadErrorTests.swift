import DTRules
import Foundation
import Testing

/// A rule folder that does not load stops dtcheck with the file, line and problem.
@Suite struct RuleLoadErrorTests {
    /// Copies the project's rules to a temp folder and writes `content` as an extra file.
    func load(extra content: String, name: String = "extra.yml") throws -> RuleLoadError? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtcheck-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: ProjectRules.directory, toPath: dir.path)
        defer { try? FileManager.default.removeItem(at: dir) }
        try content.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        do {
            _ = try RuleSet.load(directory: dir.path)
            return nil
        } catch let e as RuleLoadError {
            return e
        }
    }

    let validExamples = """
        examples:
          trigger: ["No Party shall impose customs duties on electronic transmissions."]
          no-trigger: ["Each Party shall apply its tariff schedule."]
    """

    @Test func yamlSyntaxErrorNamesTheLine() throws {
        let e = try #require(try load(extra: "pillar: customs-duties\nrules:\n  - id: x\n    kind: [unclosed\n"))
        #expect(e.file.hasSuffix("extra.yml"))
        #expect(e.line != nil)
        #expect(e.message.contains("YAML"))
    }

    @Test func unknownPillar() throws {
        let e = try #require(try load(extra: "pillar: data-localisation\nrules: []\n"))
        #expect(e.message.contains("unknown pillar 'data-localisation'"))
        #expect(e.line == 1)
    }

    @Test func unknownLimitation() throws {
        let e = try #require(try load(extra: """
        pillar: customs-duties
        rules:
          - id: x.limit
            kind: limitation
            limitation: moratorium-tied
            message: m
            when: ["wto"]
        \(validExamples)
        """))
        #expect(e.message.contains("unknown limitation 'moratorium-tied'"))
        #expect(e.line == 5)
    }

    @Test func patternThatCannotCompile() throws {
        let e = try #require(try load(extra: """
        pillar: customs-duties
        rules:
          - id: x.bad
            kind: commitment
            message: m
            when: ["customs (duties"]
        \(validExamples)
        """))
        #expect(e.message.contains("unbalanced"))
        #expect(e.line == 6)
    }

    @Test func duplicateRuleID() throws {
        let e = try #require(try load(extra: """
        pillar: customs-duties
        rules:
          - id: customs-duties.ban
            kind: commitment
            message: m
            when: ["customs duties"]
        \(validExamples)
        """))
        #expect(e.message.contains("duplicate rule id 'customs-duties.ban'"))
    }

    @Test func missingExamples() throws {
        let e = try #require(try load(extra: """
        pillar: customs-duties
        rules:
          - id: x.noexamples
            kind: commitment
            message: m
            when: ["customs duties"]
        """))
        #expect(e.message.contains("no examples"))
    }

    @Test func unknownKeyAndUnknownTerm() throws {
        let e1 = try #require(try load(extra: "pillar: customs-duties\nrulez: []\n"))
        #expect(e1.message.contains("unknown key 'rulez'"))
        let e2 = try #require(try load(extra: """
        pillar: customs-duties
        rules:
          - id: x.term
            kind: commitment
            message: m
            when: ["{no-such-term}"]
        \(validExamples)
        """))
        #expect(e2.message.contains("unknown term {no-such-term}"))
    }

    /// Baseline articles and elements come from the baseline files, USMCA's first.
    @Test func baselineMeasuresAreReadFromTheBaselineFiles() throws {
        let rules = try RuleSet.load(directory: ProjectRules.directory)
        let localization = try #require(rules.baselineReferences[.localization])
        #expect(localization.citations.map(\.description) == ["USMCA 19.12", "UJDTA 12", "UJDTA 13"])
        #expect(localization.elements.count == 4)
        #expect(PillarID.allCases.allSatisfy { rules.baselineReferences[$0]?.citations.isEmpty == false })
        let e = try #require(try load(extra: "pillar: customs-duties\nmeasures:\n  customs-duties:\n    articles: ['1']\nrules: []\n"))
        #expect(e.message.contains("measures: belong in a baseline file"))
        #expect(e.line == 2)
    }
}
