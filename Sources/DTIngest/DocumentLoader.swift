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
        // O_NONBLOCK only for open(): a FIFO with nothing writing to it must not block the run.
        // Reads are blocking again, so a pipe with a writer (`<(…)`, /dev/stdin) is read to its end,
        // and one without a writer reads as empty.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno
            if reason == ENOENT || reason == ELOOP { throw IngestError(path: path, message: danglingLink(path) ?? "no such file") }
            if reason == EISDIR { throw IngestError(path: path, message: "is a directory, not a file") }
            throw IngestError(path: path, message: "cannot be read: \(String(cString: strerror(reason)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw IngestError(path: path, message: "cannot be read: \(String(cString: strerror(errno)))")
        }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw IngestError(path: path, message: "is a directory, not a file") }
        let isRegular = (st.st_mode & S_IFMT) == S_IFREG
        if isRegular, Int(st.st_size) > options.maxFileSize {
            throw IngestError(path: path, message: "file is \(st.st_size) bytes, over the limit of \(options.maxFileSize) bytes (raise it with --max-file-size)")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        // Read at most one byte past the limit so a file that grew is still refused,
        // in chunks, so a huge limit allocates nothing up front (and cannot overflow).
        let cap = options.maxFileSize < Int.max ? options.maxFileSize + 1 : Int.max
        var bytes: [UInt8] = []
        if isRegular {
            // A regular file is read straight into the array, sized from fstat plus the
            // one byte that tells a file that grew; only then the chunked loop below.
            let want = min(cap, Int(st.st_size) + 1)
            var failure: Int32?
            bytes = [UInt8](unsafeUninitializedCapacity: want) { buffer, initialized in
                while initialized < want, let base = buffer.baseAddress {
                    let got = read(fd, base + initialized, want - initialized)
                    if got < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if got == 0 { break }
                    initialized += got
                }
            }
            if let failure {
                throw IngestError(path: path, message: "cannot be read: \(String(cString: strerror(failure)))")
            }
            if bytes.count < want { return bytes } // at the end of the file
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < cap {
            let want = min(chunk.count, cap - bytes.count)
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, want) }
            if got < 0 {
                if errno == EINTR { continue }
                throw IngestError(path: path, message: "cannot be read: \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        if bytes.count > options.maxFileSize {
            throw IngestError(path: path, message: "file is over the limit of \(options.maxFileSize) bytes (raise it with --max-file-size)")
        }
        // "empty file" would send the user looking at a file that is not one.
        if bytes.isEmpty && (st.st_mode & S_IFMT) == S_IFIFO {
            throw IngestError(path: path, message: "is a FIFO (named pipe) and nothing was written to it")
        }
        return bytes
    }

    public static func load(bytes: [UInt8], path: String, options: IngestOptions = IngestOptions()) throws -> Agreement {
        if bytes.isEmpty { throw IngestError(path: path, message: "empty file") }
        // Bytes handed in directly (not via readFile) obey the same limit as a file.
        if bytes.count > options.maxFileSize {
            throw IngestError(path: path, message: "input is \(bytes.count) bytes, over the limit of \(options.maxFileSize) bytes (raise it with --max-file-size)")
        }
        if let advice = UnsupportedFormat.advice(bytes) { throw IngestError(path: path, message: "is " + advice) }
        let format = options.inputFormat == .auto ? FormatSniffer.sniff(bytes: bytes, path: path) : options.inputFormat
        var agreement: Agreement
        switch format {
        case .tota, .akn, .xml, .auto:
            agreement = try XMLFamilyReader.read(bytes: bytes, path: path, forced: format, options: options)
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

    static func read(bytes: [UInt8], path: String, forced: InputFormat, options: IngestOptions) throws -> Agreement {
        try TextDecoding.rejectBinary(bytes, path: path)
        // ToTA files are streamed: no tree is built. A prolog with a DOCTYPE goes to the
        // tree parser, which is the one that bounds entity expansion.
        if forced == .tota || forced == .auto, !XMLProlog.declaresDoctype(bytes) {
            do {
                if let agreement = try TotaReader.stream(bytes, path: path, options: options) { return agreement }
            } catch let e as XMLParseError {
                throw ingestError(e, path: path)
            }
        }
        let tree: XMLDocumentTree
        do {
            tree = try LibXMLParser.parseXML(bytes, name: path)
        } catch let e as XMLParseError {
            throw ingestError(e, path: path)
        }
        let root = tree.root
        let isAKN = root.name == "akomaNtoso" || akomaNtosoNamespaces.contains(root.namespaceURI ?? "")
        switch forced {
        case .tota: return try TotaReader.read(tree, path: path, options: options)
        case .akn: return try AkomaNtosoReader.read(tree, path: path)
        case .xml: return try GenericXMLReader.read(tree, path: path)
        default:
            if root.name == "treaty", root.child("body") != nil { return try TotaReader.read(tree, path: path, options: options) }
            if isAKN { return try AkomaNtosoReader.read(tree, path: path) }
            return try GenericXMLReader.read(tree, path: path)
        }
    }

    private static func ingestError(_ e: XMLParseError, path: String) -> IngestError {
        // libxml2 says "Excessive depth in document: 256 use XML_PARSE_HUGE option": not for users.
        let message = e.message.hasPrefix("Excessive depth in document")
            ? "elements are nested more than 256 deep; refused to protect the parser (depth limit)"
            : "malformed XML: \(e.message)"
        return IngestError(path: path, message: message, line: e.line, column: e.column)
    }
}

/// What comes before an XML document's root element.
enum XMLProlog {
    /// True when the prolog has a DOCTYPE, or cannot be read as ASCII-compatible
    /// bytes (UTF-16, junk): such documents take the tree parse.
    static func declaresDoctype(_ bytes: [UInt8]) -> Bool {
        let n = bytes.count
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < n {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
            guard b == UInt8(ascii: "<"), i + 1 < n else { return true }
            switch bytes[i + 1] {
            case UInt8(ascii: "?"):
                guard let end = bytes.firstIndex(of: "?>", from: i + 2) else { return true }
                i = end + 2
            case UInt8(ascii: "!"):
                guard bytes[i...].starts(with: Array("<!--".utf8)), let end = bytes.firstIndex(of: "-->", from: i + 4) else { return true }
                i = end + 3
            default:
                return false
            }
        }
        return true
    }
}
