// The JSON shape of the document model, used by `dtcheck parse --format json`.
// Scripts rely on these names: kind, number, heading, text, location, children
// (number and heading are written as null when absent, never left out).

extension Division: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, number, heading, text, footnotes, location, textLocation, children
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(number, forKey: .number)
        try c.encode(heading, forKey: .heading)
        try c.encode(text, forKey: .text)
        if !footnotes.isEmpty { try c.encode(footnotes, forKey: .footnotes) }
        try c.encode(location, forKey: .location)
        if let t = textLocation { try c.encode(t, forKey: .textLocation) }
        try c.encode(children, forKey: .children)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try c.decode(DivisionKind.self, forKey: .kind),
                  number: try c.decodeIfPresent(String.self, forKey: .number),
                  heading: try c.decodeIfPresent(String.self, forKey: .heading),
                  text: try c.decodeIfPresent(String.self, forKey: .text) ?? "",
                  footnotes: try c.decodeIfPresent([Footnote].self, forKey: .footnotes) ?? [],
                  location: try c.decode(SourceLocation.self, forKey: .location),
                  textLocation: try c.decodeIfPresent(SourceLocation.self, forKey: .textLocation),
                  children: try c.decodeIfPresent([Division].self, forKey: .children) ?? [])
    }
}
