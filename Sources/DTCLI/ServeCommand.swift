import ArgumentParser
import DTServe
import Foundation

/// `dtcheck serve`: a local web page where a negotiator drops a draft and reads the
/// report. The page and its reports come from the same pipeline and renderers as
/// `check` and `compare`; grading runs in `serve --worker` processes (`ServeGrading`).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a local web page: drop a draft, read its report. Nothing leaves the machine.",
        discussion: """
        Examples:
          dtcheck serve                      # then open http://127.0.0.1:8080/
          dtcheck serve --port 9000 --max-file-size 20000000

        Opens nothing by itself: it prints the URL. Listens on 127.0.0.1 only unless --host \
        says otherwise (with a warning). Uploads are held in memory and forgotten once the \
        report is sent. POST /check and POST /compare take multipart uploads and answer HTML, \
        or JSON with `Accept: application/json` (see README). --baseline and --pillar set the \
        page's defaults; --jobs sets how many uploads are graded at once.
        """
    )

    @Option(help: ArgumentHelp("Address to listen on; the default is this machine only. Example: --host 127.0.0.1", valueName: "address"))
    var host: String = ServeConfiguration.defaultHost

    @Option(help: ArgumentHelp("Port to listen on; 0 picks a free one. Example: --port 9000", valueName: "n"))
    var port: Int = 8080

    @Option(name: .customLong("allow-host"),
            help: ArgumentHelp("Another host name requests may use (the Host header); repeatable. Example: --allow-host mybox.local",
                               valueName: "name"))
    var allowHosts: [String] = []

    @Option(name: .customLong("grading-timeout"),
            help: ArgumentHelp("Stop grading an upload after this many seconds. Example: --grading-timeout 30", valueName: "s"))
    var gradingTimeout: Int = 120

    @OptionGroup var grading: GradingOptions

    /// Set on the grading processes the server starts: read jobs on stdin, answer on stdout.
    @Flag(help: .hidden)
    var worker = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535, got \(port)") }
        guard gradingTimeout > 0 else { throw ValidationError("--grading-timeout must be positive") }
    }

    func run() throws {
        guard let settings = try Settings.resolveOrPrint(grading, .init(format: nil, formatChoices: [], defaultFormat: "html")) else { return }
        if worker {
            throw ExitCode(ServeGrading.work(settings: settings))
        }
        try serve(settings)
    }

    private func serve(_ settings: Settings) throws {
        let configuration = ServeConfiguration(
            host: host, port: port, maxFileSize: settings.maxFileSize, extraHosts: allowHosts,
            workers: settings.jobs, gradingTimeout: .seconds(gradingTimeout),
            defaultBaseline: settings.baseline.rawValue, defaultPillars: settings.pillars.map(\.rawValue))
        // The grading processes are this executable again, with the settings resolved here.
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var arguments = ["serve", "--worker", "--max-file-size", String(settings.maxFileSize),
                         "--input-format", settings.inputFormat.rawValue, "--jobs", "1", "--quiet"]
        // Built-in rules need no option: the grading processes are the same binary.
        if case .folder(let dir) = settings.rules { arguments += ["--rules", dir] }
        let launch = WorkerLaunch(executable: executable, arguments: arguments)
        if let warning = configuration.exposureWarning { Terminal.stderr(warning) }
        let server = WebServer(configuration: configuration, launch: launch)
        let outcome = BlockingRun()
        let quiet = settings.quiet
        Task {
            do {
                try await server.run { url, pids in
                    // The one line a user needs, on stdout (tests and scripts read it too).
                    // Unbuffered, with write(2): a script reading the pipe sees the URL at once, and a
                    // closed stdout does not stop the server (the line then goes to stderr).
                    let line = "dtcheck serve: open \(url) in your browser (Ctrl-C stops it)"
                    if RawWrite.all(1, line + "\n") != nil { Terminal.stderr(line) }
                    if !quiet { Terminal.stderr("dtcheck serve: grading processes \(pids.map(String.init).joined(separator: " "))") }
                }
                outcome.finish(nil)
            } catch {
                outcome.finish(error)
            }
        }
        if let error = outcome.wait() {
            Terminal.error("serve: \(error)")
            throw ExitCode(2)
        }
    }
}

/// Waits on the main thread for the server's task (the root command is synchronous).
private final class BlockingRun: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var error: (any Error)?

    func finish(_ e: (any Error)?) {
        error = e
        done.signal()
    }

    func wait() -> (any Error)? {
        done.wait()
        return error
    }
}
