/// The formats `--input-format` accepts; `auto` sniffs the content.
public enum InputFormat: String, Sendable, CaseIterable {
    case auto, tota, akn, xml, html, docx, odt, markdown, text
}

/// Limits and choices for one ingest run.
public struct IngestOptions: Sendable {
    /// Files larger than this are refused before reading (bytes). `--max-file-size` changes it.
    public var maxFileSize: Int
    public var inputFormat: InputFormat
    /// Bytes a DOCX/ODT part may inflate to before it is refused as a ZIP bomb.
    public var maxUncompressedSize: Int
    /// Leave article bodies unsplit (`Division.paragraphsPending`) where the reader
    /// can: grading splits only the articles it reads. `parse` keeps the full model.
    public var deferParagraphs: Bool
    /// When set, a ToTA file whose `<meta>` declares a language outside this set is
    /// read only up to its `<body>`: the reader that asks (grading, which reads
    /// English) would discard the body unread, and parsing it was a fifth of the
    /// corpus's time. The body is then neither modelled nor checked for
    /// well-formedness. nil (`parse`) reads every file whole.
    public var bodyLanguages: Set<String>?

    public static let defaultMaxFileSize = 64 * 1024 * 1024

    public init(maxFileSize: Int = IngestOptions.defaultMaxFileSize, inputFormat: InputFormat = .auto,
                maxUncompressedSize: Int = 256 * 1024 * 1024, deferParagraphs: Bool = false, bodyLanguages: Set<String>? = nil) {
        self.maxFileSize = maxFileSize
        self.inputFormat = inputFormat
        self.maxUncompressedSize = maxUncompressedSize
        self.deferParagraphs = deferParagraphs
        self.bodyLanguages = bodyLanguages
    }
}
