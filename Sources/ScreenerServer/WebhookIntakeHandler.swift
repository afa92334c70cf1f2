import ATSIntegration
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOHTTPTypes
import Logging
import NIOCore
import ScreenerCore

/// The intake fast path: webhook deliveries answered from the HTTP event loop.
///
/// It sits in each connection's channel pipeline after HTTP decoding and before Hummingbird's
/// router. A `POST /v1/webhooks/{integration}` for a configured integration, with a
/// `Content-Length` within the cap, is collected here; if it verifies and its row commits, the 2xx
/// goes out from the event loop once the batch's commit completes: no task, no request/response
/// bridging, no per-request timer task. Everything else is forwarded to the router untouched, and
/// so is a delivery the fast path would refuse (bad signature, wrong content type, malformed JSON,
/// a handshake, a replayed token) or could not store: the router's `WebhookController` then answers
/// it with the problem document, log line and metrics it always has. So the fast path only ever
/// answers "stored" or "duplicate", with the same status, body and headers as the router.
///
/// HTTP/1.1 ordering holds: a request is taken only while the router owes no response on this
/// connection, requests pipelined behind one in flight here wait until its answer is written, and
/// a close (graceful shutdown) waits for the answer in flight. The route's time limit
/// (`server.timeouts.webhooks`) covers the body upload and the commit: past it the client gets the
/// same 503 `request_timeout` as from the router.
final class WebhookIntakeHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// What every connection's handler shares: the router's intake settings, plus the logger and
    /// the route's time limit (which the router gets from `RequestTimeoutMiddleware`).
    struct Shared: Sendable {
        let intake: WebhookController<ScreenerRequestContext>
        let logger: Logger
        let timeLimit: Double
        /// The integrations by name (each a class instance: a request holds a reference).
        let targets: [String: Integrations.Resolved]

        init(intake: WebhookController<ScreenerRequestContext>, logger: Logger, timeLimit: Double) {
            self.intake = intake
            self.logger = logger
            self.timeLimit = timeLimit
            self.targets = intake.integrations.byName
        }
    }

    /// A class, not a struct: the handler checks and updates it on every part, and copying a
    /// struct of this size (request head, integration, buffer) showed up in profiles.
    private final class Intake {
        let head: HTTPRequest
        let target: Integrations.Resolved
        var body: ByteBuffer
        let started: UInt64
        var committing = false
        var timer: Scheduled<Void>?
        let generation: Int

        init(head: HTTPRequest, target: Integrations.Resolved, body: ByteBuffer, started: UInt64, generation: Int) {
            self.head = head
            self.target = target
            self.body = body
            self.started = started
            self.generation = generation
        }
    }

    private let shared: Shared
    /// The delivery being collected or committed here, if any.
    private var current: Intake?
    private var generation = 0
    /// Requests handed to the router whose response has not been written out yet.
    private var routerOwes = 0
    /// Parts that arrived (pipelined) while a delivery here was committing.
    private var queued: [HTTPRequestPart] = []
    private var closeWaiting: (mode: CloseMode, promise: EventLoopPromise<Void>?)?
    private var dateSecond = 0
    private var dateValue = ""

    init(_ shared: Shared) {
        self.shared = shared
    }

    // MARK: inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if current?.committing == true || !queued.isEmpty {
            queued.append(part)
            return
        }
        handle(part, context: context)
    }

    private func handle(_ part: HTTPRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head(let head):
            if routerOwes == 0, let intake = take(head) {
                current = intake
                startTimer(context: context)
            } else {
                routerOwes += 1
                context.fireChannelRead(wrapInboundOut(part))
            }
        case .body(var chunk):
            if let intake = current {
                // A body in one part (the usual case) is kept as it came, without a copy.
                if intake.body.readableBytes == 0 { intake.body = chunk } else { intake.body.writeBuffer(&chunk) }
            } else {
                context.fireChannelRead(wrapInboundOut(part))
            }
        case .end:
            if current != nil {
                commit(context: context)
            } else {
                context.fireChannelRead(wrapInboundOut(part))
            }
        }
    }

    /// A delivery this path may take: POST to a configured integration with a known length within
    /// the cap, nothing that needs the router's handling of the connection or the body.
    private func take(_ head: HTTPRequest) -> Intake? {
        guard head.method == .post, let path = head.path, path.utf8.starts(with: "/v1/webhooks/".utf8) else { return nil }
        let name = path.dropFirst("/v1/webhooks/".count)
        guard !name.isEmpty, !name.utf8.contains(where: { $0 == 0x2F || $0 == 0x3F || $0 == 0x25 }),
              let target = shared.targets[String(name)] else { return nil }
        let fields = head.headerFields
        guard let length = fields[.contentLength].flatMap({ Int($0) }), length >= 0, length <= shared.intake.maxBodyBytes,
              fields[.transferEncoding] == nil, fields[.expect] == nil, fields[.connection] != "close" else { return nil }
        generation &+= 1
        return Intake(
            head: head, target: target, body: ByteBuffer(), started: DispatchTime.now().uptimeNanoseconds,
            generation: generation)
    }

    /// Verifies and stores the collected delivery, or hands it to the router.
    private func commit(context: ChannelHandlerContext) {
        guard let intake = current else { return }
        let body = Data(buffer: intake.body)
        guard case .accept(let delivery)? = try? WebhookController<ScreenerRequestContext>.decide(
            integration: intake.target, fields: intake.head.headerFields, body: body) else {
            return forwardToRouter(context: context)
        }
        intake.committing = true
        let event = shared.intake.rawEvent(delivery, integration: intake.target, body: body)
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        let generation = intake.generation
        shared.intake.store.recordDelivery(event) { result in
            loop.execute {
                let (handler, context) = bound.value
                handler.committed(result, delivery: delivery, generation: generation, context: context)
            }
        }
    }

    private func committed(_ result: Result<RecordOutcome, any Error>, delivery: AcceptedDelivery, generation: Int, context: ChannelHandlerContext) {
        guard let intake = current, intake.generation == generation else { return }  // answered by the time limit
        guard case .success(let outcome) = result else {
            // The router tries the store again and answers its error (503 with Retry-After).
            return forwardToRouter(context: context)
        }
        let duplicate = outcome.isDuplicate
        if duplicate && delivery.replayProtected {
            return forwardToRouter(context: context)  // the router refuses the replay (401)
        }
        let name = intake.target.name
        shared.intake.metrics.delivery(integration: name, outcome: duplicate ? "duplicate" : "stored")
        shared.intake.metrics.intakeDuration(integration: name, nanoseconds: DispatchTime.now().uptimeNanoseconds - intake.started)
        if shared.logger.logLevel <= .debug {
            shared.logger.debug("webhook stored", metadata: [
                "screener.event.id": "\(outcome.eventID)", "screener.integration": "\(name)", "screener.duplicate": "\(duplicate)",
            ])
        }
        let body = ByteBuffer(string: WebhookController<ScreenerRequestContext>.acceptedJSON(outcome))
        var headers = Self.acceptedHeaders
        headers[Self.requestIDIndex] = HTTPField(
            name: .xRequestID, value: RequestIDMiddleware<ScreenerRequestContext>.requestID(incoming: intake.head.headerFields[.xRequestID]))
        headers[Self.lengthIndex] = HTTPField(name: .contentLength, value: String(body.readableBytes))
        headers[Self.dateIndex] = HTTPField(name: .date, value: httpDate())
        send(status: .init(code: delivery.successStatus), headers: headers, body: body, context: context)
    }

    /// The header block of a stored or duplicate answer, in the order `respond` writes it (content
    /// type, request id, security headers, length, date, server), built once: an answer fills in
    /// three values instead of inserting ten fields.
    private static let acceptedHeaders: HTTPFields = {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[.xRequestID] = "-"
        SecurityHeadersMiddleware<ScreenerRequestContext>.apply(to: &headers)
        headers[.contentLength] = "0"
        headers[.date] = "-"
        headers[.server] = "screener"
        return headers
    }()
    private static let requestIDIndex = acceptedHeaders.firstIndex { $0.name == .xRequestID }!
    private static let lengthIndex = acceptedHeaders.firstIndex { $0.name == .contentLength }!
    private static let dateIndex = acceptedHeaders.firstIndex { $0.name == .date }!

    /// Replays the collected request to the router.
    private func forwardToRouter(context: ChannelHandlerContext) {
        guard let intake = current else { return }
        intake.timer?.cancel()
        current = nil
        routerOwes += 1
        context.fireChannelRead(wrapInboundOut(.head(intake.head)))
        if intake.body.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(.body(intake.body)))
        }
        context.fireChannelRead(wrapInboundOut(.end(nil)))
        // Outside a read (after a commit) the async channel only takes parts at a read-complete.
        context.fireChannelReadComplete()
        drainQueued(context: context)
    }

    private func startTimer(context: ChannelHandlerContext) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let generation = generation
        current?.timer = context.eventLoop.scheduleTask(in: .milliseconds(Int64(shared.timeLimit * 1000))) {
            let (handler, context) = bound.value
            handler.timedOut(generation: generation, context: context)
        }
    }

    private func timedOut(generation: Int, context: ChannelHandlerContext) {
        guard let intake = current, intake.generation == generation else { return }
        let problem = RequestTimeoutMiddleware<ScreenerRequestContext>.problem(limit: shared.timeLimit)
        var (headers, body) = problem.rendered(instance: intake.head.path.map { String($0.prefix { $0 != "?" }) } ?? "/")
        shared.intake.metrics.delivery(integration: intake.target.name, outcome: "request_timeout")
        // A body still arriving cannot be skipped safely: the connection closes after the answer.
        let closing = !intake.committing
        if closing { headers[.connection] = "close" }
        // `respond` clears `current`: a commit that completes later finds another generation, and
        // is deduplicated on redelivery.
        respond(status: problem.status, headers: &headers, body: ByteBuffer(bytes: body), context: context)
        if closing { context.close(promise: nil) }
    }

    // MARK: outbound

    /// Writes the answer to the delivery in flight here, with the headers the router's middleware
    /// adds (request id, security headers, date, server), then lets waiting work continue.
    private func respond(status: HTTPResponse.Status, headers: inout HTTPFields, body: ByteBuffer, context: ChannelHandlerContext) {
        guard let intake = current else { return }
        headers[.xRequestID] = RequestIDMiddleware<ScreenerRequestContext>.requestID(incoming: intake.head.headerFields[.xRequestID])
        SecurityHeadersMiddleware<ScreenerRequestContext>.apply(to: &headers)
        headers[.contentLength] = String(body.readableBytes)
        headers[.date] = httpDate()
        headers[.server] = "screener"
        send(status: status, headers: headers, body: body, context: context)
    }

    /// Writes a complete answer to the delivery in flight here, then lets waiting work continue.
    private func send(status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer, context: ChannelHandlerContext) {
        guard let intake = current else { return }
        intake.timer?.cancel()
        current = nil
        context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        if let waiting = closeWaiting {
            closeWaiting = nil
            context.close(mode: waiting.mode, promise: waiting.promise)
            return
        }
        drainQueued(context: context)
    }

    private func drainQueued(context: ChannelHandlerContext) {
        guard !queued.isEmpty else { return }
        while !queued.isEmpty && current?.committing != true {
            handle(queued.removeFirst(), context: context)
        }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { routerOwes = max(0, routerOwes - 1) }
        context.write(data, promise: promise)
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        // Graceful shutdown closes idle connections; one with a delivery in flight here closes
        // after its answer (the time limit bounds the wait).
        if mode == .all, current != nil, closeWaiting == nil {
            closeWaiting = (mode, promise)
            return
        }
        context.close(mode: mode, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        current?.timer?.cancel()
        current = nil
        queued.removeAll()
        if let waiting = closeWaiting {
            closeWaiting = nil
            waiting.promise?.succeed()
        }
        context.fireChannelInactive()
    }

    /// RFC 9110 IMF-fixdate, formatted at most once a second per connection.
    private func httpDate() -> String {
        var now = time(nil)
        if Int(now) != dateSecond || dateValue.isEmpty {
            var parts = tm()
            gmtime_r(&now, &parts)
            let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
            dateValue = "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
                + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
            dateSecond = Int(now)
        }
        return dateValue
    }
}
