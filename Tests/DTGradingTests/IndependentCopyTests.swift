@testable import DTRules
import DTTestSupport
import Foundation
import Testing

/// `RuleSet.independentCopy` is written field by field. These tests walk a copy
/// beside its original with `Mirror`, so that a stored property added to a rule
/// type and forgotten there fails here: every property of every rule type must
/// be listed below (as copied, or as shared on purpose), every value must be
/// equal in the copy, and no object or buffer may be shared outside the listed
/// exceptions.
@Suite struct IndependentCopyTests {
    /// The stored properties of each rule type the copy goes through, as `Mirror`
    /// names them. A type or property missing here fails the walk: add it to
    /// `independentCopy` (or to `sharedOnPurpose`), then here.
    static let covered: [String: Set<String>] = [
        "RuleSet": ["directory", "files", "rules", "modality", "scoring", "terms", "keywords", "keywordMatcher", "baselineReferences",
                    "byKindAndPillar", "language", "translations", "sources"],
        "Rule": ["id", "kind", "pillars", "message", "scope", "when", "unless", "headings", "context", "limitation", "element",
                 "baselines", "formula", "examples", "file", "line", "language"],
        "Modality": ["binding", "nonBinding", "exception"],
        "Scoring": ["top", "limitationPenalty", "deviationPenalty"],
        "Pattern": ["source", "tree", "program", "gate"],
        "PhraseProgram": ["ops", "first", "second"],
        "FirstSet": ["low", "high", "other", "classes", "any", "nullable"],
        "SecondSet": ["masks", "open"],
        "LiteralGate": ["program"],
        "KeywordMatcher": ["base", "output", "outputFlag", "alwaysOn", "classOf", "classShift", "maxKeywordLength", "depth"],
        "BaselineCitation": ["baseline", "article"],
        "BaselineReference": ["citations", "elements", "wording"],
        "BaselineWording": ["baseline", "article", "text", "addresses"],
        "KindAndPillar": ["kind", "pillar"],
        "RuleSource": ["file", "text"],
        "RuleExample": ["text", "triggers", "level", "heading", "chapter", "line"],
    ]

    /// Properties the copy shares with the original, and why that is safe: only
    /// grading must share nothing, and it never reads these (they name, describe
    /// or rebuild the rules), or reads them only to build what is copied.
    static let sharedOnPurpose: Set<String> = [
        "RuleSet.directory", "RuleSet.files", "RuleSet.sources", "RuleSet.terms", "RuleSet.keywords", "RuleSet.baselineReferences",
        "RuleSet.language", "Rule.examples", "Rule.file", "Rule.language",
        // The syntax tree is read only to compile; the program and gate that grading reads are copied.
        "Pattern.tree",
    ]

    /// Addresses of memory an object allocates and owns (its entries point into
    /// it): a copy's must differ from the original's, which shows the memory is
    /// not shared; what it holds is built from the copied fields.
    static let ownedAddresses: Set<String> = ["KeywordMatcher.base"]

    /// The walk's findings.
    struct Audit {
        var problems: [String] = []
        var unknownTypes: Set<String> = []
        var seen: Set<ObjectIdentifier> = []
        /// Properties missing from `covered`, each said once.
        var newFields: Set<String> = []
        var compared = 0

