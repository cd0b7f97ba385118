import DTModel
import DTRules
import Foundation

/// One sentence that holds a pillar's core vocabulary (or limits dispute
/// settlement) and that no rule explains.
public struct AuditItem: Codable, Sendable, Equatable {
    /// A pillar id, or `dispute-settlement`.
    public var scope: String
    public var file: String
    public var line: Int
    public var article: String
    public var heading: String?
    public var sentence: String
    /// Scope + normalised sentence: what `rules/reviewed.yml` records.
    public var fingerprint: String
    /// The reviewed entry's reason, when a person has judged the sentence.
    public var reviewed: String?
}

/// What the audit found in one document.
public struct AuditDocument: Codable, Sendable, Equatable {
    public var path: String
    /// `audited`, `not-assessed` (a language the rules do not read) or `error`.
    public var status: String
    public var language: String?
    public var message: String?
    public var items: [AuditItem]

    public init(path: String, status: String, language: String?, message: String?, items: [AuditItem]) {
        self.path = path
        self.status = status
        self.language = language
        self.message = message
        self.items = items
    }
}

/// The blind-spot audit (issue #18): for each pillar, every sentence holding the
/// pillar's core vocabulary (see `AuditVocabulary`) that no rule of the pillar
/// explains — no rule's `when` patterns all match it (a commitment, mention,
/// sectoral, limitation or deviation rule, whether or not its `unless` then sets
/// it aside: an `unless` is an explicit "not the pillar"), and no sectoral rule
/// claims its chapter by heading. Then, in a document with a pillar above
/// `absent`, every sentence that names dispute settlement with a limiting word
/// and that no `dispute-exclusion` rule's `when` matches.
public struct Auditor: Sendable {
    /// The rules as worded in each language they read (`en`, and any `lang:` wording),
    /// each with the vocabulary derived from it: a text is audited in its own language.
    let worded: [String: (rules: RuleSet, vocabulary: AuditVocabulary)]
    public let reviewed: ReviewedFile

    public static let disputeScope = "dispute-settlement"

    /// `rulesByLanguage`: the loaded rules under their language code, plus the same
    /// rules worded in every other language they read.
    public init(rulesByLanguage: [String: RuleSet], reviewed: ReviewedFile) {
        self.worded = rulesByLanguage.mapValues { ($0, AuditVocabulary(rules: $0)) }
        self.reviewed = reviewed
    }

    public init(rules: RuleSet, reviewed: ReviewedFile) {
        self.init(rulesByLanguage: ["en": rules], reviewed: reviewed)
    }

    /// The fingerprint a reviewed entry records: scope and normalised sentence, no line numbers.
    public static func fingerprint(scope: String, sentence: String) -> String {
        let key = "audit\u{1F}" + scope + "\u{1F}" + TextNormalizer.normalize(sentence)
        return Fingerprint.hex(Fingerprint.fnv1a(key, seed: 0xcbf2_9ce4_8422_2325)) + Fingerprint.hex(Fingerprint.fnv1a(key, seed: 0x8422_2325_cbf2_9ce4))
    }

    /// `verdict` is the document's grade: the dispute scope is read only where a pillar is above `absent`.
    public func audit(_ agreement: Agreement, verdict: DocumentVerdict) -> AuditDocument {
        guard verdict.status == .assessed, let language = agreement.language, let (rules, vocabulary) = worded[language] else {
            return AuditDocument(path: agreement.sourcePath, status: "not-assessed", language: agreement.language,
                                 message: "the rules do not read \(agreement.language ?? "an undetected language")", items: [])
        }
        let index = DocumentIndex(agreement, matcher: rules.keywordMatcher)
        var items: [AuditItem] = []
        var seen = Set<String>()
        func add(_ scope: String, _ a: IndexedArticle, _ s: Sentence) {
            let fp = Self.fingerprint(scope: scope, sentence: s.normalized as String)
            guard seen.insert(fp + "|\(s.location.line)").inserted else { return }
            items.append(AuditItem(scope: scope, file: agreement.sourcePath, line: s.location.line, article: a.label,
                                   heading: a.article.heading, sentence: s.original, fingerprint: fp,
                                   reviewed: reviewed.entry(scope: scope, fingerprint: fp)?.reason))
        }
        for pillar in PillarID.allCases {
            let alternatives = vocabulary.pillars[pillar] ?? []
            guard !alternatives.isEmpty else { continue }
            let explaining = RuleKind.allCases.flatMap { rules.rules($0, for: pillar) }.filter { !$0.when.isEmpty }
            // Commitments, mentions and sectoral rules are read only in sentences holding one
            // of the pillar's keywords: a match the prefilter hides explains nothing.
            let bit = RuleSet.bit(pillar)
            let explains: (Rule, Sentence) -> Bool = { rule, s in
                let prefiltered = rule.kind == .commitment || rule.kind == .mention || rule.kind == .sectoral
                return (!prefiltered || s.keywordGroups & bit != 0) && Self.matchesWhen(rule, s)
            }
            let byHeading = rules.rules(.sectoral, for: pillar).filter { $0.when.isEmpty && !$0.headings.isEmpty }
            for a in index.articles where alternatives.contains(where: { a.mayMatch(all: $0) }) {
                if byHeading.contains(where: { $0.headingMatches(a.headings) }) { continue }
                let admits: (TrigramBloom) -> Bool = { bloom in alternatives.contains { conj in conj.allSatisfy { $0.gate.admits(bloom) } } }
                for s in a.sentences(inParagraphsWhere: admits) where Self.holds(alternatives, s) {
                    if explaining.contains(where: { explains($0, s) }) { continue }
                    add(pillar.rawValue, a, s)
                }
            }
        }
        if !vocabulary.dispute.isEmpty, verdict.pillars.contains(where: { $0.level > .absent }) {
            let explaining = PillarID.allCases.flatMap { rules.rules(.disputeExclusion, for: $0) }
            for a in index.articles where a.mayMatch(all: vocabulary.dispute) {
                let admits: (TrigramBloom) -> Bool = { bloom in vocabulary.dispute.allSatisfy { $0.gate.admits(bloom) } }
                for s in a.sentences(inParagraphsWhere: admits) where Self.holds([vocabulary.dispute], s) {
                    if explaining.contains(where: { Self.matchesWhen($0, s) }) { continue }
                    add(Self.disputeScope, a, s)
                }
            }
        }
        return AuditDocument(path: agreement.sourcePath, status: "audited", language: agreement.language, message: nil, items: items)
    }

    static func holds(_ alternatives: [[Pattern]], _ s: Sentence) -> Bool {
        alternatives.contains { conj in conj.allSatisfy { $0.firstMatch(in: s.normalized, bloom: s.bloom) != nil } }
    }

    /// Every `when` pattern matches: the rule read this sentence (its `unless` may still set it aside).
    static func matchesWhen(_ rule: Rule, _ s: Sentence) -> Bool {
        guard rule.mayHold(in: s.bloom) else { return false }
        return rule.when.allSatisfy { $0.firstMatch(in: s.normalized, bloom: s.bloom) != nil }
    }
}

extension IndexedArticle {
    /// False only when some pattern cannot match anywhere in the article.
    func mayMatch(all patterns: [Pattern]) -> Bool {
        patterns.allSatisfy { mayMatch(any: [$0]) }
    }
}
