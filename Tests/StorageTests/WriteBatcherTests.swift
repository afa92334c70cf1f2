import Foundation
import ScreenerCore
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
