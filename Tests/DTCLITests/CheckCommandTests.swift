import DTTestSupport
import Foundation
import Testing

/// Runs the built `dtcheck check` on real ToTA files and checks stdout, stderr and exit status.
@Suite(.serialized) struct CheckCommandTests {
    static let formats = ["text", "json", "markdown", "html", "sarif", "junit", "csv"]

    @Test(.needsSharedCorpus, arguments: formats) func checkRunsInEveryFormat(format: String) throws {
        guard let file = SharedCorpus.path("tota/pta_2.xml"), let r = Dtcheck.run(["check", "--format", format, file]) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("pta_2.xml"))
        switch format {
        case "text": #expect(r.stdout.contains("1 document: 1 assessed"))
        case "json", "sarif":
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            if format == "json" { #expect(obj["schemaVersion"] as? String == "1.0") } else { #expect(obj["version"] as? String == "2.1.0") }
        case "markdown": #expect(r.stdout.hasPrefix("# dtcheck report"))
        case "html": #expect(r.stdout.hasPrefix("<!DOCTYPE html>"))
        case "junit": #expect(r.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"))
        case "csv": #expect(r.stdout.hasPrefix(#""path","status","title","date_signed","pillar","level","score","articles","limitations","deviations","proposed_level","proposed_score","weakest_level","weakest_score","original_level","original_score","open_brackets","locations""# + "\r\n"))
        default: break
        }
    }

    @Test(.needsSharedCorpus) func jsonValidatesAgainstTheReportSchema() throws {
        guard let files = SharedCorpus.totaFiles(6), let r = Dtcheck.run(["check", "--format", "json"] + files) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let schema = SharedCorpus.packageRoot.appendingPathComponent("schemas/dtcheck-report.schema.json").path
        guard let errors = SchemaValidator.validate(json: r.stdout, schemaPath: schema) else { return }
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test(.needsSharedCorpus) func outputWritesAFile() throws {
        guard let file = SharedCorpus.path("tota/pta_2.xml") else { return }
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.json")
        guard let r = Dtcheck.run(["check", "--format", "json", "--output", out.path, file]) else { return }
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
        let written = try String(contentsOf: out, encoding: .utf8)
        #expect(written.contains("\"schemaVersion\" : \"1.0\""))
    }

    @Test(.needsSharedCorpus) func missingFileExitsTwoAndOthersAreStillReported() throws {
        guard let file = SharedCorpus.path("tota/pta_2.xml"),
              let r = Dtcheck.run(["check", "--format", "json", "/nonexistent/draft.xml", file]) else { return }
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: /nonexistent/draft.xml: no such file"))
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let docs = try #require(obj["documents"] as? [[String: Any]])
        #expect(docs.count == 2)
        #expect(docs.first { ($0["path"] as? String) == "/nonexistent/draft.xml" }?["status"] as? String == "error")
        #expect(docs.first { ($0["path"] as? String) == file }?["status"] as? String == "assessed")
    }

    @Test func malformedXMLReportsLineAndColumn() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.xml")
        try Data("<?xml version=\"1.0\"?>\n<treaty>\n  <body><chapter></body>\n</treaty>\n".utf8).write(to: bad)
        guard let r = Dtcheck.run(["check", bad.path]) else { return }
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: \(bad.path):3:"), "stderr: \(r.stderr)")
        #expect(r.stdout.contains("error: \(bad.path):3:"))
    }

