import Crypto
import Foundation
import GRDB
import ScreenerCore

extension SQLiteStore {
    /// Migrations for access tokens and the access log (issue 7). Registered after the pipeline's.
    ///
    /// `access_tokens.secret_hash` is SHA-256 of the whole token string. A slow password KDF (bcrypt,
    /// scrypt, Argon2) protects low-entropy human passwords against offline guessing; our secrets are
    /// 32 random bytes (256 bits), so guessing a preimage of a leaked hash costs 2^255 tries on
    /// average whatever the hash speed, and a fast hash lets every request be checked by one indexed
    /// lookup. Because the lookup is by hash, comparing hashes in constant time is not needed: the
    /// timing of an index probe reveals nothing about the secret that matches a stored hash.
    ///
    /// `access_log` is append-only: triggers abort any UPDATE or DELETE.
    static func registerSecurityMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("0003_access_tokens_and_access_log") { db in
            try db.execute(sql: """
                CREATE TABLE access_tokens (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('recruiter', 'compliance', 'admin', 'ats')),
                    secret_hash BLOB NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
                    created_at REAL NOT NULL,
                    expires_at REAL,
                    revoked_at REAL,
                    last_used_at REAL
                );
                CREATE TABLE access_log (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    token_id TEXT NOT NULL,
                    role TEXT NOT NULL,
                    action TEXT NOT NULL,
                    resource_type TEXT NOT NULL
                        CHECK (resource_type IN ('candidate', 'shortlist', 'audit', 'job', 'deliveries')),
                    resource_id TEXT,
                    outcome TEXT NOT NULL
                );
                CREATE INDEX access_log_at ON access_log(at);
                CREATE INDEX access_log_resource ON access_log(resource_type, resource_id);
                CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
                BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
                CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
                BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
                """)
        }
    }

    /// SHA-256 of the token string's UTF-8 bytes.
    static func tokenHash(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }

    /// `last_used_at` is written at most this often per token, so authentication stays a read on the
    /// hot path.
    static let lastUsedResolution: TimeInterval = 60

    /// A token row; a role this build does not know is an error, never a default.
    static func accessToken(_ row: Row) throws -> AccessToken {
        guard let role = AccessRole(rawValue: row["role"]) else {
            throw ScreenerError(.storeUnavailable, "access_tokens holds an unknown role")
        }
        return AccessToken(
            id: row["id"], name: row["name"], role: role,
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            expiresAt: (row["expires_at"] as Double?).map { Date(timeIntervalSince1970: $0) },
            revokedAt: (row["revoked_at"] as Double?).map { Date(timeIntervalSince1970: $0) },
            lastUsedAt: (row["last_used_at"] as Double?).map { Date(timeIntervalSince1970: $0) }
        )
    }
}

extension SQLiteStore: AccessControlStore {
    public func createToken(name: String, role: AccessRole, expiresAt: Date?, now: Date) async throws -> (token: AccessToken, secret: String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else {
            throw ScreenerError(.invalidInput, "a token name must be 1 to 100 characters")
        }
        if let e = expiresAt, e <= now { throw ScreenerError(.invalidInput, "the expiry must be in the future") }
        var rng = SystemRandomNumberGenerator()
        let made = AccessTokenFormat.make(
            idBytes: (0..<8).map { _ in UInt8.random(in: 0...255, using: &rng) },
            secretBytes: (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        )
        let token = AccessToken(id: made.id, name: trimmed, role: role, createdAt: now, expiresAt: expiresAt)
        let hash = Self.tokenHash(made.token)
        try await wrap {
            try self.pool.write { db in
                try db.execute(
                    sql: "INSERT INTO access_tokens (id, name, role, secret_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [token.id, token.name, role.rawValue, hash, now.timeIntervalSince1970, expiresAt?.timeIntervalSince1970]
                )
            }
        }
        return (token, made.token)
    }

    public func tokens() async throws -> [AccessToken] {
        try await wrap {
            try self.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM access_tokens ORDER BY created_at DESC, id").map(Self.accessToken)
            }
        }
    }

    @discardableResult
    public func revoke(id: String, now: Date) async throws -> AccessToken {
        try await wrap {
            try self.pool.write { db in
                try db.execute(
                    sql: "UPDATE access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                    arguments: [now.timeIntervalSince1970, id]
                )
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM access_tokens WHERE id = ?", arguments: [id]) else {
                    throw ScreenerError(.notFound, "no token with id \(id.prefix(32))")
                }
                return try Self.accessToken(row)
            }
        }
    }

    public func verify(secret: String, now: Date) async throws -> AuthenticationResult {
        guard let presentedID = AccessTokenFormat.tokenID(of: secret) else { return .rejected(.malformed) }
        let hash = Self.tokenHash(secret)
        let found: AccessToken? = try await wrap {
            try self.pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM access_tokens WHERE secret_hash = ?", arguments: [hash]).map(Self.accessToken)
            }
        }
        // The id inside the token is covered by the hash, so a match implies it agrees; checking it
        // again costs nothing and guards against a hand-edited row.
        guard let token = found, token.id == presentedID else { return .rejected(.unknown) }
        switch token.state(at: now) {
        case .revoked: return .rejected(.revoked)
        case .expired: return .rejected(.expired)
        case .active: break
        }
        if token.lastUsedAt.map({ now.timeIntervalSince($0) >= Self.lastUsedResolution || now < $0 }) ?? true {
            try await wrap {
                try self.pool.write { db in
                    try db.execute(sql: "UPDATE access_tokens SET last_used_at = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, token.id])
                }
            }
        }
        return .authenticated(Principal(tokenID: token.id, name: token.name, role: token.role))
    }

    public func appendAccess(_ entry: AccessLogEntry) async throws {
        try await wrap {
            try self.pool.write { db in
                try db.execute(
                    sql: "INSERT INTO access_log (at, token_id, role, action, resource_type, resource_id, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [
                        entry.at.timeIntervalSince1970, entry.tokenID, entry.role.rawValue, entry.action.rawValue,
                        entry.resourceType.rawValue, entry.resourceID, entry.outcome.rawValue,
                    ]
                )
            }
        }
    }

    public func accessLog(since: Date?, limit: Int) async throws -> [AccessLogEntry] {
        try await wrap {
            try self.pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT * FROM access_log WHERE at >= ? ORDER BY seq LIMIT ?",
                    arguments: [since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude, max(0, limit)]
                ).map { row in
                    AccessLogEntry(
                        sequence: row["seq"], at: Date(timeIntervalSince1970: row["at"]), tokenID: row["token_id"],
                        role: AccessRole(rawValue: row["role"]) ?? .admin, action: .init(rawValue: row["action"]),
                        resourceType: AccessLogEntry.ResourceType(rawValue: row["resource_type"]) ?? .candidate,
                        resourceID: row["resource_id"], outcome: .init(rawValue: row["outcome"])
                    )
                }
            }
        }
    }
}
