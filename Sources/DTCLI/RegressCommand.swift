import ArgumentParser
import DTGrading
import DTReports
import DTRules
import Foundation

/// `dtcheck regress PATH…`: grade the paths and compare every verdict with the
/// committed expectations file, so a rule change shows exactly which documents,
/// pillars and findings it moved.
struct RegressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regress",
        abstract: "Compare verdicts with committed expectations; exit 1 on any difference.",
        discussion: """
        Compares status, per-pillar level, score, deciding rule, limitation ids and findings \
        (by fingerprint) with the expectations file. Paths are kept as given, so run from the \
        repository root with relative paths to keep the file portable.
        Examples:
          dtcheck regress corpus/drafts
          dtcheck regress --rules ./my-rules corpus/drafts
          dtcheck regress --update --expected corpus/expected.json corpus/drafts

        Exit status: 0 identical (or --update); 1 a difference (changed verdict, finding \
        appeared or disappeared, document added or missing); 2 usage error or unreadable expectations.
        """
    )

    @Argument(help: ArgumentHelp("Files or folders (walked recursively), as for check. Example: corpus/drafts", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Expectations file (JSON). Example: --expected corpus/expected.json", valueName: "file"))
    var expected: String = "corpus/expected.json"

    @Flag(help: "Rewrite the expectations file from this run and print what changed; exit 0. Example: --update")
    var update = false

    @Flag(help: "With --update, rewrite the expectations even when none of the paths graded is in them (e.g. after moving the corpus). Example: --update --force")
    var force = false

    @OptionGroup var grading: GradingOptions
    @OptionGroup var selection: SelectionOptions

    func validate() throws {
        if paths.isEmpty && !grading.printConfig { throw ValidationError("Missing expected argument '<path> ...'") }
    }

    func run() throws {
        guard let settings = try Settings.resolveOrPrint(grading, .init(
            format: nil, formatChoices: [], defaultFormat: "text", failUnder: nil, minScore: nil,
            include: selection.include, exclude: selection.exclude)) else { return }

        // With --update the expectations file is the output: checked first, with the same
        // care as --output (only a regular file is replaced, nothing partial is left).
        var output: OutputFile?
        do {
            if update { output = try OutputFile(expected, inputs: [], option: "") }
        } catch let e as CLIError {
            Terminal.error(e.description)
            throw ExitCode(2)
        }
        // Read the expectations first: a broken file should not cost a whole run.
        let old: Expectations?
        do {
            old = try Expectations.load(path: expected)
        } catch let e as CLIError {
            Terminal.error(e.description)
            throw ExitCode(2)
        }
        if old == nil && !update {
            Terminal.error("\(expected): no such file; create it with `dtcheck regress --update --expected \(expected) PATH…`")
            throw ExitCode(2)
        }

        let documents: [DocumentVerdict]
        do {
            let files = selection.collect(paths, settings: settings)
            let pipeline = try Pipeline.make(settings: settings, files: files.count, reading: files)
            documents = pipeline.run(files, progress: Progress.make(total: files.count, quiet: settings.quiet))
        } catch let e as CLIError {
            Terminal.error(e.description)
            throw ExitCode(2)
        }
        let now = Expectations(documents: documents)
        let before = old ?? Expectations(schemaVersion: Expectations.currentVersion, documents: [:])
        // Paths are kept as given: run from another folder, or with other paths, and no
        // path matches, so every document would "differ". Say that instead; --update
        // would replace every expectation, so it needs --force.
        if let old, !old.documents.isEmpty, !now.documents.isEmpty,
           Set(old.documents.keys).isDisjoint(with: now.documents.keys), !(update && force) {
            let example = old.documents.keys.sorted().first ?? ""
            Terminal.error("none of the \(now.documents.count) paths graded is in \(expected) (\(documentCount(old.documents.count)), e.g. \(example)): "
                + "run from the folder it was written in (the repository root) and pass the same paths"
                + (update ? "; to replace every expectation anyway, add --force" : ""))
            throw ExitCode(2)
        }
        let diff = RegressDiff.compare(expected: before, actual: now)
        if !settings.quiet {
            for doc in documents where doc.status == .error { Terminal.stderr("note: \(doc.errorLine)") }
        }

        if update {
            do {
                output?.write(try now.encoded())
                try output?.commit()
            } catch let e as CLIError {
                Terminal.error(e.description)
                throw ExitCode(2)
            } catch {
                Terminal.error("cannot write \(expected): \(error)")
                throw ExitCode(2)
            }
            var text = diff.render()
            let verb = old == nil ? "created" : "updated"
            text += diff.isEmpty ? "\(expected): unchanged (\(documentCount(now.documents.count)))\n"
                : "\(verb) \(expected) (\(documentCount(now.documents.count)))\n"
            print(text, terminator: "")
            return
        }
        if diff.isEmpty {
            print("\(documentCount(now.documents.count)) \(now.documents.count == 1 ? "matches" : "match") \(expected)")
            return
        }
        print(diff.render(), terminator: "")
        let total = Set(before.documents.keys).union(now.documents.keys).count
        print("\(diff.changedDocuments) of \(documentCount(total)) \(diff.changedDocuments == 1 ? "differs" : "differ") from \(expected); run with --update to accept")
        throw ExitCode(1)
    }
}

/// "1 document", "2 documents".
func documentCount(_ n: Int) -> String { "\(n) document\(n == 1 ? "" : "s")" }

/// The committed expectations: what each document's verdict must stay.
/// Encoded with sorted keys and sorted arrays so the file diffs cleanly.
struct Expectations: Codable, Equatable {
    static let currentVersion = "1"

    var schemaVersion: String
    var documents: [String: Document]

    struct Document: Codable, Equatable {
        var status: String
        var pillars: [String: Pillar]
    }

    struct Pillar: Codable, Equatable {
        var level: String
        var score: Int
        var rule: String?
        var limitations: [String]
        var findings: [Finding]
        /// Drafts only: `level score` proposed and weakest, and each open bracket as
        /// `article [parties] → level score`. Absent for a text that is no draft.
        var proposed: String?
        var weakest: String?
        var open: [String]?
        /// Files with tracked changes: `level score` with every change rejected.
        var original: String?
    }

    struct Finding: Codable, Equatable, Comparable {
        var fingerprint: String
        var rule: String
        var id: String
        var kind: String
        var article: String?

        static func < (a: Finding, b: Finding) -> Bool {
            (a.fingerprint, a.rule, a.id, a.kind, a.article ?? "") < (b.fingerprint, b.rule, b.id, b.kind, b.article ?? "")
        }

        /// `rule id (article)` as the diff prints it.
        var label: String { "\(rule) \(id)" + (article.map { " (\($0))" } ?? "") }
    }

    init(schemaVersion: String, documents: [String: Document]) {
        self.schemaVersion = schemaVersion
        self.documents = documents
    }

    init(documents verdicts: [DocumentVerdict]) {
        var docs: [String: Document] = [:]
        for v in verdicts {
            var pillars: [String: Pillar] = [:]
            for p in v.pillars {
                let findings = (p.limitations + p.deviations + p.sectoral).map {
                    Finding(fingerprint: $0.fingerprint, rule: $0.rule, id: $0.id, kind: $0.kind.rawValue,
                            article: $0.evidence?.article)
                }.sorted()
                pillars[p.id.rawValue] = Pillar(level: p.level.rawValue, score: p.score, rule: p.rule,
                                                limitations: Array(Set(p.limitations.map(\.id))).sorted(),
                                                findings: findings,
                                                proposed: p.proposed.map { "\($0.level.rawValue) \($0.score)" },
                                                weakest: p.weakest.map { "\($0.level.rawValue) \($0.score)" },
                                                open: p.open?.map { "\($0.article) [\($0.label ?? $0.parties ?? "unattributed")] → \($0.level.rawValue) \($0.score)" },
                                                original: p.original.map { "\($0.level.rawValue) \($0.score)" })
            }
            docs[v.path] = Document(status: v.status.rawValue, pillars: pillars)
        }
        self.init(schemaVersion: Expectations.currentVersion, documents: docs)
    }

    /// nil when the file does not exist; a usage error when it cannot be read or decoded.
    static func load(path: String) throws -> Expectations? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.usage("\(path): cannot be read")
        }
        let decoded: Expectations
        do {
            decoded = try JSONDecoder().decode(Expectations.self, from: data)
        } catch {
            let why = ConfigFile.describe(error)
            throw CLIError.usage("\(path): not a dtcheck expectations file: \(why.hasPrefix(": ") ? String(why.dropFirst(2)) : why)")
        }
        guard decoded.schemaVersion == currentVersion else {
            throw CLIError.usage("\(path): schemaVersion \(decoded.schemaVersion) is not supported (expected \(currentVersion))")
        }
        return decoded
    }

    /// Two-space indented JSON with sorted keys, in the layout the file has always
    /// had (`JSONLayout.expectations`), written by the reports' writer: the same
    /// bytes on every platform (Foundation's pretty printer differs between them).
    func encoded() throws -> String {
        try JSONOutput.encode(self, layout: .expectations)
    }
}

