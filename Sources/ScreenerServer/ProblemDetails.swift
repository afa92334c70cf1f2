import Foundation
import HTTPTypes
import Hummingbird
import ScreenerCore

/// An RFC 9457 problem document, answered as `application/problem+json`.
public struct ProblemDetails: Error, HTTPResponseError, Codable, Sendable {
    /// A URI reference naming the problem type: `/problems/<code>`.
    public var type: String
    public var title: String
    /// The HTTP status code, serialised as `status`.
    public var statusCode: Int
    public var detail: String
    public var code: String
    public var instance: String?
    /// Seconds, sent as a `Retry-After` header (not part of the JSON body).
    public var retryAfter: Int?

    enum CodingKeys: String, CodingKey { case type, title, statusCode = "status", detail, code, instance }

    public init(status: HTTPResponse.Status, code: String, title: String, detail: String, retryAfter: Int? = nil) {
        self.type = "/problems/\(code)"
        self.title = title
        self.statusCode = status.code
        self.detail = detail
        self.code = code
        self.retryAfter = retryAfter
    }

    public var status: HTTPResponse.Status { HTTPResponse.Status(code: statusCode) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let (headers, body) = rendered(instance: request.uri.path)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The response's headers and JSON body for a request to `instance`.
    func rendered(instance: String) -> (HTTPFields, Data) {
        var copy = self
        copy.instance = instance
        let body = (try? JSONEncoder.problem.encode(copy)) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let r = retryAfter { headers[.retryAfter] = String(r) }
        return (headers, body)
    }
}


extension ProblemDetails {
    /// Maps a `ScreenerError` to HTTP at the edge. A transient fault of ours is never 401/403/404/410,
    /// because some ATSs stop retrying after those: it is 503 with `Retry-After`.
    public init(_ error: ScreenerError) {
        switch error.code {
        case .badSignature, .staleTimestamp, .replayedToken:
            self.init(status: .unauthorized, code: error.code.rawValue, title: "Signature verification failed", detail: error.message)
        case .unknownIntegration:
            self.init(status: .notFound, code: error.code.rawValue, title: "Unknown integration", detail: error.message)
        case .notFound:
            self.init(status: .notFound, code: error.code.rawValue, title: "Not found", detail: error.message)
        case .malformedPayload, .invalidInput:
            self.init(status: .badRequest, code: error.code.rawValue, title: "Malformed request", detail: error.message)
        case .payloadTooLarge:
            self.init(status: .contentTooLarge, code: error.code.rawValue, title: "Payload too large", detail: error.message)
        case .unsupportedMediaType:
            self.init(status: .unsupportedMediaType, code: error.code.rawValue, title: "Unsupported media type", detail: error.message)
        case .conflict:
            self.init(status: .conflict, code: error.code.rawValue, title: "Conflict", detail: error.message)
        case .unauthorized:
            self.init(status: .unauthorized, code: error.code.rawValue, title: "Unauthorized", detail: error.message)
        case .forbidden:
            self.init(status: .forbidden, code: error.code.rawValue, title: "Forbidden", detail: error.message)
        case .rateLimited:
            self.init(status: .tooManyRequests, code: error.code.rawValue, title: "Too many requests", detail: error.message, retryAfter: 1)
        default:
            self.init(status: .serviceUnavailable, code: error.code.rawValue, title: "Service unavailable", detail: error.message, retryAfter: 5)
        }
    }
}

extension JSONEncoder {
    static let problem: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
}

/// Turns every error that escapes a handler into problem+json, so no route answers an HTML or plain
/// text error. Unknown errors become 500 without internal detail.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let p as ProblemDetails {
            return try p.response(from: request, context: context)
        } catch let e as ScreenerError {
            return try ProblemDetails(e).response(from: request, context: context)
        } catch let e as HTTPError {
            let status = e.status
            let code: String
            switch status {
            case .notFound: code = "not_found"
            case .contentTooLarge: code = "payload_too_large"
            case .methodNotAllowed: code = "method_not_allowed"
            default: code = "http_\(status.code)"
            }
            return try ProblemDetails(status: status, code: code, title: status.reasonPhrase, detail: e.body ?? status.reasonPhrase)
                .response(from: request, context: context)
        } catch {
            context.logger.error("unhandled error", metadata: ["screener.error.type": "\(type(of: error))"])
            return try ProblemDetails(status: .internalServerError, code: "internal_error", title: "Internal Server Error", detail: "an internal error occurred; it has been logged", retryAfter: 5)
                .response(from: request, context: context)
        }
    }
}
