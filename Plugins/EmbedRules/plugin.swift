import Foundation
import PackagePlugin

/// Builds the default rules into the binary: `rules/**/*.yml` become a generated Swift
/// file in the target this plugin is applied to. The rule files (and the folders, so an
/// added or removed file counts) are the command's inputs, so any edit of a rule file
/// regenerates it on the next build: the built-in rules cannot go stale.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appendingPathComponent("rules")
        let (files, folders) = Self.contents(of: rules)
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuiltinRuleFiles.swift")
        return [.buildCommand(
            displayName: "Embedding \(files.count) rule files from rules/",
            executable: try context.tool(named: "dtcheck-embed-rules").url,
            arguments: [rules.path, output.path],
            inputFiles: files + folders,
            outputFiles: [output])]
    }

    /// Every `.yml`/`.yaml` file below `root`, and every folder (root included).
    static func contents(of root: URL) -> (files: [URL], folders: [URL]) {
        var files: [URL] = [], folders: [URL] = [root]
        let keys: [URLResourceKey] = [.isDirectoryKey]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else { return ([], folders) }
        for case let url as URL in walker {
            if (try? url.resourceValues(forKeys: Set(keys)))?.isDirectory == true {
                folders.append(url)
            } else if url.pathExtension == "yml" || url.pathExtension == "yaml" {
                files.append(url)
            }
        }
        return (files.sorted { $0.path < $1.path }, folders)
    }
}
