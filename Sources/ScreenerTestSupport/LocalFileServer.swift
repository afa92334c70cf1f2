import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A small Hummingbird server on `127.0.0.1`, port 0 (the kernel picks), for fetch tests over
/// real loopback HTTP. Started and stopped by `LocalFileServer.run { server in … }`.
///
/// Built-in routes:
/// - `GET /files/{name}`: bytes put with `put(_:as:contentType:)` (with `Content-Length`), 404 if absent;
/// - `GET /redirect?to=URL[&status=302]`: a redirect to `to`;
/// - `GET /stream?bytes=N[&chunk=K]`: N bytes streamed in K-byte chunks, chunked, no `Content-Length`;
/// - `GET /stall`: never answers (until the server stops, at most 30 s);
/// - `GET /status/{code}`: an empty response with that status.
/// Every request is recorded (method, path, query, headers) for assertions. `configure` adds
/// routes (e.g. `FakeATSAPI.install`).
public final class LocalFileServer: Sendable {
    public struct RecordedRequest: Sendable, Equatable {
        public var method: String
        public var path: String
        public var query: String?
        /// Header names lower-cased; repeated headers joined with ", ".
        public var headers: [String: String]
    }

    /// Shared mutable state: served files, the request log, and the stop flag.
    public final class Store: Sendable {
        struct State {
            var files: [String: (Data, String)] = [:]
            var requests: [RecordedRequest] = []
            var stopped = false
        }
        let state = Mutex(State())

        public init() {}

        public func put(_ bytes: Data, as name: String, contentType: String = "application/pdf") {
            state.withLock { $0.files[name] = (bytes, contentType) }
        }

        public func file(_ name: String) -> (Data, String)? { state.withLock { $0.files[name] } }

        public var requests: [RecordedRequest] { state.withLock { $0.requests } }

        func record(_ r: RecordedRequest) { state.withLock { $0.requests.append(r) } }

        var stopped: Bool { state.withLock { $0.stopped } }

        func stop() { state.withLock { $0.stopped = true } }
    }

    public let port: Int
    public let store: Store

    init(port: Int, store: Store) {
        self.port = port
        self.store = store
    }

    /// `http://127.0.0.1:<port>`
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// `127.0.0.1:<port>`, the allow-list entry for this server.
    public var hostAndPort: String { "127.0.0.1:\(port)" }

    public func url(_ path: String) -> String { baseURL + path }

    public func put(_ bytes: Data, as name: String, contentType: String = "application/pdf") {
        store.put(bytes, as: name, contentType: contentType)
    }

    public var requests: [RecordedRequest] { store.requests }

    /// Starts a server, runs `body` with it, then stops it (also when `body` throws).
    public static func run<T>(
        configure: @Sendable (Router<BasicRequestContext>, Store) -> Void = { _, _ in },
        _ body: (LocalFileServer) async throws -> T
    ) async throws -> T {
        let store = Store()
        let router = Router()
        router.add(middleware: RecordingMiddleware(store: store))
        installBuiltInRoutes(router, store: store)
        configure(router, store)

        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "screener.test.fileserver")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                group.cancelAll()
                throw CancellationError()
            }
            let server = LocalFileServer(port: port, store: store)
            do {
                let result = try await body(server)
                store.stop()
                group.cancelAll()
                return result
            } catch {
                store.stop()
                group.cancelAll()
                throw error
            }
        }
    }

    static func installBuiltInRoutes(_ router: Router<BasicRequestContext>, store: Store) {
        router.get("/files/{name}") { _, context -> Response in
            guard let name = context.parameters.get("name"), let (bytes, type) = store.file(name) else {
                return Response(status: .notFound)
            }
            return Response(
                status: .ok, headers: [.contentType: type],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.get("/redirect") { request, _ -> Response in
            let target = request.uri.queryParameters.get("to") ?? "/"
            let code = request.uri.queryParameters.get("status").flatMap(Int.init) ?? 302
            return Response(status: .init(code: code), headers: [.location: target])
        }
        router.get("/stream") { request, _ -> Response in
            let total = request.uri.queryParameters.get("bytes").flatMap(Int.init) ?? 0
            let chunk = max(1, request.uri.queryParameters.get("chunk").flatMap(Int.init) ?? 16 * 1024)
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: ResponseBody { writer in
                var sent = 0
                while sent < total {
                    let n = min(chunk, total - sent)
                    try await writer.write(ByteBuffer(repeating: UInt8(ascii: "x"), count: n))
                    sent += n
                }
                try await writer.finish(nil)
            })
        }
        router.get("/stall") { _, _ -> Response in
            let start = ContinuousClock.now
            while !store.stopped, ContinuousClock.now - start < .seconds(30) {
                try await Task.sleep(for: .milliseconds(20))
            }
            return Response(status: .ok)
        }
        router.get("/status/{code}") { _, context -> Response in
            let code = context.parameters.get("code").flatMap(Int.init) ?? 500
            return Response(status: .init(code: code))
        }
    }

    struct RecordingMiddleware: RouterMiddleware {
        typealias Context = BasicRequestContext
        let store: Store

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            var headers: [String: String] = [:]
            for field in request.headers {
                let name = field.name.canonicalName
                headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
            }
            // HTTP/1 `Host` arrives as the request's authority.
            if headers["host"] == nil, let authority = request.head.authority { headers["host"] = authority }
            store.record(RecordedRequest(
                method: request.method.rawValue, path: request.uri.path,
                query: request.uri.query, headers: headers))
            return try await next(request, context)
        }
    }
}
