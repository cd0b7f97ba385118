import DTGrading
import DTRules
import Foundation

/// Descriptions of a rule for SARIF's `tool.driver.rules`; the CLI builds these from
/// the loaded YAML rules. Rules without metadata (`<pillar>.absent`, …) get a generated description.
public struct RuleMetadata: Sendable, Equatable {
    public var shortDescription: String
    public var fullDescription: String?
    public var helpUri: String?
    /// Every pillar the rule applies to (the SARIF `pillar` property stays the one it fired for).
    public var pillars: [String]
    /// The rule's kind (`commitment`, `limitation`, …).
    public var kind: String?
    /// Where the rule is defined, `file:line` under the rules folder, so a reviewer can open it.
    public var definition: String?

    public init(shortDescription: String, fullDescription: String? = nil, helpUri: String? = nil,
                pillars: [String] = [], kind: String? = nil, definition: String? = nil) {
        self.shortDescription = shortDescription
        self.fullDescription = fullDescription
        self.helpUri = helpUri
        self.pillars = pillars
        self.kind = kind
        self.definition = definition
    }
}

/// `--format sarif`: SARIF 2.1.0, one run.
///
/// Results: one per pillar (its level) and one per finding.
/// Level mapping, chosen so code-scanning UIs flag what a negotiator must act on:
/// - pillar `baseline` → `note`; `binding-qualified` and `soft` → `warning`;
///   `absent` → `note` (nothing in the text to point at; the pillar result says so);
///   `not-assessed` → kind `notApplicable`, level `none`.
/// - finding `limitation` → `warning`; `deviation` and `sectoral` → `note`.
/// Rule ids: the verdict's rule, else `<pillar>.absent` / `<pillar>.not-assessed`.
/// Fingerprints (`partialFingerprints["dtcheck/v1"]`): a finding's own fingerprint; for a
/// pillar result `Fingerprint.of(rule:pillar:quote:)` over its evidence quotes, so
/// moving text to other lines keeps the identity.
public enum SARIFReport {
    /// `lines` reads a line of a graded file, for fixes (`SuggestionFix`); without it no fix is written.
    public static func render(_ report: Report, rules metadata: [String: RuleMetadata] = [:],
                              baseDirectory: String? = nil, lines: SourceLineReader? = nil) throws -> String {
        var pending: [(rule: String, pillar: PillarID, result: SarifResult)] = []
        var notifications: [SarifNotification] = []
        for doc in report.documents {
            let uri = SARIFPaths.uri(doc.path, base: baseDirectory)
            if doc.status == .error {
                let region = doc.error?.line.flatMap { $0 > 0 ? SarifRegion(startLine: $0, startColumn: doc.error?.column.flatMap { $0 > 0 ? $0 : nil }) : nil }
                notifications.append(SarifNotification(
                    level: "error", message: SarifText(text: doc.error?.message ?? "error"),
                    locations: [SarifLocation(physicalLocation: SarifPhysicalLocation(artifactLocation: .init(uri: uri), region: region))]))
                continue
            }
            for p in doc.pillars {
                var result = pillarResult(p, doc: doc, uri: uri, base: baseDirectory)
                result.fixes = fixes(p, addressing: "level", result: result, doc: doc, lines: lines)
                pending.append((pillarRule(p), p.id, result))
                for (kind, list) in [(FindingKind.limitation, p.limitations), (.deviation, p.deviations), (.sectoral, p.sectoral)] {
                    for f in list {
                        var result = findingResult(f, kind: kind, pillar: p, uri: uri, base: baseDirectory)
                        result.fixes = fixes(p, addressing: f.id, result: result, doc: doc, lines: lines)
                        pending.append((f.rule, p.id, result))
                    }
                }
                // A draft's open bracket is a result of its own kind (`open`): not agreed yet.
                for o in p.open ?? [] {
                    pending.append((openBracketRule(p.id), p.id, openBracketResult(o, pillar: p, uri: uri, base: baseDirectory)))
                }
            }
        }
        // Rules sorted by id so ruleIndex does not depend on document order.
        var rulePillar: [String: PillarID] = [:]
        for item in pending where rulePillar[item.rule] == nil { rulePillar[item.rule] = item.pillar }
        let ruleIDs = rulePillar.keys.sorted()
        let index = Dictionary(uniqueKeysWithValues: ruleIDs.enumerated().map { ($1, $0) })
        let rules = ruleIDs.map { id -> SarifRule in
            let pillar = rulePillar[id] ?? .dataFlows
            let meta = metadata[id]
            return SarifRule(id: id,
                             shortDescription: SarifText(text: meta?.shortDescription ?? defaultDescription(id, pillar: pillar)),
                             fullDescription: meta?.fullDescription.map { SarifText(text: $0) },
                             helpUri: meta?.helpUri,
                             properties: SarifRuleProperties(pillar: pillar.rawValue,
                                                             pillars: meta.flatMap { $0.pillars.isEmpty ? nil : $0.pillars },
                                                             kind: meta?.kind, definition: meta?.definition))
        }
        let results = pending.map { item -> SarifResult in
            var r = item.result
            r.ruleIndex = index[item.rule] ?? 0
            return r
        }
        let run = SarifRun(
            tool: SarifTool(driver: SarifDriver(name: report.tool.name, version: report.tool.version, informationUri: nil, rules: rules)),
            invocations: [SarifInvocation(executionSuccessful: notifications.isEmpty, toolExecutionNotifications: notifications)],
            results: results)
        return try JSONOutput.encode(SarifLog(runs: [run]))
    }

