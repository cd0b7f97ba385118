/// The default rules, compiled into the binary from `rules/**/*.yml` by the EmbedRules
/// build plugin (Plugins/EmbedRules), so an installed `dtcheck` needs no rules/ folder
/// beside it. Regenerated on every build that follows an edit of a rule file.
public enum BuiltinRules {
    /// Each rule file's path under rules/ and its text, sorted by path.
    public static var files: [(path: String, text: String)] { builtinRuleFiles }
}
