import Foundation

/// What `dtcheck serve` was started with: where it listens, what it accepts.
public struct ServeConfiguration: Sendable {
    /// The address to bind; 127.0.0.1 unless `--host` says otherwise.
    public var host: String
    /// 0 picks a free port (tests, `scripts/bench`); the URL printed says which.
    public var port: Int
    /// Largest upload accepted per file, in bytes (the CLI's `--max-file-size`).
    public var maxFileSize: Int
    /// Host names, besides the bound address, that a request's `Host` may name.
    public var extraHosts: [String]
    /// Grading processes kept ready; uploads beyond these wait their turn.
    public var workers: Int
    /// A grading that takes longer is stopped (its process killed) and reported.
    public var gradingTimeout: Duration
    /// The page's initial choices (`--baseline`, `--pillar`); each upload can change them.
    public var defaultBaseline: String
    public var defaultPillars: [String]

    public static let defaultHost = "127.0.0.1"

    public init(host: String = ServeConfiguration.defaultHost, port: Int = 8080, maxFileSize: Int,
                extraHosts: [String] = [], workers: Int, gradingTimeout: Duration = .seconds(120),
                defaultBaseline: String = "both", defaultPillars: [String] = []) {
        self.host = host
        self.port = port
        self.maxFileSize = maxFileSize
        self.extraHosts = extraHosts
        self.workers = max(1, workers)
        self.gradingTimeout = gradingTimeout
        self.defaultBaseline = defaultBaseline
        self.defaultPillars = defaultPillars
    }

    /// Whether the bound address is on this machine only (loopback).
    public var isLoopback: Bool { Self.loopbackNames.contains(host.lowercased()) || host.hasPrefix("127.") }

    static let loopbackNames: Set<String> = ["127.0.0.1", "localhost", "::1", "[::1]"]

    /// The line printed when `--host` opens the page to other machines.
    public var exposureWarning: String? {
        guard !isLoopback else { return nil }
        return "warning: --host \(host) makes the page reachable from other machines on the network; "
            + "uploaded drafts then travel over plain HTTP. Use the default 127.0.0.1 unless you mean it."
    }

    /// The body of a POST: the files plus a little for the form's fields and the multipart framing.
    func bodyLimit(files: Int) -> Int {
        let (product, overflow) = maxFileSize.multipliedReportingOverflow(by: files)
        return overflow ? Int.max : product.addingReportingOverflow(64 * 1024).partialValue
    }
}
