import ATSIntegration
import Foundation
import ScreenerCore
import Testing

/// Published test vectors: our verifier must agree with the vendors' own examples.
@Suite("Signature vectors")
struct SignatureVectorTests {
    static let greenhouseBody = #"{"action":"ping","payload":{"web_hook_id":4001693002,"endpoint_url":"https://67e09e60.ngrok.io/webhooks","created_at":"2018-12-20T15:43:12Z","updated_at":"2018-12-27T09:40:14Z","name":"Job Post Create","event":"Job Post Created","active":true,"content-type":"application/json"}}"#
    static let greenhouseSecret = "1uSUju2H6AohOE7OQVaxeLT3O8Uxxuas"
    static let greenhouseDigest = "395b1309fd37f0732d1ed11c15e03edd61b818918df6bf93be7c71bafb09c877"

    @Test func greenhousePingVectorVerifiesAndIsAnswered200() throws {
        // Given the documented secret, body and signature
        let profile = try ATSFixtures.profile("greenhouse")
        let verifier = WebhookVerifier(profile: profile, secrets: [Data(Self.greenhouseSecret.utf8)], clock: SystemClock())
        let webhook = InboundWebhook(
            headers: ["Signature": "sha256 \(Self.greenhouseDigest)", "Greenhouse-Event-ID": "evt-1", "Content-Type": "application/json"],
            body: Data(Self.greenhouseBody.utf8))

        // When it is verified
        let decision = try verifier.verify(webhook)

        // Then the ping is answered 200 and nothing is queued
        guard case .respond(let status, _, let body) = decision else {
            Issue.record("expected .respond for a ping, got \(decision)")
            return
        }
        #expect(status == 200)
        #expect(body.isEmpty)
    }

    @Test func greenhouseSignerReproducesTheDocumentedDigest() throws {
        // Given the same inputs, when our signer signs, then it produces the vendor's digest byte for byte
        let profile = try ATSFixtures.profile("greenhouse")
        let signed = try WebhookSigner.sign(
            profile: profile, secret: Data(Self.greenhouseSecret.utf8), body: Data(Self.greenhouseBody.utf8),
            clock: SystemClock(), deliveryID: "evt-1")
        #expect(signed.headers["Signature"] == "sha256 \(Self.greenhouseDigest)")
        #expect(signed.body == Data(Self.greenhouseBody.utf8))
    }

    @Test func greenhouseVectorWithOneByteChangedIsRefused() throws {
        let profile = try ATSFixtures.profile("greenhouse")
        let verifier = WebhookVerifier(profile: profile, secrets: [Data(Self.greenhouseSecret.utf8)], clock: SystemClock())
        let tampered = Self.greenhouseBody.replacingOccurrences(of: "4001693002", with: "4001693003")
        let webhook = InboundWebhook(headers: ["Signature": "sha256 \(Self.greenhouseDigest)"], body: Data(tampered.utf8))
        #expect(throws: ScreenerError.self) { try verifier.verify(webhook) }
        #expect(Self.code { try verifier.verify(webhook) } == .badSignature)
    }

    @Test func oneVerifierKeepsVerifyingAfterRefusals() throws {
        // Given one verifier (it keys its HMAC once and hashes each delivery on a copy)
        let profile = try ATSFixtures.profile("greenhouse")
        let verifier = WebhookVerifier(profile: profile, secrets: [Data(Self.greenhouseSecret.utf8)], clock: SystemClock())
        let good = InboundWebhook(
            headers: ["Signature": "sha256 \(Self.greenhouseDigest)", "Greenhouse-Event-ID": "evt-1"],
            body: Data(Self.greenhouseBody.utf8))
        let tampered = InboundWebhook(
            headers: ["Signature": "sha256 \(Self.greenhouseDigest)", "Greenhouse-Event-ID": "evt-2"],
            body: Data(Self.greenhouseBody.replacingOccurrences(of: "Job Post", with: "Job Pest").utf8))

        // When authentic and tampered deliveries alternate, then each is judged on its own bytes:
        // nothing hashed for one delivery carries over into the next
        for _ in 0..<3 {
            #expect(Self.code { try verifier.verify(good) } == nil)
            #expect(Self.code { try verifier.verify(tampered) } == .badSignature)
        }
    }

