import ArgumentParser
import DTReports
import DTRules
import Foundation

/// `dtcheck explain TERM`: a report's words in plain terms (#19). A level, the
/// score, a limitation or deviation id, or a rule id the text report shows with
/// --verbose. The text comes from PILLARS.md (through `Glossary`) and from the
/// rules' own messages, baselines and formulas: nothing is written here that the
/// spec or a rule does not say.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Say what a level, a limitation or a deviation id in a report means.",
        discussion: """
        Examples:
          dtcheck explain binding-qualified
          dtcheck explain domestic-law
          dtcheck explain allow-instead-of-not-restrict
          dtcheck explain score

        TERM is a level (baseline, binding-qualified, soft, absent, not-assessed), score, limitation, \
        deviation, sectoral, a limitation id (domestic-law), a deviation or sectoral id \
        (regulatory-requirements-recital), or a rule id (data-flows.transfer). An unknown term exits 2 \
        and lists the known ones.
        """
    )

    @Argument(help: ArgumentHelp("The word to explain. Example: dtcheck explain self-judging", valueName: "term"))
    var term: String

    @OptionGroup var rules: RulesOption

    func run() throws {
        let set = try rules.load()
        let explanation = Self.explain(term.trimmingCharacters(in: .whitespaces).lowercased(), rules: set)
            ?? Self.explain(term.trimmingCharacters(in: .whitespaces), rules: set)
        guard let explanation else {
            Terminal.error("unknown term '\(term)'; known terms:")
            for line in Self.known(set) { Terminal.stderr(line) }
            throw ExitCode(2)
        }
        Terminal.emit(explanation)
    }

    /// The explanation of `term`, or nil when it names nothing known.
    static func explain(_ term: String, rules: RuleSet) -> String? {
        if let level = Level(rawValue: term) {
            var out = "\(level.rawValue) — level, score \(Glossary.range(level))\n\(Glossary.meaning(level)).\n"
            if level != .notAssessed && level != .absent { out += "\nScore: " + Glossary.score(rules.scoring) + "\n" }
            return out
        }
        switch term {
        case "score": return "score\n" + Glossary.score(rules.scoring) + "\n"
        case "limitation": return "limitation\n" + Glossary.limitation + "\nIds: " + Glossary.limitationIDs.joined(separator: ", ") + "\n"
        case "deviation": return "deviation\n" + Glossary.deviation + "\nIds: " + ids(.deviation, rules).joined(separator: ", ") + "\n"
        case "sectoral": return "sectoral\n" + Glossary.sectoral + "\nIds: " + ids(.sectoral, rules).joined(separator: ", ") + "\n"
        default: break
        }
        if Glossary.limitationIDs.contains(term) { return limitation(term, rules) }
        // USMCA's rule before UJDTA's, as reports name them.
        let byElement = rules.rules.filter { ($0.kind == .deviation || $0.kind == .sectoral) && $0.element == term }
            .enumerated().sorted { (baselineRank($0.element), $0.offset) < (baselineRank($1.element), $1.offset) }.map(\.element)
        if !byElement.isEmpty { return finding(term, byElement, rules) }
        if let r = rules.rule(id: term) { return rule(r) }
        return nil
    }

    static func limitation(_ id: String, _ rules: RuleSet) -> String {
        let pillars = PillarID.allCases.filter { LimitationID.byPillar[$0]?.contains(id) == true }
        var out = "\(id) — material limitation (" + (pillars.isEmpty ? "any pillar" : pillars.map(\.rawValue).joined(separator: ", ")) + ")\n"
        if let def = Glossary.limitationDefinitions[id] { out += "PILLARS.md: " + def + "\n" }
        out += Glossary.limitation + "\n"
        let found = rules.rules.filter { $0.limitation == id }
        if !found.isEmpty {
            out += "\nWhat the rules report:\n"
            out += lines(found)
        }
        return out
    }

    static func finding(_ id: String, _ found: [Rule], _ rules: RuleSet) -> String {
        let kind = found[0].kind
        let pillars = PillarID.allCases.filter { p in found.contains { $0.pillars.contains(p) } }
        var out = "\(id) — \(kind == .deviation ? "deviation" : "sectoral finding") (" + pillars.map(\.rawValue).joined(separator: ", ") + ")\n"
        out += (kind == .deviation ? Glossary.deviation : Glossary.sectoral) + "\n\n"
        for r in found {
            let cites = r.baselines.map(\.description).joined(separator: ", ")
            out += (cites.isEmpty ? "" : cites + ": ") + r.message + "\n"
            if let f = r.formula { out += "  baseline wording: " + f + "\n" }
        }
        out += "rules: " + found.map(\.id).joined(separator: ", ") + "\n"
        return out
    }

    static func rule(_ r: Rule) -> String {
        var out = "\(r.id) — rule, \(r.kind.rawValue) (" + r.pillars.map(\.rawValue).joined(separator: ", ") + ")\n" + r.message + "\n"
        if let l = r.limitation { out += "limitation: \(l) (dtcheck explain \(l))\n" }
        if let e = r.element { out += "id in reports: \(e) (dtcheck explain \(e))\n" }
        if !r.baselines.isEmpty { out += "measured against: " + r.baselines.map(\.description).joined(separator: ", ") + "\n" }
        if let f = r.formula { out += "baseline wording: " + f + "\n" }
        out += "defined at: \(r.file):\(r.line) (dtcheck rules show \(r.id))\n"
        return out
    }

    /// One line per distinct message: the message, its pillars and rule ids.
    static func lines(_ found: [Rule]) -> String {
        var order: [String] = []
        var byMessage: [String: [Rule]] = [:]
        for r in found {
            if byMessage[r.message] == nil { order.append(r.message) }
            byMessage[r.message, default: []].append(r)
        }
        return order.map { m in
            let rs = byMessage[m] ?? []
            let pillars = PillarID.allCases.filter { p in rs.contains { $0.pillars.contains(p) } }
            return "  - " + m + " (" + (pillars.count == PillarID.allCases.count ? "all pillars" : pillars.map(\.rawValue).joined(separator: ", "))
                + "; " + rs.map(\.id).joined(separator: ", ") + ")\n"
        }.joined()
    }

    static func baselineRank(_ r: Rule) -> Int {
        r.baselines.compactMap { BaselineID.allCases.firstIndex(of: $0.baseline) }.min() ?? BaselineID.allCases.count
    }

    static func ids(_ kind: RuleKind, _ rules: RuleSet) -> [String] {
        var seen = Set<String>()
        return rules.rules.filter { $0.kind == kind }.compactMap(\.element).filter { seen.insert($0).inserted }.sorted()
    }

    /// Every term `explain` knows, grouped, for the error on an unknown one.
    static func known(_ rules: RuleSet) -> [String] {
        [("levels", Level.allCases.reversed().map(\.rawValue)),
         ("words", ["score", "limitation", "deviation", "sectoral"]),
         ("limitations", Glossary.limitationIDs),
         ("deviations", ids(.deviation, rules)),
         ("sectoral", ids(.sectoral, rules)),
         ("rules", rules.rules.map(\.id))]
            .map { "  \($0.0): " + $0.1.joined(separator: ", ") }
    }
}
