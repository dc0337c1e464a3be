import Hummingbird
import MTLintKit

/// The answers every route shares. Errors speak the caller's dialect: LanguageTool's clients
/// expect a plain-text `Error: …` body, the native API a JSON `{"error": …}` object.
enum Responses {
    static func text(_ text: String, status: HTTPResponse.Status = .ok, contentType: String = "text/plain; charset=utf-8") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        json(value.serialized(), status: status)
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Self.text(text, status: status, contentType: "application/json; charset=utf-8")
    }

    /// An error for a request to `path`: JSON under `/v1/`, LanguageTool's plain text elsewhere.
    static func error(_ status: HTTPResponse.Status, _ message: String, path: String) -> Response {
        if path.hasPrefix("/v1/") {
            return json(.object([("error", .string(message))]), status: status)
        }
        return text("Error: \(message)", status: status)
    }
}

/// A request that cannot be answered normally: its status and the reason shown to the caller.
struct RequestFailure: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String

    init(status: HTTPResponse.Status, message: String) {
        self.status = status
        self.message = message
    }

    static func badRequest(_ message: String) -> RequestFailure { RequestFailure(status: .badRequest, message: message) }

    func response(path: String) -> Response { Responses.error(status, message, path: path) }

    /// A lint that did not finish in time: 503 while it was still waiting for a lint thread (the
    /// server is busy: retry later), 504 when it had begun and the text took too long.
    init(_ failure: LintPool.Failure, timeout: Duration) {
        switch failure {
        case .timedOut(started: false):
            self.init(status: .serviceUnavailable,
                      message: "the server is busy: no lint slot became free within the request time limit of \(timeout.secondsText)")
        case .timedOut(started: true):
            self.init(status: .gatewayTimeout, message: "the lint did not finish within the request time limit of \(timeout.secondsText)")
        case .cancelled:
            self.init(status: .serviceUnavailable, message: "the request was cancelled")
        }
    }
}

extension Duration {
    /// "10 s", "0.5 s".
    var secondsText: String {
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
