import Foundation
import PackagePlugin

/// Builds the default rules into the binary: `rules/**/*.yml` become a generated Swift
/// file in the target this plugin is applied to. The rule files (and the folders, so an
/// added or removed file counts) are the command's inputs, so any edit of a rule file
/// regenerates it on the next build: the built-in rules cannot go stale.
///
/// The command is `/bin/sh embed-rules.sh` beside this file, not a Swift executable
/// target: SwiftPM links a plugin's executable in its plugin-tools build and again in
/// the main build, each relinking what the other wrote, so every `swift build` and
/// `swift test` embedded the rules again and recompiled DTBuiltinRules (see the script).
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appendingPathComponent("rules")
        let (files, folders) = Self.contents(of: rules)
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuiltinRuleFiles.swift")
        let script = context.package.directoryURL.appendingPathComponent("Plugins/EmbedRules/embed-rules.sh")
        return [.buildCommand(
            displayName: "Embedding \(files.count) rule files from rules/",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: [script.path, rules.path, output.path] + files.map(\.path),
            inputFiles: [script] + files.map(\.url) + folders,
            outputFiles: [output])]
    }

    /// Every `.yml`/`.yaml` file below `root` (its path under `root`, and its URL), and
    /// every folder (root included).
    static func contents(of root: URL) -> (files: [(path: String, url: URL)], folders: [URL]) {
        var files: [(path: String, url: URL)] = [], folders: [URL] = [root]
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return ([], folders) }
        while let relative = walker.nextObject() as? String {
            let url = root.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                folders.append(url)
            } else if relative.hasSuffix(".yml") || relative.hasSuffix(".yaml") {
                files.append((relative, url))
            }
        }
        return (files.sorted { $0.path < $1.path }, folders)
    }
}
