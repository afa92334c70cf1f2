import Foundation
import ScreenerCore
import ScreenerTestSupport
@testable import Storage
import Testing

/// The group-commit writer's row preparation: the audit headers' JSON (written by hand instead of
/// `JSONSerialization`) reads back as the same dictionary, with keys in ascending order, and event
/// ids are lowercase time-ordered (version 7) UUIDs.
@Suite("Write batcher rows")
struct WriteBatcherTests {
    static let headerSets: [[String: String]] = [
        [:],
        ["greenhouse-event-id": "run-1-42", "user-agent": "Greenhouse/1.0", "content-type": "application/json"],
        ["a": "quote \" backslash \\ slash / tab \t newline \n cr \r bell \u{07} nul \u{00} del \u{7F}"],
        ["é-key": "café ✓ 😀", "z": "", "b": "\u{1F}"],
    ]

    @Test(arguments: headerSets)
    func headersJSONReadsBackTheSameHeaders(_ headers: [String: String]) throws {
        let json = WriteBatcher.Prepared.canonicalJSON(headers)
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        #expect(decoded == headers)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(object == headers)
        // Keys in ascending order, as `.sortedKeys` wrote them.
        let positions = headers.keys.sorted().compactMap { json.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test func plainHeadersAreWrittenAsJSONSerializationWritesThem() throws {
        let headers = ["greenhouse-event-id": "run-1-42", "user-agent": "Greenhouse 1.0", "content-type": "application json"]
        let reference = String(decoding: try JSONSerialization.data(withJSONObject: headers, options: [.sortedKeys]), as: UTF8.self)
        #expect(WriteBatcher.Prepared.canonicalJSON(headers) == reference)
    }

    @Test func eventIdsAreLowercaseVersion4UUIDs() {
        var seen = Set<String>()
        for _ in 0..<1000 {
            let uuid = UUID.random()
            let text = uuid.lowercasedString
            #expect(text == uuid.uuidString.lowercased())
            #expect(UUID(uuidString: text) == uuid)
            let chars = Array(text)
            #expect(chars.count == 36 && chars[14] == "4" && "89ab".contains(chars[19]))
            seen.insert(text)
        }
        #expect(seen.count == 1000)
    }

    @Test func concurrentDeliveriesOfOneKeyStoreOneEventAndQueueOneItem() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("db/screener.sqlite"))
        try await store.migrate()
        let t = Date(timeIntervalSince1970: 1_800_000_000)
        func delivery(_ key: String) -> NewRawEvent {
            NewRawEvent(integration: "acme", profile: "greenhouse", dedupeKey: key, eventType: "e",
                        headers: ["greenhouse-event-id": key], body: Data("{}".utf8), receivedAt: t)
        }
        // Many in one group commit: same key within one transaction, and a distinct key beside it.
        let outcomes = try await withThrowingTaskGroup(of: RecordOutcome.self) { group in
            for n in 0..<40 { group.addTask { try await store.recordDelivery(delivery(n % 4 == 0 ? "other-\(n)" : "same")) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let stored = outcomes.filter { if case .stored = $0 { true } else { false } }
        #expect(stored.count == 1 + 10)
        #expect(Set(outcomes.map(\.eventID)).count == 11)
        #expect(outcomes.count == 40)
        #expect(try await store.queueDepth() == 11)
    }

    @Test func eventIdsAreTimeOrderedVersion7UUIDs() {
        let t = Date(timeIntervalSince1970: 1_764_400_000.5)
        let a = UUID.timeOrdered(at: t).lowercasedString
        let b = UUID.timeOrdered(at: t.addingTimeInterval(0.002)).lowercasedString
        #expect(a.hasPrefix("019ace6f-6df4-7"))  // 1764400000500 ms = 0x019ace6f6df4
        #expect(Array(a)[14] == "7" && "89ab".contains(Array(a)[19]))
        #expect(a < b)
        #expect(UUID.timeOrdered(at: t) != UUID.timeOrdered(at: t))
        let row = WriteBatcher.Prepared(NewRawEvent(
            integration: "i", profile: "greenhouse", dedupeKey: "k", eventType: "e", headers: [:], body: Data(), receivedAt: t))
        #expect(row.id.hasPrefix("019ace6f-6df4-7") && row.headersJSON == "{}")
    }
}
