import ArgumentParser
import DTRules
import Foundation

/// `--rules DIR` shared by every command that grades.
struct RulesOption: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("Rules folder to use (default: DTCHECK_RULES, else the rules built into dtcheck). Example: --rules ../my-rules", valueName: "dir"))
    var directory: String?

    /// The folder given, else DTCHECK_RULES, else the built-in rules.
    var location: RulesLocation { RulesLocation.from(option: directory) }

    /// Loads the rules or stops with the rule file's error (exit 2).
    func load() throws -> RuleSet {
        do {
            return try location.load()
        } catch let e as RuleLoadError {
            Terminal.error(e.description)
            throw ExitCode(2)
        }
    }
}
