import Foundation
import Hummingbird

/// Building responses: HTML for people, JSON for `Accept: application/json`.
enum Reply {
    static func wantsJSON(_ request: Request) -> Bool {
        request.headers[.accept]?.lowercased().contains("application/json") ?? false
    }

    static func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ status: HTTPResponse.Status, _ bytes: [UInt8]) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func text(_ contentType: String, _ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A refusal or failure: a page saying what happened, or `{"error": …}`.
    static func problem(_ status: HTTPResponse.Status, json: Bool, title: String, message: String) -> Response {
        if json {
            let body = (try? JSONEncoder().encode(["error": message])).map(Array.init) ?? Array("{}".utf8)
            return Reply.json(status, body)
        }
        return html(status, Pages.problem(title: title, message: message))
    }
}

/// Hummingbird exports `HTTPFields` but not its element type; this names it without
/// adding swift-http-types as a direct dependency.
typealias HTTPField = HTTPFields.Element
