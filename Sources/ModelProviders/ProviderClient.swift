import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ScreenerCore

/// Posts JSON to an OpenAI-compatible endpoint with a per-request timeout and bounded retries
/// (`RetryPolicy`): HTTP 408/429/5xx, timeouts and connection errors are retried, honouring
/// `Retry-After`; any other non-2xx status fails at once with `model_failed`. Errors carry only the
/// status, the provider's error `type`/`code` and the attempt count: never the request body, the
/// provider's free-text message (it may echo input) or the key.
public struct ProviderClient: Sendable {
    public typealias Sleeper = @Sendable (Duration) async throws -> Void

    public let endpoint: ProviderEndpoint
    public let http: HTTPClient
    public let logger: Logger
    /// Waits between attempts; tests inject one that records the delays.
    public let sleep: Sleeper
    /// Largest reply body accepted.
    public var maxResponseBytes = 8 << 20

    public init(endpoint: ProviderEndpoint, http: HTTPClient = .shared, logger: Logger = Logger(label: "screener.models"), sleep: @escaping Sleeper = { try await Task.sleep(for: $0) }) {
        self.endpoint = endpoint
        self.http = http
        self.logger = logger
        self.sleep = sleep
    }

    /// A successful (2xx) reply body and how many attempts it took.
    public struct Reply: Sendable {
        public var body: Data
        public var attempts: Int
    }

    /// The provider's error envelope `{"error": {"message", "type", "code"}}`.
    struct ErrorEnvelope: Decodable {
        struct Inner: Decodable {
            var type: String?
            var code: String?
            enum CodingKeys: String, CodingKey { case type, code }
            init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                type = try? c.decodeIfPresent(String.self, forKey: .type)
                if let s = try? c.decodeIfPresent(String.self, forKey: .code) { code = s }
                else if let i = try? c.decodeIfPresent(Int.self, forKey: .code) { code = String(i) }
                else { code = nil }
            }
        }
        var error: Inner
    }

    static func isRetryable(status: Int) -> Bool { status == 408 || status == 429 || (500...599).contains(status) }

    /// POSTs `body` (JSON) to `endpoint.url(path)`.
    public func post(_ path: String, body: Data) async throws -> Reply {
        var request = HTTPClientRequest(url: endpoint.url(path))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        if let key = endpoint.apiKey, !key.isEmpty {
            switch endpoint.keyStyle {
            case .bearer: request.headers.add(name: "Authorization", value: "Bearer \(key)")
            case .apiKey: request.headers.add(name: "api-key", value: key)
            }
        }
        let timeout = TimeAmount.nanoseconds(Int64(endpoint.timeout.components.seconds) * 1_000_000_000 + endpoint.timeout.components.attoseconds / 1_000_000_000)
        var lastFailure = "no attempt made"
        var allTimeouts = true
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            request.body = .bytes(ByteBuffer(bytes: body))
            var retryAfter: Duration? = nil
            do {
                let response = try await http.execute(request, timeout: timeout, logger: logger)
                let buffer = try await response.body.collect(upTo: maxResponseBytes)
                let data = Data(buffer.readableBytesView)
                let status = Int(response.status.code)
                if (200..<300).contains(status) { return Reply(body: data, attempts: attempt) }
                allTimeouts = false
                let env = try? JSONDecoder().decode(ErrorEnvelope.self, from: data)
                let detail = [env?.error.type, env?.error.code].compactMap { $0 }.joined(separator: "/")
                lastFailure = "HTTP \(status)" + (detail.isEmpty ? "" : " (\(detail))")
                logger.debug("model provider replied with an error", metadata: [
                    "screener.model.status": "\(status)", "screener.model.attempt": "\(attempt)"])
                guard Self.isRetryable(status: status) else {
                    throw ScreenerError(.modelFailed, "model provider refused the request: \(lastFailure)")
                }
                retryAfter = RetryPolicy.parseRetryAfter(response.headers.first(name: "Retry-After"))
            } catch let e as ScreenerError {
                throw e
            } catch is CancellationError {
                throw CancellationError()
            } catch let e as HTTPClientError where e == .deadlineExceeded || e == .readTimeout || e == .connectTimeout {
                lastFailure = "timed out after \(endpoint.timeout)"
                logger.debug("model provider timed out", metadata: ["screener.model.attempt": "\(attempt)"])
            } catch {
                allTimeouts = false
                lastFailure = "transport error (\(type(of: error)))"
                logger.debug("model provider transport error", metadata: [
                    "screener.model.attempt": "\(attempt)", "screener.model.error": "\(type(of: error))"])
            }
            guard let wait = endpoint.retry.delay(afterAttempt: attempt, retryAfter: retryAfter) else {
                let message = "model provider failed after \(attempt) attempt(s): \(lastFailure)"
                throw ScreenerError(allTimeouts ? .modelTimeout : .modelFailed, message)
            }
            try await sleep(wait)
        }
    }
}