    /// The pillar's suggestions for `id` as fixes on the result's own file.
    static func fixes(_ p: PillarVerdict, addressing id: String, result: SarifResult, doc: DocumentVerdict,
                      lines: SourceLineReader?) -> [SarifFix]? {
        guard let suggestions = p.suggestions, let uri = result.locations.first?.physicalLocation.artifactLocation.uri else { return nil }
        return SuggestionFix.fixes(suggestions, addressing: id, uri: uri, doc: doc, lines: lines)
    }

    static func pillarRule(_ p: PillarVerdict) -> String {
        if let r = p.rule { return r }
        return p.level == .notAssessed ? "\(p.id.rawValue).not-assessed" : "\(p.id.rawValue).absent"
    }

    static func openBracketRule(_ pillar: PillarID) -> String { "\(pillar.rawValue).open-bracket" }

    static func openBracketResult(_ o: OpenBracket, pillar p: PillarVerdict, uri: String, base: String?) -> SarifResult {
        let rule = openBracketRule(p.id)
        let text = "open bracket on \(p.id.shortName): " + DraftLines.open(o) + " (agreed \(p.level.rawValue) \(p.score))"
        let fileURI = o.file.isEmpty ? uri : SARIFPaths.uri(o.file, base: base)
        let region = o.line > 0 ? SarifRegion(startLine: o.line, startColumn: nil) : nil
        return SarifResult(
            ruleId: rule, ruleIndex: 0, kind: "open", level: o.level == p.level ? "note" : "warning",
            message: SarifText(text: text),
            locations: [SarifLocation(physicalLocation: SarifPhysicalLocation(artifactLocation: .init(uri: fileURI), region: region))],
            partialFingerprints: ["dtcheck/v1": Fingerprint.of(rule: rule, pillar: p.id, quote: o.quote)],
            properties: SarifResultProperties(pillar: p.id.rawValue, level: o.level.rawValue, score: o.score,
                                              finding: o.parties, findingKind: "open-bracket", baselines: nil))
    }

