import DTRules
import Foundation
import Testing

/// The baselines' operative wording (`wording:` under `measures:`), which reports
/// propose to negotiators: loaded for every pillar, and refused when it is not a
/// quoted paragraph the rules can stand behind.
@Suite struct BaselineWordingTests {
    func load(extra content: String) throws -> RuleLoadError? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtcheck-wording-\(UUID().uuidString)")
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

    func extra(article: String = "19.11.1", addresses: String = "[commitment]", text: String) -> String {
        """
        baseline: usmca
        measures:
          data-flows:
            articles: ["19.11"]
            wording:
              - article: "\(article)"
                addresses: \(addresses)
                text: "\(text)"
        rules: []

        """
    }

    @Test func everyPillarHasEachBaselinesCommitmentWording() throws {
        let rules = try #require(ProjectRules.loaded)
        for pillar in PillarID.allCases {
            let ref = try #require(rules.baselineReferences[pillar])
            for b in BaselineID.allCases {
                let c = try #require(ref.commitment(of: b), "\(pillar.rawValue) \(b.rawValue)")
                #expect(c.text.hasPrefix(b == .usmca ? "No Party shall" : "Neither Party shall"), "\(c.text)")
            }
        }
        let flows = try #require(rules.baselineReferences[.dataFlows])
        #expect(flows.wording(of: .usmca, addressing: "no-necessity-test")?.article == "19.11.2")
        #expect(rules.baselineReferences[.localization]?.wording(of: .ujdta, addressing: "financial-services-not-covered")?.article == "13.2")
        // The team's baseline draft quotes the same USMCA 19.3 and 19.12 paragraphs.
        let draft = try String(contentsOfFile: ProjectRules.directory + "/../corpus/drafts/baseline-draft.md", encoding: .utf8)
        for pillar in [PillarID.customsDuties, .localization] {
            let text = try #require(rules.baselineReferences[pillar]?.commitment(of: .usmca)?.text)
            #expect(draft.contains(text), "\(pillar.rawValue): \(text)")
        }
    }

    @Test func anElidedOrPlaceholderWordingIsRefused() throws {
        let elided = try #require(try load(extra: extra(text: "… if this activity is for the conduct of the business of a covered person.")))
        #expect(elided.message.contains("quote the baseline's paragraph whole"), "\(elided)")
        #expect(elided.file.hasSuffix("extra.yml") && elided.line == 6)
        let placeholder = try #require(try load(extra: extra(text: "(no recital)")))
        #expect(placeholder.message.contains("no placeholder"))
    }

    @Test func anUnknownAddressOrArticleIsRefused() throws {
        let e = try #require(try load(extra: extra(addresses: "[commitment, no-such-limitation]", text: "No Party shall prohibit.")))
        #expect(e.message.contains("no-such-limitation"), "\(e)")
        let a = try #require(try load(extra: extra(article: "19.99", text: "No Party shall prohibit.")))
        #expect(a.message.contains("not among the pillar's articles"), "\(a)")
    }

    @Test func aPillarNeedsExactlyOneCommitmentParagraph() throws {
        let none = try #require(try load(extra: extra(addresses: "[no-necessity-test]", text: "This Article does not prevent a Party.")))
        #expect(none.message.contains("exactly one paragraph addressing commitment"), "\(none)")
        let unknownKey = try #require(try load(extra: """
            baseline: usmca
            measures:
              data-flows:
                articles: ["19.11"]
                wording:
                  - article: "19.11.1"
                    addresses: [commitment]
                    text: "No Party shall prohibit."
                    source: "somewhere"
            rules: []

            """))
        #expect(unknownKey.message.contains("unknown key 'source'"), "\(unknownKey)")
    }
}
