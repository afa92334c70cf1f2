import ATSIntegration
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ScreenerCore

/// `POST /v1/webhooks/{integration}`: verify over the raw bytes, store event + work item in one
/// transaction, and answer only after the commit.
struct WebhookController<Context: RequestContext>: Sendable {
    let integrations: Integrations
    let store: any ScreenerStore
    let clock: any ScreenerClock
    let metrics: ScreenerMetrics
    let maxBodyBytes: Int
    let maxAttempts: Int

    init(integrations: Integrations, store: any ScreenerStore, clock: any ScreenerClock, metrics: ScreenerMetrics, maxBodyBytes: Int, maxAttempts: Int) {
        self.integrations = integrations
        self.store = store
        self.clock = clock
        self.metrics = metrics
        self.maxBodyBytes = maxBodyBytes
        self.maxAttempts = maxAttempts
    }

    /// The service's intake settings.
    init(_ deps: ScreenerDependencies) {
        self.init(
            integrations: deps.integrations, store: deps.store, clock: deps.clock, metrics: deps.metrics,
            maxBodyBytes: deps.configuration.server.maxBodyBytes, maxAttempts: deps.configuration.workers.maxAttempts)
    }

    func addRoutes(to router: Router<Context>) {
        router.post("/v1/webhooks/:integration") { request, context in
            try await self.receive(request, context: context)
        }
    }

    func receive(_ request: Request, context: Context) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let name = context.parameters.get("integration") ?? ""
        guard let integration = integrations[name] else {
            throw ScreenerError(.unknownIntegration, "no integration is configured under that name")
        }
        var outcome = "error"
        defer {
            metrics.delivery(integration: name, outcome: outcome)
            metrics.intakeDuration(integration: name, nanoseconds: DispatchTime.now().uptimeNanoseconds - started)
        }
        do {
            let response = try await handle(request, integration: integration, context: context, outcome: &outcome)
            return response
        } catch let e as ScreenerError {
            outcome = e.code.rawValue
            if e.code == .badSignature || e.code == .staleTimestamp || e.code == .replayedToken {
                context.logger.notice("webhook refused", metadata: ["screener.integration": "\(name)", "screener.reason": "\(e.code.rawValue)"])
            }
            throw e
        }
    }

    private func handle(_ request: Request, integration: Integrations.Resolved, context: Context, outcome: inout String) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            throw ScreenerError(.payloadTooLarge, "the body is \(length) bytes; the limit is \(maxBodyBytes)")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBodyBytes)
        } catch let e as HTTPError where e.status == .contentTooLarge {
            throw ScreenerError(.payloadTooLarge, "the body exceeds the limit of \(maxBodyBytes) bytes")
        }
        let body = Data(buffer: buffer)
        switch try Self.decide(integration: integration, fields: request.headers, body: body) {
        case .respond(let status, let extra, let data):
            outcome = "handshake"
            var fields = HTTPFields()
            for (k, v) in extra { if let n = HTTPField.Name(k) { fields[n] = v } }
            if !data.isEmpty, fields[.contentType] == nil { fields[.contentType] = "application/json" }
            return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        case .accept(let delivery):
            let result = try await store.recordDelivery(rawEvent(delivery, integration: integration, body: body))
            if result.isDuplicate, delivery.replayProtected {
                throw ScreenerError(.replayedToken, "this delivery token was seen before; a replay is refused")
            }
            let duplicate = result.isDuplicate
            outcome = duplicate ? "duplicate" : "stored"
            context.logger.debug("webhook stored", metadata: [
                "screener.event.id": "\(result.eventID)", "screener.integration": "\(integration.name)",
                "screener.duplicate": "\(duplicate)",
            ])
            return Response(
                status: .init(code: delivery.successStatus),
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: Self.acceptedJSON(result)))
            )
        }
    }

    /// The fields by lowercase name, repeated fields joined with ", " (`canonicalName` is lowercase,
    /// so the verifier takes the names as they are).
    static func lowercasedHeaders(_ fields: HTTPFields) -> [String: String] {
        var headers: [String: String] = [:]
        headers.reserveCapacity(fields.count)
        for field in fields {
            let key = field.name.canonicalName
            if let existing = headers[key] {
                headers[key] = existing + ", " + field.value
            } else {
                headers[key] = field.value
            }
        }
        return headers
    }

    /// Content type, then the profile's signature scheme, over the body as received (both intake
    /// paths; the fast path hands a refusal to the router, which throws it from here again).
    static func decide(integration: Integrations.Resolved, fields: HTTPFields, body: Data) throws -> IntakeDecision {
        let contentType = fields[.contentType]
        if !body.isEmpty || contentType != nil {
            guard let contentType, isJSON(contentType) else {
                throw ScreenerError(.unsupportedMediaType, "webhooks must be sent as application/json (got \(contentType.map { String($0.prefix(80)) } ?? "no Content-Type"))")
            }
        }
        return try integration.verifier.verify(InboundWebhook(lowercasedHeaders: lowercasedHeaders(fields), body: body))
    }

    /// The row a verified delivery is stored as.
    func rawEvent(_ delivery: AcceptedDelivery, integration: Integrations.Resolved, body: Data) -> NewRawEvent {
        NewRawEvent(
            integration: integration.name, profile: integration.profile.name, dedupeKey: delivery.dedupeKey,
            eventType: delivery.eventType, headers: delivery.auditHeaders, body: body,
            receivedAt: clock.now(), maxAttempts: maxAttempts)
    }

    /// The body of a 2xx answer to a stored or deduplicated delivery.
    static func acceptedJSON(_ result: RecordOutcome) -> String {
        #"{"eventId":"\#(result.eventID)","duplicate":\#(result.isDuplicate)}"#
    }

    static func isJSON(_ contentType: String) -> Bool {
        if contentType == "application/json" { return true }
        let mime = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return mime == "application/json" || (mime.hasPrefix("application/") && mime.hasSuffix("+json"))
    }
}
