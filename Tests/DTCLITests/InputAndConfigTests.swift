import DTTestSupport
import Foundation
import Testing

/// Folder walking, globs, symlink loops and `.dtcheck.yml`.
@Suite(.serialized) struct InputAndConfigTests {
    // Inputs are copied into the walked folders: links out of a walked folder are skipped (issue 15.1).
    @Test(.needsSharedCorpus) func foldersAreWalkedSortedWithGlobsAndLoopsCut() throws {
        guard let files = SharedCorpus.totaFiles(3) else { return }
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        let sub = dir.appendingPathComponent("b-sub")
        try fm.createDirectory(at: sub, withIntermediateDirectories: true)
        try fm.copyItem(atPath: files[0], toPath: dir.appendingPathComponent("z.xml").path)
        try fm.copyItem(atPath: files[1], toPath: sub.appendingPathComponent("a.xml").path)
        try fm.copyItem(atPath: files[2], toPath: sub.appendingPathComponent("skip-me.xml").path)
        try fm.createSymbolicLink(atPath: sub.appendingPathComponent("loop").path, withDestinationPath: dir.path)
        try Data("not a treaty".utf8).write(to: dir.appendingPathComponent("LICENSE"))
        guard let r = Dtcheck.run(["check", "--format", "csv", "--pillar", "data-flows", "--exclude", "skip-*", dir.path]) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let paths = r.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
            .map { String($0.prefix { $0 != "," }).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        #expect(paths == [sub.appendingPathComponent("a.xml").path, dir.appendingPathComponent("z.xml").path])

        guard let only = Dtcheck.run(["check", "--format", "csv", "--pillar", "data-flows", "--include", "z.*", dir.path]) else { return }
        #expect(only.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 2)
    }

    @Test(.needsSharedCorpus) func brokenSymlinksInAFolderAreReportedNotSkipped() throws {
        guard let files = SharedCorpus.totaFiles(1) else { return }
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        try fm.copyItem(atPath: files[0], toPath: dir.appendingPathComponent("a.xml").path)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("gone.xml").path,
                                  withDestinationPath: dir.appendingPathComponent("deleted.xml").path)
        // Not a name the default globs take: skipped like any other such file.
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("NOTES").path, withDestinationPath: "/nonexistent")
        guard let r = Dtcheck.run(["check", "--format", "json", "--pillar", "data-flows", dir.path]) else { return }
        #expect(r.status == 2)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let docs = try #require(obj["documents"] as? [[String: Any]])
        #expect(docs.compactMap { $0["path"] as? String } == [dir.appendingPathComponent("a.xml").path,
                                                              dir.appendingPathComponent("gone.xml").path])
        let gone = try #require(docs.last)
        #expect(gone["status"] as? String == "error")
        #expect((gone["error"] as? [String: Any])?["message"] as? String == "broken symbolic link")
        #expect(r.stderr.contains("gone.xml: broken symbolic link"))
    }

    @Test(.needsSharedCorpus) func defaultIncludesIgnoreTheCaseOfExtensions() throws {
        guard let files = SharedCorpus.totaFiles(1) else { return }
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        let draft = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts/baseline-draft.md").path
        try fm.copyItem(atPath: files[0], toPath: dir.appendingPathComponent("UPPER.XML").path)
        try fm.copyItem(atPath: draft, toPath: dir.appendingPathComponent("Mixed.Md").path)
        try Data("not a treaty".utf8).write(to: dir.appendingPathComponent("README.TXT.bak"))
        guard let r = Dtcheck.run(["check", "--format", "csv", "--pillar", "data-flows", dir.path]) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let paths = r.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
            .map { String($0.prefix { $0 != "," }).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        #expect(paths == [dir.appendingPathComponent("Mixed.Md").path, dir.appendingPathComponent("UPPER.XML").path])

        // An explicit --include is matched as written.
        guard let exact = Dtcheck.run(["check", "--format", "csv", "--pillar", "data-flows", "--include", "*.xml", dir.path])
        else { return }
        #expect(exact.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1)
    }

    @Test func printConfigHonoursTheNearestConfigFile() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yml = """
        baseline: usmca
        pillars: [data-flows, source-code]
        fail-under: soft
        min-score: 40
        format: json
        exclude: ["drafts/*"]
        jobs: 3
        """
        try Data(yml.utf8).write(to: dir.appendingPathComponent(".dtcheck.yml"))
        let nested = dir.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        guard let r = Dtcheck.run(["check", "--print-config"], cwd: nested) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("config-file: \(dir.appendingPathComponent(".dtcheck.yml").path)"))
        #expect(r.stdout.contains("baseline: usmca"))
        #expect(r.stdout.contains("- data-flows\n- source-code") || r.stdout.contains("- data-flows\n  - source-code"))
        #expect(r.stdout.contains("fail-under: soft"))
        #expect(r.stdout.contains("min-score: 40"))
        #expect(r.stdout.contains("format: json"))
        #expect(r.stdout.contains("jobs: 3"))
        #expect(r.stdout.contains("drafts/*"))

        // The command line wins.
        guard let o = Dtcheck.run(["check", "--print-config", "--baseline", "ujdta", "--jobs", "1", "--format", "csv"], cwd: nested) else { return }
        #expect(o.stdout.contains("baseline: ujdta"))
        #expect(o.stdout.contains("jobs: 1"))
        #expect(o.stdout.contains("format: csv"))
        #expect(o.stdout.contains("fail-under: soft"))
    }

    @Test(.needsSharedCorpus) func configFormatAndGateApplyToCheck() throws {
        guard let file = SharedCorpus.path("tota/pta_1.xml") else { return }
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("format: csv\nfail-under: baseline\npillars: data-flows\n".utf8).write(to: dir.appendingPathComponent(".dtcheck.yml"))
        guard let r = Dtcheck.run(["check", file], cwd: dir) else { return }
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix(#""path","status","#))
        #expect(r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 2)
    }

    @Test func badConfigIsAUsageError() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("baseline: nafta\n".utf8).write(to: dir.appendingPathComponent(".dtcheck.yml"))
        guard let r = Dtcheck.run(["check", "--print-config"], cwd: dir) else { return }
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown baseline 'nafta'"))
    }
}