    /// check reads a ToTA file in a language the rules do not read only up to its
    /// body (README "check"): a fault after that is reported by parse, not by check.
    @Test func bodyInALanguageNotReadIsNotParsedByCheck() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("de.xml")
        try Data("<treaty><meta><name>Vertrag</name><language>de</language></meta>\n<body><article>kaputt</chapter></body></treaty>\n".utf8)
            .write(to: file)
        guard let r = Dtcheck.run(["check", "--format", "json", file.path]) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("\"status\" : \"not-assessed\""))
        #expect(r.stdout.contains("\"title\" : \"Vertrag\""))
        // Spanish and French bodies are read now: the same fault is an error there.
        let es = dir.appendingPathComponent("es.xml")
        try Data("<treaty><meta><name>Tratado</name><language>es</language></meta>\n<body><article>roto</chapter></body></treaty>\n".utf8)
            .write(to: es)
        guard let e = Dtcheck.run(["check", "--format", "json", es.path]) else { return }
        #expect(e.status == 2)
        #expect(e.stderr.contains("\(es.path):2:"), "stderr: \(e.stderr)")
        guard let parse = Dtcheck.run(["parse", file.path]) else { return }
        #expect(parse.status != 0)
        #expect(parse.stderr.contains("\(file.path):2:"), "stderr: \(parse.stderr)")
    }

    @Test(.needsSharedCorpus) func failUnderBaselineExitsOneWhenPillarsFallShort() throws {
        // Japan–Thailand (2007) predates every digital-trade baseline.
        guard let file = SharedCorpus.path("tota/pta_1.xml") else { return }
        guard let r = Dtcheck.run(["check", "--fail-under", "baseline", file]) else { return }
        #expect(r.status == 1, "stderr: \(r.stderr)")
        guard let ok = Dtcheck.run(["check", "--fail-under", "absent", file]) else { return }
        #expect(ok.status == 0)
        guard let score = Dtcheck.run(["check", "--min-score", "100", "--quiet", file]) else { return }
        #expect(score.status == 1)
    }

    @Test(.needsSharedCorpus) func languageNotReadIsNotAssessedAndNotGated() throws {
        guard let file = SharedCorpus.path("other/nl_eu-korea-fta_BWBV0005188.md"),
              let r = Dtcheck.run(["check", "--format", "csv", "--fail-under", "baseline", file]) else { return }
        #expect(r.status == 0)
        #expect(r.stdout.contains(#","not-assessed","#))
        // A Spanish text is graded, so the gate applies to it.
        guard let es = SharedCorpus.path("tota/pta_123.xml"),
              let g = Dtcheck.run(["check", "--format", "csv", "--fail-under", "baseline", es]) else { return }
        #expect(g.status == 1)
        #expect(g.stdout.contains(#","assessed","#) && g.stdout.contains(#","absent","#))
    }

    @Test(.needsSharedCorpus) func jobsDoNotChangeTheBytes() throws {
        guard var files = SharedCorpus.totaFiles(20) else { return }
        // Files that fail first: with several threads the first files are read while
        // the rules compile, and a failure read then must read as it would later.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtcheck-jobs-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("broken.xml").path
        try "<treaty><meta><language>en</language></meta><body><article>“x” <b></article></body></treaty>".write(toFile: broken, atomically: true, encoding: .utf8)
        files = [dir.appendingPathComponent("missing.xml").path, broken] + files
        for format in ["json", "text", "sarif"] {
            guard let one = Dtcheck.run(["check", "--jobs", "1", "--format", format] + files),
                  let two = Dtcheck.run(["check", "--jobs", "2", "--format", format] + files.reversed()) else { return }
            #expect(one.status == two.status)
            #expect(one.stdout == two.stdout, "--jobs 1 and --jobs 2 differ in \(format)")
            guard let early = Dtcheck.run(["check", "--jobs", "2", "--format", format] + files) else { return }
            #expect(early.stdout == one.stdout && early.stderr == one.stderr, "failures read early differ in \(format)")
            #expect(!one.stdout.isEmpty)
        }
    }

    @Test(.needsSharedCorpus) func csvHasOneRowPerDocumentAndPillar() throws {
        guard let files = SharedCorpus.totaFiles(5),
              let r = Dtcheck.run(["check", "--format", "csv", "--pillar", "data-flows", "--pillar", "localization"] + files) else { return }
        #expect(r.status == 0)
        let rows = r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == #""path","status","title","date_signed","pillar","level","score","articles","limitations","deviations","proposed_level","proposed_score","weakest_level","weakest_score","original_level","original_score","open_brackets","locations""#)
        #expect(rows.count == 1 + files.count * 2)
    }

    @Test(.needsSharedCorpus) func htmlLoadsNothingFromTheNetwork() throws {
        guard let files = SharedCorpus.totaFiles(3), let r = Dtcheck.run(["check", "--format", "html"] + files) else { return }
        #expect(r.status == 0)
        let external = try NSRegularExpression(pattern: #"(src|href)\s*=\s*["']?\s*(https?:)?//"#, options: [.caseInsensitive])
        #expect(external.firstMatch(in: r.stdout, range: NSRange(r.stdout.startIndex..., in: r.stdout)) == nil)
        #expect(!r.stdout.contains("http://") && !r.stdout.contains("https://"))
        #expect(!r.stdout.contains("<script"))
        #expect(!r.stdout.contains("<link"))
    }

    @Test func htmlNamesTheFileAndListsAnArticleOnce() throws {
        let draft = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts/limitation-localization-exception.md").path
        guard let r = Dtcheck.run(["check", "--format", "html", draft]) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("<span class=\"file\">limitation-localization-exception.md</span></h2>"))
        // Localization quotes Article X.4 twice (the ban and its exception): one table entry, one heading.
        #expect(!r.stdout.contains("Article X.4; Article X.4"))
        #expect(r.stdout.components(separatedBy: "<p class=\"art\"><strong>Article X.4</strong>").count - 1 == 1)
        #expect(r.stdout.components(separatedBy: "<blockquote id=\"doc0-localization-q").count - 1 == 3)
    }

    @Test(.needsSharedCorpus) func sarifFromTheBinaryValidates() throws {
        guard let files = SharedCorpus.totaFiles(3), let schema = SharedCorpus.schema("sarif-schema-2.1.0.json"),
              let r = Dtcheck.run(["check", "--format", "sarif", "/nonexistent.xml"] + files) else { return }
        #expect(r.status == 2)
        guard let errors = SchemaValidator.validate(json: r.stdout, schemaPath: schema) else { return }
        #expect(errors.isEmpty, "\(errors)")
    }

    /// The message of rule `id` as written in a YAML file under `rules/`, read with a
    /// line scan so the test checks the YAML itself, not the loader's idea of it.
    static func yamlMessage(of id: String, in file: String) throws -> String {
        let text = try String(contentsOf: SharedCorpus.packageRoot.appendingPathComponent("rules/" + file), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "- id: \(id)" })
        let message = try #require(lines[start...].first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("message:") })
        return String(message.trimmingCharacters(in: .whitespaces).dropFirst("message:".count)).trimmingCharacters(in: .whitespaces)
    }

    static func sarifRules(_ sarif: String) throws -> [String: [String: Any]] {
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try #require((obj["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        return Dictionary(rules.compactMap { r in (r["id"] as? String).map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
    }

    @Test(.needsSharedCorpus) func sarifRulesCarryTheYAMLMetadata() throws {
        guard let file = SharedCorpus.path("tota/pta_449.xml"), let schema = SharedCorpus.schema("sarif-schema-2.1.0.json"),
              let r = Dtcheck.run(["check", "--format", "sarif", file]) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let rules = try Self.sarifRules(r.stdout)
        let exception = try #require(rules["localization.exception"])
        let expected = try Self.yamlMessage(of: "localization.exception", in: "pillars/localization.yml")
        #expect((exception["shortDescription"] as? [String: Any])?["text"] as? String == expected)
        let full = try #require((exception["fullDescription"] as? [String: Any])?["text"] as? String)
        #expect(full.hasPrefix(expected) && full.contains("USMCA 19.12"))
        let properties = try #require(exception["properties"] as? [String: Any])
        #expect(properties["kind"] as? String == "limitation")
        #expect(properties["pillar"] as? String == "localization")
        #expect(properties["pillars"] as? [String] == ["localization"])
        // The definition points at the rule's own line in its YAML file, wherever that is today.
        let yaml = try String(contentsOf: SharedCorpus.packageRoot.appendingPathComponent("rules/pillars/localization.yml"), encoding: .utf8)
        let line = try #require(yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("id: localization.exception") }) + 1
        #expect(properties["definition"] as? String == "pillars/localization.yml:\(line)")
        // Rules with no YAML behind them (a pillar with no provision) keep the generated text.
        for (id, rule) in rules where id.hasSuffix(".absent") {
            #expect(((rule["shortDescription"] as? [String: Any])?["text"] as? String)?.hasPrefix("No provision on") == true)
        }
        guard let errors = SchemaValidator.validate(json: r.stdout, schemaPath: schema) else { return }
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test(.needsSharedCorpus) func compareSarifCarriesTheYAMLMetadata() throws {
        guard let file = SharedCorpus.path("tota/pta_449.xml"),
              let r = Dtcheck.run(["compare", "--format", "sarif", file, file]) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let rules = try Self.sarifRules(r.stdout)
        let expected = try Self.yamlMessage(of: "localization.exception", in: "pillars/localization.yml")
        #expect((rules["localization.exception"]?["shortDescription"] as? [String: Any])?["text"] as? String == expected)
    }

    @Test func usageErrorsExitTwo() throws {
        guard let a = Dtcheck.run(["check", "--format", "pdf", "x.xml"]),
              let b = Dtcheck.run(["check", "--pillar", "privacy", "x.xml"]),
              let c = Dtcheck.run(["check"]),
              let d = Dtcheck.run(["check", "--fail-under", "great", "x.xml"]) else { return }
        #expect(a.status == 2)
        #expect(b.status == 2 && b.stderr.contains("unknown pillar 'privacy'"))
        #expect(c.status == 2)
        #expect(d.status == 2 && d.stderr.contains("unknown level 'great'"))
    }

    @Test func helpHasAnExampleForEveryOption() throws {
        guard let r = Dtcheck.run(["check", "--help"]) else { return }
        #expect(r.status == 0)
        // Help is wrapped to the terminal width; compare with whitespace collapsed.
        let help = r.stdout.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        for option in ["--baseline", "--pillar", "--format", "--output", "--fail-under", "--min-score", "--jobs", "--quiet",
                       "--color", "--rules", "--input-format", "--max-file-size", "--print-config", "--include", "--exclude"] {
            #expect(help.contains("Example: \(option)"), "no example for \(option)")
        }
    }

    @Test(arguments: [
        (["parse", "--help"], ["--format", "--input-format", "--max-file-size"]),
        (["evaluate", "--help"], ["--gold", "--format", "--min-exact", "--min-present", "--min-evidence", "--rules"]),
        (["rules", "test", "--help"], ["--fixtures", "--format", "--rules"]),
        (["audit", "--help"], ["--format", "--output", "--reviewed", "--show-reviewed", "--rules"]),
    ])
    func otherCommandsHaveAnExampleForEveryOption(args: [String], options: [String]) throws {
        guard let r = Dtcheck.run(args) else { return }
        #expect(r.status == 0)
        let help = r.stdout.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        for option in options { #expect(help.contains("Example: \(option)"), "\(args): no example for \(option)") }
    }

    @Test(.needsSharedCorpus) func parseStillWorks() throws {
        guard let file = SharedCorpus.path("tota/pta_2.xml"), let r = Dtcheck.run(["parse", file]) else { return }
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("# \(file)"))
    }
}
