import ATSIntegration
import Foundation
import ScreenerCore
import ScreenerTestSupport
import Testing

@Suite("Profile mapping")
struct ProfileMappingTests {
    typealias Sample = ATSFixtures.Sample

    func map(_ profile: String, _ file: String) throws -> CandidateEvent {
        let sample = try ATSFixtures.sample(profile, file)
        let p = try ATSFixtures.profile(profile)
        return try ProfileMapper(profile: p).map(body: sample.body, eventType: sample.extraHeaders["event-name"])
    }

    /// Expected kind and identifiers for every sample.
    struct Expectation: Sendable, CustomTestStringConvertible {
        var profile: String
        var file: String
        var kind: CandidateEvent.Kind
        var candidateId: String?
        var applicationId: String?
        var jobId: String?
        var testDescription: String { "\(profile)/\(file)" }
    }

    static let expectations: [Expectation] = [
        .init(profile: "greenhouse", file: "new_candidate_application.json", kind: .application, candidateId: "60304594", applicationId: "71980812", jobId: "371417"),
        .init(profile: "greenhouse", file: "candidate_stage_change.json", kind: .stageChange, candidateId: "60304594", applicationId: "71980812", jobId: "371417"),
        .init(profile: "greenhouse", file: "delete_candidate.json", kind: .candidateDeleted, candidateId: "60304594"),
        .init(profile: "greenhouse", file: "candidate_anonymized.json", kind: .candidateAnonymized, candidateId: "60304594"),
        .init(profile: "greenhouse", file: "job_created.json", kind: .jobCreated, jobId: "371418"),
        .init(profile: "greenhouse", file: "ping.json", kind: .ping),
        .init(profile: "lever", file: "applicationCreated.json", kind: .application, candidateId: "1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6", applicationId: "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d", jobId: "7c6b5a49-3827-4165-8a9b-0c1d2e3f4a5b"),
        .init(profile: "lever", file: "candidateStageChange.json", kind: .stageChange, candidateId: "1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6", applicationId: "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d"),
        .init(profile: "lever", file: "candidateDeleted.json", kind: .candidateDeleted, candidateId: "1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6", applicationId: "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d"),
        .init(profile: "ashby", file: "applicationSubmit.json", kind: .application, candidateId: "c3a1b2d4-e5f6-4789-a0b1-c2d3e4f5a6b7", applicationId: "0b6e2f4c-8d1a-4e3b-9c7f-5a2d1e0c9b8a", jobId: "4c5d6e7f-8091-4a2b-bc3d-4e5f60718293"),
        .init(profile: "ashby", file: "candidateStageChange.json", kind: .stageChange, candidateId: "c3a1b2d4-e5f6-4789-a0b1-c2d3e4f5a6b7", applicationId: "0b6e2f4c-8d1a-4e3b-9c7f-5a2d1e0c9b8a", jobId: "4c5d6e7f-8091-4a2b-bc3d-4e5f60718293"),
        .init(profile: "ashby", file: "candidateDelete.json", kind: .candidateDeleted, candidateId: "c3a1b2d4-e5f6-4789-a0b1-c2d3e4f5a6b7"),
        .init(profile: "ashby", file: "ping.json", kind: .ping),
        .init(profile: "smartrecruiters", file: "application.created.json", kind: .application, candidateId: "7d9f1b3d-5f7b-4d9f-b1d3-f5b7d9f1b3d5", jobId: "3a1f5c7e-9b2d-4e6f-8a0c-1e3f5a7c9e1b"),
        .init(profile: "smartrecruiters", file: "application.status.updated.json", kind: .stageChange, candidateId: "7d9f1b3d-5f7b-4d9f-b1d3-f5b7d9f1b3d5", jobId: "3a1f5c7e-9b2d-4e6f-8a0c-1e3f5a7c9e1b"),
        .init(profile: "smartrecruiters", file: "candidate.deleted.json", kind: .candidateDeleted, candidateId: "7d9f1b3d-5f7b-4d9f-b1d3-f5b7d9f1b3d5"),
        .init(profile: "workable", file: "candidate_created.json", kind: .application, candidateId: "ce4da98", applicationId: "ce4da98", jobId: "GROOV005"),
        .init(profile: "workable", file: "candidate_moved.json", kind: .stageChange, candidateId: "ce4da98", applicationId: "ce4da98", jobId: "GROOV005"),
        .init(profile: "standard", file: "candidate.application.created.json", kind: .application, candidateId: "cand_01JDX4T6", applicationId: "app_01JDX4T7", jobId: "job_0042"),
        .init(profile: "standard", file: "candidate.application.stage_changed.json", kind: .stageChange, candidateId: "cand_01JDX4T6", applicationId: "app_01JDX4T7", jobId: "job_0042"),
        .init(profile: "standard", file: "candidate.deleted.json", kind: .candidateDeleted, candidateId: "cand_01JDX4T6"),
        .init(profile: "standard", file: "candidate.anonymized.json", kind: .candidateAnonymized, candidateId: "cand_01JDX4T6"),
        .init(profile: "standard", file: "webhook.ping.json", kind: .ping),
    ]

