import ATSIntegration
import Foundation
import ScreenerCore
import Testing

@Suite("Fetch: URL policy, settings and inline resumes")
struct FetchPolicyTests {
    @Test("URL verdicts", arguments: [
        ("https://files.example.com/r.pdf", "check"),
        ("http://files.example.com/r.pdf", "refused:http_not_allowed"),
        ("ftp://files.example.com/r.pdf", "refused:scheme"),
        ("file:///etc/passwd", "refused:scheme"),
        ("https://user:pw@files.example.com/r.pdf", "refused:credentials_in_url"),
        ("http://127.0.0.1:8080/r.pdf", "allow"),
        ("http://127.0.0.1:8081/r.pdf", "refused:http_not_allowed"),
        ("https://127.0.0.1:8081/r.pdf", "check"),
        ("https://ALLOWED.example/r.pdf", "allow"),
        ("http://allowed.example:9999/r.pdf", "allow"),
    ])
    func verdicts(url: String, expected: String) throws {
        // Given a policy allow-listing one host:port and one bare host
        let policy = ResumeDownloadPolicy(allowHosts: ["127.0.0.1:8080", "allowed.example"])
        // When a URL is evaluated
        let verdict = policy.evaluate(try #require(URL(string: url)))
        // Then it is allow-listed, to be checked, or refused with a stable reason
        let text: String
        switch verdict {
        case .allowListed: text = "allow"
        case .checkAddresses: text = "check"
        case .refused(let reason, _): text = "refused:\(reason)"
        }
        #expect(text == expected, "\(url)")
    }

    @Test("allowHTTP lets non-allow-listed hosts use http, still address-checked")
    func allowHTTP() throws {
        let policy = ResumeDownloadPolicy(allowHTTP: true)
        #expect(policy.evaluate(URL(string: "http://files.example.com/x")!) == .checkAddresses(host: "files.example.com", port: 80))
    }

    @Test("settings decode from JSON with defaults")
    func settingsDecode() throws {
        // Given a sparse settings document
        let json = #"{"allowHosts":["files.local:8080"],"timeoutSeconds":2.5,"apiBaseURL":"https://api.lever.co","apiKey":"env:LEVER_KEY"}"#
        // When decoded
        let s = try JSONDecoder().decode(FetchSettings.self, from: Data(json.utf8))
        // Then given keys are kept and the rest default
        #expect(s.allowHosts == ["files.local:8080"])
        #expect(s.maxBytes == 10 * 1024 * 1024)
        #expect(s.maxRedirects == 5)
        #expect(s.allowHTTP == false)
        #expect(s.downloadPolicy.timeout == .milliseconds(2500))
        #expect(s.apiKey == "env:LEVER_KEY")
    }

    @Test("inline base64 decodes, with MIME line breaks")
    func inlineDecodes() throws {
        let doc = try InlineResumeDecoder.decode("JVBE\nRi0x\r\nLjQ=", maxBytes: 100, fileName: "r.pdf")
        #expect(doc.bytes == Data("%PDF-1.4".utf8))
        #expect(doc.source == "inline")
        #expect(doc.fileName == "r.pdf")
    }

    @Test("inline base64 that is not base64 is malformed_payload", arguments: ["JVBE!i0x", "abc", "====", "JVB=RIOx", "J===", "JVBE-i0x"])
    func inlineMalformed(text: String) {
        let error = #expect(throws: ScreenerError.self) { try InlineResumeDecoder.decode(text, maxBytes: 100) }
        #expect(error?.code == .malformedPayload)
    }

    @Test("inline base64 over the cap is payload_too_large before decoding")
    func inlineTooLarge() {
        let text = Data(repeating: 0x41, count: 101).base64EncodedString()
        let error = #expect(throws: ScreenerError.self) { try InlineResumeDecoder.decode(text, maxBytes: 100) }
        #expect(error?.code == .payloadTooLarge)
        #expect((try? InlineResumeDecoder.decode(Data(repeating: 0x41, count: 100).base64EncodedString(), maxBytes: 100))?.bytes.count == 100)
    }

    @Test("the fetcher's source string drops query, fragment and user-info")
    func redaction() {
        let url = URL(string: "https://u:p@s3.example.com/a/resume.pdf?X-Amz-Signature=secret#frag")!
        #expect(HTTPResumeFetcher.redacted(url) == "https://s3.example.com/a/resume.pdf")
    }
}
