import Hummingbird

/// Applied to every request: refuses a foreign `Host` (DNS rebinding), and gives every
/// response, errors included, the headers that keep a browser from running anything
/// but the page's own files or guessing a download's type.
struct SafetyMiddleware<Context: RequestContext>: RouterMiddleware {
    let server: WebServer

    static var securityHeaders: HTTPFields {
        [
            .contentSecurityPolicy: "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            .xContentTypeOptions: "nosniff",
            // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on the page's own posts.
            HTTPField.Name("Referrer-Policy")!: "same-origin",
            .cacheControl: "no-store",
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        let duplicateHost = request.headers[HTTPField.Name("Host")!] != nil
        if duplicateHost || !server.hostCheck.allows(request.head.authority) {
            response = Reply.problem(.forbidden, json: Reply.wantsJSON(request), title: "Wrong address",
                                     message: "This dtcheck server answers only to the address it printed when it started "
                                        + "(\(server.hostCheck.names.sorted().joined(separator: ", ")) on port \(server.bound.get())). "
                                        + "A request for another host name was refused.")
        } else {
            do {
                response = try await next(request, context)
            } catch let e as any HTTPResponseError {
                let message = e.status == .notFound ? "There is no page at this address." : "The request could not be served."
                response = Reply.problem(e.status, json: Reply.wantsJSON(request), title: e.status.reasonPhrase, message: message)
            } catch {
                response = Reply.problem(.internalServerError, json: Reply.wantsJSON(request), title: "Server error",
                                         message: "The request could not be served: \(error)")
            }
        }
        for field in Self.securityHeaders { response.headers[field.name] = field.value }
        return response
    }
}
