import Foundation
import GRDB
import ScreenerCore
import ScreenerTestSupport
@testable import Storage
import Testing

/// AES-256-GCM envelopes, key loading and rotation (issue 7).
@Suite("Security: data keyring")
struct SecurityKeyringTests {
    static func key(_ byte: UInt8) throws -> DataKeyring.Key {
        try DataKeyring.Key(raw: Data((0..<32).map { UInt8(truncatingIfNeeded: Int($0) &* 7 &+ Int(byte)) }))
    }

    /// The `ScreenerError` that `body` throws, or nil when it returns or throws something else.
    static func error(_ body: () throws -> Any) -> ScreenerError? {
        do { _ = try body(); return nil } catch let e as ScreenerError { return e } catch { return nil }
    }

    static let plaintext = Data(#"{"name":"Jane Example","email":"jane@example.com"}"#.utf8)

    @Test("round trip: a sealed value opens to the same bytes, carries the active key id and 40 bytes of overhead")
    func roundTrip() throws {
        // Given a keyring with one key
        let ring = DataKeyring(active: try Self.key(1))
        // When a value is sealed and opened with the same context
        let sealed = try ring.seal(Self.plaintext, context: "raw_events.body")
        let opened = try ring.open(sealed, context: "raw_events.body")
        // Then the bytes round-trip, the blob is self-describing and holds no plaintext
        #expect(opened == Self.plaintext)
        #expect(sealed.count == Self.plaintext.count + DataKeyring.overhead)
        #expect(DataKeyring.isSealed(sealed))
        #expect(!DataKeyring.isSealed(Self.plaintext))
        #expect(DataKeyring.keyID(of: sealed) == ring.active.id)
        #expect(sealed.range(of: Data("jane@example.com".utf8)) == nil)
        // And two seals of the same value differ (fresh nonce)
        #expect(try ring.seal(Self.plaintext, context: "raw_events.body") != sealed)
        // And an empty value round-trips too
        #expect(try ring.open(try ring.seal(Data(), context: "c"), context: "c") == Data())
    }

    @Test("a blob cannot move to another column: a different context fails with decryption_failed")
    func wrongContext() throws {
        let ring = DataKeyring(active: try Self.key(1))
        let sealed = try ring.seal(Self.plaintext, context: "raw_events.body")
        let e = Self.error { try ring.open(sealed, context: "candidates.profile") }
        #expect(e?.code == .decryptionFailed)
        #expect(e.map { !$0.description.contains("jane") } == true)
    }

    @Test("changing any single byte of a sealed blob makes open fail")
    func tamperedByte() throws {
        // Given a sealed value
        let ring = DataKeyring(active: try Self.key(1))
        let sealed = try ring.seal(Self.plaintext, context: "ctx")
        // When each byte in turn is flipped
        for i in 0..<sealed.count {
            var t = sealed
            t[i] ^= 0x01
            // Then open throws decryption_failed (header, nonce, ciphertext, tag) or key_missing
            // (the key id names a key the ring does not hold); it never returns bytes
            #expect(throws: ScreenerError.self) { _ = try ring.open(t, context: "ctx") }
            do { _ = try ring.open(t, context: "ctx") } catch let e as ScreenerError {
                let expected: ScreenerError.Code = (4..<12).contains(i) ? .keyMissing : .decryptionFailed
                #expect(e.code == expected, "byte \(i)")
            }
        }
        // And a truncated blob fails too
        #expect(throws: ScreenerError.self) { _ = try ring.open(sealed.dropLast(), context: "ctx") }
    }

    @Test("a retired key still opens old blobs; the active key seals; without the old key open says key_missing")
    func retiredKey() throws {
        // Given a blob sealed under key A
        let a = try Self.key(1), b = try Self.key(2)
        let old = try DataKeyring(active: a).seal(Self.plaintext, context: "ctx")
        // When B becomes active and A is retired
        let rotated = DataKeyring(active: b, retired: [a])
        // Then the old blob opens, it needs re-sealing, and new blobs are under B
        #expect(try rotated.open(old, context: "ctx") == Self.plaintext)
        #expect(rotated.needsReseal(old))
        let fresh = try rotated.seal(Self.plaintext, context: "ctx")
        #expect(DataKeyring.keyID(of: fresh) == b.id)
        #expect(!rotated.needsReseal(fresh))
        // And a ring without A cannot open the old blob
        #expect(Self.error { try DataKeyring(active: b).open(old, context: "ctx") }?.code == .keyMissing)
        // And the active key listed as retired too is not duplicated
        #expect(DataKeyring(active: b, retired: [a, b]).retired.count == 1)
    }

    @Test("rotation re-seals every row of a table in batches; afterwards the retired key is not needed")
    func rotation() async throws {
        // Given a table whose blobs are sealed under A, with NULLs and a few clear values
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("db/screener.sqlite"))
        try await store.migrate()
        let a = try Self.key(1), b = try Self.key(2)
        let ringA = DataKeyring(active: a)
        let n = 1234
        try await store.pool.write { db in
            try db.execute(sql: "CREATE TABLE sample (id INTEGER PRIMARY KEY, doc BLOB, key_id TEXT)")
            for i in 0..<n {
                let value = try ringA.seal(Data("document \(i)".utf8), context: "sample.doc")
                try db.execute(sql: "INSERT INTO sample (doc, key_id) VALUES (?, ?)", arguments: [value, a.idHex])
            }
            try db.execute(sql: "INSERT INTO sample (doc) VALUES (NULL)")
            try db.execute(sql: "INSERT INTO sample (doc) VALUES (?)", arguments: [Data("clear".utf8)])
        }
        // When B becomes active, A is retired, and the column is re-sealed in batches of 100
        let rotated = DataKeyring(active: b, retired: [a])
        let report = try await store.reseal(table: "sample", column: "doc", keyColumn: "key_id", using: rotated, batchSize: 100)
        // Then every sealed row was re-sealed and the clear one only counted
        #expect(report.examined == n + 1)
        #expect(report.resealed == n)
        #expect(report.current == 0)
        #expect(report.plaintext == 1)
        #expect(report.plaintextSealed == 0)
        // And every row opens with B alone, and records B's key id
        let onlyB = DataKeyring(active: b)
        let rows = try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT id, doc, key_id FROM sample WHERE doc IS NOT NULL ORDER BY id") }
        var opened = 0
        for row in rows {
            let doc: Data = row["doc"]
            guard DataKeyring.isSealed(doc) else { continue }
            let id: Int64 = row["id"]
            #expect(try onlyB.open(doc, context: "sample.doc") == Data("document \(id - 1)".utf8))
            #expect(row["key_id"] as String? == b.idHex)
            opened += 1
        }
        #expect(opened == n)
        // And a second run finds everything current; with sealPlaintext the clear value is sealed
        let again = try await store.reseal(table: "sample", column: "doc", keyColumn: "key_id", using: onlyB, batchSize: 100, sealPlaintext: true)
        #expect(again.resealed == 0)
        #expect(again.current == n)
        #expect(again.plaintextSealed == 1)
        let cleared = try await store.pool.read { db in try Data.fetchOne(db, sql: "SELECT doc FROM sample WHERE id = ?", arguments: [n + 2]) }
        #expect(try onlyB.open(try #require(cleared), context: "sample.doc") == Data("clear".utf8))
    }

