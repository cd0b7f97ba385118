import DTIngest
import DTTestSupport
import DTModel
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under the system temp dir, removed when the test is done.
final class TempDir {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dtcheck-hostile-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        // chmod 000 files and directories are cleaned up as well.
        _ = chmod(url.path, 0o755)
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `bytes` to `name` and returns the full path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }
}

/// What loading a hostile file came to: a document or a clean `IngestError`.
enum Outcome {
    case document(Agreement)
    case refused(IngestError)

    var agreement: Agreement? { if case .document(let a) = self { return a } else { return nil } }
    var error: IngestError? { if case .refused(let e) = self { return e } else { return nil } }
}

/// Which way a hostile input went, for tests that state the one outcome each input has.
enum OutcomeKind: Equatable, CustomStringConvertible {
    case document
    case refused
    /// The contract was broken (an error that is not an `IngestError`), already recorded.
    case broken

    init(_ outcome: Outcome?) {
        switch outcome {
        case .document?: self = .document
        case .refused?: self = .refused
        case nil: self = .broken
        }
    }

    /// How `body` came out: a value, or an error of any kind.
    static func of<T>(_ body: () throws -> T) -> OutcomeKind {
        do { _ = try body(); return .document } catch is IngestError { return .refused } catch { return .broken }
    }

    var description: String {
        switch self {
        case .document: return "document"
        case .refused: return "refused"
        case .broken: return "broken"
        }
    }
}

/// Runs `body` and checks the contract every hostile input must keep: it returns a
/// document, or throws an `IngestError` whose description names `path`. Any other
/// error is recorded as a failure and returns nil.
func outcome(path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation,
             _ body: () throws -> Agreement) -> Outcome? {
    do {
        return .document(try body())
    } catch let error as IngestError {
        #expect(error.description.contains(path), "IngestError does not name the file: \(error)",
                sourceLocation: sourceLocation)
        #expect(!error.message.isEmpty, "IngestError without a message", sourceLocation: sourceLocation)
        return .refused(error)
    } catch {
        Issue.record("expected an IngestError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// `DocumentLoader.load(path:options:)` under the hostile-input contract.
func load(_ path: String, options: IngestOptions = IngestOptions(),
          sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Outcome? {
    outcome(path: path, sourceLocation: sourceLocation) { try DocumentLoader.load(path: path, options: options) }
}

/// Runs `body` and returns how long it took.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    return (value, clock.now - start)
}

extension Agreement {
    /// Every string a reader put into the model: metadata, numbers, headings, text, footnotes.
    var allStrings: [String] {
        var out = [title, dateSigned, language, sourcePath].compactMap { $0 } + parties
        var stack = divisions
        while let d = stack.popLast() {
            out += [d.number, d.heading].compactMap { $0 }
            out.append(d.text)
            out += d.footnotes.flatMap { [$0.label, $0.text].compactMap { $0 } }
            stack.append(contentsOf: d.children)
        }
        return out
    }

    var totalTextLength: Int { allStrings.reduce(0) { $0 + $1.utf8.count } }

    func contains(_ needle: String) -> Bool { allStrings.contains { $0.contains(needle) } }
}

/// A ToTA-shaped document (`treaty/meta`, `treaty/body/chapter/article`) so the
/// ToTA reader walks it. `prolog` goes between the XML declaration and the root;
/// `article` is the raw content of the one article.
func totaDocument(prolog: String = "", name: String = "Hostile Agreement", article: String,
                  articleAttributes: String = "number=\"ARTICLE 1\"") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    \(prolog)
    <treaty><meta><name>\(name)</name><date_signed>2020-01-01</date_signed><language>en</language></meta>
    <body><chapter number="CHAPTER 1"><article \(articleAttributes)>
    1. The Parties shall cooperate. \(article)
    </article></chapter></body></treaty>

    """
}

/// Runs a python3 script with arguments; nil (and a note) when python3 is not installed.
func runPython(_ script: String, _ arguments: [String]) throws -> Int32? {
    let candidates = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"]
    guard let python = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        print("skipping: python3 is not installed")
        return nil
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script] + arguments
    try process.runUntilExit()
    return process.terminationStatus
}

/// A TCP listener on 127.0.0.1 that counts connection attempts, to prove the
/// parser never goes to the network (libxml2 would connect for http:// ids).
final class LocalListener {
    let fd: Int32
    let port: UInt16

    init?() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else { close(fd); return nil }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        guard named == 0 else { close(fd); return nil }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        self.fd = fd
        self.port = UInt16(bigEndian: addr.sin_port)
    }

    /// Connections made so far (each is accepted and closed).
    func connectionAttempts() -> Int {
        var n = 0
        while true {
            let c = accept(fd, nil, nil)
            if c < 0 { break }
            close(c)
            n += 1
        }
        return n
    }

    deinit { close(fd) }
}
