import ATSIntegration
import Foundation
import ScreenerCore
import Testing

/// Every sample of every profile: signed as the ATS would, it verifies; tampered, stale, unsigned
/// or signed with another key, it is refused.
@Suite("Profile signatures")
struct ProfileSignatureTests {
    typealias Sample = ATSFixtures.Sample

    func signed(_ sample: Sample, secret: Data? = nil, clock: any ScreenerClock = ATSFixtures.signingTime, deliveryID: String = "delivery-0001") throws -> (profile: ATSProfile, webhook: InboundWebhook) {
        let profile = try ATSFixtures.profile(sample.profile)
        let out = try WebhookSigner.sign(
            profile: profile, secret: ATSFixtures.secret(for: profile, secret ?? ATSFixtures.secret), body: sample.body,
            clock: clock, deliveryID: deliveryID, extraHeaders: sample.extraHeaders)
        return (profile, InboundWebhook(headers: out.headers, body: out.body))
    }

    func verifier(_ profile: ATSProfile, secrets: [Data] = [ATSFixtures.secret], clock: any ScreenerClock = ATSFixtures.signingTime) -> WebhookVerifier {
        WebhookVerifier(profile: profile, secrets: secrets.map { ATSFixtures.secret(for: profile, $0) }, clock: clock)
    }

    @Test func everyProfileHasSamples() {
        for name in ATSFixtures.profileNames {
            #expect(ATSFixtures.allSamples.contains { $0.profile == name }, "no samples for \(name)")
        }
        #expect(ATSFixtures.allSamples.count >= 20)
    }

