/// Which baseline articles define a pillar, and the elements a text needs to
/// match them (PILLARS.md), as the `measures:` sections of `rules/baselines/*.yml`
/// give them. HTML and Markdown reports show it beside a quote.
public struct BaselineReference: Sendable, Equatable {
    public var citations: [BaselineCitation]
    /// The required elements, one short line each.
    public var elements: [String]

    public init(citations: [BaselineCitation] = [], elements: [String] = []) {
        self.citations = citations
        self.elements = elements
    }
}