/// Differences between expectations and a run, grouped by document and pillar.
struct RegressDiff {
    /// Per document, in path order: the lines under its path heading.
    var entries: [(path: String, lines: [String])] = []

    var isEmpty: Bool { entries.isEmpty }
    var changedDocuments: Int { entries.count }

    static func compare(expected: Expectations, actual: Expectations) -> RegressDiff {
        var diff = RegressDiff()
        let paths = Set(expected.documents.keys).union(actual.documents.keys).sorted()
        for path in paths {
            switch (expected.documents[path], actual.documents[path]) {
            case (nil, let now?):
                diff.entries.append((path, ["  + document not in expectations (status \(now.status))"]))
            case (let was?, nil):
                diff.entries.append((path, ["  - document in expectations missing from this run (was \(was.status))"]))
            case (let was?, let now?):
                let lines = compare(was, now)
                if !lines.isEmpty { diff.entries.append((path, lines)) }
            case (nil, nil):
                break
            }
        }
        return diff
    }

    static func compare(_ was: Expectations.Document, _ now: Expectations.Document) -> [String] {
        var lines: [String] = []
        if was.status != now.status { lines.append("  status: \(was.status) → \(now.status)") }
        // Pillars in the order the vocabulary lists them, then any unknown ids.
        let known = PillarID.allCases.map(\.rawValue)
        let ids = Set(was.pillars.keys).union(now.pillars.keys)
        let ordered = known.filter(ids.contains) + ids.subtracting(known).sorted()
        for id in ordered {
            switch (was.pillars[id], now.pillars[id]) {
            case (nil, let p?):
                lines.append("  \(id): + pillar now assessed: \(p.level) (score \(p.score))")
            case (let p?, nil):
                lines.append("  \(id): - pillar no longer assessed (was \(p.level), score \(p.score))")
            case (let a?, let b?):
                lines += compare(pillar: id, a, b)
            case (nil, nil):
                break
            }
        }
        return lines
    }

