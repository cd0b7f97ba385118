import DTGrading
import DTIngest
import DTModel
import DTRules
import DTTestSupport
import Foundation
import Testing

/// A language's rules are compiled the first time a text in it is met: an English
/// run never pays for the Spanish and French patterns, and grading threads asking
/// at once get one compile and the same verdicts.
@Suite struct LazyLanguageRulesTests {
    static let drafts = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts").path

    func freshRules() throws -> RuleSet {
        try RuleSet.load(directory: ProjectRules.directory)
    }

    static func spanishText() -> Agreement {
        let article = Division(kind: .article, number: "Artículo 14.17", heading: "Código Fuente",
                               text: "Ninguna Parte requerirá la transferencia de, o el acceso al, CÓDIGO FUENTE de un programa informático propiedad de una persona de otra Parte, o a un algoritmo expresado en ese código fuente, como condición para la importación, distribución, venta o uso de tal programa informático.",
                               location: SourceLocation(line: 1))
        let chapter = Division(kind: .chapter, number: "Capítulo 14", heading: "Comercio Electrónico", location: SourceLocation(line: 1), children: [article])
        return Agreement(title: "t", language: "es", sourceFormat: .text, sourcePath: "t.txt", divisions: [chapter])
    }

    @Test func anEnglishTextCompilesNoOtherLanguage() throws {
        let set = try freshRules()
        #expect(set.languages == ["en", "es", "fr"])
        #expect(set.isCompiled("en"))
        #expect(!set.isCompiled("es") && !set.isCompiled("fr"))
        let v = Grader(rules: set).grade(try DocumentLoader.load(path: Self.drafts + "/baseline-draft.md"))
        #expect(v.status == .assessed && v.language == "en")
        #expect(!set.isCompiled("es") && !set.isCompiled("fr"))
    }

    @Test func aSpanishTextCompilesSpanishOnly() throws {
        let set = try freshRules()
        let v = Grader(rules: set).grade(Self.spanishText())
        #expect(v.pillar(.sourceCode)?.level == .baseline)
        #expect(set.isCompiled("es"))
        #expect(!set.isCompiled("fr"))
    }

    /// A thread's copy compiles nothing of its own before it meets the language,
    /// then grades as the original does.
    @Test func threadsCompileOnceAndGradeAlike() throws {
        let set = try freshRules()
        let copies = (0..<4).map { _ in set.independentCopy() }
        #expect(copies.allSatisfy { !$0.isCompiled("es") })
        let expected = Grader(rules: try freshRules()).grade(Self.spanishText())
        let results = Verdicts(count: copies.count)
        DispatchQueue.concurrentPerform(iterations: copies.count) { i in
            results.set(i, Grader(rules: copies[i]).grade(Self.spanishText()))
        }
        #expect(set.isCompiled("es"))
        #expect(!set.isCompiled("fr"))
        for v in results.all {
            #expect(v?.pillars.map(\.level) == expected.pillars.map(\.level))
            #expect(v?.pillars.map(\.score) == expected.pillars.map(\.score))
            #expect(v?.pillars.map { $0.evidence.map(\.quote) } == expected.pillars.map { $0.evidence.map(\.quote) })
        }
    }

    /// Verdicts written from several threads.
    final class Verdicts: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [DocumentVerdict?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ v: DocumentVerdict) {
            lock.lock()
            defer { lock.unlock() }
            values[i] = v
        }
        var all: [DocumentVerdict?] {
            lock.lock()
            defer { lock.unlock() }
            return values
        }
    }
}
