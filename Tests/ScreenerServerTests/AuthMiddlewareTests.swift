import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ScreenerCore
@testable import ScreenerServer
import ScreenerTestSupport
import Storage
import Testing

/// Bearer/Basic authentication, role boundaries and rate limits through a router, in process, on a
/// real SQLite store (issue 7).
@Suite("Auth: middleware through the router")
struct AuthMiddlewareTests {
    /// The test router's groups: one per role, each allowing exactly that role; `ats` also accepts
    /// HTTP Basic as Greenhouse sends it. `/shared` allows recruiter and compliance.
    static let groups: [(path: String, roles: Set<AccessRole>)] = [
        ("recruiter", [.recruiter]), ("compliance", [.compliance]), ("admin", [.admin]), ("ats", [.ats]),
        ("shared", [.recruiter, .compliance]),
    ]

    let dir: TemporaryDirectory
    let store: SQLiteStore
    let clock = MutableClock(Date(timeIntervalSince1970: 1_800_000_000))

    init() async throws {
        dir = try TemporaryDirectory()
        store = try SQLiteStore(path: dir.path("screener.sqlite"))
        try await store.migrate()
    }

    func router(limiter: TokenRateLimiter? = nil) -> Router<AuthRequestContext> {
        let router = Router(context: AuthRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.get("/healthz") { _, _ in "ok" }
        let logging = AccessLogging(store: store, clock: clock)
        for g in Self.groups {
            router.group(RouterPath(g.path))
                .add(middleware: BearerAuthMiddleware(store: store, clock: clock, rateLimiter: limiter, acceptBasicForATS: g.path == "ats"))
                .add(middleware: RequireRole(g.roles))
                .get("whoami") { _, context -> String in
                    try await logging.record(context, .read, .candidate, id: "cand-42")
                    return context.principal?.role.rawValue ?? "none"
                }
        }
        return router
    }

    func token(_ role: AccessRole, expiresAt: Date? = nil) async throws -> (AccessToken, String) {
        try await store.createToken(name: "\(role.rawValue) test", role: role, expiresAt: expiresAt, now: clock.now())
    }

    static func bearer(_ secret: String) -> HTTPFields { [.authorization: "Bearer \(secret)"] }
    static func basic(_ user: String, _ password: String = "") -> HTTPFields {
        [.authorization: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
    }

    static func problem(_ r: TestResponse) throws -> [String: Any] {
        #expect(r.headers[.contentType] == "application/problem+json")
        return try #require(JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any])
    }

    @Test("every role against every group: allowed roles get 200 and their role back, others 403 problem+json", arguments: AccessRole.allCases)
    func roleMatrix(role: AccessRole) async throws {
        // Given a token of `role`
        let (_, secret) = try await token(role)
        try await Application(router: router()).test(.router) { client in
            for g in Self.groups {
                // When it calls each group with a bearer token
                try await client.execute(uri: "/\(g.path)/whoami", method: .get, headers: Self.bearer(secret)) { r in
                    // Then only the group's roles pass
                    if g.roles.contains(role) {
                        #expect(r.status == .ok, "\(role) on /\(g.path)")
                        #expect(String(buffer: r.body) == role.rawValue)
                    } else {
                        #expect(r.status == .forbidden, "\(role) on /\(g.path)")
                        let p = try Self.problem(r)
                        #expect(p["code"] as? String == "forbidden")
                        #expect(p["status"] as? Int == 403)
                    }
                }
            }
        }
        // And each allowed call was access-logged under the token, never a denied one
        let allowed = Self.groups.filter { $0.roles.contains(role) }.count
        let log = try await store.accessLog(since: nil, limit: 100)
        #expect(log.count == allowed)
        #expect(log.allSatisfy { $0.role == role && $0.resourceType == .candidate && $0.resourceID == "cand-42" })
    }

    @Test("no or a malformed Authorization header → 401 problem+json with WWW-Authenticate: Bearer", arguments: [
        nil, "Bearer", "Bearer ", "Token abc", "Bearer a b", "bearer scr_not_a_token", "Basic !!!",
    ] as [String?])
    func missingOrMalformed(header: String?) async throws {
        let (_, secret) = try await token(.recruiter)
        _ = secret
        try await Application(router: router()).test(.router) { client in
            var headers = HTTPFields()
            if let header { headers[.authorization] = header }
            try await client.execute(uri: "/recruiter/whoami", method: .get, headers: headers) { r in
                #expect(r.status == .unauthorized)
                #expect(r.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                let p = try Self.problem(r)
                #expect(p["code"] as? String == "unauthorized")
            }
            // Open routes need nothing
            try await client.execute(uri: "/healthz", method: .get) { r in #expect(r.status == .ok) }
        }
        #expect(try await store.accessLog(since: nil, limit: 10).isEmpty)
    }

    @Test("tampered, expired and revoked tokens → 401 with the reason in the detail, never the token")
    func badTokens() async throws {
        // Given a token that expires in an hour, a revoked one, and a tampered copy of a good one
        let (_, expiring) = try await token(.recruiter, expiresAt: clock.now().addingTimeInterval(3600))
        let (revokedToken, revoked) = try await token(.recruiter)
        try await store.revoke(id: revokedToken.id, now: clock.now())
        let (_, good) = try await token(.recruiter)
        var chars = Array(good)
        chars[30] = chars[30] == "A" ? "B" : "A"
        let tampered = String(chars)
        try await Application(router: router()).test(.router) { client in
            try await client.execute(uri: "/recruiter/whoami", method: .get, headers: Self.bearer(expiring)) { r in #expect(r.status == .ok) }
            try await client.execute(uri: "/recruiter/whoami", method: .get, headers: Self.bearer(good)) { r in #expect(r.status == .ok) }
            // When the clock passes the expiry
            clock.advance(by: 3601)
            let cases: [(String, String)] = [(expiring, "expired"), (revoked, "revoked"), (tampered, "not valid")]
            for (secret, phrase) in cases {
                try await client.execute(uri: "/recruiter/whoami", method: .get, headers: Self.bearer(secret)) { r in
                    // Then each is refused with the reason
                    #expect(r.status == .unauthorized)
                    #expect(r.headers[.wwwAuthenticate]?.contains(#"error="invalid_token""#) == true)
                    let p = try Self.problem(r)
                    let detail = try #require(p["detail"] as? String)
                    #expect(detail.contains(phrase), "\(detail)")
                    let body = String(buffer: r.body)
                    #expect(!body.contains(String(secret.suffix(43))))
                }
            }
            // And the untouched token still works
            try await client.execute(uri: "/recruiter/whoami", method: .get, headers: Self.bearer(good)) { r in #expect(r.status == .ok) }
        }
    }

    @Test("HTTP Basic (token as username, empty password) works for ats tokens on the ats group only")
    func basicForATS() async throws {
        let (_, ats) = try await token(.ats)
        let (_, recruiter) = try await token(.recruiter)
        try await Application(router: router()).test(.router) { client in
            // Given Greenhouse's form: Basic base64("<token>:")
            try await client.execute(uri: "/ats/whoami", method: .get, headers: Self.basic(ats)) { r in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body) == "ats")
            }
            // Bearer works there too
            try await client.execute(uri: "/ats/whoami", method: .get, headers: Self.bearer(ats)) { r in #expect(r.status == .ok) }
            // A password is not accepted, nor a non-ats token over Basic, nor Basic on other groups
            try await client.execute(uri: "/ats/whoami", method: .get, headers: Self.basic(ats, "x")) { r in #expect(r.status == .unauthorized) }
            try await client.execute(uri: "/ats/whoami", method: .get, headers: Self.basic(recruiter)) { r in #expect(r.status == .unauthorized) }
            try await client.execute(uri: "/recruiter/whoami", method: .get, headers: Self.basic(recruiter)) { r in
                #expect(r.status == .unauthorized)
            }
            // The 401 on the ats group offers both challenges
            try await client.execute(uri: "/ats/whoami", method: .get) { r in
                #expect(r.status == .unauthorized)
                #expect(r.headers[values: .wwwAuthenticate].contains { $0.hasPrefix("Basic") })
                #expect(r.headers[values: .wwwAuthenticate].contains { $0.hasPrefix("Bearer") })
            }
        }
    }

    @Test("the per-token rate limit answers 429 problem+json with Retry-After, per token, and refills with time")
    func rateLimit() async throws {
        // Given a limit of 3 at once and 1 per second, and two tokens
        let limiter = TokenRateLimiter(policy: .init(burst: 3, perSecond: 1), clock: clock)
        let (_, a) = try await token(.recruiter)
        let (_, b) = try await token(.recruiter)
        try await Application(router: router(limiter: limiter)).test(.router) { client in
            for _ in 0..<3 {
                try await client.execute(uri: "/recruiter/whoami", method: .get, headers: Self.bearer(a)) { r in #expect(r.status == .ok) }
            }
            // When the fourth request comes at the same instant
            try await client.execute(uri: "/recruiter/whoami", method: .get, headers: Self.bearer(a)) { r in
                // Then it is limited
                #expect(r.status == .tooManyRequests)
                #expect(r.headers[.retryAfter] == "1")
                #expect((try? Self.problem(r))?["code"] as? String == "rate_limited")
            }
            // And another token is not affected
            try await client.execute(uri: "/recruiter/whoami", method: .get, headers: Self.bearer(b)) { r in #expect(r.status == .ok) }
            // And a second later one more request passes
            clock.advance(by: 1)
            try await client.execute(uri: "/recruiter/whoami", method: .get, headers: Self.bearer(a)) { r in #expect(r.status == .ok) }
        }
    }

    @Test("Authorization parsing", arguments: [
        ([], BearerAuthMiddleware<AuthRequestContext>.Credential.none),
        (["Bearer abc"], .bearer("abc")),
        (["bearer  abc"], .bearer("abc")),
        (["Basic " + Data("tok:".utf8).base64EncodedString()], .basic("tok")),
        (["Basic " + Data("tok:pw".utf8).base64EncodedString()], .malformed),
        (["Basic " + Data(":".utf8).base64EncodedString()], .malformed),
        (["Bearer a", "Bearer b"], .malformed),
        (["Digest x"], .malformed),
    ] as [([String], BearerAuthMiddleware<AuthRequestContext>.Credential)])
    func parsing(values: [String], expected: BearerAuthMiddleware<AuthRequestContext>.Credential) {
        #expect(BearerAuthMiddleware<AuthRequestContext>.credential(values) == expected)
    }
}
