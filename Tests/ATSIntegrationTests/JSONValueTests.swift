import ATSIntegration
import Foundation
import ScreenerCore
import Testing

@Suite("JSON parsing")
struct JSONValueTests {
    @Test func parsesEveryKindOfValue() throws {
        let doc = try JSONValue.parse(Data(#" {"s":"a\"b\\c\/d\u00e9\ud83d\ude00","i":-12,"big":1526483573958,"d":1.5e3,"t":true,"f":false,"n":null,"a":[1,[2]],"o":{}} "#.utf8))
        #expect(doc["s"] == .string("a\"b\\c/dé😀"))
        #expect(doc["i"] == .integer(-12))
        #expect(doc["big"]?.scalarText == "1526483573958")
        #expect(doc["d"] == .double(1500))
        #expect(doc["t"] == .bool(true) && doc["f"] == .bool(false) && doc["n"] == .null)
        #expect(doc["a"] == .array([.integer(1), .array([.integer(2)])]))
        #expect(doc["o"] == .object([:]))
    }

    @Test func integerBeyondInt64BecomesDouble() throws {
        #expect(try JSONValue.parse(Data("92233720368547758070".utf8)) == .double(Double("92233720368547758070")!))
    }

    @Test(arguments: [
        "", "{", "{\"a\":1,}", "[1,]", "01", "1.", "-", "tru", "{\"a\" 1}", "\"\u{01}\"", "\"\\x\"",
        "\"\\ud800\"", "{} {}", "'a'", "[1] x", "NaN",
    ])
    func rejectsInvalidJSON(_ text: String) {
        #expect(SignatureVectorTests.code { try JSONValue.parse(Data(text.utf8)) } == .malformedPayload)
    }

    @Test func rejectsInvalidUTF8() {
        #expect(SignatureVectorTests.code { try JSONValue.parse(Data([0x22, 0xC3, 0x28, 0x22])) } == .malformedPayload)
    }

    @Test func refusesNestingDeeperThanTheLimitWithoutCrashing() throws {
        // Given 100 000 nested arrays (which would exhaust the stack of a naive recursive parser)
        let deep = Data(String(repeating: "[", count: 100_000).utf8)
        // Then parsing fails cleanly
        #expect(SignatureVectorTests.code { try JSONValue.parse(deep) } == .malformedPayload)
        // And the limit itself still parses
        let limit = JSONValue.maximumDepth
        let ok = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        _ = try JSONValue.parse(Data(ok.utf8))
    }

    @Test func errorMessagesNameOffsetsNotContent() {
        do {
            _ = try JSONValue.parse(Data(#"{"email":"zelda@example.com" "#.utf8))
            Issue.record("expected failure")
        } catch let error as ScreenerError {
            #expect(!error.description.contains("zelda"))
            #expect(error.message.contains("byte"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: [
        ("2026-11-02T14:44:43Z", 1_793_630_683.0),
        ("2026-11-02T16:44:43+02:00", 1_793_630_683.0),
        ("2026-11-02T14:44:43.500Z", 1_793_630_683.5),
    ])
    func isoDatesParse(_ text: String, _ seconds: Double) {
        #expect(CandidateEvent.DateText.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test func isoDatesFormatInUTC() {
        #expect(CandidateEvent.DateText.format(Date(timeIntervalSince1970: 1_793_630_683)) == "2026-11-02T14:44:43Z")
        #expect(CandidateEvent.DateText.parse("yesterday") == nil)
    }
}
