import Foundation
import Yams

/// Reads `rules/**/*.yml` into a `RuleSet`, checking everything a rule author can
/// get wrong and naming the file and line: YAML syntax, unknown keys, unknown
/// pillar or limitation ids, patterns that do not compile, duplicate ids,
/// missing examples.
enum RuleLoader {
    /// What one YAML file contributed.
    struct FileContent {
        var terms: [String: String] = [:]
        var modality: (binding: [String], nonBinding: [String], exception: [String], line: Int)?
        var scoring: Scoring?
        var rules: [Node] = []
        var keywords: [String] = []
        var defaults: Defaults = Defaults()
    }

    struct Defaults {
        var pillars: [PillarID]?
        var baseline: BaselineID?
    }

    static func load(directory: String) throws -> RuleSet {
        let files = try yamlFiles(in: directory)
        guard !files.isEmpty else { throw RuleLoadError(file: directory, message: "no .yml rule files found") }
        var sources: [RuleSource] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw RuleLoadError(file: file, message: "cannot be read")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw RuleLoadError(file: file, message: "is not UTF-8")
            }
            sources.append(RuleSource(file: file, text: text))
        }
        return try load(directory: directory, sources: sources)
    }

    /// Compiles rule files already read (`RuleSet.compiledAgain()` reuses the texts).
    static func load(directory: String, sources: [RuleSource]) throws -> RuleSet {
        let files = sources.map(\.file)
        var contents: [(String, FileContent)] = []
        for source in sources {
            contents.append((source.file, try read(file: source.file, text: source.text)))
        }
        // Terms first: patterns in any file may use any term.
        var terms: [String: String] = [:]
        var modalitySource: (binding: [String], nonBinding: [String], exception: [String], line: Int, file: String)?
        var scoring = Scoring.standard
        for (file, c) in contents {
            for (k, v) in c.terms {
                if terms[k] != nil { throw RuleLoadError(file: file, message: "term '\(k)' is defined twice") }
                terms[k] = v
            }
            if let m = c.modality {
                if modalitySource != nil { throw RuleLoadError(file: file, line: m.line, message: "a second modality section; keep one") }
                modalitySource = (m.binding, m.nonBinding, m.exception, m.line, file)
            }
            if let s = c.scoring { scoring = s }
        }
        guard let ms = modalitySource else {
            throw RuleLoadError(file: directory, message: "no modality section (binding / non-binding wording) in any rule file")
        }
        func compile(_ list: [String], file: String, line: Int) throws -> [Pattern] {
            try list.map { src in
                do { return try Pattern(src, terms: terms) } catch let e as PatternError {
                    throw RuleLoadError(file: file, line: line, message: e.message)
                }
            }
        }
        let modality = Modality(binding: try compile(ms.binding, file: ms.file, line: ms.line),
                                nonBinding: try compile(ms.nonBinding, file: ms.file, line: ms.line),
                                exception: try compile(ms.exception, file: ms.file, line: ms.line))
        var rules: [Rule] = []
        var seen: [String: String] = [:]
        for (file, c) in contents {
            for node in c.rules {
                let rule = try RuleParser(file: file, terms: terms, defaults: c.defaults).parse(node)
                if let other = seen[rule.id] {
                    throw RuleLoadError(file: file, line: rule.line, message: "duplicate rule id '\(rule.id)' (also in \(other))")
                }
                seen[rule.id] = "\(file):\(rule.line)"
                rules.append(rule)
            }
        }
        // Keywords are the cheap prefilter: an article with none of a pillar's keywords is skipped for it.
        var keywords: [PillarID: [[UInt8]]] = [:]
        for (file, c) in contents where !c.keywords.isEmpty {
            guard let pillars = c.defaults.pillars, pillars.count == 1, let p = pillars.first else {
                throw RuleLoadError(file: file, message: "keywords: belong in a file with a single pillar:")
            }
            keywords[p, default: []].append(contentsOf: c.keywords.map { Squeezed.of($0) })
        }
        var set = RuleSet(directory: directory, files: files, rules: rules, modality: modality, scoring: scoring, terms: terms,
                          keywords: keywords)
        set.sources = sources
        return set
    }

    static func yamlFiles(in directory: String) throws -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw RuleLoadError(file: directory, message: "rules folder not found")
        }
        guard let e = FileManager.default.enumerator(atPath: directory) else {
            throw RuleLoadError(file: directory, message: "rules folder cannot be read")
        }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            if rel.hasSuffix(".yml") || rel.hasSuffix(".yaml") { out.append(directory + "/" + rel) }
        }
        return out.sorted()
    }

    static func read(file: String, text: String) throws -> FileContent {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            throw RuleLoadError(file: file, line: yamlLine(e), message: "YAML syntax error: \(yamlProblem(e))")
        }
        guard let root, let map = root.mapping else {
            throw RuleLoadError(file: file, line: 1, message: "a rule file must be a mapping (pillar:, rules:, …)")
        }
        var content = FileContent()
        let known: Set<String> = ["pillar", "pillars", "baseline", "title", "description", "terms", "modality", "scoring", "rules", "keywords", "reviewed"]
        for (k, v) in map {
            let key = k.string ?? ""
            guard known.contains(key) else {
                throw RuleLoadError(file: file, line: k.mark?.line, message: "unknown key '\(key)'; expected one of \(known.sorted().joined(separator: ", "))")
            }
            switch key {
            case "pillar", "pillars":
                content.defaults.pillars = try NodeReader(file: file).pillars(v)
            case "baseline":
                guard let s = v.string, let b = BaselineID(rawValue: s) else {
                    throw RuleLoadError(file: file, line: v.mark?.line, message: "unknown baseline '\(v.string ?? "")'; use usmca or ujdta")
                }
                content.defaults.baseline = b
            case "terms":
                guard let m = v.mapping else { throw RuleLoadError(file: file, line: v.mark?.line, message: "terms must be a mapping of name: pattern") }
                for (tk, tv) in m {
                    guard let name = tk.string, let body = NodeReader(file: file).patternSource(tv) else {
                        throw RuleLoadError(file: file, line: tk.mark?.line, message: "a term must be name: pattern or name: [alternatives]")
                    }
                    content.terms[name] = body
                }
            case "modality":
                let r = NodeReader(file: file)
                guard let m = v.mapping else { throw RuleLoadError(file: file, line: v.mark?.line, message: "modality must be a mapping") }
                content.modality = (try r.strings(m["binding"], key: "binding", required: true),
                                    try r.strings(m["non-binding"], key: "non-binding", required: true),
                                    try r.strings(m["exception"], key: "exception", required: false),
                                    v.mark?.line ?? 0)
            case "scoring":
                content.scoring = try NodeReader(file: file).scoring(v)
            case "keywords":
                content.keywords = try NodeReader(file: file).strings(v, key: "keywords", required: true)
            case "rules":
                guard let seq = v.sequence else { throw RuleLoadError(file: file, line: v.mark?.line, message: "rules must be a list") }
                content.rules = Array(seq)
            default:
                break
            }
        }
        return content
    }

    static func yamlLine(_ e: YamlError) -> Int? {
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    static func yamlProblem(_ e: YamlError) -> String {
        switch e {
        case .scanner(_, let p, _, _), .parser(_, let p, _, _), .composer(_, let p, _, _): return p
        default: return "\(e)"
        }
    }
}
