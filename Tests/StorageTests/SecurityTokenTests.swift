import Foundation
import GRDB
import ScreenerCore
import ScreenerTestSupport
@testable import Storage
import Testing

/// Access tokens and the append-only access log in SQLite (issue 7).
@Suite("Security: tokens and access log")
struct SecurityTokenTests {
    let dir: TemporaryDirectory
    let store: SQLiteStore
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    init() async throws {
        dir = try TemporaryDirectory()
        store = try SQLiteStore(path: dir.path("db/screener.sqlite"))
        try await store.migrate()
    }

    @Test("the migration is registered once under its name")
    func migrationName() async throws {
        #expect(SQLiteStore.migrator.migrations.filter { $0 == "0003_access_tokens_and_access_log" }.count == 1)
        #expect(try await store.pendingMigrations().isEmpty)
    }

    @Test("the secret is shown once and never stored: neither the database nor its WAL holds its bytes")
    func secretNotStored() async throws {
        // Given a new token
        let (token, secret) = try await store.createToken(name: "ci", role: .recruiter, expiresAt: nil, now: t0)
        // Then the secret has the documented shape and names the token id
        #expect(secret.hasPrefix("scr_\(token.id)_"))
        let expectedLength = 4 + 16 + 1 + 43
        #expect(secret.count == expectedLength)
        #expect(AccessTokenFormat.tokenID(of: secret) == token.id)
        // And no file of the database holds the secret (or its random part) in any form we wrote
        let secretPart = String(secret.suffix(43))
        var scanned = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path("db")) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: dir.path("db/\(name)")))
            scanned += bytes.count
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(name)")
            #expect(bytes.range(of: Data(secretPart.utf8)) == nil, "\(name)")
        }
        #expect(scanned > 0)
        // And the listing carries the metadata only
        let listed = try await store.tokens()
        #expect(listed == [token])
        let json = String(decoding: try JSONEncoder().encode(listed), as: UTF8.self)
        #expect(!json.contains(secretPart))
    }

    @Test("a valid token authenticates to its principal and records last use")
    func authenticates() async throws {
        let (token, secret) = try await store.createToken(name: "Recruiting team", role: .compliance, expiresAt: t0.addingTimeInterval(3600), now: t0)
        let p = try await store.authenticate(secret: secret, now: t0.addingTimeInterval(10))
        #expect(p == Principal(tokenID: token.id, name: "Recruiting team", role: .compliance))
        #expect(try await store.tokens().first?.lastUsedAt == t0.addingTimeInterval(10))
    }

    @Test("changing any one character of a token makes it fail", arguments: [0, 3, 4, 10, 19, 20, 21, 40, 63])
    func tampered(position: Int) async throws {
        // Given a valid token
        let (_, secret) = try await store.createToken(name: "t", role: .admin, expiresAt: nil, now: t0)
        // When one character is replaced by another of the same alphabet
        var chars = Array(secret)
        let c = chars[position]
        chars[position] = c == "a" ? "b" : (c == "_" ? "-" : "a")
        let forged = String(chars)
        #expect(forged != secret)
        // Then it does not authenticate (malformed when the shape breaks, unknown otherwise)
        let result = try await store.verify(secret: forged, now: t0)
        #expect(result.principal == nil)
        #expect(result == .rejected(.malformed) || result == .rejected(.unknown))
        // And the original still works
        #expect(try await store.authenticate(secret: secret, now: t0) != nil)
    }

    @Test("expired and revoked tokens are refused with a reason; garbage is malformed")
    func expiredAndRevoked() async throws {
        // Given a token that expires in a minute and another that is revoked
        let (_, expiring) = try await store.createToken(name: "short", role: .ats, expiresAt: t0.addingTimeInterval(60), now: t0)
        let (revokedToken, revoked) = try await store.createToken(name: "gone", role: .recruiter, expiresAt: nil, now: t0)
        #expect(try await store.authenticate(secret: expiring, now: t0.addingTimeInterval(59)) != nil)
        #expect(try await store.authenticate(secret: revoked, now: t0) != nil)
        let r = try await store.revoke(id: revokedToken.id, now: t0.addingTimeInterval(5))
        #expect(r.revokedAt == t0.addingTimeInterval(5))
        // Then
        #expect(try await store.verify(secret: expiring, now: t0.addingTimeInterval(60)) == .rejected(.expired))
        #expect(try await store.authenticate(secret: expiring, now: t0.addingTimeInterval(3600)) == nil)
        #expect(try await store.verify(secret: revoked, now: t0.addingTimeInterval(6)) == .rejected(.revoked))
        #expect(try await store.verify(secret: "", now: t0) == .rejected(.malformed))
        #expect(try await store.verify(secret: "Bearer nonsense", now: t0) == .rejected(.malformed))
        // And revoking again keeps the first revocation time; unknown ids are not_found
        #expect(try await store.revoke(id: revokedToken.id, now: t0.addingTimeInterval(99)).revokedAt == t0.addingTimeInterval(5))
        let missing = await #expect(throws: ScreenerError.self) { try await store.revoke(id: "0000000000000000", now: t0) }
        #expect(missing?.code == .notFound)
        // And the listing shows the states
        let states = try await store.tokens().map { $0.state(at: t0.addingTimeInterval(61)) }
        #expect(Set(states) == [.expired, .revoked])
    }

    @Test("token names and expiries are validated")
    func validation() async throws {
        await #expect(throws: ScreenerError.self) { try await store.createToken(name: "  ", role: .admin, expiresAt: nil, now: t0) }
        await #expect(throws: ScreenerError.self) { try await store.createToken(name: "x", role: .admin, expiresAt: t0, now: t0) }
    }

    @Test("the access log appends and reads back in order, filtered by time")
    func accessLogAppends() async throws {
        let p = Principal(tokenID: "0123456789abcdef", name: "r", role: .recruiter)
        try await store.appendAccess(AccessLogEntry(at: t0, principal: p, action: .read, resourceType: .candidate, resourceID: "cand-1", outcome: .ok))
        try await store.appendAccess(AccessLogEntry(at: t0.addingTimeInterval(60), principal: p, action: .list, resourceType: .shortlist, resourceID: nil, outcome: .ok))
        try await store.appendAccess(AccessLogEntry(at: t0.addingTimeInterval(120), principal: p, action: .erase, resourceType: .candidate, resourceID: "cand-1", outcome: .denied))
        let all = try await store.accessLog(since: nil, limit: 100)
        #expect(all.map(\.action) == [.read, .list, .erase])
        #expect(all.map(\.sequence) == [1, 2, 3])
        #expect(all[0].tokenID == p.tokenID && all[0].role == .recruiter && all[0].resourceID == "cand-1")
        #expect(all[1].resourceID == nil)
        #expect(all[2].outcome == .denied)
        #expect(try await store.accessLog(since: t0.addingTimeInterval(60), limit: 100).count == 2)
        #expect(try await store.accessLog(since: nil, limit: 1).count == 1)
    }

    @Test("the access log is append-only: UPDATE and DELETE are aborted by triggers", arguments: [
        "UPDATE access_log SET outcome = 'ok'",
        "UPDATE access_log SET resource_id = NULL WHERE seq = 1",
        "DELETE FROM access_log",
        "DELETE FROM access_log WHERE seq = 1",
    ])
    func accessLogAppendOnly(sql: String) async throws {
        // Given one entry
        let p = Principal(tokenID: "0123456789abcdef", name: "r", role: .compliance)
        try await store.appendAccess(AccessLogEntry(at: t0, principal: p, action: .read, resourceType: .audit, resourceID: "a-1", outcome: .denied))
        // When a statement tries to change or remove it
        #expect(throws: DatabaseError.self) {
            try store.pool.write { db in try db.execute(sql: sql) }
        }
        // Then the entry is unchanged
        let after = try await store.accessLog(since: nil, limit: 10)
        #expect(after.count == 1)
        #expect(after.first?.outcome == .denied && after.first?.resourceID == "a-1")
    }
}
