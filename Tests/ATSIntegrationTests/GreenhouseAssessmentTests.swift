import ATSIntegration
import AsyncHTTPClient
import Foundation
import ScreenerCore
import ScreenerTestSupport
import Testing

/// The Assessment Partner wire format (from https://developers.greenhouse.io/assessment.html), the
/// callback guard, and the PATCH writer against the fake Greenhouse.
@Suite("Greenhouse Assessment Partner wire format")
struct GreenhouseAssessmentTests {
    /// The `send_test` example of Greenhouse's documentation, byte for byte in content.
    static let documentedSendTest = Data("""
        {
          "partner_test_id": "12345",
          "candidate": {
            "first_name": "Harry",
            "last_name": "Potter",
            "resume_url": "https://hogwarts.com/resume",
            "phone_number": "123-456-7890",
            "email": "hpotter@hogwarts.edu",
            "greenhouse_profile_url": "https://app.greenhouse.io/people/17681532?application_id=26234709"
          },
          "url": "https://app.greenhouse.io/integrations/testing_partners/take_home_tests/12345"
        }
        """.utf8)

    @Test("the documented send_test body decodes; candidate and application ids come from greenhouse_profile_url")
    func documentedExample() throws {
        let r = try GreenhouseAssessment.SendTestRequest.decode(Self.documentedSendTest)
        #expect(r.partnerTestId == "12345")
        #expect(r.firstName == "Harry" && r.lastName == "Potter" && r.email == "hpotter@hogwarts.edu" && r.phoneNumber == "123-456-7890")
        #expect(r.resumeURL == "https://hogwarts.com/resume")
        #expect(r.callbackURL == "https://app.greenhouse.io/integrations/testing_partners/take_home_tests/12345")
        #expect(r.candidateExternalId == "17681532")
        #expect(r.applicationExternalId == "26234709")
        #expect(r.candidateKey == "17681532")

        let event = r.candidateEvent()
        #expect(event.kind == .application)
        #expect(event.eventType == GreenhouseAssessment.sendTestEventType)
        #expect(event.job?.externalId == "12345")
        #expect(event.candidate?.externalId == "17681532")
        #expect(event.candidate?.emails == ["hpotter@hogwarts.edu"])
        #expect(event.application?.externalId == "26234709")
        #expect(event.resume?.url == "https://hogwarts.com/resume")
        #expect(event.resume?.urlValidForSeconds == 7 * 86_400)
    }

