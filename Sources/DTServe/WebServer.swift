import Foundation
import Hummingbird
#if canImport(Glibc)
import Glibc
#endif

/// `dtcheck serve`: the upload page, POST /check and POST /compare, on Hummingbird.
/// Grading happens in separate processes (`GradingPool`); this process only talks HTTP.
public final class WebServer: Sendable {
    let configuration: ServeConfiguration
    let launch: WorkerLaunch
    /// Per process: a page from an earlier run (or another site) cannot post here.
    let token: String
    let styles = StyleStore()
    let bound = BoundPort()

    public init(configuration: ServeConfiguration, launch: WorkerLaunch) {
        self.configuration = configuration
        self.launch = launch
        var rng = SystemRandomNumberGenerator()
        self.token = (0..<4).map { _ in String(rng.next() as UInt64, radix: 16).leftPadded(16) }.joined()
    }

    /// Starts the grading processes, then serves until SIGINT/SIGTERM. `onReady` gets
    /// the page's URL and the grading processes' ids once the socket is bound.
    public func run(onReady: @escaping @Sendable (String, [Int32]) -> Void) async throws {
        // A grading process that died must not take the server with it on the next write.
        signal(SIGPIPE, SIG_IGN)
        // A report can be several times its upload (quotes, four formats): the cap on
        // what is read back from a grading process.
        let (scaled, overflow) = configuration.maxFileSize.multipliedReportingOverflow(by: 16)
        let reports = overflow ? Int.max : max(64 << 20, scaled)
        let pool = try await GradingPool(launch: launch, count: configuration.workers, maxBlob: reports)
        let pids = await pool.pids
        let router = Router()
        router.add(middleware: SafetyMiddleware(server: self))
        let routes = Routes(server: self, pool: pool)
        router.get("/") { _, _ in routes.page() }
        router.get("/static/:name") { _, context in try routes.asset(context.parameters.require("name")) }
        router.post("/check") { request, _ in await routes.upload(.check, request) }
        router.post("/compare") { request, _ in await routes.upload(.compare, request) }
        let host = configuration.host
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: nil),
            onServerRunning: { [bound] channel in
                let port = channel.localAddress?.port ?? 0
                bound.set(port)
                let shown = host.contains(":") ? "[\(host)]" : host
                onReady("http://\(shown):\(port)/", pids)
            }
        )
        do {
            try await app.runService()
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
    }

    var hostCheck: HostCheck { HostCheck(configuration: configuration, boundPort: bound.get()) }
}

/// The port actually bound (the configured one may be 0), known once the server runs.
final class BoundPort: @unchecked Sendable {
    private let lock = NSLock()
    private var port = 0
    func set(_ p: Int) { lock.lock(); port = p; lock.unlock() }
    func get() -> Int { lock.lock(); defer { lock.unlock() }; return port }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
