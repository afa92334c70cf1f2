import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// An in-process HTTP server on 127.0.0.1 (port 0, so the OS picks a free port) that speaks the
/// OpenAI wire format for `POST /v1/chat/completions` and `POST /v1/embeddings`.
///
/// It is scripted: each endpoint answers from a queue of `Reply` values, then repeats its default
/// reply. It records every request (path, selected headers, body) in order. Use it in a scope:
///
/// ```swift
/// try await FakeOpenAIServer.withServer { server in
///     await server.enqueue(.status(429, retryAfter: "0"), .chat(content: json))
///     … point a client at server.baseURL (`http://127.0.0.1:PORT/v1`) …
/// }
/// ```
public final class FakeOpenAIServer: Sendable {
    public enum Endpoint: String, Sendable { case chat = "chat/completions", embeddings }

    /// One scripted reply.
    public indirect enum Reply: Sendable {
        /// 200 with a `chat.completion` whose `choices[0].message.content` is `content`.
        case chat(content: String, promptTokens: Int = 100, completionTokens: Int = 20, model: String = "fake-model-2026-01-01")
        /// 200 with an embeddings list, one vector per input in order (`vectors` reused cyclically
        /// when there are more inputs than vectors).
        case embeddings([[Double]], promptTokens: Int = 10)
        /// 200 with vectors computed from the inputs.
        case embeddingsBy(@Sendable ([String]) -> [[Double]], promptTokens: Int = 10)
        /// An error status with the OpenAI error object and an optional `Retry-After`.
        case status(Int, retryAfter: String? = nil, type: String = "server_error", code: String? = nil)
        /// 200 with a body that is not JSON at all.
        case garbage
        /// Waits `seconds` (cancelled when the server stops), then sends `then`.
        case slow(seconds: Double, then: Reply)
    }

    /// One received request.
    public struct Recorded: Sendable {
        public var path: String
        public var authorization: String?
        public var apiKey: String?
        public var contentType: String?
        public var body: Data
        /// The body parsed as a JSON object (nil when it is not one).
        public var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    }

    actor State {
        var queues: [Endpoint: [Reply]] = [:]
        var defaults: [Endpoint: Reply] = [:]
        var recorded: [Recorded] = []
        func next(_ e: Endpoint) -> Reply {
            if var q = queues[e], !q.isEmpty {
                let r = q.removeFirst()
                queues[e] = q
                return r
            }
            return defaults[e] ?? .status(500, type: "server_error", code: "no_reply_scripted")
        }
        func record(_ r: Recorded) { recorded.append(r) }
        func enqueue(_ e: Endpoint, _ rs: [Reply]) { queues[e, default: []] += rs }
        func setDefault(_ e: Endpoint, _ r: Reply) { defaults[e] = r }
    }

    let state = State()
    let portBox = PortBox()

    final class PortBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Int?
        func set(_ p: Int) { lock.lock(); value = p; lock.unlock() }
        func get() -> Int? { lock.lock(); defer { lock.unlock() }; return value }
    }

    init() {}

    /// The bound port (valid inside `withServer`).
    public var port: Int { portBox.get() ?? 0 }
    /// `http://127.0.0.1:PORT/v1`.
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// Queues replies for an endpoint (default: chat).
    public func enqueue(_ replies: Reply..., for endpoint: Endpoint = .chat) async { await state.enqueue(endpoint, replies) }
    /// The reply given once the queue is empty.
    public func setDefault(_ reply: Reply, for endpoint: Endpoint = .chat) async { await state.setDefault(endpoint, reply) }
    /// Every request received so far, in order.
    public func requests() async -> [Recorded] { await state.recorded }
    public func requests(_ endpoint: Endpoint) async -> [Recorded] {
        await state.recorded.filter { $0.path.hasSuffix(endpoint.rawValue) }
    }

    /// Starts a server, runs `body`, then stops the server (cancelling any slow reply).
    public static func withServer<T: Sendable>(_ body: @Sendable (FakeOpenAIServer) async throws -> T) async throws -> T {
        let server = FakeOpenAIServer()
        let (started, startedCont) = AsyncStream<Int>.makeStream()
        let router = Router()
        router.post("/v1/chat/completions") { request, _ in try await server.handle(request, .chat) }
        router.post("/v1/embeddings") { request, _ in try await server.handle(request, .embeddings) }
        var logger = Logger(label: "fake-openai")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "fake-openai"),
            onServerRunning: { channel in
                server.portBox.set(channel.localAddress?.port ?? 0)
                startedCont.yield(channel.localAddress?.port ?? 0)
                startedCont.finish()
            },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                defer { startedCont.finish() }
                try await app.run()
                return nil
            }
            for await _ in started { break }
            guard server.portBox.get() != nil else {
                group.cancelAll()
                throw CancellationError()
            }
            let result: T
            do {
                result = try await body(server)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
            while let _ = try? await group.next() {}
            return result
        }
    }

    func handle(_ request: Request, _ endpoint: Endpoint) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: 16 << 20)
        let body = Data(buffer.readableBytesView)
        await state.record(Recorded(
            path: request.uri.path, authorization: request.headers[.authorization],
            apiKey: HTTPField.Name("api-key").flatMap { request.headers[$0] },
            contentType: request.headers[.contentType], body: body))
        let inputs = Self.inputs(body)
        return try await respond(await state.next(endpoint), inputs: inputs)
    }

    static func inputs(_ body: Data) -> [String] {
        guard let o = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else { return [] }
        if let a = o["input"] as? [String] { return a }
        if let s = o["input"] as? String { return [s] }
        return []
    }

    func respond(_ reply: Reply, inputs: [String]) async throws -> Response {
        switch reply {
        case let .chat(content, p, c, model):
            return Self.json(200, [
                "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": model,
                "choices": [["index": 0, "message": ["role": "assistant", "content": content], "finish_reason": "stop"] as [String: Any]],
                "usage": ["prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c],
            ])
        case let .embeddings(vectors, p):
            let data = inputs.indices.map { i in
                ["object": "embedding", "index": i, "embedding": vectors.isEmpty ? [] : vectors[i % vectors.count]] as [String: Any]
            }
            return Self.json(200, ["object": "list", "data": data, "model": "fake-embedding",
                                   "usage": ["prompt_tokens": p, "total_tokens": p]] as [String: Any])
        case let .embeddingsBy(f, p):
            let vectors = f(inputs)
            let data = vectors.enumerated().map { ["object": "embedding", "index": $0.offset, "embedding": $0.element] as [String: Any] }
            return Self.json(200, ["object": "list", "data": data, "model": "fake-embedding",
                                   "usage": ["prompt_tokens": p, "total_tokens": p]] as [String: Any])
        case let .status(code, retryAfter, type, errCode):
            var r = Self.json(code, ["error": ["message": "scripted error \(code)", "type": type, "param": NSNull(),
                                               "code": errCode.map { $0 as Any } ?? NSNull()] as [String: Any]])
            if let ra = retryAfter, let name = HTTPField.Name("Retry-After") { r.headers[name] = ra }
            return r
        case .garbage:
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: "{\"choices\": [oops")))
        case let .slow(seconds, then):
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            return try await respond(then, inputs: inputs)
        }
    }

    static func json(_ status: Int, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return Response(status: .init(code: status), headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
