@testable import ATSIntegration
import Foundation
import ScreenerCore
import Testing

/// The intake's fast paths must decide exactly as the general code they short-cut: the sparse JSON
/// parse accepts and refuses the same documents as `JSONValue.parse` and keeps the same member
/// values, and the byte-level signature candidate parser yields the same candidates.
@Suite("Intake fast paths")
struct IntakeFastPathTests {
    static let documents: [String] = [
        #"{"action":"new_candidate_application","payload":{"a":[1,2.5,-3e2,true,false,null,"x"]}}"#,
        #" { "action" : "a" , "action" : "b" } "#,
        #"{"\u0061ction":"escaped key","other":1}"#,
        #"{"action":"caf\u00e9 \"q\" \/ \n"}"#,
        #"{"action":"café ✓","nested":{"action":"inner"}}"#,
        "{\"\u{212A}ey\":\"kelvin\",\"Key\":\"ascii\"}",
        #"{"action":{"deep":[{"x":1}]},"type":7,"event":1.0,"token":12345678901234567890}"#,
        #"{}"#,
        #"[1,2,3]"#,
        #""just a string""#,
        #"{"action":"a",}"#,
        #"{"action":"a"} x"#,
        #"{"action":"a""#,
        #"{"action":1e999}"#,
        #"{"action":01}"#,
        #"{"action":"\ud800"}"#,
        #"{"action":"\x"}"#,
        #"{"a":tru}"#,
        #"{"a" 1}"#,
        #"{action:1}"#,
        "{\"action\":\"tab\there\"}",
        #"{"n":-}"#,
        "",
        "   ",
        String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
        "{\"a\":" + String(repeating: "[", count: 254) + String(repeating: "]", count: 254) + "}",
        "{\"a\":" + String(repeating: "[", count: 256) + String(repeating: "]", count: 256) + "}",
    ]

    static let names: [Set<String>] = [["action"], ["action", "type", "event", "token"], ["Key"], [], ["missing"]]

    @Test(arguments: documents)
    func sparseParseDecidesAsTheFullParse(_ text: String) {
        for bytes in [Data(text.utf8), Data(text.utf8) + Data([0xFF]), Data(text.utf8.prefix(max(0, text.utf8.count - 3))) + Data([0xC3]) + Data(text.utf8.suffix(3))] {
            let full = Result { try JSONValue.parse(bytes) }
            for names in Self.names {
                let sparse = Result { try JSONValue.parse(bytes, keepingMembers: names) }
                switch (full, sparse) {
                case (.success(let f), .success(let s)):
                    if case .object(let all) = f {
                        var expected: [String: JSONValue] = [:]
                        for n in names { if let v = all[n] { expected[n] = v } }
                        #expect(s == .object(expected), "\(text) keeping \(names)")
                    } else {
                        #expect(s == f)
                    }
                case (.failure(let a as ScreenerError), .failure(let b as ScreenerError)):
                    #expect(a.code == b.code)
                    #expect(b.code == .malformedPayload)
                default:
                    Issue.record("full and sparse parses disagree on \(text.prefix(60)) keeping \(names)")
                }
            }
        }
    }

    @Test func invalidUTF8InsideAStringIsRefused() {
        let bytes = Data(#"{"action":"a"#.utf8) + Data([0xC3, 0x28]) + Data(#""}"#.utf8)
        #expect(throws: ScreenerError.self) { try JSONValue.parse(bytes, keepingMembers: ["action"]) }
        #expect(throws: ScreenerError.self) { try JSONValue.parse(bytes, keepingMembers: []) }
    }

    static let signatureHeaders: [String] = [
        "sha256 3b1f", "SHA256 3b1f", "sha256=3b1f", "  sha256   3b1f  ", "3b1f", "sha256 3b1", "sha256 zz",
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1,AAAA v2,BBBB", "v1=ab12;v1=cd34", "v1=ab12, v1=cd34",
        "t=1,v1=ab", "", ", ", "sha256 ab12, sha256 cd34", "v1,not-base64!", "sha256\t0a0b", "sha256 0A0B",
        "v1=ab12;;v1=", "sha256 ab12,sha256 cd34",
    ]

    @Test func byteCandidatesMatchTheGeneralParserForEveryProfile() throws {
        for name in ATSFixtures.profileNames {
            let scheme = try ATSFixtures.profile(name).signature
            for raw in Self.signatureHeaders {
                let fast = SignatureEngine.asciiCandidates(scheme, raw: raw)
                #expect(fast != nil)
                #expect(fast == SignatureEngine.generalCandidates(scheme, raw: raw), "\(name): \(raw)")
            }
            // Not plain ASCII: the general parser decides.
            #expect(SignatureEngine.asciiCandidates(scheme, raw: "sha256\u{00A0}ab12") == nil)
        }
    }

    @Test func verifierKeepsOnlyTheMembersItReads() throws {
        #expect(WebhookVerifier.topLevelMembers(try ATSFixtures.profile("greenhouse")) == ["action"])
        #expect(WebhookVerifier.topLevelMembers(try ATSFixtures.profile("lever")) != nil)
        #expect(WebhookVerifier.topLevelMembers(try ATSFixtures.profile("smartrecruiters")) == [])
    }
}
