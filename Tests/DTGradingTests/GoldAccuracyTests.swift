import DTTestSupport
import DTGrading
import DTIngest
import Foundation
import Testing

/// Accuracy against expert coding (`../shared/gold/dev.csv`): the floors the
/// project promises, asserted so a rule change cannot silently lower them.
@Suite struct GoldAccuracyTests {
    @Test(.needsSharedCorpus) func devGoldFloors() throws {
        guard SharedCorpus.path("tota") != nil else { return }
        let goldPath = SharedCorpus.root.appendingPathComponent("gold/dev.csv").path
        let text = try String(contentsOfFile: goldPath, encoding: .utf8)
        // The rows of every 3rd document in a plain `swift test`; all under DTCHECK_SLOW_TESTS=1
        // (and `.ci/run`'s `dtcheck evaluate` holds the whole file to the same floors).
        let all = try GoldFile.parse(text, file: goldPath)
        let docs = Set(SweepSample.every(3, of: Array(Set(all.map(\.doc))).sorted()))
        let rows = all.filter { docs.contains($0.doc) }
        let grader = Grader(rules: try #require(ProjectRules.loaded))
        var verdicts: [String: DocumentVerdict] = [:]
        for doc in Set(rows.map(\.doc)).sorted() {
            guard let path = SharedCorpus.path(doc) else { return }
            verdicts[doc] = grader.grade(try DocumentLoader.load(path: path))
        }
        let r = GoldEvaluator.evaluate(rows: rows, verdicts: verdicts)
        #expect(r.unreadable.isEmpty, "\(r.unreadable)")
        #expect(r.overall.exactRate >= 0.99, "exact \(r.overall.exactRate)")
        #expect(r.overall.nonAbsentRate >= 0.95, "present \(r.overall.nonAbsentRate)")
        #expect(r.overall.evidenceRate >= 0.95, "evidence \(r.overall.evidenceRate)")
        #expect(r.overall.overclaims == 0, "binding or baseline where gold says absent or soft")
        for m in r.misses { Issue.record("miss: \(m.doc) \(m.pillar.rawValue) gold \(m.gold.rawValue) got \(m.got.rawValue)") }
    }

    /// Same text, same verdict, whatever the format it arrives in.
    @Test(arguments: [
        ["tota/pta_159.xml", "other/rendered/pta_159.html", "other/rendered/pta_159.docx", "other/rendered/pta_159.txt"],
        ["other/tpp-ch14.md", "other/rendered/tpp-ch14.html"],
    ])
    func formatInvariance(docs: [String]) throws {
        let grader = Grader(rules: try #require(ProjectRules.loaded))
        var levels: [[String]] = []
        for doc in docs {
            guard let path = SharedCorpus.path(doc) else { return }
            let v = grader.grade(try DocumentLoader.load(path: path))
            levels.append(v.pillars.map { "\($0.id.rawValue)=\($0.level.rawValue):\($0.evidence.first?.article ?? "-")" })
        }
        for (doc, l) in zip(docs, levels).dropFirst() {
            #expect(l == levels[0], "\(doc) differs from \(docs[0])")
        }
    }

    /// Spanish gold (`../shared/gold/dev-es.csv`): the same floors as English, and
    /// every pillar above absent exact.
    @Test(.needsSharedCorpus) func spanishGoldFloors() throws {
        guard SharedCorpus.path("tota") != nil else { return }
        let goldPath = SharedCorpus.root.appendingPathComponent("gold/dev-es.csv").path
        let text = try String(contentsOfFile: goldPath, encoding: .utf8)
        let rows = try GoldFile.parse(text, file: goldPath)
        let grader = Grader(rules: try #require(ProjectRules.loaded))
        var verdicts: [String: DocumentVerdict] = [:]
        for doc in Set(rows.map(\.doc)) {
            guard let path = SharedCorpus.path(doc) else { return }
            verdicts[doc] = grader.grade(try DocumentLoader.load(path: path))
            #expect(verdicts[doc]?.language == "es", "\(doc)")
        }
        let r = GoldEvaluator.evaluate(rows: rows, verdicts: verdicts)
        #expect(r.unreadable.isEmpty, "\(r.unreadable)")
        #expect(r.overall.exactRate >= 0.98, "exact \(r.overall.exactRate)")
        #expect(r.overall.nonAbsentRate == 1, "present \(r.overall.nonAbsentRate)")
        #expect(r.overall.evidenceRate == 1, "evidence \(r.overall.evidenceRate)")
        #expect(r.overall.overclaims == 0)
        for m in r.misses { Issue.record("miss: \(m.doc) \(m.pillar.rawValue) gold \(m.gold.rawValue) got \(m.got.rawValue)") }
    }

    /// The same agreement in English and Spanish (TPP: pta_449 and pta_450) gets the
    /// same verdict: level, score, limitations and deviations, pillar by pillar.
    @Test func sameAgreementInTwoLanguagesSameVerdict() throws {
        let grader = Grader(rules: try #require(ProjectRules.loaded))
        guard let en = SharedCorpus.path("tota/pta_449.xml"), let es = SharedCorpus.path("tota/pta_450.xml") else { return }
        let a = grader.grade(try DocumentLoader.load(path: en))
        let b = grader.grade(try DocumentLoader.load(path: es))
        #expect(a.language == "en" && b.language == "es")
        #expect(a.pillars.contains { $0.level > .absent })
        for (p, q) in zip(a.pillars, b.pillars) {
            #expect(p.level == q.level && p.score == q.score, "\(p.id.rawValue): en \(p.level.rawValue) \(p.score), es \(q.level.rawValue) \(q.score)")
            #expect(p.limitations.map(\.id) == q.limitations.map(\.id), "\(p.id.rawValue)")
            #expect(p.deviations.map(\.id) == q.deviations.map(\.id), "\(p.id.rawValue)")
            // The article numbers agree ("ARTICLE 14.11" / "ARTÍCULO 14.11").
            func number(_ e: Evidence?) -> String? { e.map { $0.article.filter { $0.isNumber || $0 == "." } } }
            #expect(number(p.evidence.first) == number(q.evidence.first), "\(p.id.rawValue)")
            // Quotes stay in the text's language, accents and all.
            if let quote = q.evidence.first?.quote { #expect(quote.contains("Parte"), "\(quote)") }
        }
    }

    @Test func spanishAndFrenchTextsAreAssessed() throws {
        let grader = Grader(rules: try #require(ProjectRules.loaded))
        for doc in ["tota/pta_22.xml", "tota/pta_88.xml"] {
            guard let path = SharedCorpus.path(doc) else { return }
            let v = grader.grade(try DocumentLoader.load(path: path))
            #expect(v.status == .assessed, "\(doc)")
            #expect(v.pillars.allSatisfy { $0.level == .absent }, "\(doc)")
        }
    }

    @Test func otherLanguagesAreNotAssessedNeverAbsent() throws {
        let grader = Grader(rules: try #require(ProjectRules.loaded))
        for doc in ["other/nl_eu-korea-fta_BWBV0005188.md"] {
            guard let path = SharedCorpus.path(doc) else { return }
            let v = grader.grade(try DocumentLoader.load(path: path))
            #expect(v.status == .notAssessed, "\(doc)")
            #expect(v.pillars.allSatisfy { $0.level == .notAssessed }, "\(doc)")
        }
    }
}