    static func defaultDescription(_ rule: String, pillar: PillarID) -> String {
        if rule.hasSuffix(".open-bracket") { return "Negotiation bracket bearing on \(pillar.shortName), not agreed" }
        if rule.hasSuffix(".absent") { return "No provision on \(pillar.shortName)" }
        if rule.hasSuffix(".not-assessed") { return "Text not assessed for \(pillar.shortName)" }
        return "\(pillar.title): \(rule)"
    }

    static func pillarLevel(_ l: Level) -> String {
        switch l {
        case .baseline, .absent: return "note"
        case .bindingQualified, .soft: return "warning"
        case .notAssessed: return "none"
        }
    }

    static func location(_ e: Evidence?, uri: String, base: String?) -> SarifLocation {
        guard let e else {
            return SarifLocation(physicalLocation: SarifPhysicalLocation(artifactLocation: .init(uri: uri), region: nil))
        }
        let region = e.location.line > 0
            ? SarifRegion(startLine: e.location.line, startColumn: e.location.column.flatMap { $0 > 0 ? $0 : nil }) : nil
        let fileURI = e.file.isEmpty ? uri : SARIFPaths.uri(e.file, base: base)
        return SarifLocation(physicalLocation: SarifPhysicalLocation(artifactLocation: .init(uri: fileURI), region: region))
    }

    static func pillarResult(_ p: PillarVerdict, doc: DocumentVerdict, uri: String, base: String?) -> SarifResult {
        let rule = pillarRule(p)
        var text = "\(p.id.title): \(p.level.rawValue) (score \(p.score))"
        if !p.evidence.isEmpty { text += " — " + p.evidence.map(\.article).joined(separator: "; ") }
        if !p.summary.isEmpty { text += ". " + p.summary }
        let quote = p.evidence.map(\.quote).joined(separator: "\n")
        return SarifResult(
            ruleId: rule, ruleIndex: 0, kind: p.level == .notAssessed ? "notApplicable" : nil,
            level: pillarLevel(p.level), message: SarifText(text: text),
            locations: [location(p.evidence.first, uri: uri, base: base)],
            partialFingerprints: ["dtcheck/v1": Fingerprint.of(rule: rule, pillar: p.id, quote: quote)],
            properties: SarifResultProperties(pillar: p.id.rawValue, level: p.level.rawValue, score: p.score,
                                              finding: nil, findingKind: nil, baselines: nil))
    }

    static func findingResult(_ f: Finding, kind: FindingKind, pillar p: PillarVerdict, uri: String, base: String?) -> SarifResult {
        var text = "\(kind.rawValue) \(f.id): \(f.message)"
        if !f.baselines.isEmpty { text += " (vs \(f.citationText))" }
        let fingerprint = f.fingerprint.isEmpty ? Fingerprint.of(rule: f.rule, pillar: p.id, quote: f.evidence?.quote ?? f.id) : f.fingerprint
        return SarifResult(
            ruleId: f.rule, ruleIndex: 0, kind: nil, level: kind == .limitation ? "warning" : "note",
            message: SarifText(text: text), locations: [location(f.evidence, uri: uri, base: base)],
            partialFingerprints: ["dtcheck/v1": fingerprint],
            properties: SarifResultProperties(pillar: p.id.rawValue, level: p.level.rawValue, score: p.score,
                                              finding: f.id, findingKind: kind.rawValue,
                                              baselines: f.baselines.map(\.description)))
    }
}

/// SARIF wants URIs; paths become relative to the base directory when under it, percent-encoded.
enum SARIFPaths {
    static func uri(_ path: String, base: String?) -> String {
        var p = path
        if let base, !base.isEmpty {
            let prefix = base.hasSuffix("/") ? base : base + "/"
            if p.hasPrefix(prefix) { p = String(p.dropFirst(prefix.count)) }
        }
        if p.hasPrefix("./") { p = String(p.dropFirst(2)) }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":;")
        let encoded = p.addingPercentEncoding(withAllowedCharacters: allowed) ?? p
        return p.hasPrefix("/") ? "file://" + encoded : encoded
    }
}
