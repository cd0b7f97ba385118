import DTGrading
import DTIngest
import DTModel
import DTRules
import DTTestSupport
import Foundation
import Testing

/// Pathological text through the grader: time must grow with size, not faster.
/// A keyword-dense article with no sentence breaks once took 464 s for 2.5 MB
/// because every candidate re-scanned the whole article (quadratic).
@Suite struct GradingShapeTests {
    static var rules: RuleSet? { ProjectRuleSet.loaded }

    static let dense = "No Party shall impose customs duties on electronic transmissions and each Party shall allow the cross-border transfer of information by electronic means and no Party shall require the transfer of source code or require a covered person to use or locate computing facilities in its territory "

    func gradeTime(bytes: Int) throws -> Duration {
        let text = String(repeating: Self.dense, count: bytes / Self.dense.utf8.count)
        let agreement = Agreement(title: "dense", language: "en", sourceFormat: .tota, sourcePath: "dense.xml", divisions: [
            Division(kind: .chapter, number: "CHAPTER 1", heading: "Electronic Commerce", location: SourceLocation(line: 1), children: [
                Division(kind: .article, number: "ARTICLE 1", text: text, location: SourceLocation(line: 2)),
            ]),
        ])
        let grader = Grader(rules: try #require(Self.rules))
        let (verdict, elapsed) = timed { grader.grade(agreement) }
        #expect(verdict.pillars.allSatisfy { $0.level >= .bindingQualified })
        return elapsed
    }

    @Test func denseArticleWithoutSentenceBreaksGradesInLinearTime() throws {
        let small = try gradeTime(bytes: 150_000)
        let large = try gradeTime(bytes: 600_000)
        // Four times the text: linear work takes about 4×, quadratic about 16×.
        #expect(large < small * 9 + .seconds(1), "150 KB took \(small), 600 KB took \(large)")
        #expect(large < .seconds(60))
    }

    @Test func twentyThousandArticlesAndAMegabyteLine() throws {
        var articles: [Division] = []
        for i in 0..<20_000 {
            articles.append(Division(kind: .article, number: "ARTICLE \(i)", text: "No Party shall impose customs duties on electronic transmissions.",
                                     location: SourceLocation(line: i + 2)))
        }
        articles.append(Division(kind: .article, number: "ARTICLE LONG", text: String(repeating: "word ", count: 200_000),
                                 location: SourceLocation(line: 1)))
        let agreement = Agreement(title: "wide", language: "en", sourceFormat: .tota, sourcePath: "wide.xml", divisions: [
            Division(kind: .chapter, number: "CHAPTER 1", heading: "Electronic Commerce", location: SourceLocation(line: 1), children: articles),
        ])
        let grader = Grader(rules: try #require(Self.rules))
        let (verdict, elapsed) = timed { grader.grade(agreement) }
        #expect(verdict.pillar(.customsDuties)?.level == .baseline || verdict.pillar(.customsDuties)?.level == .bindingQualified)
        #expect(elapsed < .seconds(60), "took \(elapsed)")
    }
}
