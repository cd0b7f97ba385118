import DTGrading
import DTRules
import Foundation
import Hummingbird

/// The handlers behind the routes of `WebServer`.
struct Routes: Sendable {
    let server: WebServer
    let pool: GradingPool

    var configuration: ServeConfiguration { server.configuration }

    func page() -> Response {
        Reply.html(.ok, Pages.upload(token: server.token, maxFileSize: configuration.maxFileSize,
                                     baseline: configuration.defaultBaseline, pillars: configuration.defaultPillars))
    }

    func asset(_ name: String) throws -> Response {
        switch name {
        case "page.css": return Reply.text("text/css; charset=utf-8", PageAssets.css)
        case "nav.css": return Reply.text("text/css; charset=utf-8", PageAssets.navCSS)
        case "page.js": return Reply.text("text/javascript; charset=utf-8", PageAssets.js)
        default:
            if name.hasPrefix("report-"), name.hasSuffix(".css"),
               let css = server.styles.get(String(name.dropFirst("report-".count).dropLast(".css".count))) {
                return Reply.text("text/css; charset=utf-8", css)
            }
            throw HTTPError(.notFound)
        }
    }

    /// POST /check (one file: `file`) and POST /compare (two: `old` and `new`, or two `file`s).
    func upload(_ kind: GradeJob.Kind, _ request: Request) async -> Response {
        let json = Reply.wantsJSON(request)
        let files = kind == .check ? 1 : 2
        let limit = configuration.bodyLimit(files: files)
        let tooLarge = Reply.problem(.contentTooLarge, json: json, title: "File too large",
                                     message: "A file can be at most \(configuration.maxFileSize) bytes "
                                        + "(\(Pages.sizeText(configuration.maxFileSize))). Start dtcheck serve with a larger "
                                        + "--max-file-size to grade bigger files.")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { return tooLarge }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch let e as any HTTPResponseError where e.status == .contentTooLarge {
            return tooLarge
        } catch {
            return Reply.problem(.badRequest, json: json, title: "Upload interrupted", message: "The upload did not arrive whole: \(error)")
        }
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType]) else {
            return Reply.problem(.badRequest, json: json, title: "Not a form upload",
                                 message: "Send the file as multipart/form-data (an HTML form, or curl -F file=@draft.docx).")
        }
        let form: MultipartForm
        do {
            form = try MultipartForm.parse(body.getBytes(at: body.readerIndex, length: body.readableBytes) ?? [], boundary: boundary)
        } catch {
            return Reply.problem(.badRequest, json: json, title: "Unreadable form", message: "The upload could not be read: \(error)")
        }
        // The token proves the post comes from this server's own page (or someone who read it).
        guard Self.sameToken(form.field("token") ?? request.headers[Self.tokenHeader] ?? "", server.token),
              originAllowed(request) else {
            return Reply.problem(.forbidden, json: json, title: "Page expired",
                                 message: "This form does not carry the current page's token (the server may have restarted). "
                                    + "Reload the upload page and try again.")
        }
        let parts: [MultipartForm.Part]
        switch kind {
        case .check:
            parts = Array(form.files.filter { $0.name == "file" }.prefix(1))
        case .compare:
            let named = [form.files.first { $0.name == "old" }, form.files.first { $0.name == "new" }].compactMap { $0 }
            parts = named.count == 2 ? named : Array(form.files.filter { $0.name == "file" }.prefix(2))
        }
        guard parts.count == files else {
            let message = kind == .check ? "Choose a file to check." : "Choose two files to compare: the earlier draft and the later one."
            return Reply.problem(.badRequest, json: json, title: "No file", message: message)
        }
        if parts.contains(where: { $0.bytes.count > configuration.maxFileSize }) { return tooLarge }
        let baseline = form.field("baseline") ?? "both"
        guard ["both", "usmca", "ujdta"].contains(baseline) else {
            return Reply.problem(.badRequest, json: json, title: "Unknown baseline", message: "baseline must be usmca, ujdta or both.")
        }
        let pillars = form.fields("pillar")
        if let bad = pillars.first(where: { !Self.pillarIDs.contains($0) }) {
            return Reply.problem(.badRequest, json: json, title: "Unknown pillar",
                                 message: "Unknown pillar '\(bad)'; use \(Self.pillarIDs.sorted().joined(separator: ", ")).")
        }
        let names = parts.map { Self.displayName($0.filename) }
        let job = GradeJob(kind: kind, baseline: baseline, pillars: pillars, names: names)
        let result = await pool.run(job, files: parts.map(\.bytes), timeout: configuration.gradingTimeout)
        return respond(job, result, json: json)
    }

    static let tokenHeader = HTTPField.Name("X-DTCheck-Token")!
    static let pillarIDs: Set<String> = Set(PillarID.allCases.map(\.rawValue))

    /// A browser's form post names the page's origin; anything else (another site, `null`) is refused.
    /// Clients that send no Origin (curl) rely on the token alone.
    func originAllowed(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard origin.hasPrefix("http://") else { return false }
        return server.hostCheck.allows(String(origin.dropFirst("http://".count)))
    }

    /// Compares without an early exit, so the time taken says nothing about the token.
    static func sameToken(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    /// The client's file name as shown in the report: its last component, without
    /// control characters. It is a label only; the server never opens it.
    static func displayName(_ raw: String?) -> String {
        let last = (raw ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(String.UnicodeScalarView(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
            .trimmingSpaces
        if clean.isEmpty || clean == "." || clean == ".." { return "upload" }
        return String(clean.prefix(200))
    }

    func respond(_ job: GradeJob, _ result: Result<(GradeAnswer, [[UInt8]]), WorkerFailure>, json: Bool) -> Response {
        let who = job.names.joined(separator: " and ")
        switch result {
        case .failure(.timedOut):
            return Reply.problem(.internalServerError, json: json, title: "Grading took too long",
                                 message: "Grading \(who) ran past \(configuration.gradingTimeout) and was stopped. The server is still running; other files can be checked.")
        case .failure(.crashed(let why)):
            return Reply.problem(.internalServerError, json: json, title: "Grading failed",
                                 message: "Grading \(who) stopped unexpectedly (\(why)). The server is still running; other files can be checked. Please report this file's problem to the dtcheck maintainers.")
        case .success(let (answer, blobs)):
            guard answer.outcome == .graded || answer.outcome == .unreadable, blobs.count == GradeAnswer.formats.count else {
                return Reply.problem(.internalServerError, json: json, title: "Grading failed",
                                     message: "Grading \(who) failed: \(answer.message ?? "no report"). The server is still running.")
            }
            let ok = answer.outcome == .graded
            let status: HTTPResponse.Status = ok ? .ok : .unprocessableContent
            if json { return Reply.json(status, blobs[1]) }
            let headline: String
            switch (job.kind, ok) {
            case (.check, true): headline = "Graded \(who)"
            case (.compare, true): headline = "Compared \(job.names[0]) → \(job.names[job.names.count - 1])"
            case (_, false): headline = answer.message.map { "Could not read: \($0)" } ?? "Could not read \(who)"
            }
            let base = (job.names.last ?? "report").split(separator: ".").dropLast().joined(separator: ".")
            let page = ReportPage.wrap(String(decoding: blobs[0], as: UTF8.self), status: headline, ok: ok,
                                       baseName: base.isEmpty ? "report" : base,
                                       downloads: [
                                           .init(label: "Download JSON", fileExtension: "json", mediaType: "application/json", bytes: blobs[1]),
                                           .init(label: "Download SARIF", fileExtension: "sarif", mediaType: "application/sarif+json", bytes: blobs[2]),
                                           .init(label: "Download Markdown", fileExtension: "md", mediaType: "text/markdown", bytes: blobs[3]),
                                       ],
                                       styles: server.styles)
            return Reply.html(status, page)
        }
    }
}