    @Test func everySampleHasAnExpectation() {
        let expected = Set(Self.expectations.map(\.testDescription))
        let present = Set(ATSFixtures.allSamples.map(\.testDescription))
        #expect(expected == present)
    }

    @Test(arguments: expectations)
    func sampleMapsToExpectedKindAndIds(_ e: Expectation) throws {
        // Given a sample, when mapped by its profile
        let event = try map(e.profile, e.file)
        // Then kind and identifiers are as the payload says
        #expect(event.kind == e.kind)
        #expect(event.candidate?.externalId == e.candidateId)
        #expect(event.application?.externalId == e.applicationId)
        #expect(event.job?.externalId == e.jobId)
        // And erasure events keep identifiers only
        if e.kind == .candidateDeleted || e.kind == .candidateAnonymized {
            #expect(event.candidate?.firstName == nil && event.candidate?.lastName == nil && event.candidate?.fullName == nil)
            #expect(event.candidate?.emails.isEmpty ?? true)
            #expect(event.resume == nil && event.demographics == nil && event.fetch.isEmpty)
        }
    }

    @Test(arguments: ATSFixtures.allSamples)
    func signedThenVerifiedThenMappedAgrees(_ sample: Sample) throws {
        // Given a sample as the ATS would send it
        let profile = try ATSFixtures.profile(sample.profile)
        let out = try WebhookSigner.sign(profile: profile, secret: ATSFixtures.secret(for: profile), body: sample.body,
                                         clock: ATSFixtures.signingTime, deliveryID: "d-1", extraHeaders: sample.extraHeaders)
        // When intake accepts it and the worker maps the stored body with the stored event type
        let decision = try WebhookVerifier(profile: profile, secrets: [ATSFixtures.secret(for: profile)], clock: ATSFixtures.signingTime)
            .verify(InboundWebhook(headers: out.headers, body: out.body))
        guard case .accept(let delivery) = decision else { return }  // pings are answered, not mapped
        let event = try ProfileMapper(profile: profile).map(body: out.body, eventType: delivery.eventType)
        // Then the event type is the one intake saw
        #expect(event.eventType == delivery.eventType)
        #expect(event.kind != .other)
    }

