import DTModel
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
        /// `measures:` of a baseline file: per pillar, its articles, elements and wording.
        var measures: [Measure] = []
        var measuresLine: Int?
        /// A file's `lang: {es: {terms:, modality:, keywords:}}` sections, by language code.
        var languages: [String: LanguageContent] = [:]
    }

    /// What one file gives another language: its terms, modal wording and keywords.
    struct LanguageContent {
        var terms: [String: String] = [:]
        var modality: (binding: [String], nonBinding: [String], exception: [String], line: Int)?
        var keywords: [String] = []
        var line: Int = 0
    }

    /// One pillar's `measures:` entry: its articles, elements and operative wording.
    struct Measure {
        var pillar: PillarID
        var articles: [String]
        var elements: [String]
        var wording: [(article: String, text: String, addresses: [String], line: Int?)]
        var line: Int?
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
    /// `plainYAML`: the texts are the built-in rules, read by `PlainYAML` where it
    /// can (by Yams where it cannot); a rule folder's files are always read by Yams.
    static func load(directory: String, sources: [RuleSource], plainYAML: Bool = false) throws -> RuleSet {
        let files = sources.map(\.file)
        var contents: [(String, FileContent)] = []
        for source in sources {
            contents.append((source.file, try read(file: source.file, text: source.text, plainYAML: plainYAML)))
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
        let cache = PatternCache()
        func compile(_ list: [String], file: String, line: Int) throws -> [Pattern] {
            try list.map { src in
                do { return try cache.pattern(src, language: "en", terms: terms) } catch let e as PatternError {
                    throw RuleLoadError(file: file, line: line, message: e.message)
                }
            }
        }
        let modality = Modality(binding: try compile(ms.binding, file: ms.file, line: ms.line),
                                nonBinding: try compile(ms.nonBinding, file: ms.file, line: ms.line),
                                exception: try compile(ms.exception, file: ms.file, line: ms.line))
        // Other languages: each one a modality section declares, with its own terms
        // (a pattern's {term} is looked up in its own language only).
        var languageTerms: [String: [String: String]] = [:]
        var languageModality: [String: (binding: [String], nonBinding: [String], exception: [String], line: Int, file: String)] = [:]
        for (file, c) in contents {
            for (code, l) in c.languages.sorted(by: { $0.key < $1.key }) {
                if let m = l.modality {
                    if languageModality[code] != nil { throw RuleLoadError(file: file, line: m.line, message: "a second modality section for lang \(code); keep one") }
                    languageModality[code] = (m.binding, m.nonBinding, m.exception, m.line, file)
                }
                for (k, v) in l.terms {
                    if languageTerms[code]?[k] != nil { throw RuleLoadError(file: file, line: l.line, message: "term '\(k)' is defined twice for lang \(code)") }
                    languageTerms[code, default: [:]][k] = TextNormalizer.foldAccents(v)
                }
            }
        }
        for (file, c) in contents {
            for (code, l) in c.languages.sorted(by: { $0.key < $1.key }) where languageModality[code] == nil {
                throw RuleLoadError(file: file, line: l.line, message: "lang \(code) has no modality section (binding / non-binding wording in lang.\(code).modality); the rules cannot read it")
            }
        }
        for code in languageModality.keys where languageTerms[code] == nil { languageTerms[code] = [:] }

        var rules: [Rule] = []
        var translated: [String: [RuleWording]] = [:]
        var seen: [String: String] = [:]
        // English first, every file: an id defined twice is named before any translation.
        var parsed: [(parser: RuleParser, node: Node, rule: Rule)] = []
        for (file, c) in contents {
            for node in c.rules {
                var parser = RuleParser(file: file, terms: terms, defaults: c.defaults)
                parser.languageTerms = languageTerms
                parser.cache = cache
                let rule = try parser.parse(node)
                if let other = seen[rule.id] {
                    throw RuleLoadError(file: file, line: rule.line, message: "duplicate rule id '\(rule.id)' (also in \(other))")
                }
                seen[rule.id] = "\(file):\(rule.line)"
                rules.append(rule)
                parsed.append((parser, node, rule))
            }
        }
        for (parser, node, rule) in parsed {
            for (code, t) in try parser.translations(of: rule, node: node) { translated[code, default: []].append(t) }
        }
        // Keywords are the cheap prefilter: an article with none of a pillar's keywords is skipped for it.
        var keywords: [PillarID: [[UInt8]]] = [:]
        for (file, c) in contents where !c.keywords.isEmpty {
            guard let pillars = c.defaults.pillars, pillars.count == 1, let p = pillars.first else {
                throw RuleLoadError(file: file, message: "keywords: belong in a file with a single pillar:")
            }
            keywords[p, default: []].append(contentsOf: c.keywords.map { Squeezed.of($0) })
        }
        // Each pillar's baseline articles, USMCA's before UJDTA's, and the elements of all.
        var references: [PillarID: BaselineReference] = [:]
        for baseline in BaselineID.allCases {
            for (file, c) in contents where c.defaults.baseline == baseline {
                for m in c.measures {
                    try validateWording(m, baseline: baseline, file: file, rules: rules)
                    var ref = references[m.pillar] ?? BaselineReference()
                    ref.citations += m.articles.map { BaselineCitation(baseline: baseline, article: $0) }
                    ref.elements += m.elements.filter { !ref.elements.contains($0) }
                    ref.wording += m.wording.map { BaselineWording(baseline: baseline, article: $0.article, text: $0.text, addresses: $0.addresses) }
                    references[m.pillar] = ref
                }
            }
        }
        for (file, c) in contents where !c.measures.isEmpty && c.defaults.baseline == nil {
            throw RuleLoadError(file: file, line: c.measuresLine, message: "measures: belong in a baseline file (with baseline: usmca|ujdta)")
        }
        var set = RuleSet(directory: directory, files: files, rules: rules, modality: modality, scoring: scoring, terms: terms,
                          keywords: keywords, baselineReferences: references)
        // Other languages' patterns are parsed and checked here, and compiled when a
        // text in the language is met (`LanguageRules`).
        for (code, ms) in languageModality.sorted(by: { $0.key < $1.key }) {
            let terms = languageTerms[code] ?? [:]
            func parseFolded(_ list: [String]) throws -> [ParsedPattern] {
                try list.map { src in
                    do { return try cache.parsed(TextNormalizer.foldAccents(src), language: code, terms: terms) } catch let e as PatternError {
                        throw RuleLoadError(file: ms.file, line: ms.line, message: "lang \(code): \(e.message)")
                    }
                }
            }
            let binding = try parseFolded(ms.binding), nonBinding = try parseFolded(ms.nonBinding)
            let exception = try parseFolded(ms.exception)
            var words: [PillarID: [[UInt8]]] = [:]
            for (file, c) in contents {
                guard let l = c.languages[code], !l.keywords.isEmpty else { continue }
                guard let pillars = c.defaults.pillars, pillars.count == 1, let p = pillars.first else {
                    throw RuleLoadError(file: file, line: l.line, message: "keywords: belong in a file with a single pillar:")
                }
                words[p, default: []].append(contentsOf: l.keywords.map { Squeezed.of(TextNormalizer.foldAccents($0.lowercased())) })
            }
            // A pillar with English keywords and none in this language would read every article: say so.
            for p in keywords.keys.sorted() where words[p] == nil {
                throw RuleLoadError(file: ms.file, line: ms.line, message: "lang \(code) gives no keywords for pillar \(p.rawValue) (lang.\(code).keywords in its pillar file)")
            }
            set.translations[code] = LanguageRules(LanguageBlueprint(
                directory: directory, files: files, rules: translated[code] ?? [], binding: binding, nonBinding: nonBinding,
                exception: exception, scoring: scoring, terms: terms, keywords: words, language: code, baselineReferences: references))
        }
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

    static func read(file: String, text: String, plainYAML: Bool = false) throws -> FileContent {
        let root: Node?
        do {
            root = try Node.compose(yaml: text, plain: plainYAML)
        } catch let e as YamlError {
            throw RuleLoadError(file: file, line: yamlLine(e), message: "YAML syntax error: \(yamlProblem(e))")
        }
        guard let root, let map = root.mapping else {
            throw RuleLoadError(file: file, line: 1, message: "a rule file must be a mapping (pillar:, rules:, …)")
        }
        var content = FileContent()
        let known: Set<String> = ["pillar", "pillars", "baseline", "title", "description", "terms", "modality", "scoring", "rules", "keywords", "lang", "measures", "reviewed"]
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
            case "measures":
                content.measuresLine = k.mark?.line
                content.measures = try measures(v, file: file)
            case "lang":
                content.languages = try languageSections(v, file: file)
            case "rules":
                guard let seq = v.sequence else { throw RuleLoadError(file: file, line: v.mark?.line, message: "rules must be a list") }
                content.rules = Array(seq)
            default:
                break
            }
        }
        return content
    }

    /// `measures: {PILLAR: {articles: [...], elements: [...], wording: [{article:, text:, addresses: [...]}]}}`.
    static func measures(_ node: Node, file: String) throws -> [Measure] {
        let r = NodeReader(file: file)
        guard let m = node.mapping else { throw r.fail(node, "measures must be a mapping of pillar: {articles: […], elements: […], wording: […]}") }
        return try m.map { k, v in
            guard let name = k.string, let pillar = PillarID(rawValue: name) else {
                throw r.fail(k, "unknown pillar '\(k.string ?? "")' in measures; use \(PillarID.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let fields = v.mapping else { throw r.fail(v, "measures of \(name) must be {articles: […], elements: […], wording: […]}") }
            for (fk, _) in fields where !["articles", "elements", "wording"].contains(fk.string ?? "") {
                throw r.fail(fk, "unknown key '\(fk.string ?? "")' in measures of \(name); use articles, elements and wording")
            }
            let f = NodeReader.fields(fields)
            var wording: [(article: String, text: String, addresses: [String], line: Int?)] = []
            if let w = f["wording"] {
                guard let items = w.sequence else { throw r.fail(w, "wording of \(name) must be a list of {article:, text:, addresses: […]}") }
                for item in items {
                    guard let im = item.mapping else { throw r.fail(item, "a wording item of \(name) must be {article:, text:, addresses: […]}") }
                    for (ik, _) in im where !["article", "text", "addresses"].contains(ik.string ?? "") {
                        throw r.fail(ik, "unknown key '\(ik.string ?? "")' in wording of \(name); use article, text and addresses")
                    }
                    let fi = NodeReader.fields(im)
                    wording.append((try r.string(fi["article"], key: "article"), try r.string(fi["text"], key: "text"),
                                    try r.strings(fi["addresses"], key: "addresses", required: true), item.mark?.line))
                }
            }
            return Measure(pillar: pillar, articles: try r.strings(f["articles"], key: "articles", required: true),
                           elements: try r.strings(f["elements"], key: "elements", required: false), wording: wording, line: k.mark?.line)
        }
    }

    /// A baseline's wording is what reports propose to negotiators, so it must be the
    /// baseline's own text: a quoted paragraph (no placeholder, no elision) of an
    /// article the pillar is measured against, answering only ids the rules know,
    /// and one paragraph per pillar stating the core commitment.
    static func validateWording(_ m: Measure, baseline: BaselineID, file: String, rules: [Rule]) throws {
        guard !m.wording.isEmpty else { return }
        let elements = Set(rules.filter { $0.kind == .deviation && $0.pillars.contains(m.pillar) }.compactMap(\.element))
        for w in m.wording {
            func fail(_ why: String) -> RuleLoadError { RuleLoadError(file: file, line: w.line, message: "wording \(w.article) of \(m.pillar.rawValue): \(why)") }
            let text = w.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty || text.hasPrefix("(") || text.contains("…") || text.contains("...") {
                throw fail("the text must quote the baseline's paragraph whole (no placeholder, no '…')")
            }
            let root = w.article.split(separator: ".").prefix(2).joined(separator: ".")
            let measured = m.articles.contains { w.article == $0 || w.article.hasPrefix($0 + ".") || root == $0 }
            // A paragraph outside the pillar's articles may answer a deviation that cites
            // its own article (USMCA 17.18 for financial services).
            let cited = rules.contains { r in r.kind == .deviation && r.pillars.contains(m.pillar)
                && r.baselines.contains { $0.baseline == baseline && (w.article == $0.article || w.article.hasPrefix($0.article + ".")) } }
            if !measured && !cited {
                throw fail("article \(w.article) is not among the pillar's articles (\(m.articles.joined(separator: ", "))) nor cited by a deviation rule")
            }
            for id in w.addresses where id != BaselineWording.commitment && !LimitationID.isValid(id, for: m.pillar) && !elements.contains(id) {
                throw fail("addresses '\(id)', which is neither commitment, a limitation id of the pillar nor a deviation element of its rules")
            }
        }
        let commitments = m.wording.filter { $0.addresses.contains(BaselineWording.commitment) }
        if commitments.count != 1 {
            throw RuleLoadError(file: file, line: m.line, message: "wording of \(m.pillar.rawValue) must have exactly one paragraph addressing commitment (it has \(commitments.count))")
        }
    }

    /// `lang: {es: {terms: {…}, modality: {…}, keywords: […]}, fr: {…}}` at the top of a file.
    static func languageSections(_ node: Node, file: String) throws -> [String: LanguageContent] {
        let r = NodeReader(file: file)
        guard let map = node.mapping else { throw r.fail(node, "lang must map a language code (es, fr) to {terms:, modality:, keywords:}") }
        var out: [String: LanguageContent] = [:]
        for (k, v) in map {
            guard let code = k.string, code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLowercase }), code != "en" else {
                throw r.fail(k, "'\(k.string ?? "")' is not a language code: use two lower-case letters (es, fr); English is the rule itself")
            }
            guard let m = v.mapping else { throw r.fail(v, "lang.\(code) must be a mapping {terms:, modality:, keywords:}") }
            var l = LanguageContent(line: k.mark?.line ?? 0)
            for (lk, lv) in m {
                switch lk.string ?? "" {
                case "terms":
                    guard let tm = lv.mapping else { throw r.fail(lv, "lang.\(code).terms must be a mapping of name: pattern") }
                    for (tk, tv) in tm {
                        guard let name = tk.string, let body = r.patternSource(tv) else {
                            throw r.fail(tk, "a term must be name: pattern or name: [alternatives]")
                        }
                        l.terms[name] = body
                    }
                case "modality":
                    guard let mm = lv.mapping else { throw r.fail(lv, "lang.\(code).modality must be a mapping") }
                    let f = NodeReader.fields(mm)
                    l.modality = (try r.strings(f["binding"], key: "binding", required: true),
                                  try r.strings(f["non-binding"], key: "non-binding", required: true),
                                  try r.strings(f["exception"], key: "exception", required: false),
                                  lv.mark?.line ?? 0)
                case "keywords":
                    l.keywords = try r.strings(lv, key: "keywords", required: true)
                default:
                    throw r.fail(lk, "unknown key '\(lk.string ?? "")' in lang.\(code); expected terms, modality, keywords")
                }
            }
            out[code] = l
        }
        return out
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
