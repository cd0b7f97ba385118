import DTTestSupport
import Foundation
import Testing

/// Rules are legal formulas, not patches for one document: no rule file names a
/// corpus file (the team's drafts, or ../shared/corpus when present), reviewed
/// entries included: they answer for a sentence by its fingerprint, wherever it is.
@Suite struct RulesProvenanceTests {
    @Test func rulesNameNoCorpusFile() throws {
        var names = Set<String>()
        var roots = [SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts")]
        if SharedCorpus.isPresent { roots.append(SharedCorpus.root.appendingPathComponent("corpus")) }
        for root in roots {
            let files = FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []
            for rel in files { names.insert(((rel as NSString).lastPathComponent).lowercased()) }
        }
        names = names.filter { $0.contains(".") && $0.count >= 6 }
        #expect(names.count > 20, "no corpus file names found to check against")
        let rules = SharedCorpus.packageRoot.appendingPathComponent("rules")
        let ruleFiles = (FileManager.default.enumerator(atPath: rules.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".yml") }
        #expect(!ruleFiles.isEmpty)
        for rel in ruleFiles {
            let text = try String(contentsOf: rules.appendingPathComponent(rel), encoding: .utf8)
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                // A file name is a run of name characters ("other/pta_10.xml" holds "pta_10.xml").
                let tokens = line.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == ".") }
                for token in tokens {
                    let name = String(token).trimmingCharacters(in: CharacterSet(charactersIn: "."))
                    if names.contains(name) { Issue.record("rules/\(rel):\(i + 1) names the corpus file \(name)") }
                }
            }
        }
    }
}
