import AsyncHTTPClient
import Foundation
import Logging
import ScreenerCore

/// The one place writers touch the network: sends a request with the integration's timeout and
/// turns the answer into a value. Request and response bodies are never logged; errors carry the
/// error's type only.
struct WriterHTTP: Sendable {
    /// What came back: an HTTP answer (any status) or a failure before one arrived.
    enum Outcome: Sendable {
        case response(status: Int, headers: [(name: String, value: String)], body: Data)
        case failed(PostBackResult)
    }

    let client: HTTPClient
    let timeout: TimeInterval
    let logger: Logger
    /// Largest response body read (notes lists can be long; anything above is cut off).
    static let maxResponseBytes = 4 << 20

    func send(_ method: String, _ url: String, headers: [(String, String)], body: Data?) async -> Outcome {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(body) }
        let millis = Int64((max(timeout, 0.001) * 1000).rounded())
        do {
            let response = try await client.execute(request, timeout: .milliseconds(millis))
            let buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
            let fields = response.headers.map { (name: $0.name, value: $0.value) }
            logger.debug("post-back http answer", metadata: [
                "screener.http.method": "\(method)", "screener.http.status": "\(response.status.code)",
            ])
            return .response(status: Int(response.status.code), headers: fields, body: Data(buffer.readableBytesView))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            logger.debug("post-back http timeout", metadata: ["screener.http.method": "\(method)"])
            return .failed(.retry(after: nil, reason: "transport: timeout"))
        } catch {
            logger.debug("post-back http failure", metadata: ["screener.http.error": "\(String(describing: type(of: error)))"])
            return .failed(PostBackResponse.transportFailure(error))
        }
    }

    /// `Authorization: Basic base64(user:password)`.
    static func basic(_ user: String, _ password: String = "") -> (String, String) {
        ("Authorization", "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
    }

    /// Percent-encodes one query or path value (RFC 3986 unreserved characters stay as they are).
    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    static let json: (String, String) = ("Content-Type", "application/json")
}
