import ArgumentParser
import Foundation

/// The `dtcheck` root command: one file per subcommand in this module.
public struct DTCheckCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "dtcheck",
        abstract: "Check trade-agreement texts against the gold-standard digital-trade pillars.",
        discussion: """
        Grades four pillars (data-flows, localization, source-code, customs-duties) against \
        USMCA Chapter 19 and the US–Japan Digital Trade Agreement.

        Exit status: 0 all good; 1 a gate failed (--fail-under, --min-score, --fail-on-regression); \
        2 usage error or an input that could not be read.
        Shell completions: dtcheck --generate-completion-script bash|zsh|fish
        """,
        version: DTCheckCommand.version,
        subcommands: [CheckCommand.self, CompareCommand.self, SurveyCommand.self, ParseCommand.self,
                      RulesCommand.self, EvaluateCommand.self, RegressCommand.self, AuditCommand.self, ExplainCommand.self,
                      ServeCommand.self]
    )

    public init() {}

    /// Like ArgumentParser's `main()`, but usage errors exit 2 (not 64) as the docs promise,
    /// and every message starts `error:` as dtcheck's own do (the parser writes `Error:`).
    public static func main() {
        StandardOutput.reserveStandardDescriptors()
        do {
            // A long list of paths is parsed in linear time (see `LongPathList`).
            var command = try LongPathList.parse(Array(CommandLine.arguments.dropFirst()))
            try command.run()
        } catch let code as ExitCode {
            exit(withError: code)
        } catch {
            let code = exitCode(for: error)
            // --help and --version are "errors" that print to stdout and exit 0.
            if code == .success { exit(withError: error) }
            Terminal.stderr(errorStyle(fullMessage(for: error)))
            Foundation.exit(code == .validationFailure || error is CLIError ? 2 : code.rawValue)
        }
    }

    /// `Error: x` → `error: x`; a message without the prefix gets it.
    static func errorStyle(_ message: String) -> String {
        let trimmed = message.hasSuffix("\n") ? String(message.dropLast()) : message
        if trimmed.hasPrefix("Error: ") { return "error: " + trimmed.dropFirst("Error: ".count) }
        return trimmed.hasPrefix("error: ") ? trimmed : "error: " + trimmed
    }
}
