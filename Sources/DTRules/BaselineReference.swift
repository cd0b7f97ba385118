/// Which baseline articles define a pillar, and the elements a text needs to
/// match them (PILLARS.md), as the `measures:` sections of `rules/baselines/*.yml`
/// give them. HTML and Markdown reports show it beside a quote.
public struct BaselineReference: Sendable, Equatable {
    public var citations: [BaselineCitation]
    /// The required elements, one short line each.
    public var elements: [String]
    /// The baselines' operative wording, paragraph by paragraph (`wording:`), USMCA's
    /// before UJDTA's: what a report proposes where a text falls short.
    public var wording: [BaselineWording]

    public init(citations: [BaselineCitation] = [], elements: [String] = [], wording: [BaselineWording] = []) {
        self.citations = citations
        self.elements = elements
        self.wording = wording
    }

    /// The paragraph of `baseline` that states the pillar's core commitment.
    public func commitment(of baseline: BaselineID) -> BaselineWording? {
        wording.first { $0.baseline == baseline && $0.addresses.contains(BaselineWording.commitment) }
    }

    /// The paragraph of `baseline` that answers a limitation or deviation id, if any.
    public func wording(of baseline: BaselineID, addressing id: String) -> BaselineWording? {
        wording.first { $0.baseline == baseline && $0.addresses.contains(id) }
    }
}

/// One paragraph of a baseline's text, quoted, with what it answers: `commitment`
/// (the core obligation), limitation ids and deviation elements.
public struct BaselineWording: Sendable, Equatable, Codable {
    /// The `addresses` entry of the paragraph stating the core commitment.
    public static let commitment = "commitment"

    public var baseline: BaselineID
    /// The article (and paragraph) as the baseline numbers it: `19.11.2`.
    public var article: String
    public var text: String
    public var addresses: [String]

    public init(baseline: BaselineID, article: String, text: String, addresses: [String]) {
        self.baseline = baseline
        self.article = article
        self.text = text
        self.addresses = addresses
    }

    public var citation: BaselineCitation { BaselineCitation(baseline: baseline, article: article) }
}