        mutating func walk(_ a: Any, _ b: Any, path: String, mayShare: Bool) {
            compared += 1
            guard problems.count < 200 else { return }
            // Another language's rules are compiled when first asked for
            // (`LanguageRules`): the copy's holder copies the set the original's
            // compiles, so the two sets are what must be walked.
            if let la = a as? LanguageRules, let lb = b as? LanguageRules {
                if !mayShare, la === lb { problems.append("\(path): object shared") }
                return walk(la.rules, lb.rules, path: "\(path).rules", mayShare: mayShare)
            }
            if let s = a as? String {
                guard let t = b as? String, s == t else { return problems.append("\(path): \(a) became \(b)") }
                if !mayShare, s.utf8.count > 15, Self.address(of: s) == Self.address(of: t) { problems.append("\(path): string shared") }
                return
            }
            let ma = Mirror(reflecting: a), mb = Mirror(reflecting: b)
            guard type(of: a) == type(of: b) else { return problems.append("\(path): \(type(of: a)) became \(type(of: b))") }
            switch ma.displayStyle {
            case .class:
                let (x, y) = (a as AnyObject, b as AnyObject)
                if !mayShare, x === y { problems.append("\(path): object shared") }
                // An object met again (a pattern several rules hold) was walked the first time.
                guard seen.insert(ObjectIdentifier(x)).inserted else { return }
                fields(ma, mb, of: a, path: path, mayShare: mayShare)
            case .struct:
                fields(ma, mb, of: a, path: path, mayShare: mayShare)
            case .collection:
                let (ea, eb) = (Array(ma.children.map(\.value)), Array(mb.children.map(\.value)))
                guard ea.count == eb.count else { return problems.append("\(path): \(ea.count) items became \(eb.count)") }
                guard let first = ea.first else { return }
                if !mayShare, let x = a as? any ContiguousStorage, let y = b as? any ContiguousStorage, x.storageAddress == y.storageAddress {
                    problems.append("\(path): array buffer shared")
                }
                // Items with nothing inside (numbers, plain enum cases) are compared as written.
                if Self.isPlain(first) {
                    if "\(a)" != "\(b)" { problems.append("\(path): items changed") }
                    return
                }
                for (i, (x, y)) in zip(ea, eb).enumerated() { walk(x, y, path: "\(path)[\(i)]", mayShare: mayShare) }
            case .dictionary, .set:
                if !mayShare, ma.children.count > 0, let x = a as? any HashedStorage, let y = b as? any HashedStorage,
                   x.storageAddress == y.storageAddress {
                    problems.append("\(path): table shared")
                }
                // In their own order: a copy's table may list the same items in another.
                let ka = Dictionary(ma.children.map { ("\(Self.key(of: $0.value))", $0.value) }, uniquingKeysWith: { x, _ in x })
                let kb = Dictionary(mb.children.map { ("\(Self.key(of: $0.value))", $0.value) }, uniquingKeysWith: { x, _ in x })
                guard Set(ka.keys) == Set(kb.keys) else { return problems.append("\(path): keys changed") }
                for key in ka.keys.sorted() { if let x = ka[key], let y = kb[key] { walk(x, y, path: "\(path)[\(key)]", mayShare: mayShare) } }
            case .optional, .enum, .tuple:
                let (ca, cb) = (Array(ma.children), Array(mb.children))
                guard ca.count == cb.count else { return problems.append("\(path): \(a) became \(b)") }
                if ca.isEmpty, "\(a)" != "\(b)" { return problems.append("\(path): \(a) became \(b)") }
                for (x, y) in zip(ca, cb) { walk(x.value, y.value, path: "\(path).\(x.label ?? "?")", mayShare: mayShare) }
            default:
                if "\(a)" != "\(b)" { problems.append("\(path): \(a) became \(b)") }
            }
        }

        /// A struct's or class's stored properties, each checked against `covered`.
        private mutating func fields(_ ma: Mirror, _ mb: Mirror, of a: Any, path: String, mayShare: Bool) {
            let name = String(describing: type(of: a))
            let isRuleType = String(reflecting: type(of: a)).hasPrefix("DTRules.")
            if isRuleType {
                if let known = IndependentCopyTests.covered[name] {
                    for c in ma.children where !known.contains(c.label ?? "") && newFields.insert("\(name).\(c.label ?? "?")").inserted {
                        problems.append("\(name).\(c.label ?? "?") is new: copy it in independentCopy (or share it on purpose) and list it in IndependentCopyTests")
                    }
                } else {
                    unknownTypes.insert(name)
                }
            }
            for (x, y) in zip(ma.children, mb.children) {
                let field = "\(name).\(x.label ?? "?")"
                if IndependentCopyTests.ownedAddresses.contains(field) {
                    if !mayShare, let u = x.value as? UInt, let v = y.value as? UInt, u == v { problems.append("\(path).\(x.label ?? "?"): memory shared") }
                    continue
                }
                walk(x.value, y.value, path: "\(path).\(x.label ?? "?")", mayShare: mayShare || IndependentCopyTests.sharedOnPurpose.contains(field))
            }
        }

