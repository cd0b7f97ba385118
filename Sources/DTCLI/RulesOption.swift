import ArgumentParser
import DTRules
import Foundation

/// `--rules DIR` shared by every command that grades.
struct RulesOption: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("Rules folder to use (default: DTCHECK_RULES, else the package's rules/). Example: --rules ../my-rules", valueName: "dir"))
    var directory: String?

    /// Loads the rules or stops with the rule file's error (exit 2).
    func load() throws -> RuleSet {
        let dir = directory ?? RuleSet.defaultDirectory()
        do {
            return try RuleSet.load(directory: dir)
        } catch let e as RuleLoadError {
            FileHandle.standardError.write(Data("error: \(e.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}
