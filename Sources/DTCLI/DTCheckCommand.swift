import ArgumentParser

/// The `dtcheck` root command: one file per subcommand in this module.
public struct DTCheckCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dtcheck",
        abstract: "Check trade-agreement texts against the gold-standard digital-trade pillars.",
        discussion: """
        Grades four pillars (data-flows, localization, source-code, customs-duties) against \
        USMCA Chapter 19 and the US–Japan Digital Trade Agreement.
        """,
        version: "0.1.0",
        subcommands: [ParseCommand.self, RulesCommand.self, EvaluateCommand.self]
    )

    public init() {}
}
