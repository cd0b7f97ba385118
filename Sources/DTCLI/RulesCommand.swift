import ArgumentParser
import DTGrading
import DTRules
import Foundation

/// `dtcheck rules list|show|test`: what the rules are and whether their examples hold.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, show and test the rules.",
        subcommands: [RulesListCommand.self, RulesShowCommand.self, RulesTestCommand.self]
    )
}

struct RulesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "One line per rule: id, pillar, kind, baseline citation.",
        discussion: "Example:\n  dtcheck rules list --rules rules/")

    @OptionGroup var rules: RulesOption

    func run() throws {
        let set = try rules.load()
        // Which rules these are; a comment line, so the rows below stay tab-separated data.
        print("# rules: \(rules.location.summary)")
        for r in set.rules {
            let pillars = r.pillars.count == PillarID.allCases.count ? "all" : r.pillars.map(\.rawValue).joined(separator: ",")
            let cites = r.baselines.map(\.description).joined(separator: ", ")
            print([r.id, pillars, r.kind.rawValue, cites.isEmpty ? "-" : cites].joined(separator: "\t"))
        }
    }
}

struct RulesShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one rule: its message, patterns and examples.",
        discussion: "Example:\n  dtcheck rules show localization.exception")

    @Argument(help: "Rule id, as dtcheck rules list prints it. Example: dtcheck rules show localization.exception") var id: String
    @OptionGroup var rules: RulesOption

    func run() throws {
        let set = try rules.load()
        guard let r = set.rule(id: id) else {
            Terminal.error("no rule '\(id)'; see dtcheck rules list")
            throw ExitCode(2)
        }
        print("id: \(r.id)")
        print("kind: \(r.kind.rawValue)")
        print("pillars: \(r.pillars.map(\.rawValue).joined(separator: ", "))")
        print("scope: \(r.scope.rawValue)")
        if let l = r.limitation { print("limitation: \(l)") }
        if let e = r.element { print("element: \(e)") }
        if !r.baselines.isEmpty { print("baselines: \(r.baselines.map(\.description).joined(separator: ", "))") }
        if let f = r.formula { print("formula: \(f)") }
        print("message: \(r.message)")
        print("defined at: \(r.file):\(r.line)")
        for (name, list) in [("when", r.when), ("unless", r.unless), ("headings", r.headings), ("context", r.context)] where !list.isEmpty {
            print("\(name):")
            for p in list { print("  - \(p.source)") }
        }
        print("examples:")
        for ex in r.examples {
            print("  \(ex.triggers ? "trigger" : "no-trigger")\(ex.level.map { " (level \($0.rawValue))" } ?? ""): \(ex.text)")
        }
    }
}