    @Test("a numeric partner_test_id, flat candidate fields and unknown keys are accepted")
    func tolerantDecoding() throws {
        let body = Data(#"{"partner_test_id": 77, "first_name": "A", "email": "a@example.com", "resume_url": "https://x.example/r.pdf", "new_key": true}"#.utf8)
        let r = try GreenhouseAssessment.SendTestRequest.decode(body)
        #expect(r.partnerTestId == "77")
        #expect(r.firstName == "A" && r.email == "a@example.com")
        #expect(r.callbackURL == nil)
        #expect(r.candidateKey.hasPrefix("assessment-"))
    }

    @Test("refused bodies name the problem, never the values", arguments: [
        (#"not json"#, ScreenerError.Code.malformedPayload),
        (#"{"candidate": {"email": "x@example.com"}}"#, .invalidInput),
        (#"{"partner_test_id": "1", "candidate": {"resume_url": "ftp://files.example/r.pdf"}}"#, .invalidInput),
        (#"{"partner_test_id": "1", "candidate": {"resume_url": "https://r.example/r.pdf"}, "url": "javascript:alert(1)"}"#, .invalidInput),
        (#"{"partner_test_id": "1", "candidate": {"email": "secret@example.com"}}"#, .invalidInput),
    ])
    func refused(body: String, code: ScreenerError.Code) {
        do {
            _ = try GreenhouseAssessment.SendTestRequest.decode(Data(body.utf8))
            Issue.record("accepted: \(body)")
        } catch let e as ScreenerError {
            #expect(e.code == code)
            #expect(!e.message.contains("secret@example.com"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("without a resume URL, an application id asks for the Harvest re-fetch")
    func harvestFallback() throws {
        let body = Data(#"{"partner_test_id": "1", "candidate": {"greenhouse_profile_url": "https://app.greenhouse.io/people/5?application_id=6"}, "url": "https://app.greenhouse.io/x/1"}"#.utf8)
        let event = try GreenhouseAssessment.SendTestRequest.decode(body).candidateEvent()
        #expect(event.resume?.needsFetch == true && event.resume?.url == nil)
        #expect(event.application?.externalId == "6")
    }

    @Test("the dedupe key follows the callback URL, which Greenhouse makes per test instance")
    func dedupeKey() throws {
        let a = try GreenhouseAssessment.SendTestRequest.decode(Self.documentedSendTest)
        var b = a
        b.firstName = "Changed"
        #expect(a.dedupeKey == b.dedupeKey)
        b.callbackURL = "https://app.greenhouse.io/integrations/testing_partners/take_home_tests/12346"
        #expect(a.dedupeKey != b.dedupeKey)
        #expect(a.dedupeKey.count == 64)
    }

    @Test("test_status: absent values are null; complete carries score, profile URL and flat string metadata")
    func testStatusEncoding() throws {
        let pending = GreenhouseAssessment.TestStatus(partnerStatus: "pending")
        let text = String(decoding: try JSONEncoder().encode(pending), as: UTF8.self)
        #expect(text.contains(#""partner_score":null"#) && text.contains(#""partner_profile_url":null"#))
        let record = AssessmentRecord(
            id: "ga_1", integration: "gh", jobId: "job", candidateId: "cand_1", applicationId: "app_1", eventId: "e1", status: .complete,
            processing: .processed, lastError: nil,
            result: AssessmentResult(
                score: 81.26, knockedOut: false, knockoutReasons: [], rank: 2, shortlistSize: 10, criteriaVersion: 3,
                matchedSkills: ["Swift", "Redis"], missingRequired: ["gRPC"], yearsOfExperience: 8.25, model: "builtin builtin 1",
                summary: "Score 81.3/100."),
            callbackURL: nil, createdAt: Date(), completedAt: Date())
        let status = GreenhouseAssessment.TestStatus.of(record, profileURL: "https://s.example/c/cand_1")
        #expect(status.partnerStatus == "complete")
        #expect(status.partnerScore == 81.3)
        #expect(status.partnerProfileURL == "https://s.example/c/cand_1")
        #expect(status.metadata["Shortlist rank"] == "2 of 10")
        #expect(status.metadata["Missing required skills"] == "gRPC")
        #expect(status.metadata["Experience (years)"] == "8.2" || status.metadata["Experience (years)"] == "8.3")
        var quarantined = record
        quarantined.status = .pending
        quarantined.processing = .quarantined
        #expect(GreenhouseAssessment.TestStatus.of(quarantined, profileURL: "x").partnerStatus == "failed")
    }

    @Test("callback guard: https on Greenhouse's hosts by default; http, other hosts, user info and metadata addresses are refused")
    func callbackGuard() throws {
        let d = GreenhouseAssessmentSettings(profileURL: "https://s.example/{candidate_id}")
        #expect(d.allowsCallback("https://app.greenhouse.io/integrations/testing_partners/take_home_tests/1"))
        #expect(d.allowsCallback("https://APP.EU.GREENHOUSE.IO/integrations/testing_partners/take_home_tests/1"))
        #expect(d.allowsCallback("https://app.greenhouse.io:443/x"))
        #expect(!d.allowsCallback("http://app.greenhouse.io/x"))
        #expect(!d.allowsCallback("https://app.greenhouse.io.evil.example/x"))
        #expect(!d.allowsCallback("https://user:pw@app.greenhouse.io/x"))
        #expect(!d.allowsCallback("https://169.254.169.254/latest/meta-data/"))
        #expect(!d.allowsCallback("https://app.greenhouse.io:8443/x"))
        let local = GreenhouseAssessmentSettings(profileURL: "https://s.example/{candidate_id}", callbackHosts: ["127.0.0.1:9000"], allowHTTP: true)
        #expect(local.allowsCallback("http://127.0.0.1:9000/x"))
        #expect(!local.allowsCallback("http://127.0.0.1:9001/x"))
        #expect(local.partnerProfileURL(candidateId: "cand_1", assessmentId: "ga_2") == "https://s.example/cand_1")
    }

    @Test("settings: profileURL must be an absolute http(s) URL and apiKey a secret reference")
    func settingsValidation() throws {
        #expect(throws: ScreenerError.self) { try GreenhouseAssessmentSettings(profileURL: "/v1/candidates/{candidate_id}").validate(integration: "gh") }
        #expect(throws: ScreenerError.self) {
            try GreenhouseAssessmentSettings(profileURL: "https://s.example/{candidate_id}", apiKey: "scr_literal").validate(integration: "gh")
        }
        try GreenhouseAssessmentSettings(profileURL: "https://s.example/{candidate_id}", apiKey: "env:K").validate(integration: "gh")
    }

    // MARK: The PATCH writer

    static func withFake(_ body: (FakeGreenhouseAssessment) async throws -> Void) async throws {
        let fake = try await FakeGreenhouseAssessment.start(apiKey: "greenhouse-key")
        do {
            try await body(fake)
        } catch {
            await fake.stop()
            throw error
        }
        await fake.stop()
    }

    static func writer(_ fake: FakeGreenhouseAssessment, key: String = "greenhouse-key") throws -> GreenhouseAssessmentWriter {
        try GreenhouseAssessmentWriter(
            integration: "gh", settings: GreenhouseAssessmentSettings(
                profileURL: "https://s.example/{candidate_id}", apiKey: "env:GH_ASSESSMENT_KEY", callbackHosts: [fake.hostAndPort], allowHTTP: true,
                timeout: 15),
            httpClient: HTTPClient.shared, clock: WriterFixtures.clock, environment: ["GH_ASSESSMENT_KEY": key])
    }

    static func result(_ url: String?) -> PostBack {
        PostBack(id: "pb_assess1", integration: "gh", profile: "greenhouse", kind: .assessmentResult, payload: Data(#"{"partner_status":"complete"}"#.utf8), callbackURL: url)
    }

    @Test("the PATCH carries Basic <key>:, the idempotency key and the JSON body; 503 with Retry-After retries, 401 and 404 are dead letters")
    func patchOutcomes() async throws {
        try await Self.withFake { fake in
            let writer = try Self.writer(fake)
            fake.script(.reply(status: 503, headers: ["Retry-After": "7"]))
            let first = await writer.deliver(Self.result(fake.callbackURL(testID: "1")), previousAttemptUncertain: false)
            #expect(first.isRetry && first.retryAfter == 7)
            // The fake knows no test 1 (it was never sent): Greenhouse would answer 404.
            let second = await writer.deliver(Self.result(fake.callbackURL(testID: "1")), previousAttemptUncertain: true)
            #expect(second.isPermanent)
            let patches = fake.patches
            #expect(patches.count == 2)
            #expect(patches.allSatisfy { $0.headers["authorization"] == FakeGreenhouseAssessment.basic("greenhouse-key") })
            #expect(patches.allSatisfy { $0.headers["idempotency-key"] == "pb_assess1" && $0.headers["content-type"] == "application/json" })
            #expect(patches.first.map { String(decoding: $0.body, as: UTF8.self) } == #"{"partner_status":"complete"}"#)

            let wrongKey = try Self.writer(fake, key: "other-key")
            #expect(await wrongKey.deliver(Self.result(fake.callbackURL(testID: "1")), previousAttemptUncertain: false).isPermanent)
            #expect(fake.patches.last?.status == 401)
        }
    }

    @Test("no request leaves for a callback host outside the list, a missing URL or another kind")
    func refusedWithoutRequest() async throws {
        try await Self.withFake { fake in
            let writer = try Self.writer(fake)
            #expect(await writer.deliver(Self.result("https://169.254.169.254/latest/meta-data/"), previousAttemptUncertain: false).isPermanent)
            #expect(await writer.deliver(Self.result(nil), previousAttemptUncertain: false).isPermanent)
            var note = Self.result(fake.callbackURL(testID: "1"))
            note.kind = .candidateNote
            #expect(await writer.deliver(note, previousAttemptUncertain: false).isPermanent)
            #expect(fake.patches.isEmpty)
            #expect(throws: ScreenerError.self) {
                try GreenhouseAssessmentWriter(
                    integration: "gh", settings: GreenhouseAssessmentSettings(profileURL: "https://s.example/{candidate_id}", apiKey: "env:MISSING"),
                    httpClient: HTTPClient.shared, clock: WriterFixtures.clock, environment: [:])
            }
        }
    }

    @Test("KindRoutingWriter sends each kind to its writer; a kind with none is a dead letter")
    func kindRouting() async throws {
        try await Self.withFake { fake in
            let routed = KindRoutingWriter(profile: "greenhouse", routes: [.assessmentResult: try Self.writer(fake)], fallback: nil)
            fake.script(.reply(status: 503))
            #expect(await routed.deliver(Self.result(fake.callbackURL(testID: "9")), previousAttemptUncertain: false).isRetry)
            #expect(fake.patches.count == 1)
            let note = PostBack(id: "pb_note", integration: "gh", profile: "greenhouse", kind: .candidateNote, candidateExternalId: "1", note: "n")
            #expect(await routed.deliver(note, previousAttemptUncertain: false).isPermanent)
            #expect(fake.patches.count == 1)
        }
    }
}
