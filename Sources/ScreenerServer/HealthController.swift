import Foundation
import HTTPTypes
import Hummingbird
import ScreenerCore

/// `/healthz` (the process answers), `/readyz` (the store answers and every migration is applied),
/// `/metrics` (Prometheus text) and `/openapi.yaml`.
struct HealthController<Context: RequestContext>: Sendable {
    let store: any ScreenerStore
    let metrics: ScreenerMetrics
    let openAPIDocument: String?

    func addRoutes(to router: Router<Context>) {
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        router.get("/readyz") { _, _ in
            do {
                try await store.ping()
                let pending = try await store.pendingMigrations()
                guard pending.isEmpty else {
                    throw ProblemDetails(status: .serviceUnavailable, code: "migrations_pending", title: "Not ready", detail: "migrations not applied: \(pending.joined(separator: ", "))", retryAfter: 5)
                }
            } catch let p as ProblemDetails {
                throw p
            } catch {
                throw ProblemDetails(status: .serviceUnavailable, code: "store_unavailable", title: "Not ready", detail: "the store does not answer", retryAfter: 5)
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ready"}"#)))
        }
        router.get("/metrics") { _, _ in
            if let depth = try? await store.queueDepth() { metrics.setQueueDepth(depth) }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.render()))
            )
        }
        router.get("/openapi.yaml") { _, _ in
            guard let doc = openAPIDocument else {
                throw ProblemDetails(status: .notFound, code: "not_found", title: "Not found", detail: "no OpenAPI document was loaded")
            }
            return Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(string: doc)))
        }
    }
}

/// Conservative security headers on every response.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var r = try await next(request, context)
        Self.apply(to: &r.headers)
        return r
    }

    /// The headers every response carries (the webhook fast path adds them too).
    static func apply(to headers: inout HTTPFields) {
        headers[.xContentTypeOptions] = "nosniff"
        headers[.cacheControl] = "no-store"
        headers[.xFrameOptions] = "DENY"
        headers[.referrerPolicy] = "no-referrer"
        // Reports are self-contained (inline CSS and SVG, no scripts): nothing else may load.
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
    }

}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let contentSecurityPolicy = Self("Content-Security-Policy")!
}