    @Test("reseal refuses names that are not plain SQL identifiers")
    func resealIdentifiers() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("s.sqlite"))
        try await store.migrate()
        let ring = DataKeyring(active: try Self.key(1))
        await #expect(throws: ScreenerError.self) {
            try await store.reseal(table: "raw_events; DROP TABLE raw_events", column: "body", using: ring)
        }
    }

    @Test("loading: base64 in the environment, key_missing without it, malformed keys refused")
    func loadingFromEnvironment() throws {
        let raw = Data((0..<32).map { UInt8($0) })
        let ring = try DataKeyring.load(environment: ["SCREENER_DATA_KEY": raw.base64EncodedString()])
        #expect(ring.active.id == (try DataKeyring.Key(raw: raw)).id)
        #expect(ring.retired.isEmpty)
        #expect(Self.error { try DataKeyring.load(environment: [:]) }?.code == .keyMissing)
        #expect(try DataKeyring.loadIfConfigured(environment: [:]) == nil)
        #expect(Self.error { try DataKeyring.load(environment: ["SCREENER_DATA_KEY": Data(count: 16).base64EncodedString()]) }?.code == .invalidConfiguration)
        // Retired keys, comma-separated, URL-safe base64 accepted
        let r1 = Data(repeating: 0xfb, count: 32).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        let r2 = Data(repeating: 7, count: 32).base64EncodedString()
        let both = try DataKeyring.load(environment: ["SCREENER_DATA_KEY": raw.base64EncodedString(), "SCREENER_DATA_KEYS_RETIRED": "\(r1), \(r2)"])
        #expect(both.retired.count == 2)
        #expect(Self.error { try DataKeyring.load(environment: ["SCREENER_DATA_KEYS_RETIRED": r2]) }?.code == .keyMissing)
    }

    @Test("key files: generated with mode 0600 and never overwritten; a 0644 key file is refused")
    func keyFiles() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("keys/dev.key")
        // Given a generated key file
        let id = try DataKeyring.generateKeyFile(path: path)
        // Then it is 0600, loads, and has the printed id
        #expect(DataKeyring.permissions(path: path) == 0o600)
        let ring = try DataKeyring.load(environment: ["SCREENER_DATA_KEY": "file:\(path)"])
        #expect(ring.active.idHex == id)
        // And generating again refuses to overwrite it
        #expect(Self.error { try DataKeyring.generateKeyFile(path: path) }?.code == .conflict)
        #expect(try DataKeyring.load(environment: ["SCREENER_DATA_KEY": "file:\(path)"]).active.idHex == id)
        // When the file becomes group/world-readable
        chmod(path, 0o644)
        // Then loading refuses it
        let loose = Self.error { try DataKeyring.load(environment: ["SCREENER_DATA_KEY": "file:\(path)"]) }
        #expect(loose?.code == .invalidConfiguration)
        #expect(loose?.message.contains("0644") == true)
        // And a missing file is key_missing
        #expect(Self.error { try DataKeyring.load(environment: ["SCREENER_DATA_KEY": "file:\(dir.path("nope.key"))"]) }?.code == .keyMissing)
    }
}