    @Test func greenhouseApplicationMapsEveryField() throws {
        let event = try map("greenhouse", "new_candidate_application.json")
        #expect(event.eventType == "new_candidate_application")
        #expect(event.candidate == CandidateEvent.Candidate(
            externalId: "60304594", firstName: "Ada", lastName: "Example",
            emails: ["ada.example@example.com", "ada@work.example.org"], phones: ["+1 555 0100 201", "+1 555 0100 202"]))
        #expect(event.application?.stage == "Application Review")
        #expect(event.application?.appliedAt == CandidateEvent.DateText.parse("2026-11-02T14:44:43Z"))
        #expect(event.job?.title == "Senior Backend Engineer")
        // The resume is the attachment whose type is "resume", not the first attachment
        #expect(event.resume?.fileName == "Ada_Example_Resume.pdf")
        #expect(event.resume?.url?.contains("resume.pdf") == true)
        #expect(event.resume?.urlValidForSeconds == 604_800)
        #expect(event.resume?.needsFetch == false)
        // Custom fields (null values skipped) and application answers
        #expect(event.application?.answers == [
            "work_authorization": "Authorized to work in the US",
            "years_of_python": "6",
            "willing_to_relocate": "true",
            "Do you now or in the future require visa sponsorship?": "No",
            "Are you at least 18 years of age?": "Yes",
        ])
        #expect(event.fetch == [CandidateEvent.FetchHint(resource: "eeoc", path: "/v1/applications/71980812/eeoc", ids: ["applicationId": "71980812"])])
        #expect(event.demographics == nil)
    }

    @Test func leverThinPayloadAsksForFetches() throws {
        let event = try map("lever", "applicationCreated.json")
        #expect(event.application?.stage == nil)
        #expect(event.resume == CandidateEvent.ResumeRef(needsFetch: true))
        #expect(event.fetch.map(\.path) == [
            "/v1/opportunities/9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d",
            "/v1/opportunities/9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d/resumes",
        ])
        let moved = try map("lever", "candidateStageChange.json")
        #expect(moved.application?.stage == "applicant-new")
        #expect(moved.fetch.map(\.resource) == ["opportunity"])
    }

    @Test func ashbyApplicationMapsNameContactsAndAsksForTheResume() throws {
        let event = try map("ashby", "applicationSubmit.json")
        #expect(event.candidate?.fullName == "Grace Sample")
        #expect(event.candidate?.emails == ["grace.sample@example.com"])
        #expect(event.candidate?.phones == ["+44 20 7946 0018"])
        #expect(event.application?.stage == "Application Review")
        #expect(event.application?.answers == ["Requires visa sponsorship": "false", "Earliest start date": "2027-01-15"])
        #expect(event.application?.appliedAt == CandidateEvent.DateText.parse("2026-11-03T16:20:05.512Z"))
        #expect(event.resume?.needsFetch == true)
        #expect(event.fetch == [CandidateEvent.FetchHint(resource: "resume", path: "/candidate.info", ids: ["id": "c3a1b2d4-e5f6-4789-a0b1-c2d3e4f5a6b7"])])
    }

    @Test func smartRecruitersThinPayloadAsksForFetches() throws {
        let event = try map("smartrecruiters", "application.created.json")
        #expect(event.fetch.map(\.resource) == ["candidate", "application", "resume"])
        #expect(event.fetch[1].path == "/candidates/7d9f1b3d-5f7b-4d9f-b1d3-f5b7d9f1b3d5/jobs/3a1f5c7e-9b2d-4e6f-8a0c-1e3f5a7c9e1b")
        #expect(event.resume?.needsFetch == true)
        let moved = try map("smartrecruiters", "application.status.updated.json")
        #expect(moved.application?.stage == "INTERVIEW")
    }

    @Test func smartRecruitersNeedsTheEventTypeFromIntake() throws {
        // The event name is a header; mapping the body alone cannot classify it.
        let sample = try ATSFixtures.sample("smartrecruiters", "application.created.json")
        let mapper = ProfileMapper(profile: try ATSFixtures.profile("smartrecruiters"))
        #expect(code { try mapper.map(body: sample.body) } == .mappingFailed)
        let viaHeaders = try mapper.map(InboundWebhook(headers: sample.extraHeaders, body: sample.body))
        #expect(viaHeaders.kind == .application)
    }

    @Test func workableMapsResumeUrlAndAnswers() throws {
        let event = try map("workable", "candidate_created.json")
        #expect(event.candidate?.firstName == "Lin" && event.candidate?.lastName == "Placeholder")
        #expect(event.candidate?.emails == ["lin.placeholder@example.net"])
        #expect(event.resume?.url?.hasPrefix("https://workable-resumes.") == true)
        #expect(event.application?.answers["Years of on-call experience"] == "4")
        #expect(event.job?.title == "Site Reliability Engineer")
    }

    @Test func standardMapsInlineResumeAndEEOThroughTheValueMap() throws {
        let event = try map("standard", "candidate.application.created.json")
        #expect(event.resume?.fileName == "jordan-testcase.txt")
        #expect(event.resume?.contentType == "text/plain")
        let text = event.resume?.contentBase64.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
        #expect(text?.contains("Software Engineer, Example Labs") == true)
        // "Woman" → Female, "Two or more races" → Two or More Races; a declined answer is kept as text only in `other`
        #expect(event.demographics?.sex == .female)
        #expect(event.demographics?.race == .twoOrMore)
        #expect(event.demographics?.other["veteranStatus"] == "I am not a protected veteran")
        #expect(event.application?.answers["Years of Swift"] == "5")
        #expect(event.job?.description?.contains("PostgreSQL") == true)
    }

    @Test func unmappedEEOValueIsDropped() throws {
        // Given an answer outside the value map ("Decline to self-identify")
        let profile = try ATSFixtures.profile("standard")
        let body = #"{"type":"candidate.application.created","data":{"candidate":{"id":"c"},"application":{"id":"a"},"job":{"id":"j"},"eeo":{"sex":"Decline to self-identify"}}}"#
        let event = try ProfileMapper(profile: profile).map(body: Data(body.utf8))
        // Then no sex is recorded, and no empty demographics object either
        #expect(event.demographics == nil)
    }

    @Test(arguments: [
        ("Woman", "Asian", Demographics.Sex.female, Demographics.RaceEthnicity.asian),
        ("MALE", "black", .male, .black),
        ("F", "Hispanic/Latino", .female, .hispanicOrLatino),
    ])
    func eeoValuesMapOntoEEO1Names(_ sex: String, _ race: String, _ expectedSex: Demographics.Sex, _ expectedRace: Demographics.RaceEthnicity) throws {
        let profile = try ATSFixtures.profile("standard")
        let body = #"{"type":"candidate.application.created","data":{"candidate":{"id":"c"},"application":{"id":"a"},"job":{"id":"j"},"eeo":{"sex":"\#(sex)","raceEthnicity":"\#(race)"}}}"#
        let event = try ProfileMapper(profile: profile).map(body: Data(body.utf8))
        #expect(event.demographics?.sex == expectedSex)
        #expect(event.demographics?.race == expectedRace)
    }

    @Test func missingRequiredFieldNamesThePointerNotTheValue() throws {
        // Given a Greenhouse application whose application id is missing but which carries personal data
        let profile = try ATSFixtures.profile("greenhouse")
        let body = #"{"action":"new_candidate_application","payload":{"application":{"candidate":{"id":7,"first_name":"Zelda","email_addresses":[{"value":"zelda.secret@example.com"}]},"jobs":[{"id":3}]}}}"#
        // When mapped
        do {
            _ = try ProfileMapper(profile: profile).map(body: Data(body.utf8))
            Issue.record("expected a mapping failure")
        } catch let error as ScreenerError {
            // Then the message names the field and pointer, never the values
            #expect(error.code == .mappingFailed)
            #expect(error.message.contains("application.externalId"))
            #expect(error.message.contains("/payload/application/id"))
            #expect(!error.description.contains("Zelda"))
            #expect(!error.description.contains("zelda.secret@example.com"))
        }
    }

    @Test func wrongTypeNamesThePointerNotTheValue() throws {
        // Given a first name that is an object holding personal data
        let profile = try ATSFixtures.profile("greenhouse")
        let body = #"{"action":"new_candidate_application","payload":{"application":{"id":1,"candidate":{"id":7,"first_name":{"secret":"Zelda"}},"jobs":[{"id":3}]}}}"#
        do {
            _ = try ProfileMapper(profile: profile).map(body: Data(body.utf8))
            Issue.record("expected a mapping failure")
        } catch let error as ScreenerError {
            #expect(error.code == .mappingFailed)
            #expect(error.message.contains("/payload/application/candidate/first_name"))
            #expect(error.message.contains("object"))
            #expect(!error.description.contains("Zelda"))
        }
    }

    @Test func notJSONIsAMappingFailureWithoutContent() throws {
        let mapper = ProfileMapper(profile: try ATSFixtures.profile("ashby"))
        do {
            _ = try mapper.map(body: Data("{\"name\": \"Zelda\"".utf8))
            Issue.record("expected a mapping failure")
        } catch let error as ScreenerError {
            #expect(error.code == .mappingFailed)
            #expect(!error.description.contains("Zelda"))
        }
    }

    @Test func unknownEventTypeIsOther() throws {
        let event = try ProfileMapper(profile: try ATSFixtures.profile("greenhouse"))
            .map(body: Data(#"{"action":"interview_deleted","payload":{"interview":{"id":1}}}"#.utf8))
        #expect(event.kind == .other)
        #expect(event.eventType == "interview_deleted")
    }

    @Test func encodedEventUsesISODatesAndRoundTrips() throws {
        let event = try map("greenhouse", "new_candidate_application.json")
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970  // ignored for appliedAt by design
        let data = try encoder.encode(event)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""appliedAt":"2026-11-02T14:44:43Z""#))
        #expect(text.contains(#""kind":"application""#))
        #expect(try JSONDecoder().decode(CandidateEvent.self, from: data) == event)
    }

    @Test(.enabled(if: JSONSchemaCheck.available, Comment(rawValue: JSONSchemaCheck.skipMessage)))
    func everyMappedSampleValidatesAgainstTheCandidateEventSchema() throws {
        // Given every sample mapped and encoded
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ats-events-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [URL] = []
        for e in Self.expectations {
            let url = dir.appendingPathComponent("\(e.profile)-\(e.file)")
            try JSONEncoder().encode(try map(e.profile, e.file)).write(to: url)
            files.append(url)
        }
        // When validated by jsonschema
        let problems = JSONSchemaCheck.validate(schema: ATSFixtures.schemasDirectory.appendingPathComponent("candidate-event.schema.json"), instances: files)
        // Then there are none
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(files.count == Self.expectations.count)
    }

    @Test(.enabled(if: JSONSchemaCheck.available, Comment(rawValue: JSONSchemaCheck.skipMessage)))
    func theCandidateEventSchemaCanFail() throws {
        // Given an erasure event that still carries a name, the schema must reject it
        let bad = #"{"kind":"candidate_deleted","eventType":"x","candidate":{"externalId":"1","firstName":"A","emails":[],"phones":[]},"fetch":[]}"#
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ats-bad-\(UUID().uuidString).json")
        try Data(bad.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let problems = JSONSchemaCheck.validate(schema: ATSFixtures.schemasDirectory.appendingPathComponent("candidate-event.schema.json"), instances: [url])
        #expect(!problems.isEmpty)
    }

    func code(_ body: () throws -> Any) -> ScreenerError.Code? { SignatureVectorTests.code(body) }
}
