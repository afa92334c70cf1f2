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
        let incoming = request.headers[.xRequestID]
        let id: String
        if let incoming, (1...128).contains(incoming.count), incoming.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) {
            id = incoming
        } else {
            id = UUID.random().lowercasedString
        }
        context.logger[metadataKey: "screener.request.id"] = .string(id)
        var response = try await next(request, context)
        response.headers[.xRequestID] = id
        return response
    }
}

extension HTTPField.Name {
    static let xRequestID = Self("X-Request-ID")!
}
