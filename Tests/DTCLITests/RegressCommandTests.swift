import DTTestSupport
import Foundation
import Testing

/// `dtcheck regress` and the marked-fixture half of `dtcheck rules test`, run as the
/// built binary in temp folders.
@Suite(.serialized) struct RegressCommandTests {
    /// A temp folder holding `docs/` with copies of the named ToTA files, or nil when ../shared is absent.
    static func workspace(_ names: [String]) throws -> URL? {
        var sources: [String] = []
        for name in names {
            guard let path = SharedCorpus.path("tota/\(name)") else { return nil }
            sources.append(path)
        }
        let dir = Dtcheck.tempDirectory()
        let docs = dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        for (name, source) in zip(names, sources) {
            try FileManager.default.copyItem(atPath: source, toPath: docs.appendingPathComponent(name).path)
        }
        return dir
    }

    /// A copy of the package's rules/ under `dir/rules-copy`, without the `localization.exception` rule.
    static func rulesWithoutLocalizationException(in dir: URL) throws -> URL {
        let copy = dir.appendingPathComponent("rules-copy")
        try FileManager.default.copyItem(at: SharedCorpus.packageRoot.appendingPathComponent("rules"), to: copy)
        let file = copy.appendingPathComponent("pillars/localization.yml")
        let text = try String(contentsOf: file, encoding: .utf8)
        var kept: [Substring] = []
        var skipping = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  - id: ") { skipping = line.hasPrefix("  - id: localization.exception") }
            if !skipping { kept.append(line) }
        }
        let edited = kept.joined(separator: "\n")
        #expect(edited != text, "localization.exception not found in rules/pillars/localization.yml")
        try Data(edited.utf8).write(to: file)
        return copy
    }

    @Test(.needsSharedCorpus) func updateThenRegressIsClean() throws {
        guard let dir = try Self.workspace(["pta_449.xml", "pta_24.xml"]) else { return }
        defer { try? FileManager.default.removeItem(at: dir) }

        guard let missing = Dtcheck.run(["regress", "--expected", "expected.json", "docs"], cwd: dir) else { return }
        #expect(missing.status == 2, "no expectations file yet: \(missing.stdout) \(missing.stderr)")

        guard let up = Dtcheck.run(["regress", "--update", "--expected", "expected.json", "docs"], cwd: dir) else { return }
        #expect(up.status == 0, "stderr: \(up.stderr)")
        #expect(up.stdout.contains("docs/pta_449.xml"))
        let written = try String(contentsOf: dir.appendingPathComponent("expected.json"), encoding: .utf8)
        #expect(written.contains("\"schemaVersion\": \"1\""))
        #expect(written.contains("\"docs/pta_449.xml\""), "paths stay relative, as given")
        #expect(!written.contains(dir.path), "no absolute paths in the expectations file")

        guard let again = Dtcheck.run(["regress", "--expected", "expected.json", "--jobs", "1", "docs"], cwd: dir) else { return }
        #expect(again.status == 0, "stdout: \(again.stdout) stderr: \(again.stderr)")
        #expect(again.stdout.contains("2 documents match"))

        // A second --update on an unchanged run rewrites the same bytes.
        guard let same = Dtcheck.run(["regress", "--update", "--expected", "expected.json", "docs"], cwd: dir) else { return }
        #expect(same.status == 0)
        #expect(try String(contentsOf: dir.appendingPathComponent("expected.json"), encoding: .utf8) == written)

        // A document missing from the run is a difference.
        guard let partial = Dtcheck.run(["regress", "--expected", "expected.json", "docs/pta_449.xml"], cwd: dir) else { return }
        #expect(partial.status == 1)
        #expect(partial.stdout.contains("docs/pta_24.xml\n  - document in expectations missing from this run"))
    }

    @Test(.needsSharedCorpus) func changedRuleShowsInTheDiffAndUpdateAcceptsIt() throws {
        guard let dir = try Self.workspace(["pta_449.xml", "pta_24.xml"]) else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let up = Dtcheck.run(["regress", "--update", "--expected", "expected.json", "docs"], cwd: dir) else { return }
        #expect(up.status == 0, "stderr: \(up.stderr)")

        let rules = try Self.rulesWithoutLocalizationException(in: dir)
        guard let r = Dtcheck.run(["regress", "--expected", "expected.json", "--rules", rules.path, "docs"], cwd: dir) else { return }
        #expect(r.status == 1, "stdout: \(r.stdout) stderr: \(r.stderr)")
        #expect(r.stdout.contains("docs/pta_449.xml\n  localization: binding-qualified → baseline"), "\(r.stdout)")
        #expect(r.stdout.contains("- limitation localization.exception localization-exception (ARTICLE 14.13)"), "\(r.stdout)")
        #expect(!r.stdout.contains("docs/pta_24.xml"), "pta_24 did not change: \(r.stdout)")

        guard let accept = Dtcheck.run(["regress", "--update", "--expected", "expected.json", "--rules", rules.path, "docs"],
                                       cwd: dir) else { return }
        #expect(accept.status == 0)
        #expect(accept.stdout.contains("localization: binding-qualified → baseline"), "--update prints what changed")
        guard let after = Dtcheck.run(["regress", "--expected", "expected.json", "--rules", rules.path, "docs"], cwd: dir) else { return }
        #expect(after.status == 0, "stdout: \(after.stdout)")
    }

    @Test func unreadableExpectationsExitTwo() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("{ not json".utf8).write(to: dir.appendingPathComponent("expected.json"))
        try Data("x".utf8).write(to: dir.appendingPathComponent("a.txt"))
        guard let r = Dtcheck.run(["regress", "--expected", "expected.json", "a.txt"], cwd: dir) else { return }
        #expect(r.status == 2)
        #expect(r.stderr.contains("expected.json: not a dtcheck expectations file"))
        guard let usage = Dtcheck.run(["regress", "--expected", "expected.json"], cwd: dir) else { return }
        #expect(usage.status == 2, "no PATH is a usage error")
    }

    /// A ToTA-shaped fixture: the mark comment sits on line 10, the article on line 11.
    static func fixture(mark: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <treaty>
          <meta>
            <name>Fixture Agreement</name>
            <date_signed>2020-01-01</date_signed>
            <language>en</language>
          </meta>
          <body>
            <chapter chapter_identifier="1" name="Electronic Commerce">
              <!-- \(mark) -->
              <article number="Article 1" name="Location of Computing Facilities" article_identifier="1">No Party shall require a covered person to use or locate computing facilities in that Party's territory as a condition for conducting business in that territory.</article>
            </chapter>
          </body>
        </treaty>

        """
    }

    @Test func wrongRuleidMarkFailsRulesTest() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fixtures = dir.appendingPathComponent("fixtures")
        try FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
        let file = fixtures.appendingPathComponent("localization.xml")

        try Data(Self.fixture(mark: "ruleid: source-code.mass-market-only").utf8).write(to: file)
        guard let wrong = Dtcheck.run(["rules", "test", "--fixtures", "fixtures"], cwd: dir) else { return }
        #expect(wrong.status == 1, "stdout: \(wrong.stdout)")
        #expect(wrong.stdout.contains("FAIL source-code.mass-market-only"))
        #expect(wrong.stdout.contains("fixtures/localization.xml:10:"), "names file and line: \(wrong.stdout)")

        try Data(Self.fixture(mark: "ruleid: localization.ban").utf8).write(to: file)
        guard let right = Dtcheck.run(["rules", "test", "--fixtures", "fixtures"], cwd: dir) else { return }
        #expect(right.status == 0, "stdout: \(right.stdout)")
        #expect(right.stdout.contains(", 0 failed"))
    }

    /// The committed Semgrep-style fixtures hold, and an `ok:` mark sees every
    /// quote a rule produced, not only the first.
    @Test func committedMarkedFixturesPass() throws {
        guard let r = Dtcheck.run(["rules", "test", "--fixtures", "corpus/fixtures/marked"], cwd: SharedCorpus.packageRoot) else { return }
        #expect(r.status == 0, "stdout: \(r.stdout)")
        #expect(r.stdout.contains("PASS localization.exception"))

        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = SharedCorpus.packageRoot.appendingPathComponent("corpus/fixtures/marked/customs-and-flows.md")
        let text = try String(contentsOf: source, encoding: .utf8)
            .replacingOccurrences(of: "<!-- ok: data-flows.cooperation -->", with: "<!-- ok: data-flows.cooperation -->\nThe Parties shall cooperate to promote cross-border flows of information in electronic commerce.")
        try Data(text.utf8).write(to: dir.appendingPathComponent("secondary.md"))
        guard let wrong = Dtcheck.run(["rules", "test", "--fixtures", dir.path], cwd: SharedCorpus.packageRoot) else { return }
        #expect(wrong.status == 1, "a second quote of the rule under an ok: mark must fail: \(wrong.stdout)")
        #expect(wrong.stdout.contains("marked ok: data-flows.cooperation but it fired"))
    }
}
