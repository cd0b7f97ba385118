import DTTestSupport
import Foundation
import Testing

/// `dtcheck audit`: a sentence on a pillar that no rule reads fails the audit until a
/// reviewed entry with its fingerprint and reason answers for it.
@Suite(.serialized) struct AuditCommandTests {
    static let text = """
    # Chapter 1 Electronic Commerce

    ## Article 1.1 Customs Duties

    No Party shall impose customs duties on electronic transmissions.

    ## Article 1.2 Data Centres

    The Parties note that computing facilities in their territories support growth.
    """

    @Test func unexplainedSentenceFailsUntilReviewed() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let doc = dir.appendingPathComponent("draft.md")
        try Data(Self.text.utf8).write(to: doc)
        guard let first = Dtcheck.run(["audit", "--format", "json", "--reviewed", dir.appendingPathComponent("none.yml").path, doc.path]) else { return }
        #expect(first.status == 1, "\(first.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let docs = try #require(json["documents"] as? [[String: Any]])
        let items = try #require(docs.first?["items"] as? [[String: Any]])
        #expect(items.count == 1, "\(items)")
        let item = try #require(items.first)
        #expect(item["scope"] as? String == "localization")
        #expect((item["sentence"] as? String)?.contains("computing facilities in their territories") == true)
        #expect(item["line"] as? Int == 9)
        let fingerprint = try #require(item["fingerprint"] as? String)

        let reviewed = dir.appendingPathComponent("reviewed.yml")
        try Data("""
        reviewed:
          - scope: localization
            fingerprint: \(fingerprint)
            text: "The Parties note that computing facilities …"
            reason: "A statement of fact about data centres; no requirement and no ban."
        """.utf8).write(to: reviewed)
        guard let second = Dtcheck.run(["audit", "--reviewed", reviewed.path, doc.path]) else { return }
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("localization: 0 unexplained, 1 reviewed"), "\(second.stdout)")

        guard let csv = Dtcheck.run(["audit", "--format", "csv", "--reviewed", reviewed.path, doc.path]) else { return }
        #expect(csv.stdout.hasPrefix("\"file\",\"line\",\"scope\",\"article\",\"heading\",\"fingerprint\",\"reviewed\",\"sentence\"\r\n"))
        #expect(csv.stdout.contains("A statement of fact about data centres"))
    }

    @Test func reviewedEntryWithoutAReasonIsRefused() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let doc = dir.appendingPathComponent("draft.md")
        try Data(Self.text.utf8).write(to: doc)
        let reviewed = dir.appendingPathComponent("reviewed.yml")
        try Data("reviewed:\n  - scope: localization\n    fingerprint: abc\n    text: y\n    reason: ok\n".utf8).write(to: reviewed)
        guard let r = Dtcheck.run(["audit", "--reviewed", reviewed.path, doc.path]) else { return }
        #expect(r.status == 2)
        #expect(r.stderr.contains("reviewed.yml:5"), "\(r.stderr)")
    }

    @Test func sharedCorpusHasNoUnexplainedSentence() throws {
        guard let corpus = SharedCorpus.path("tota") else { return }
        guard ProcessInfo.processInfo.environment["DTCHECK_SLOW_TESTS"] == "1" else { return }
        let root = URL(fileURLWithPath: corpus).deletingLastPathComponent().path
        guard let r = Dtcheck.run(["audit", root]) else { return }
        #expect(r.status == 0, "\(r.stdout.suffix(3000))")
    }

    /// customs-duties' vocabulary is electronic transmissions alone, not the ban's own
    /// condition: a sentence on electronic transmissions that names no customs duty and
    /// that no customs rule reads is listed (it could never be before).
    @Test func customsSentenceWithoutDutiesIsListed() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let doc = dir.appendingPathComponent("draft.md")
        try Data("""
        # Chapter 1 Electronic Commerce

        ## Article 1.1 Customs Duties

        No Party shall impose customs duties on electronic transmissions.

        ## Article 1.2 Statistics

        The Parties shall exchange statistics on the value of electronic transmissions between them.
        """.utf8).write(to: doc)
        guard let r = Dtcheck.run(["audit", "--format", "json", "--reviewed", dir.appendingPathComponent("none.yml").path, doc.path]) else { return }
        #expect(r.status == 1, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let docs = try #require(json["documents"] as? [[String: Any]])
        let items = try #require(docs.first?["items"] as? [[String: Any]])
        #expect(items.count == 1, "\(items)")
        #expect(items.first?["scope"] as? String == "customs-duties")
        #expect((items.first?["sentence"] as? String)?.contains("statistics on the value") == true)
    }

    /// The team's drafts are audited too (#18, a CI gate): every sentence on a pillar
    /// in them is read by a rule or reviewed.
    @Test func teamDraftsHaveNoUnexplainedSentence() throws {
        let drafts = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts").path
        guard let r = Dtcheck.run(["audit", drafts]) else { return }
        #expect(r.status == 0, "\(r.stdout.suffix(3000))")
        #expect(r.stdout.contains("customs-duties: 0 unexplained"), "\(r.stdout.suffix(500))")
    }
}
