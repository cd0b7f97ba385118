@testable import DTCLI
import DTTestSupport
import Foundation
import Testing

/// Issue 14.7 and 14.8: no accuracy figure from a corpus that is not there, and no
/// "946 of 946 differ" from a regress run in the wrong folder.
@Suite(.serialized) struct MisleadingResultTests {
    static let root = SharedCorpus.packageRoot

    /// A gold file naming one of the team's drafts, relative to the package's corpus/.
    static func goldFile(in dir: URL) throws -> String {
        let gold = dir.appendingPathComponent("gold.csv")
        try Data("""
        doc,pillar,level,articles,limitations,note
        drafts/limitation-localization-exception.md,localization,binding-qualified,,,
        drafts/baseline-draft.md,customs-duties,baseline,,,

        """.utf8).write(to: gold)
        return gold.path
    }

    @Test func evaluateAgainstTheWrongFolderReportsNoAccuracy() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gold = try Self.goldFile(in: dir)
        guard let wrong = Dtcheck.run(["evaluate", "--gold", gold, "/tmp"]) else { return }
        #expect(wrong.status == 2)
        #expect(!wrong.stdout.contains("exact"), "stdout: \(wrong.stdout)")
        #expect(wrong.stderr.contains("error: /tmp/drafts/baseline-draft.md: no such file"), "stderr: \(wrong.stderr)")
        #expect(wrong.stderr.contains("2 of 2 gold documents could not be read"))

        guard let right = Dtcheck.run(["evaluate", "--gold", gold, Self.root.appendingPathComponent("corpus").path]) else { return }
        #expect(right.status == 0, "stderr: \(right.stderr)")
        #expect(right.stdout.contains("exact"))
    }

    /// Like a wrong corpus folder: a mistyped --fixtures folder tested nothing and passed.
    @Test func rulesTestWithAMissingFixturesFolderFails() throws {
        guard let r = Dtcheck.run(["rules", "test", "--fixtures", "/no/such/fixtures"]) else { return }
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: /no/such/fixtures: no such folder (--fixtures)"), "stderr: \(r.stderr)")
    }

    @Test func regressFromAnotherFolderSaysSoAndUpdateNeedsForce() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let expected = Self.root.appendingPathComponent("corpus/expected.json").path
        let drafts = Self.root.appendingPathComponent("corpus/drafts").path
        // Absolute paths, while the file holds corpus/drafts/…: none match.
        guard let r = Dtcheck.run(["regress", "--expected", expected, drafts], cwd: dir) else { return }
        #expect(r.status == 2)
        #expect(!r.stdout.contains("differ"), "stdout: \(r.stdout)")
        #expect(r.stderr.contains("none of the"), "stderr: \(r.stderr)")
        #expect(r.stderr.contains("run from the folder it was written in"))

        let copy = dir.appendingPathComponent("expected.json")
        try FileManager.default.copyItem(atPath: expected, toPath: copy.path)
        let before = try Data(contentsOf: copy)
        guard let u = Dtcheck.run(["regress", "--update", "--expected", copy.path, drafts], cwd: dir) else { return }
        #expect(u.status == 2)
        #expect(u.stderr.contains("add --force"))
        #expect(try Data(contentsOf: copy) == before)
        guard let f = Dtcheck.run(["regress", "--update", "--force", "--expected", copy.path, drafts], cwd: dir) else { return }
        #expect(f.status == 0, "stderr: \(f.stderr)")
        #expect(try Data(contentsOf: copy) != before)
    }
}

/// Issue 14.12 and 14.13: `.dtcheck.yml` keys are checked; one error style.
@Suite(.serialized) struct ConfigAndErrorStyleTests {
    @Test func anUnknownConfigKeyIsAnErrorWithTheNearestKnownKey() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent(".dtcheck.yml")
        try Data("baseline: usmca\npillar: data-flows\n".utf8).write(to: config)
        guard let r = Dtcheck.run(["check", "--print-config"], cwd: dir) else { return }
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: \(config.path):2:1: unknown key 'pillar'; did you mean 'pillars'?"), "stderr: \(r.stderr)")
    }

    @Test func aConfigValueOfTheWrongTypeNamesItsLine() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent(".dtcheck.yml")
        try Data("baseline: usmca\njobs: many\n".utf8).write(to: config)
        guard let r = Dtcheck.run(["check", "--print-config"], cwd: dir) else { return }
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("error: \(config.path):2:1: jobs"), "stderr: \(r.stderr)")
    }

    @Test func editDistance() {
        #expect(ConfigFile.editDistance("pillar", "pillars") == 1)
        #expect(ConfigFile.editDistance("", "abc") == 3)
        #expect(ConfigFile.editDistance("failunder", "fail-under") == 1)
    }

    @Test func everyMessageStartsWithLowerCaseError() throws {
        for args in [["check"], ["check", "--no-such-option", "x.md"], ["check", "--format", "pdf", "x.md"], ["evaluate"]] {
            guard let r = Dtcheck.run(args) else { return }
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.hasPrefix("error: "), "\(args): \(r.stderr)")
            #expect(!r.stderr.contains("Error:"), "\(args): \(r.stderr)")
        }
        let draft = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts/baseline-draft.md").path
        guard let one = Dtcheck.run(["survey", draft]) else { return }
        #expect(one.stdout.contains("1 document: 1 assessed, 0 not assessed, 0 errors"), "stdout: \(one.stdout)")
        // The HTML reports count documents the same way.
        for args in [["check", "--format", "html", draft], ["survey", "--format", "html", draft]] {
            guard let html = Dtcheck.run(args) else { return }
            #expect(html.stdout.contains("1 document, "), "\(args)")
            #expect(!html.stdout.contains("1 documents"), "\(args)")
        }
    }
}
