@testable import DTCLI
import DTTestSupport
import Foundation
import Testing

/// Issue 14.3: install = copy one file. The default rules are built into the binary,
/// so a copy runs from any folder with no rules/ around, and says which rules it uses.
@Suite(.serialized) struct InstallTests {
    static let draft = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts/limitation-localization-exception.md").path
    static let rulesFolder = SharedCorpus.packageRoot.appendingPathComponent("rules").path

    /// The binary copied into a fresh folder, and another fresh folder to run it from.
    static func installed() throws -> (binary: URL, cwd: URL, cleanup: () -> Void)? {
        guard let built = Dtcheck.binary else {
            Issue.record("dtcheck binary not found")
            return nil
        }
        let bin = Dtcheck.tempDirectory(), cwd = Dtcheck.tempDirectory()
        let copy = bin.appendingPathComponent("dtcheck")
        try FileManager.default.copyItem(at: built, to: copy)
        return (copy, cwd, {
            try? FileManager.default.removeItem(at: bin)
            try? FileManager.default.removeItem(at: cwd)
        })
    }

    /// No DTCHECK_RULES (empty counts as unset), so only the built-in rules can be found.
    static let noRulesEnv = ["DTCHECK_RULES": ""]

    @Test func aCopiedBinaryGradesFromAnotherFolder() throws {
        guard let (binary, cwd, cleanup) = try Self.installed() else { return }
        defer { cleanup() }
        try FileManager.default.copyItem(atPath: Self.draft, toPath: cwd.appendingPathComponent("draft.md").path)
        guard let r = Dtcheck.run(executable: binary, ["check", "--pillar", "localization", "draft.md"], cwd: cwd,
                                  environment: Self.noRulesEnv) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("localization    binding-qualified"), "stdout: \(r.stdout)")
        guard let t = Dtcheck.run(executable: binary, ["rules", "test"], cwd: cwd, environment: Self.noRulesEnv) else { return }
        #expect(t.status == 0, "stderr: \(t.stderr)")
    }

    /// The built-in rules are the repository's rules/ as they are now (same content hash),
    /// and `--print-config` and `rules list` say which rules are in use.
    @Test func theBuiltInRulesAreNamedWithTheirHashAndAreCurrent() throws {
        guard let (binary, cwd, cleanup) = try Self.installed() else { return }
        defer { cleanup() }
        guard let builtIn = Dtcheck.run(executable: binary, ["check", "--print-config"], cwd: cwd, environment: Self.noRulesEnv),
              let folder = Dtcheck.run(executable: binary, ["check", "--print-config", "--rules", Self.rulesFolder], cwd: cwd),
              let list = Dtcheck.run(executable: binary, ["rules", "list"], cwd: cwd, environment: Self.noRulesEnv)
        else { return }
        #expect(builtIn.stdout.contains("\nrules: built-in\n"), "stdout: \(builtIn.stdout)")
        #expect(folder.stdout.contains("\nrules: \(Self.rulesFolder)\n"))
        func hash(_ s: String) -> String? {
            s.split(separator: "\n").first { $0.hasPrefix("rules-sha256: ") }.map { String($0.dropFirst("rules-sha256: ".count)) }
        }
        let h = try #require(hash(builtIn.stdout))
        #expect(h.count == 64)
        #expect(hash(folder.stdout) == h, "the binary's rules differ from rules/: rebuild")
        let heading = list.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(heading.hasPrefix("# rules: built-in, "), "heading: \(heading)")
        #expect(heading.hasSuffix("sha256 \(h)"))

        guard let env = Dtcheck.run(executable: binary, ["rules", "list"], cwd: cwd, environment: ["DTCHECK_RULES": Self.rulesFolder])
        else { return }
        #expect(env.stdout.hasPrefix("# rules: \(Self.rulesFolder), "))
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // 56 bytes: the padding spills into a second block.
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
