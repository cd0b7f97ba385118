import ArgumentParser
import DTIngest
import DTModel
import DTReports
import Foundation

/// `dtcheck parse FILE…`: show the document model a file is read into.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Read files into the document model and print the tree.",
        discussion: """
        Examples:
          dtcheck parse corpus/drafts/baseline-draft.md
          dtcheck parse --format json ../shared/corpus/tota/pta_449.xml
        """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case tree, json
    }

    @Argument(help: "Files to read. Example: dtcheck parse corpus/drafts/baseline-draft.md")
    var files: [String]

    @Option(help: "Output format: tree (an indented outline) or json. Example: --format json")
    var format: OutputFormat = .tree

    @Option(name: .customLong("input-format"), help: "Force the input format instead of sniffing it (\(InputFormat.allCases.map(\.rawValue).joined(separator: ", "))). Example: --input-format markdown")
    var inputFormat: String = "auto"

    @Option(name: .customLong("max-file-size"), help: "Refuse files larger than this many bytes. Example: --max-file-size 200000000")
    var maxFileSize: Int = IngestOptions.defaultMaxFileSize

    func run() throws {
        guard let input = InputFormat(rawValue: inputFormat) else {
            throw ValidationError("unknown --input-format '\(inputFormat)'; use one of \(InputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let options = IngestOptions(maxFileSize: maxFileSize, inputFormat: input)
        // Streamed one document at a time, so memory stays that of the largest file
        // rather than of the whole batch.
        var failed = false
        let dumper = TreeDumper()
        if format == .json { print("{\n  \"documents\" : [") }
        for (n, file) in files.enumerated() {
            let doc: ParsedDocument
            do {
                doc = ParsedDocument(path: file, agreement: try DocumentLoader.load(path: file, options: options), error: nil)
            } catch {
                failed = true
                let message = (error as? IngestError)?.description ?? "\(file): \(error)"
                Terminal.error(message)
                doc = ParsedDocument(path: file, agreement: nil, error: message)
            }
            switch format {
            case .tree:
                print("# \(doc.path)")
                if let a = doc.agreement { print(dumper.dump(a), terminator: "") } else { print("error: \(doc.error ?? "")") }
            case .json:
                let body = try JSONOutput.encode(doc, indent: 0)
                print(JSONOutput.indent(body[...], emptyLines: true) + (n + 1 < files.count ? "," : ""))
            }
        }
        if format == .json { print("  ]\n}") }
        if failed { throw ExitCode(2) }
    }
}

/// One file's outcome in `parse --format json`.
struct ParsedDocument: Encodable {
    var path: String
    var agreement: Agreement?
    var error: String?

    enum CodingKeys: String, CodingKey {
        case path, status, format, language, title, parties, dateSigned, divisions, error
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(agreement == nil ? "error" : "parsed", forKey: .status)
        try c.encode(agreement?.sourceFormat.rawValue, forKey: .format)
        try c.encode(agreement?.language, forKey: .language)
        try c.encode(agreement?.title, forKey: .title)
        try c.encode(agreement?.parties ?? [], forKey: .parties)
        try c.encode(agreement?.dateSigned, forKey: .dateSigned)
        try c.encode(agreement?.divisions ?? [], forKey: .divisions)
        if let error { try c.encode(error, forKey: .error) }
    }
}