        /// Whether `value` holds no object, string or buffer (a number, an enum case
        /// with such payloads): then it is compared as written.
        static func isPlain(_ value: Any) -> Bool {
            let m = Mirror(reflecting: value)
            guard !(value is String) else { return false }
            switch m.displayStyle {
            case .class, .collection, .dictionary, .set: return false
            default: return m.children.allSatisfy { isPlain($0.value) }
            }
        }

        /// A dictionary item's key (a set's item is its own key).
        static func key(of item: Any) -> Any {
            let m = Mirror(reflecting: item)
            return m.displayStyle == .tuple ? (m.children.first?.value ?? item) : item
        }

        static func address(of s: String) -> UnsafeRawPointer? {
            var s = s
            return s.withUTF8 { UnsafeRawPointer($0.baseAddress) }
        }

    }

    /// The project's rules and their copy: every property covered, every value
    /// kept, nothing grading reads shared.
    @Test func copyCoversEveryPropertyAndSharesNothingGradingReads() throws {
        let rules = try ProjectRuleSet.require()
        #expect(!rules.translations.isEmpty && !rules.baselineReferences.isEmpty && !rules.sources.isEmpty,
                "the walk needs a set whose every field is filled")
        var audit = Audit()
        audit.walk(rules, rules.independentCopy(), path: "RuleSet", mayShare: false)
        #expect(audit.problems.isEmpty, "\(audit.problems.joined(separator: "\n"))")
        #expect(audit.unknownTypes.isEmpty, "rule types the copy goes through that IndependentCopyTests does not list: \(audit.unknownTypes.sorted())")
        #expect(audit.compared > 10_000, "the walk compared only \(audit.compared) values")
    }

    /// The walk sees what it is for: a set whose copy lost a field, or shares a
    /// buffer, is reported (here the rule set itself, passed as its own copy, and
    /// a copy made without its baseline references as the copy once was).
    @Test func theWalkFindsWhatACopyForgets() throws {
        let rules = try ProjectRuleSet.require()
        var shared = Audit()
        shared.walk(rules, rules, path: "RuleSet", mayShare: false)
        #expect(shared.problems.contains { $0.hasSuffix("object shared") })
        #expect(shared.problems.contains { $0.hasSuffix("array buffer shared") })

        // Without its rules, which the other test walks: this one is about the set's own fields.
        let forgetful = RuleSet(directory: rules.directory, files: rules.files, rules: [],
                                modality: rules.modality.independentCopy(), scoring: rules.scoring, terms: rules.terms,
                                keywords: rules.keywords, language: rules.language)
        var lost = Audit()
        lost.walk(rules, forgetful, path: "RuleSet", mayShare: false)
        #expect(lost.problems.contains { $0.contains("RuleSet.baselineReferences") }, "\(lost.problems)")
        #expect(lost.problems.contains { $0.contains("RuleSet.translations") }, "\(lost.problems)")
    }
}

/// An array's buffer, to tell a copy from a shared one.
protocol ContiguousStorage {
    var storageAddress: UnsafeRawPointer? { get }
}

extension Array: ContiguousStorage {
    var storageAddress: UnsafeRawPointer? { withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
}

/// A native dictionary's or set's table: the value is one reference to it.
protocol HashedStorage {
    var storageAddress: Int { get }
}

extension Dictionary: HashedStorage {
    var storageAddress: Int { unsafeBitCast(self, to: Int.self) }
}

extension Set: HashedStorage {
    var storageAddress: Int { unsafeBitCast(self, to: Int.self) }
}
