import DTModel
import DTXML
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file in any supported format into an `Agreement`.
/// Format is sniffed from the content unless `IngestOptions.inputFormat` names one.
public enum DocumentLoader {
    public static func load(path: String, options: IngestOptions = IngestOptions()) throws -> Agreement {
        let bytes = try readFile(path: path, options: options)
        return try load(bytes: bytes, path: path, options: options)
    }

    /// Why a path that is itself a symbolic link cannot be followed, or nil when it is not
    /// a link: "no such file" would send the user looking for the wrong thing.
    static func danglingLink(_ path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK else { return nil }
        if stat(path, &st) != 0 && errno == ELOOP { return "symbolic link loop" }
        return "broken symbolic link"
    }

    /// Reads the file's bytes, refusing directories, unreadable files and files over the size limit.
    public static func readFile(path: String, options: IngestOptions) throws -> [UInt8] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw IngestError(path: path, message: danglingLink(path) ?? "no such file")
        }
        if isDir.boolValue { throw IngestError(path: path, message: "is a directory, not a file") }
        let attrs = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = (attrs?[.size] as? NSNumber)?.intValue, size > options.maxFileSize {
            throw IngestError(path: path, message: "file is \(size) bytes, over the limit of \(options.maxFileSize) bytes (raise it with --max-file-size)")
        }
        // O_NONBLOCK only for open(): a FIFO with nothing writing to it must not block the run.
        // Reads are blocking again, so a pipe with a writer (`<(…)`, /dev/stdin) is read to its end,
        // and one without a writer reads as empty.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw IngestError(path: path, message: "cannot be read: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        defer { try? handle.close() }
        // Read at most one byte past the limit so a file that grew is still refused,
        // in chunks, so a huge limit allocates nothing up front (and cannot overflow).
        let cap = options.maxFileSize < Int.max ? options.maxFileSize + 1 : Int.max
        var data = Data()
        do {
            while data.count < cap {
                guard let chunk = try handle.read(upToCount: min(1 << 20, cap - data.count)), !chunk.isEmpty else { break }
                data.append(chunk)
            }
        } catch {
            throw IngestError(path: path, message: "cannot be read: \(error.localizedDescription)")
        }
        if data.count > options.maxFileSize {
            throw IngestError(path: path, message: "file is over the limit of \(options.maxFileSize) bytes (raise it with --max-file-size)")
        }
        return [UInt8](data)
    }

    public static func load(bytes: [UInt8], path: String, options: IngestOptions = IngestOptions()) throws -> Agreement {
        if bytes.isEmpty { throw IngestError(path: path, message: "empty file") }
        // Bytes handed in directly (not via readFile) obey the same limit as a file.
        if bytes.count > options.maxFileSize {
            throw IngestError(path: path, message: "input is \(bytes.count) bytes, over the limit of \(options.maxFileSize) bytes (raise it with --max-file-size)")
        }
        let format = options.inputFormat == .auto ? FormatSniffer.sniff(bytes: bytes, path: path) : options.inputFormat
        var agreement: Agreement
        switch format {
        case .tota, .akn, .xml, .auto:
            agreement = try XMLFamilyReader.read(bytes: bytes, path: path, forced: format)
        case .html:
            agreement = try HTMLReader.read(bytes: bytes, path: path)
        case .docx:
            agreement = try DocxReader.read(bytes: bytes, path: path, options: options)
        case .odt:
            agreement = try OdtReader.read(bytes: bytes, path: path, options: options)
        case .markdown, .text:
            agreement = try PlainTextReader.read(bytes: bytes, path: path, markdown: format == .markdown)
        }
        if agreement.language == nil {
            agreement.language = LanguageDetector.detect(agreement)
        }
        return agreement
    }
}

/// Dispatches an XML file to the reader for its vocabulary.
enum XMLFamilyReader {
    static let akomaNtosoNamespaces: Set<String> = [
        "http://docs.oasis-open.org/legaldocml/ns/akn/3.0",
        "http://docs.oasis-open.org/legaldocml/ns/akn/3.0/CSD13",
        "http://docs.oasis-open.org/legaldocml/ns/akn/3.0/WD17",
        "http://www.akomantoso.org/2.0",
    ]

    static func read(bytes: [UInt8], path: String, forced: InputFormat) throws -> Agreement {
        try TextDecoding.rejectBinary(bytes, path: path)
        let tree: XMLDocumentTree
        do {
            tree = try LibXMLParser.parseXML(bytes, name: path)
        } catch let e as XMLParseError {
            // libxml2 says "Excessive depth in document: 256 use XML_PARSE_HUGE option": not for users.
            let message = e.message.hasPrefix("Excessive depth in document")
                ? "elements are nested more than 256 deep; refused to protect the parser (depth limit)"
                : "malformed XML: \(e.message)"
            throw IngestError(path: path, message: message, line: e.line, column: e.column)
        }
        let root = tree.root
        let isAKN = root.name == "akomaNtoso" || akomaNtosoNamespaces.contains(root.namespaceURI ?? "")
        switch forced {
        case .tota: return try TotaReader.read(tree, path: path)
        case .akn: return try AkomaNtosoReader.read(tree, path: path)
        case .xml: return try GenericXMLReader.read(tree, path: path)
        default:
            if root.name == "treaty", root.child("body") != nil { return try TotaReader.read(tree, path: path) }
            if isAKN { return try AkomaNtosoReader.read(tree, path: path) }
            return try GenericXMLReader.read(tree, path: path)
        }
    }
}
