import DTRules

/// The package's own rules (`rules/`), loaded once for the whole test run: every
/// target grades with them, and loading them again in each suite or test was a
/// second or so of every `swift test` in a debug build. A `RuleSet` is a value
/// whose compiled patterns are read-only, so tests running at once may share it.
public enum ProjectRuleSet {
    public static let directory = SharedCorpus.packageRoot.appendingPathComponent("rules").path

    /// nil when the rules do not load (a test that needs them fails on `#require`;
    /// `RuleExampleTests.projectRulesLoad` says why).
    public static let loaded: RuleSet? = try? RuleSet.load(directory: directory)

    /// The loaded rules, or the loader's error.
    public static func require() throws -> RuleSet {
        if let loaded { return loaded }
        return try RuleSet.load(directory: directory)
    }
}