/// `compare` and `survey` end to end.
@Suite(.serialized) struct CompareAndSurveyTests {
    @Test(.needsSharedCorpus, arguments: ["text", "json", "markdown", "html", "sarif", "junit", "csv"]) func compareRuns(format: String) throws {
        guard let a = SharedCorpus.path("tota/pta_1.xml"), let b = SharedCorpus.path("tota/pta_2.xml"),
              let r = Dtcheck.run(["compare", "--format", format, "--fail-on-regression", a, b]) else { return }
        #expect(r.status == 0 || r.status == 1, "stderr: \(r.stderr)")
        #expect(!r.stdout.isEmpty)
        if format == "json" {
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            #expect(obj["schemaVersion"] as? String == "1.0")
            #expect((obj["pillars"] as? [Any])?.count == 4)
        }
    }

    @Test(.needsSharedCorpus) func sameDraftTwiceIsNoRegression() throws {
        guard let a = SharedCorpus.path("tota/pta_2.xml"),
              let r = Dtcheck.run(["compare", "--fail-on-regression", a, a]) else { return }
        #expect(r.status == 0)
        #expect(r.stdout.contains("result: no change in any pillar"))
    }

    @Test(.needsSharedCorpus) func compareWithAMissingDraftExitsTwo() throws {
        guard let a = SharedCorpus.path("tota/pta_2.xml"), let r = Dtcheck.run(["compare", a, "/nonexistent.xml"]) else { return }
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: /nonexistent.xml: no such file"))
    }

    @Test(.needsSharedCorpus, arguments: ["text", "csv", "json", "html"]) func surveyRuns(format: String) throws {
        guard let files = SharedCorpus.totaFiles(8), let r = Dtcheck.run(["survey", "--format", format] + files) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        switch format {
        case "csv": #expect(r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + files.count)
        case "json":
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            #expect((obj["documents"] as? [Any])?.count == files.count)
        case "html":
            #expect(r.stdout.contains("<svg"))
            #expect(!r.stdout.contains("http://") && !r.stdout.contains("https://"))
        default: #expect(r.stdout.contains("Japan - Thailand"))
        }
    }
}
