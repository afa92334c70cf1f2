import Foundation
import ScreenerCore
import ScreenerServer
import ScreenerTestSupport
import Storage
import Testing

/// `screener doctor`'s rules on configurations and observed facts (issue 7).
@Suite("Doctor")
struct DoctorTests {
    /// A configuration and facts with nothing to report: loopback bind, an env key, one strong secret,
    /// private files.
    static func secure() -> (ScreenerConfiguration, Doctor.Facts) {
        var c = ScreenerConfiguration()
        c.database.path = "/srv/screener/data/screener.sqlite"
        c.integrations = [.init(name: "acme-greenhouse", profile: "greenhouse", secrets: ["env:GH_SECRET"])]
        let facts = Doctor.Facts(
            dataKey: .environment,
            secrets: [.init(integration: "acme-greenhouse", reference: "env:GH_SECRET", length: 48, distinctBytes: 16)],
            files: [
                .init(path: "/srv/screener/data", mode: 0o700, isDirectory: true),
                .init(path: "/srv/screener/data/screener.sqlite", mode: 0o600, isDirectory: false),
            ]
        )
        return (c, facts)
    }

    static func codes(_ findings: [Doctor.Finding]) -> [String] { findings.map(\.code) }

    @Test("a secure set-up has no findings and exits 0")
    func secureSetup() {
        let (c, f) = Self.secure()
        let findings = Doctor.check(c, facts: f)
        #expect(findings.isEmpty)
        #expect(Doctor.exitCode(findings) == 0)
    }

    /// One insecure change each, with the finding it must produce.
    static let insecure: [(String, Doctor.Severity, @Sendable (inout ScreenerConfiguration, inout Doctor.Facts) -> Void)] = [
        ("no_data_key", .error, { _, f in f.dataKey = .missing }),
        ("key_file_permissions", .error, { _, f in f.dataKey = .file(path: "/srv/k", mode: 0o644) }),
        ("data_key_invalid", .error, { _, f in f.dataKeyError = "SCREENER_DATA_KEY must be base64 of exactly 32 bytes" }),
        ("retired_keys", .info, { _, f in f.retiredKeyCount = 1 }),
        ("secret_unresolved", .error, { _, f in f.secrets[0].length = nil }),
        ("short_secret", .error, { _, f in f.secrets[0].length = 12 }),
        ("low_entropy_secret", .error, { _, f in f.secrets[0].distinctBytes = 2 }),
        ("dev_secret", .warning, { _, f in f.secrets[0].valueLooksDev = true }),
        ("dev_secret", .warning, { c, f in
            c.integrations[0].secrets = ["file:./data/secrets/demo-greenhouse"]
            f.secrets[0].reference = "file:./data/secrets/demo-greenhouse"
            f.secrets[0].fileMode = 0o600
        }),
        ("secret_file_permissions", .error, { _, f in
            f.secrets[0].reference = "file:/etc/screener/gh"
            f.secrets[0].fileMode = 0o640
        }),
        ("public_bind_without_tls", .error, { c, _ in c.server.host = "0.0.0.0" }),
        ("public_bind_without_tls", .error, { c, _ in c.server.host = "10.1.2.3" }),
        ("public_bind", .info, { c, f in c.server.host = "0.0.0.0"; f.tlsTerminatedUpstream = true }),
        ("data_dir_permissions", .error, { _, f in f.files[0].mode = 0o755 }),
        ("database_file_permissions", .error, { _, f in f.files[1].mode = 0o644 }),
        ("database_file_permissions", .error, { _, f in f.files.append(.init(path: "/srv/screener/data/screener.sqlite-wal", mode: 0o604, isDirectory: false)) }),
    ]

    @Test("each insecure setting yields its finding, and errors make the exit code 1", arguments: 0..<DoctorTests.insecure.count)
    func insecureSetting(index: Int) {
        // Given a secure set-up with one insecure change
        let (code, severity, change) = Self.insecure[index]
        var (c, f) = Self.secure()
        change(&c, &f)
        // When doctor checks it
        let findings = Doctor.check(c, facts: f)
        // Then exactly that finding is reported, with its severity and exit code
        #expect(Self.codes(findings) == [code])
        #expect(findings.first?.severity == severity)
        #expect(Doctor.exitCode(findings) == (severity == .error ? 1 : 0))
    }

    @Test("findings are ordered most severe first and never quote a secret value")
    func ordering() {
        var (c, f) = Self.secure()
        f.retiredKeyCount = 2
        f.secrets[0].valueLooksDev = true
        f.dataKey = .missing
        c.server.host = "0.0.0.0"
        let findings = Doctor.check(c, facts: f)
        #expect(findings.map(\.severity) == [.error, .error, .warning, .info])
        #expect(Self.codes(findings) == ["no_data_key", "public_bind_without_tls", "dev_secret", "retired_keys"])
    }

    @Test("loopback addresses", arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("localhost", true), ("::1", true), ("[::1]", true),
        ("0.0.0.0", false), ("::", false), ("192.168.1.10", false), ("screener.internal", false), ("127.0.0.1.evil", false),
    ])
    func loopback(host: String, expected: Bool) {
        #expect(Doctor.isLoopback(host) == expected)
    }

    @Test("gather reads the real machine: key file mode, secret shape, database file modes")
    func gather() throws {
        // Given a data folder with a world-readable database, a 0644 key file and a short demo secret file
        let dir = try TemporaryDirectory()
        let data = dir.path("data")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        chmod(data, 0o700)
        let db = data + "/screener.sqlite"
        _ = FileManager.default.createFile(atPath: db, contents: Data("x".utf8), attributes: [.posixPermissions: 0o644])
        let keyPath = dir.path("k.key")
        try DataKeyring.generateKeyFile(path: keyPath)
        chmod(keyPath, 0o644)
        let secretPath = dir.path("demo-greenhouse")
        _ = FileManager.default.createFile(atPath: secretPath, contents: Data("changeme\n".utf8), attributes: [.posixPermissions: 0o600])
        var c = ScreenerConfiguration()
        c.database.path = db
        c.integrations = [
            .init(name: "acme", profile: "greenhouse", secrets: ["file:\(secretPath)"]),
            .init(name: "gone", profile: "lever", secrets: ["env:NOT_SET_ANYWHERE"]),
        ]
        // When facts are gathered and checked
        let facts = Doctor.Facts.gather(configuration: c, environment: ["SCREENER_DATA_KEY": "file:\(keyPath)"])
        let findings = Doctor.check(c, facts: facts)
        // Then the facts are right and the findings follow
        #expect(facts.dataKey == .file(path: keyPath, mode: 0o644))
        #expect(facts.dataKeyError == nil)
        #expect(facts.secrets.map(\.length) == [8, nil])
        #expect(Set(Self.codes(findings)) == ["key_file_permissions", "short_secret", "dev_secret", "secret_unresolved", "database_file_permissions"])
        #expect(!findings.contains { $0.message.contains("changeme") })
        // And after fixing the modes and using an env key, only the secret findings remain
        chmod(db, 0o600)
        let env = ["SCREENER_DATA_KEY": Data(repeating: 9, count: 32).base64EncodedString()]
        let fixed = Doctor.check(c, facts: Doctor.Facts.gather(configuration: c, environment: env))
        #expect(Set(Self.codes(fixed)) == ["short_secret", "dev_secret", "secret_unresolved"])
        // And a malformed env key is data_key_invalid
        let bad = Doctor.check(c, facts: Doctor.Facts.gather(configuration: c, environment: ["SCREENER_DATA_KEY": "short"]))
        #expect(Self.codes(bad).contains("data_key_invalid"))
    }
}
