/// The slice of SARIF 2.1.0 dtcheck writes. Encodable structs with optional fields
/// omitted, so the JSON encoder's sorted keys give deterministic bytes.
struct SarifLog: Encodable {
    var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    var version = "2.1.0"
    var runs: [SarifRun]

    enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
}

struct SarifRun: Encodable {
    var tool: SarifTool
    var invocations: [SarifInvocation]
    var results: [SarifResult]
}

struct SarifTool: Encodable { var driver: SarifDriver }

struct SarifDriver: Encodable {
    var name: String
    var version: String
    var informationUri: String?
    var rules: [SarifRule]
}

struct SarifText: Encodable { var text: String }

struct SarifRule: Encodable {
    var id: String
    var shortDescription: SarifText
    var fullDescription: SarifText?
    var helpUri: String?
    var properties: SarifRuleProperties
}

/// A rule's property bag; the optional fields come from the YAML rule when there is one.
struct SarifRuleProperties: Encodable {
    var pillar: String
    var pillars: [String]?
    var kind: String?
    var definition: String?
}

struct SarifInvocation: Encodable {
    var executionSuccessful: Bool
    var toolExecutionNotifications: [SarifNotification]
}

struct SarifNotification: Encodable {
    var level: String
    var message: SarifText
    var locations: [SarifLocation]
}

struct SarifResult: Encodable {
    var ruleId: String
    var ruleIndex: Int
    var kind: String?
    var level: String
    var message: SarifText
    var locations: [SarifLocation]
    var partialFingerprints: [String: String]
    var properties: SarifResultProperties
    /// The suggested change, where it applies to one region (`SuggestionFix`).
    var fixes: [SarifFix]? = nil
}

/// SARIF 2.1.0 §3.55 `fix`: a description and the replacement of one region.
struct SarifFix: Encodable {
    var description: SarifText
    var artifactChanges: [SarifArtifactChange]
}

struct SarifArtifactChange: Encodable {
    var artifactLocation: SarifArtifactLocation
    var replacements: [SarifReplacement]
}

struct SarifReplacement: Encodable {
    var deletedRegion: SarifRegion
    var insertedContent: SarifText
}

struct SarifResultProperties: Encodable {
    var pillar: String
    var level: String
    var score: Int
    var finding: String?
    var findingKind: String?
    var baselines: [String]?
}

struct SarifLocation: Encodable { var physicalLocation: SarifPhysicalLocation }

struct SarifPhysicalLocation: Encodable {
    var artifactLocation: SarifArtifactLocation
    var region: SarifRegion?
}

struct SarifArtifactLocation: Encodable { var uri: String }

struct SarifRegion: Encodable {
    var startLine: Int
    var startColumn: Int?
    var endLine: Int? = nil
    var endColumn: Int? = nil
    /// The text the region holds, so a tool applying a fix can check it first.
    var snippet: SarifText? = nil
}