    static func compare(pillar id: String, _ a: Expectations.Pillar, _ b: Expectations.Pillar) -> [String] {
        guard a != b else { return [] }
        var lines: [String] = []
        let level = a.level == b.level ? a.level : "\(a.level) → \(b.level)"
        let score = a.score == b.score ? "score \(a.score)" : "score \(a.score) → \(b.score)"
        lines.append("  \(id): \(level) (\(score))")
        if a.rule != b.rule { lines.append("    rule: \(a.rule ?? "none") → \(b.rule ?? "none")") }
        if a.proposed != b.proposed { lines.append("    proposed: \(a.proposed ?? "none") → \(b.proposed ?? "none")") }
        if a.original != b.original { lines.append("    original: \(a.original ?? "none") → \(b.original ?? "none")") }
        if a.weakest != b.weakest { lines.append("    weakest: \(a.weakest ?? "none") → \(b.weakest ?? "none")") }
        if a.open != b.open {
            for o in (a.open ?? []) where !(b.open ?? []).contains(o) { lines.append("    - open \(o)") }
            for o in (b.open ?? []) where !(a.open ?? []).contains(o) { lines.append("    + open \(o)") }
        }
        if a.limitations != b.limitations {
            lines.append("    limitations: [\(a.limitations.joined(separator: ", "))] → [\(b.limitations.joined(separator: ", "))]")
        }
        let before = Dictionary(grouping: a.findings, by: \.fingerprint)
        let after = Dictionary(grouping: b.findings, by: \.fingerprint)
        for fp in Set(before.keys).union(after.keys).sorted() {
            let was = before[fp] ?? [], now = after[fp] ?? []
            if was == now { continue }
            if was.count == 1, now.count == 1, let w = was.first, let n = now.first {
                lines.append("    ~ \(w.kind) \(n.label) (was \(w.kind) \(w.label)) [\(fp)]")
                continue
            }
            for f in was where !now.contains(f) { lines.append("    - \(f.kind) \(f.label) [\(fp)]") }
            for f in now where !was.contains(f) { lines.append("    + \(f.kind) \(f.label) [\(fp)]") }
        }
        return lines
    }

    func render() -> String {
        entries.map { ([$0.path] + $0.lines).joined(separator: "\n") + "\n" }.joined()
    }
}
