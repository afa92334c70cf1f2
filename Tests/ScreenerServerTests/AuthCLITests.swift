import Foundation
import ScreenerCore
import ScreenerTestSupport
import Storage
import Testing

/// `screener tokens`, `access-log`, `keys` and `doctor` as a user runs them (issue 7). Needs the
/// built binary (`swift build`, or `SCREENER_BIN`).
@Suite("Auth: CLI", .serialized)
struct AuthCLITests {
    let dir: TemporaryDirectory
    let config: String
    let dbPath: String

    init() throws {
        dir = try TemporaryDirectory()
        dbPath = dir.path("data/screener.sqlite")
        config = dir.path("cli.yaml")
        try "database: {path: \(dbPath)}\nprofilesDirectory: \(TestPaths.webhooks.path)\n".write(toFile: config, atomically: true, encoding: .utf8)
    }

    /// Runs with no data key in the environment unless given.
    func run(_ args: [String], env: [String: String] = ["SCREENER_DATA_KEY": "", "SCREENER_DATA_KEYS_RETIRED": ""]) throws -> CLI.Result {
        try CLI.run(args + ["--config", config], environment: env)
    }

    @Test("tokens create prints the secret once; list never shows it; revoke makes it fail")
    func tokensLifecycle() async throws {
        // Given a token created from the CLI
        let created = try run(["tokens", "create", "--role", "admin", "--name", "ops", "--expires", "30d", "--format", "json"])
        #expect(created.status == 0, "\(created.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])
        let secret = try #require(json["secret"] as? String)
        let id = try #require((json["token"] as? [String: Any])?["id"] as? String)
        // Then it authenticates as admin
        let store = try SQLiteStore(path: dbPath)
        #expect(try await store.authenticate(secret: secret, now: Date())?.role == .admin)
        // And listing shows it without the secret
        let list = try run(["tokens", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains(id) && list.stdout.contains("ops") && list.stdout.contains("active"))
        #expect(!list.stdout.contains(String(secret.suffix(43))))
        // When it is revoked
        let revoke = try run(["tokens", "revoke", id])
        #expect(revoke.status == 0)
        // Then it fails and the listing says so
        #expect(try await store.verify(secret: secret, now: Date()) == .rejected(.revoked))
        #expect(try run(["tokens", "list"]).stdout.contains("revoked"))
        // And a bad role or an unknown id fail
        #expect(try run(["tokens", "create", "--role", "root"]).status != 0)
        #expect(try run(["tokens", "revoke", "ffffffffffffffff"]).status == 1)
    }

    @Test("access-log lists entries as table and json, filtered by --since")
    func accessLog() async throws {
        let store = try SQLiteStore(path: dbPath)
        try await store.migrate()
        let p = Principal(tokenID: "0123456789abcdef", name: "r", role: .recruiter)
        try await store.appendAccess(AccessLogEntry(at: Date().addingTimeInterval(-3 * 86_400), principal: p, action: .read, resourceType: .candidate, resourceID: "cand-old", outcome: .ok))
        try await store.appendAccess(AccessLogEntry(at: Date(), principal: p, action: .read, resourceType: .shortlist, resourceID: "job-7", outcome: .ok))
        let all = try run(["access-log", "--format", "json"])
        #expect(all.status == 0)
        let rows = try #require(JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["resourceID"] as? String } == ["cand-old", "job-7"])
        let recent = try run(["access-log", "--since", "1d"])
        #expect(recent.status == 0)
        #expect(recent.stdout.contains("job-7") && !recent.stdout.contains("cand-old"))
    }

    @Test("keys generate writes a 0600 key once; doctor reports no key, then passes with a key and private files")
    func keysAndDoctor() throws {
        let keyPath = dir.path("keys/data.key")
        let gen = try CLI.run(["keys", "generate", keyPath])
        #expect(gen.status == 0)
        #expect(DataKeyring.permissions(path: keyPath) == 0o600)
        #expect(try CLI.run(["keys", "generate", keyPath]).status == 1)

        // Given a migrated database and no key
        #expect(try run(["tokens", "list"]).status == 0)
        let noKey = try run(["doctor", "--format", "json"])
        #expect(noKey.status == 1)
        #expect(noKey.stdout.contains("no_data_key"))
        // When the key is configured and the data folder and files are private
        chmod(dir.path("data"), 0o700)
        for f in (try FileManager.default.contentsOfDirectory(atPath: dir.path("data"))) { chmod(dir.path("data/\(f)"), 0o600) }
        let ok = try run(["doctor"], env: ["SCREENER_DATA_KEY": "file:\(keyPath)", "SCREENER_DATA_KEYS_RETIRED": ""])
        // Then doctor passes
        #expect(ok.status == 0, "\(ok.stdout)")
        #expect(ok.stdout.contains("no findings"))
    }
}
