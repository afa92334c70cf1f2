import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ScreenerCore

/// Gives every request an id: the caller's `X-Request-ID` when it is short and printable, otherwise a
/// new one. It is echoed in the response and added to the request logger as `screener.request.id`.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = Self.requestID(incoming: request.headers[.xRequestID])
        context.logger[metadataKey: "screener.request.id"] = .string(id)
        var response = try await next(request, context)
        response.headers[.xRequestID] = id
        return response
    }

    /// The caller's id when it is 1–128 printable characters of `[A-Za-z0-9._-]`, else a new one.
    static func requestID(incoming: String?) -> String {
        if let incoming, (1...128).contains(incoming.utf8.count),
           incoming.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }) {
            return incoming
        }
        return UUID.random().lowercasedString
    }
}

extension HTTPField.Name {
    static let xRequestID = Self("X-Request-ID")!
}
