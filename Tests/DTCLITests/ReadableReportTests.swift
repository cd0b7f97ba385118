@testable import DTCLI
import DTRules
import DTTestSupport
import Foundation
import Testing
import ZIPFoundation

/// #19: reports a negotiator can act on, driven through the built binary — where a
/// quote is (article and paragraph, not a Word paragraph count), one finding per
/// deviation whatever the number of baselines it departs from, and plain words
/// (a legend, `dtcheck explain`, rule ids only with --verbose).
@Suite(.serialized) struct ReadableReportTests {
    static let root = SharedCorpus.packageRoot
    static let drafts = root.appendingPathComponent("corpus/drafts").path

    /// A one-article Word draft as a negotiator would write it: a styled heading and
    /// numbered paragraphs, the ban in paragraph 2 and an exception in paragraph 3.
    static func writeWordDraft(in dir: URL) throws -> URL {
        func p(_ text: String, style: String? = nil) -> String {
            let props = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
            return "<w:p>\(props)<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
        }
        let body = [
            p("Digital Trade Chapter (draft v1)", style: "Title"),
            p("Article 9.12: Location of Computing Facilities", style: "Heading2"),
            p("1. The Parties recognise the importance of computing facilities for the digital economy."),
            p("2. No Party shall require a covered person to use or locate computing facilities in that Party's territory as a condition for conducting business in that territory."),
            p("3. Nothing in this Article shall prevent a Party from adopting or maintaining measures inconsistent with paragraph 2 that it considers necessary to achieve a legitimate public policy objective."),
        ].joined()
        let document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\(body)</w:body></w:document>"
        let types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
        let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"
        let url = dir.appendingPathComponent("draft-v1.docx")
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in [("[Content_Types].xml", types), ("_rels/.rels", rels), ("word/document.xml", document)] {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    // MARK: - 1. Where

    @Test func wordDraftTextReportNamesArticleAndParagraph() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.writeWordDraft(in: dir)
        guard let r = Dtcheck.run(["check", "--color", "never", "--pillar", "localization", "draft-v1.docx"], cwd: dir) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        // The commitment and the exception, each by article and paragraph as the draft numbers them.
        #expect(r.stdout.contains("      Article 9.12, paragraph 2 — Location of Computing Facilities\n"), "\(r.stdout)")
        #expect(r.stdout.contains("Article 9.12, paragraph 3"), "\(r.stdout)")
        #expect(r.stdout.contains("binding-qualified"))
        // Never the paragraph count Word cannot find.
        #expect(!r.stdout.contains("draft-v1.docx:"), "\(r.stdout)")
        for format in ["markdown", "html", "csv"] {
            guard let o = Dtcheck.run(["check", "--format", format, "--pillar", "localization", "draft-v1.docx"], cwd: dir) else { return }
            #expect(o.status == 0)
            #expect(o.stdout.contains("Article 9.12"), "\(format)")
            #expect(!o.stdout.contains("draft-v1.docx:"), "\(format) shows a paragraph count as a line")
        }
        // Machine formats keep file:line and carry the article and paragraph.
        guard let j = Dtcheck.run(["check", "--format", "json", "--pillar", "localization", "draft-v1.docx"], cwd: dir),
              let s = Dtcheck.run(["check", "--format", "sarif", "--pillar", "localization", "draft-v1.docx"], cwd: dir),
              let u = Dtcheck.run(["check", "--format", "junit", "--pillar", "localization", "draft-v1.docx"], cwd: dir) else { return }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
        let pillar = try #require(((json["documents"] as? [[String: Any]])?.first?["pillars"] as? [[String: Any]])?.first)
        let evidence = try #require((pillar["evidence"] as? [[String: Any]])?.first)
        #expect(evidence["article"] as? String == "Article 9.12")
        #expect(evidence["paragraph"] as? String == "2.")
        #expect((evidence["location"] as? [String: Any])?["line"] as? Int ?? 0 > 0)
        #expect(s.stdout.contains("\"fullyQualifiedName\" : \"Article 9.12, paragraph 2\""))
        #expect(s.stdout.contains("\"paragraph\" : \"2.\"") && s.stdout.contains("\"startLine\""))
        #expect(u.stdout.contains("<property name=\"article\" value=\"Article 9.12\"/>"))
        #expect(u.stdout.contains("<property name=\"paragraph\" value=\"2.\"/>"))
    }

    @Test func textFilesKeepFileAndLineBesideTheArticle() throws {
        let draft = "corpus/drafts/modern/cptpp-style.md"
        guard let r = Dtcheck.run(["check", "--color", "never", "--pillar", "localization", draft], cwd: Self.root) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let heads = r.stdout.split(separator: "\n").filter { $0.hasPrefix("      Article 14.13") }
        #expect(heads.count == 2)
        #expect(r.stdout.contains("      Article 14.13, paragraph 2 — Location of Computing Facilities  \(draft):73\n"))
        for h in heads { #expect(h.contains(", paragraph ") && h.contains("\(draft):"), "\(h)") }
    }

    // MARK: - 2. One finding, many baselines

    /// Every (article, quote) once in a pillar's evidence, every finding once per
    /// (kind, id, article, quote); the deviations USMCA and UJDTA share name both.
    func checkNoDuplicates(_ json: String, sawBoth: inout Int) throws {
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for doc in obj["documents"] as? [[String: Any]] ?? [] {
            let path = doc["path"] as? String ?? "?"
            for p in doc["pillars"] as? [[String: Any]] ?? [] {
                let pillar = p["id"] as? String ?? "?"
                func key(_ e: [String: Any]?) -> String { "\(e?["article"] as? String ?? "")|\(e?["quote"] as? String ?? "")" }
                let evidence = (p["evidence"] as? [[String: Any]] ?? []).map { key($0) }
                #expect(Set(evidence).count == evidence.count, "\(path) \(pillar): a quote twice in evidence")
                for kind in ["limitations", "deviations", "sectoral"] {
                    let findings = p[kind] as? [[String: Any]] ?? []
                    let keys = findings.map { "\($0["id"] as? String ?? "")|" + key($0["evidence"] as? [String: Any]) }
                    #expect(Set(keys).count == keys.count, "\(path) \(pillar): a \(kind) finding twice on one quote")
                    for f in findings {
                        let baselines = Set((f["baselines"] as? [[String: Any]] ?? []).compactMap { $0["baseline"] as? String })
                        if baselines == ["usmca", "ujdta"] && kind == "deviations" { sawBoth += 1 }
                    }
                }
            }
        }
    }

    @Test func jsonHasNoDuplicatedQuoteWithinAPillarOnTheTeamDrafts() throws {
        guard let r = Dtcheck.run(["check", "--format", "json", Self.drafts]) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        var both = 0
        try checkNoDuplicates(r.stdout, sawBoth: &both)
        // The drafts have deviations from both baselines (round3's internal taxes, sadea's recitals): each is one finding.
        #expect(both >= 5, "\(both) deviations name both baselines")
    }

    @Test(.needsSharedCorpus) func jsonHasNoDuplicatedQuoteWithinAPillarOnTheSharedCorpus() throws {
        guard let tota = SharedCorpus.path("tota"), let other = SharedCorpus.path("other") else { return }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: tota)) ?? []).filter { $0.hasSuffix(".xml") }.sorted()
        let files = SweepSample.every(8, of: names.map { tota + "/" + $0 }) + [other]
        guard let r = Dtcheck.run(["check", "--format", "json"] + files) else { return }
        #expect(r.status == 0 || r.status == 2, "stderr: \(r.stderr)")
        var both = 0
        try checkNoDuplicates(r.stdout, sawBoth: &both)
        #expect(both >= 1, "no deviation from both baselines in the sample: the test would not see a duplicate")
    }

    /// The human formats show each quote once per pillar.
    @Test func humanFormatsShowEachQuoteOncePerPillar() throws {
        let files = ["negotiating/round3.docx", "modern/sadea-style.docx", "modern/cptpp-style.md", "limitation-localization-exception.md"]
            .map { Self.drafts + "/" + $0 }
        guard let text = Dtcheck.run(["check", "--color", "never"] + files),
              let html = Dtcheck.run(["check", "--format", "html"] + files),
              let md = Dtcheck.run(["check", "--format", "markdown"] + files) else { return }
        // Text: a pillar block starts at "  <pillar> "; its quotes are the lines holding “…”.
        var block: [String] = []
        func close() {
            let quotes = block.compactMap { line -> String? in
                guard let open = line.range(of: "“") else { return nil }
                return String(line[open.lowerBound...].prefix(80)) // the text trims quotes at two lengths
            }
            #expect(Set(quotes).count == quotes.count, "a quote twice in one pillar: \(block.joined(separator: "\n"))")
            block = []
        }
        for line in text.stdout.split(separator: "\n").map(String.init) {
            if PillarID.allCases.contains(where: { line.hasPrefix("  \($0.rawValue) ") }) || !line.hasPrefix("  ") { close() }
            block.append(line)
        }
        close()
        for section in html.stdout.components(separatedBy: "<div class=\"pillar\"").dropFirst() {
            let quotes = section.components(separatedBy: "<blockquote").dropFirst().map { $0.components(separatedBy: "</blockquote>")[0].drop { $0 != ">" } }
            #expect(Set(quotes).count == quotes.count, "HTML repeats a quote in one pillar")
        }
        for section in md.stdout.components(separatedBy: "\n### ").dropFirst() {
            let quotes = section.split(separator: "\n").filter { $0.hasPrefix("  > ") }
            #expect(Set(quotes).count == quotes.count, "Markdown repeats a quote in one pillar")
        }
        // The deviation both baselines share, once, naming both articles.
        #expect(text.stdout.components(separatedBy: "No clarification that internal taxes remain allowed").count - 1 == 1)
        #expect(text.stdout.contains("(vs USMCA 19.3.2, UJDTA 7.2)"))
    }

    // MARK: - 3. Plain words

    @Test func rulesIdsAndCodesOnlyWithVerbose() throws {
        let draft = Self.drafts + "/modern/sadea-style.docx"
        guard let plain = Dtcheck.run(["check", "--color", "never", draft]),
              let verbose = Dtcheck.run(["check", "--color", "never", "--verbose", draft]),
              let json = Dtcheck.run(["check", "--format", "json", draft]) else { return }
        #expect(!plain.stdout.contains("[data-flows.transfer]") && !plain.stdout.contains("regulatory-requirements-recital"))
        #expect(verbose.stdout.contains("[data-flows.transfer]"))
        #expect(verbose.stdout.contains("deviation regulatory-requirements-recital [usmca.19-11.regulatory-recital, ujdta.11.regulatory-recital]"))
        #expect(json.stdout.contains("\"rule\" : \"data-flows.transfer\""))
        #expect(json.stdout.contains("\"id\" : \"regulatory-requirements-recital\""))
        // A limitation's id is a word from PILLARS.md, shown always.
        #expect(plain.stdout.contains("limitation localization-exception: "))
    }

    @Test func markdownAndHTMLCarryALegend() throws {
        let draft = Self.drafts + "/limitation-localization-exception.md"
        guard let md = Dtcheck.run(["check", "--format", "markdown", draft]),
              let html = Dtcheck.run(["check", "--format", "html", draft]) else { return }
        for level in ["baseline", "binding-qualified", "soft", "absent", "not-assessed"] {
            #expect(md.stdout.contains("| `\(level)` | "), "\(level) missing from the Markdown legend")
            #expect(html.stdout.contains("<tr><th><span class=\"lv lv-\(level)\">\(level)</span></th><td>"), "\(level) missing from the HTML legend")
        }
        // The score, with the loaded scoring rules' numbers, and limitation vs deviation.
        #expect(md.stdout.contains("loses 2 for each distinct deviation"))
        #expect(md.stdout.contains("| `limitation` | A material limitation") && md.stdout.contains("| `deviation` | A deviation"))
        #expect(html.stdout.contains("<h2>How to read this report</h2>") && html.stdout.contains("<strong>limitation</strong>"))
    }

    static func rules() throws -> RuleSet { try RuleSet.load(directory: root.appendingPathComponent("rules").path) }

    @Test func explainSaysWhatALevelMeans() throws {
        guard let r = Dtcheck.run(["explain", "binding-qualified"]) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.hasPrefix("binding-qualified — level, score 50–89\n"))
        // PILLARS.md's words.
        #expect(r.stdout.contains("a binding core commitment (shall, shall not, No Party shall, Neither Party shall, may not, agree that … shall / cannot) with at least one material limitation"))
        #expect(r.stdout.contains("loses 2 for each distinct deviation"))
    }

    /// What `explain` prints for every limitation and deviation id is read in process,
    /// from the rules the binary has built in (one start of the binary per id cost a
    /// second of the suite's CPU); the binary itself is run for one of each and must
    /// print exactly that.
    static let builtIn = Result { try RulesLocation.builtIn.load() }

    static func explanation(_ term: String) throws -> String? {
        ExplainCommand.explain(term, rules: try builtIn.get())
    }

    @Test func explainEveryLimitationFromPillarsAndItsRules() throws {
        let set = try Self.rules()
        for id in LimitationID.common.sorted() + PillarID.allCases.flatMap({ (LimitationID.byPillar[$0] ?? []).sorted() }) {
            let text = try #require(try Self.explanation(id), "\(id) is not explained")
            #expect(text.hasPrefix("\(id) — material limitation"))
            // Each message of the rules that report it, as written in the YAML.
            for rule in set.rules where rule.limitation == id { #expect(text.contains(rule.message), "\(id): \(rule.id)'s message") }
        }
        guard let d = Dtcheck.run(["explain", "domestic-law"]) else { return }
        #expect(d.status == 0, "\(d.stderr)")
        #expect(d.stdout == (try Self.explanation("domestic-law")))
        #expect(d.stdout.contains("PILLARS.md: the commitment is subject to, or in accordance with, the Party's own laws and regulations."))
    }

    @Test func explainEveryDeviationWithItsBaselineWording() throws {
        let set = try Self.rules()
        let elements = Set(set.rules.filter { $0.kind == .deviation }.compactMap(\.element))
        #expect(elements.count >= 5)
        for element in elements.sorted() {
            let text = try #require(try Self.explanation(element), "\(element) is not explained")
            for rule in set.rules where rule.kind == .deviation && rule.element == element {
                #expect(text.contains(rule.message), "\(element): \(rule.id)'s message")
                if let f = rule.formula { #expect(text.contains("baseline wording: " + f), "\(element): \(rule.id)'s formula") }
                #expect(text.contains(rule.baselines.map(\.description).joined(separator: ", ")))
            }
        }
        let first = try #require(elements.sorted().first)
        guard let r = Dtcheck.run(["explain", first]) else { return }
        #expect(r.status == 0, "\(first): \(r.stderr)")
        #expect(r.stdout == (try Self.explanation(first)))
    }

    @Test func explainAnUnknownTermExits2WithTheKnownOnes() throws {
        guard let r = Dtcheck.run(["explain", "no-such-thing"]) else { return }
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("error: unknown term 'no-such-thing'; known terms:\n"))
        let set = try Self.rules()
        for id in LimitationID.common.union(LimitationID.byPillar.values.flatMap { $0 }) { #expect(r.stderr.contains(id)) }
        for e in set.rules.compactMap(\.element) { #expect(r.stderr.contains(e)) }
        for level in Level.allCases { #expect(r.stderr.contains(level.rawValue)) }
    }
}
