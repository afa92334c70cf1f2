import Foundation
import Hummingbird
import Logging
import Synchronization

/// One in-process HTTP server on `127.0.0.1` (a free port) that speaks the wire formats Screener's
/// post-back writers use — Standard Webhooks callbacks, Greenhouse Harvest v3 (OAuth token and
/// notes), Lever (opportunity notes and tags) and Ashby (`candidate.*` RPCs) — and records every
/// request it receives.
///
/// Each route can be scripted: `script(.leverCreateNote, .reply(status: 503), .reply(status: 503))`
/// answers the next two requests with 503 (no side effect) and then behaves normally;
/// `.lostResponse` performs the side effect (stores the note) and then never answers, so the
/// client times out exactly as after a lost 200. Notes stored by the fake are returned by its list
/// routes, so a writer's "was it already posted?" check works against it.
///
/// Routes (paths relative to `baseURL`):
/// | route | method and path |
/// |---|---|
/// | standardCallback | `POST /standard/callback` |
/// | greenhouseToken | `POST /token` (Basic client id:secret, form `grant_type=client_credentials`) |
/// | greenhouseCreateNote / greenhouseListNotes | `POST /v3/notes`, `GET /v3/notes?candidate_ids=` (Bearer) |
/// | leverCreateNote / leverListNotes / leverAddTags | `POST`/`GET /v1/opportunities/:id/notes`, `POST /v1/opportunities/:id/addTags` (Basic key) |
/// | ashbyCreateNote / ashbyListNotes / ashbyAddTag | `POST /candidate.createNote`, `/candidate.listNotes`, `/candidate.addTag` (Basic key) |
public final class FakeATS: Sendable {
    public enum Route: String, Sendable, CaseIterable {
        case standardCallback, greenhouseToken, greenhouseCreateNote, greenhouseListNotes
        case greenhouseListTags, greenhouseCreateTag, greenhouseListAppliedTags, greenhouseApplyTag
        case leverCreateNote, leverListNotes, leverAddTags
        case ashbyCreateNote, ashbyListNotes, ashbyAddTag
    }

    /// What the fake does with one request on a route.
    public enum Behaviour: Sendable, Equatable {
        /// Answer this status, headers and body (default `{"error":"scripted <status>"}`), with no side effect.
        case reply(status: Int, headers: [String: String] = [:], body: String? = nil)
        /// Do the side effect, then never answer (until the fake stops).
        case lostResponse
    }

    /// The credentials the fake accepts.
    public struct Credentials: Sendable {
        public var greenhouseClientID = "gh-client"
        public var greenhouseClientSecret = "gh-secret"
        public var leverAPIKey = "lever-key"
        public var ashbyAPIKey = "ashby-key"
        /// `expires_in` of issued Greenhouse tokens, in seconds.
        public var tokenLifetime = 3600
        public init() {}
    }

    public struct RecordedRequest: Sendable {
        public var route: Route
        public var method: String
        public var path: String
        public var query: String
        /// Header names lowercased.
        public var headers: [String: String]
        public var body: Data
        /// The status answered, or `nil` for a lost response.
        public var status: Int?
        /// When the request's body had arrived (for latency benchmarks).
        public var receivedAt: Date = Date()
    }

    public struct StoredNote: Sendable, Equatable {
        public var id: String
        /// Greenhouse candidate id, Lever opportunity id or Ashby candidate id.
        public var owner: String
        public var text: String
    }

    struct State {
        var scripts: [Route: [Behaviour]] = [:]
        var requests: [RecordedRequest] = []
        var notes: [StoredNote] = []
        var tags: [String: [String]] = [:]
        /// Greenhouse's tag dictionary (id → name); applied tags go to `tags` by candidate, by name.
        var greenhouseTagNames: [Int: String] = [:]
        var pendingGreenhouseTag: (Int, String)?
        var validTokens: Set<String> = []
        var tokensIssued = 0
        var nextID = 1
        var stopped = false
        var port: Int?
    }

    let state = Mutex(State())
    public let credentials: Credentials
    let task: Mutex<Task<Void, any Error>?> = Mutex(nil)

    init(credentials: Credentials) { self.credentials = credentials }

    /// Starts the server and waits until it listens.
    public static func start(credentials: Credentials = Credentials()) async throws -> FakeATS {
        let fake = FakeATS(credentials: credentials)
        let router = Router()
        fake.addRoutes(to: router)
        var logger = Logger(label: "fake-ats")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port
                fake.state.withLock { $0.port = port }
            },
            logger: logger
        )
        let task = Task { try await app.runService() }
        fake.task.withLock { $0 = task }
        for _ in 0..<1000 {
            if fake.state.withLock({ $0.port }) != nil { return fake }
            try await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        throw FakeATSError.didNotStart
    }

    enum FakeATSError: Error { case didNotStart }

    /// Stops the server; requests held by `.lostResponse` are released first.
    public func stop() async {
        state.withLock { $0.stopped = true }
        let task = self.task.withLock { t -> Task<Void, any Error>? in defer { t = nil }; return t }
        task?.cancel()
        _ = await task?.result
    }

    public var port: Int { state.withLock { $0.port ?? 0 } }
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var standardCallbackURL: String { baseURL + "/standard/callback" }
    public var greenhouseBaseURL: String { baseURL }
    public var greenhouseTokenURL: String { baseURL + "/token" }
    public var leverBaseURL: String { baseURL + "/v1" }
    public var ashbyBaseURL: String { baseURL }

    /// Queues behaviours for the next requests on `route`; after they are used up it behaves normally.
    public func script(_ route: Route, _ behaviours: Behaviour...) {
        state.withLock { $0.scripts[route, default: []].append(contentsOf: behaviours) }
    }

    /// Every request received, in order (optionally only one route's).
    public func requests(_ route: Route? = nil) -> [RecordedRequest] {
        state.withLock { s in route.map { r in s.requests.filter { $0.route == r } } ?? s.requests }
    }

    /// The notes stored for one candidate / opportunity, oldest first.
    public func notes(for owner: String) -> [StoredNote] {
        state.withLock { s in s.notes.filter { $0.owner == owner } }
    }

    /// Tags (Lever names, Ashby ids) on one opportunity / candidate.
    public func tags(for owner: String) -> [String] { state.withLock { $0.tags[owner] ?? [] } }

    /// Puts a tag in Greenhouse's tag dictionary, as if an admin had created it.
    public func addGreenhouseTag(id: Int, name: String) { state.withLock { $0.greenhouseTagNames[id] = name } }

    /// Adds a tag to the dictionary right after the next tag listing is answered, as if another
    /// client created it in between (for the duplicate-create race).
    public func addGreenhouseTagAfterFirstList(id: Int, name: String) { state.withLock { $0.pendingGreenhouseTag = (id, name) } }

    /// Greenhouse tokens issued so far.
    public var tokensIssued: Int { state.withLock { $0.tokensIssued } }

    /// Makes every issued Greenhouse token invalid (the next API call answers 401).
    public func revokeTokens() { state.withLock { $0.validTokens.removeAll() } }
}