    // Standard Webhooks spec vector.
    static let standardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let standardHeaders = [
        "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "webhook-timestamp": "1614265330",
        "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    ]
    static let standardBody = #"{"test": 2432232314}"#

    @Test func standardWebhooksVectorIsAcceptedAtItsOwnTime() throws {
        // Given the spec's secret, headers and body, and a clock at the vector's timestamp
        let profile = try ATSFixtures.profile("standard")
        let verifier = WebhookVerifier(profile: profile, secrets: [Data(Self.standardSecret.utf8)], clock: FixedClock(unix: 1_614_265_330))

        // When verified
        let decision = try verifier.verify(InboundWebhook(headers: Self.standardHeaders, body: Data(Self.standardBody.utf8)))

        // Then it is accepted, keyed by webhook-id
        guard case .accept(let delivery) = decision else {
            Issue.record("expected .accept, got \(decision)")
            return
        }
        #expect(delivery.dedupeKey == "msg_p5jXN8AQM9LWM0D4loKWxJek")
        #expect(delivery.successStatus == 200)
        #expect(delivery.replayProtected == false)
        #expect(delivery.auditHeaders["webhook-id"] == "msg_p5jXN8AQM9LWM0D4loKWxJek")
        #expect(delivery.auditHeaders["webhook-signature"] == nil)
        #expect(delivery.auditHeaders["screener-signature-headers"] == "webhook-signature,webhook-timestamp")
    }

    @Test func standardWebhooksVectorIsStaleToday() throws {
        // Given the same vector but a clock at today's time
        let profile = try ATSFixtures.profile("standard")
        let verifier = WebhookVerifier(profile: profile, secrets: [Data(Self.standardSecret.utf8)], clock: FixedClock(Date()))
        // Then it is refused as stale (the signature itself is fine)
        #expect(Self.code { try verifier.verify(InboundWebhook(headers: Self.standardHeaders, body: Data(Self.standardBody.utf8))) } == .staleTimestamp)
    }

    @Test func standardWebhooksSignerReproducesTheSpecSignature() throws {
        let profile = try ATSFixtures.profile("standard")
        let signed = try WebhookSigner.sign(
            profile: profile, secret: Data(Self.standardSecret.utf8), body: Data(Self.standardBody.utf8),
            clock: FixedClock(unix: 1_614_265_330), deliveryID: "msg_p5jXN8AQM9LWM0D4loKWxJek")
        #expect(signed.headers["webhook-signature"] == Self.standardHeaders["webhook-signature"])
        #expect(signed.headers["webhook-timestamp"] == "1614265330")
    }

    @Test func standardWebhooksAcceptsAnyOfSeveralSignatures() throws {
        // Given a header carrying an unknown version, a wrong v1 and the right v1 (space-separated)
        let profile = try ATSFixtures.profile("standard")
        let verifier = WebhookVerifier(profile: profile, secrets: [Data(Self.standardSecret.utf8)], clock: FixedClock(unix: 1_614_265_330))
        var headers = Self.standardHeaders
        headers["webhook-signature"] = "v2,abc v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + Self.standardHeaders["webhook-signature"]!
        // Then it verifies
        guard case .accept = try verifier.verify(InboundWebhook(headers: headers, body: Data(Self.standardBody.utf8))) else {
            Issue.record("expected .accept")
            return
        }
    }

    /// SmartRecruiters' "Generate secret key" page example. The rendered page shows the link header
    /// without its angle brackets and the body with an extra space; the signature it prints matches
    /// `<http://smartrecruiters.com/endpoint>; rel=self` and `{"job_id":"jid","candidate_id":"cid"}`.
    @Test func smartRecruitersDocumentedExampleVerifies() throws {
        let profile = try ATSFixtures.profile("smartrecruiters")
        let verifier = WebhookVerifier(profile: profile, secrets: [Data("HeBVky2bccvvkcXPimH8c".utf8)], clock: FixedClock(unix: 1_574_080_897))
        let headers = [
            "content-type": "application/json",
            "smartrecruiters-signature": "v1=2e9291f10d44ca10204a4cd81b05d73b6a316b2b605d4e2e0e0b37b40198ce1f",
            "smartrecruiters-timestamp": "1574080897",
            "event-id": "123",
            "link": "<http://smartrecruiters.com/endpoint>; rel=self",
            "event-name": "application.created",
            "event-version": "v201910",
        ]
        let decision = try verifier.verify(InboundWebhook(headers: headers, body: Data(#"{"job_id":"jid","candidate_id":"cid"}"#.utf8)))
        guard case .accept(let delivery) = decision else {
            Issue.record("expected .accept, got \(decision)")
            return
        }
        #expect(delivery.dedupeKey == "123")
        #expect(delivery.eventType == "application.created")
        #expect(delivery.successStatus == 202)
        #expect(delivery.auditHeaders["event-name"] == "application.created")
    }

    @Test func smartRecruitersHandshakeEchoesTheHookSecret() throws {
        // Given an activation request carrying X-Hook-Secret and no signature
        let profile = try ATSFixtures.profile("smartrecruiters")
        let verifier = WebhookVerifier(profile: profile, secrets: [ATSFixtures.secret], clock: SystemClock())
        let decision = try verifier.verify(InboundWebhook(headers: ["X-Hook-Secret": "4jn8fs9011jj8"], body: Data()))
        // Then it is answered 200 with the same header and value; nothing is queued
        guard case .respond(let status, let headers, _) = decision else {
            Issue.record("expected .respond, got \(decision)")
            return
        }
        #expect(status == 200)
        #expect(headers["X-Hook-Secret"] == "4jn8fs9011jj8")
    }

    static func code(_ body: () throws -> Any) -> ScreenerError.Code? {
        do {
            _ = try body()
            return nil
        } catch let error as ScreenerError {
            return error.code
        } catch {
            return "unexpected"
        }
    }
}