    @Test(arguments: ATSFixtures.allSamples)
    func signedSampleVerifies(_ sample: Sample) throws {
        // Given a sample signed by the profile's scheme
        let (profile, webhook) = try signed(sample)
        // When verified with the same secret and clock
        let decision = try verifier(profile).verify(webhook)
        // Then it is accepted (or, for pings, answered) with the profile's success status
        switch decision {
        case .accept(let delivery):
            #expect(delivery.successStatus == profile.successStatus)
            #expect(!delivery.dedupeKey.isEmpty)
            #expect(profile.events.kind(of: delivery.eventType) != .ping)
            #expect(delivery.replayProtected == (profile.name == "lever"))
            if profile.dedupeKey.bodySHA256 != true { #expect(delivery.dedupeKey == "delivery-0001") }
            for (_, value) in delivery.auditHeaders { #expect(!value.contains("test-secret")) }
        case .respond(let status, _, _):
            #expect(status == profile.successStatus)
            #expect(sample.file.contains("ping"))
        }
    }

    @Test(arguments: ATSFixtures.allSamples)
    func flippedByteIsRefused(_ sample: Sample) throws {
        // Given a signed sample with one byte changed in what the scheme signs
        let (profile, webhook) = try signed(sample)
        var body = [UInt8](webhook.body)
        if profile.signature.signedContent.contains(where: { $0.body == true }) {
            body[body.count / 2] ^= 0x01
        } else {
            // Lever signs token ‖ triggeredAt: change one character of the token inside the body.
            let text = String(decoding: body, as: UTF8.self)
            body = Array(text.replacingOccurrences(of: "\"delivery-0001\"", with: "\"delivery-0002\"").utf8)
            #expect(body != [UInt8](webhook.body))
        }
        // Then verification fails with badSignature
        #expect(code { try verifier(profile).verify(InboundWebhook(headers: webhook.headers, body: Data(body))) } == .badSignature)
    }

    @Test(arguments: ATSFixtures.allSamples)
    func missingSignatureIsRefused(_ sample: Sample) throws {
        let (profile, webhook) = try signed(sample)
        var headers = webhook.headers
        var body = webhook.body
        if let header = profile.signature.location.header {
            headers[header.lowercased()] = nil
        } else if let pointer = profile.signature.location.pointer {
            let text = String(decoding: body, as: UTF8.self)
            let stripped = text.replacingOccurrences(
                of: #""\#(pointer.text.dropFirst())":"[0-9a-f]+""#, with: #""\#(pointer.text.dropFirst())":"""#,
                options: .regularExpression)
            #expect(stripped != text)
            body = Data(stripped.utf8)
        }
        #expect(code { try verifier(profile).verify(InboundWebhook(headers: headers, body: body)) } == .badSignature)
    }

    @Test(arguments: ATSFixtures.allSamples)
    func wrongSecretIsRefused(_ sample: Sample) throws {
        // Given a sample signed with a secret the verifier does not hold
        let (profile, webhook) = try signed(sample, secret: Data("somebody-else".utf8))
        #expect(code { try verifier(profile).verify(webhook) } == .badSignature)
    }

    @Test(arguments: ATSFixtures.allSamples)
    func garbledSignatureHeaderIsRefused(_ sample: Sample) throws {
        let (profile, webhook) = try signed(sample)
        guard let header = profile.signature.location.header else { return }  // Lever: covered above
        var headers = webhook.headers
        headers[header.lowercased()] = "sha1=not-a-signature"
        #expect(code { try verifier(profile).verify(InboundWebhook(headers: headers, body: webhook.body)) } == .badSignature)
    }

    @Test(arguments: ATSFixtures.allSamples)
    func rotatedSecretsBothVerify(_ sample: Sample) throws {
        // Given a verifier holding the old and the new secret
        let profile = try ATSFixtures.profile(sample.profile)
        let both = verifier(profile, secrets: [ATSFixtures.otherSecret, ATSFixtures.secret])
        // When deliveries are signed with either
        for secret in [ATSFixtures.secret, ATSFixtures.otherSecret] {
            let (_, webhook) = try signed(sample, secret: secret)
            // Then each verifies
            _ = try both.verify(webhook)
        }
        // And one signed with neither does not
        let (_, stranger) = try signed(sample, secret: Data("third".utf8))
        #expect(code { try both.verify(stranger) } == .badSignature)
    }

    @Test(arguments: ATSFixtures.allSamples.filter { sample in
        (try? ATSFixtures.profile(sample.profile).signature.timestamp) != nil
    })
    func staleTimestampIsRefused(_ sample: Sample) throws {
        // Given a sample signed 301 s before the verifier's now (and one 301 s after)
        let signedAt = ATSFixtures.signingTime.instant
        for skew in [-301.0, 301.0] {
            let (profile, webhook) = try signed(sample, clock: FixedClock(signedAt.addingTimeInterval(skew)))
            // Then it is refused as stale, although the signature is valid
            #expect(code { try verifier(profile).verify(webhook) } == .staleTimestamp)
        }
        // And 299 s is still fresh
        let (profile, fresh) = try signed(sample, clock: FixedClock(signedAt.addingTimeInterval(-299)))
        _ = try verifier(profile).verify(fresh)
    }

    @Test func leverSignatureLivesInTheBodyAndIsReplayProtected() throws {
        // Given a Lever sample signed by the signer
        let sample = try ATSFixtures.sample("lever", "applicationCreated.json")
        let (profile, webhook) = try signed(sample, deliveryID: "tok-42")
        let json = try JSONValue.parse(webhook.body)
        // Then token, triggeredAt (ms) and signature are set in the body, and the key is the token
        #expect(json["token"] == .string("tok-42"))
        #expect(json["triggeredAt"] == .integer(1_795_000_000_000))
        #expect(json["signature"]?.scalarText?.count == 64)
        guard case .accept(let delivery) = try verifier(profile).verify(webhook) else {
            Issue.record("expected .accept")
            return
        }
        #expect(delivery.dedupeKey == "tok-42")
        #expect(delivery.replayProtected)
    }

    @Test func leverBodyOutsideTheSignedFieldsIsNotCovered() throws {
        // Lever signs token ‖ triggeredAt only (vendor design): a changed opportunity id still verifies.
        // The profile therefore maps identifiers only and fetches everything else through the API.
        let sample = try ATSFixtures.sample("lever", "applicationCreated.json")
        let (profile, webhook) = try signed(sample)
        let changed = String(decoding: webhook.body, as: UTF8.self).replacingOccurrences(of: "9a8b7c6d", with: "00000000")
        guard case .accept = try verifier(profile).verify(InboundWebhook(headers: webhook.headers, body: Data(changed.utf8))) else {
            Issue.record("expected .accept")
            return
        }
        #expect(profile.mapping.candidate?.firstName == nil)
        #expect(profile.mapping.resume == nil)
    }

    @Test func bodyThatIsNotJSONIsMalformedOnceSigned() throws {
        // Given a correctly signed body that is not JSON
        let profile = try ATSFixtures.profile("greenhouse")
        let out = try WebhookSigner.sign(profile: profile, secret: ATSFixtures.secret, body: Data("not json".utf8), clock: ATSFixtures.signingTime, deliveryID: "d")
        // Then it is malformed, not a signature failure
        #expect(code { try verifier(profile).verify(InboundWebhook(headers: out.headers, body: out.body)) } == .malformedPayload)
        // And unsigned garbage is a signature failure (we never parse unauthenticated bytes first)
        #expect(code { try verifier(profile).verify(InboundWebhook(headers: [:], body: Data("not json".utf8))) } == .badSignature)
    }

    @Test func missingDeliveryIdIsMalformed() throws {
        let sample = try ATSFixtures.sample("greenhouse", "new_candidate_application.json")
        let (profile, webhook) = try signed(sample)
        var headers = webhook.headers
        headers["greenhouse-event-id"] = nil
        #expect(code { try verifier(profile).verify(InboundWebhook(headers: headers, body: webhook.body)) } == .malformedPayload)
    }

    @Test func noSecretsConfiguredIsMissingSecret() throws {
        let sample = try ATSFixtures.sample("workable", "candidate_created.json")
        let (profile, webhook) = try signed(sample)
        #expect(code { try WebhookVerifier(profile: profile, secrets: [], clock: ATSFixtures.signingTime).verify(webhook) } == .missingSecret)
    }

    @Test func paddedSignatureListIsRefusedUnread() throws {
        // Given a valid SmartRecruiters signature hidden behind 40 junk ones
        let sample = try ATSFixtures.sample("smartrecruiters", "application.created.json")
        let (profile, webhook) = try signed(sample)
        var headers = webhook.headers
        let junk = Array(repeating: "v1=" + String(repeating: "0", count: 64), count: 40).joined(separator: ";")
        headers["smartrecruiters-signature"] = junk + ";" + headers["smartrecruiters-signature"]!
        // Then it is refused
        #expect(code { try verifier(profile).verify(InboundWebhook(headers: headers, body: webhook.body)) } == .badSignature)
        // While a few (rotation: old and new key) are fine
        headers["smartrecruiters-signature"] = "v1=" + String(repeating: "0", count: 64) + ";" + webhook.headers["smartrecruiters-signature"]!
        _ = try verifier(profile).verify(InboundWebhook(headers: headers, body: webhook.body))
    }

    @Test func repeatedHeadersAreJoinedAndAnyMatchVerifies() throws {
        // Given a Standard Webhooks delivery whose signature header arrived twice (old key, new key)
        let sample = try ATSFixtures.sample("standard", "candidate.application.created.json")
        let (profile, old) = try signed(sample, secret: ATSFixtures.otherSecret)
        let (_, new) = try signed(sample)
        var headers = new.headers
        headers.removeValue(forKey: "webhook-signature")
        let raw = headers.merging(["webhook-signature": old.headers["webhook-signature"]!, "Webhook-Signature": new.headers["webhook-signature"]!]) { a, _ in a }
        let webhook = InboundWebhook(headers: raw, body: new.body)
        #expect(webhook.header("webhook-signature")?.contains(", ") == true)
        // Then the verifier holding only the new key accepts it
        _ = try verifier(profile).verify(webhook)
    }

    func code(_ body: () throws -> Any) -> ScreenerError.Code? {
        SignatureVectorTests.code(body)
    }
}
