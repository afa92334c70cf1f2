import Foundation
import GRDB
import ScreenerCore
import ScreenerTestSupport
@testable import Storage
import Testing

/// Greenhouse Assessment Partner requests in SQLite (migration `0006_assessment_requests`).
@Suite("AssessmentStore on SQLite")
struct AssessmentStoreTests {
    let dir: TemporaryDirectory
    let store: SQLiteStore
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    init() async throws {
        dir = try TemporaryDirectory()
        store = try SQLiteStore(path: dir.path("db/screener.sqlite"), sealer: ReversingSealer())
        try await store.migrate()
        var criteria = JobCriteria(id: "job-1", title: "Backend Engineer")
        criteria.requiredSkills = [.init(name: "Swift")]
        _ = try await store.putCriteria(criteria, jobId: "job-1", source: .cli, now: t0)
    }

    func request(_ key: String = "key-1", job: String = "job-1", body: String = #"{"partner_test_id":"job-1","candidate":{"email":"ada@example.org"}}"#) -> NewAssessmentRequest {
        NewAssessmentRequest(
            integration: "gh", dedupeKey: key, jobId: job, candidateId: store.candidateID(integration: "gh", externalId: "17"),
            body: Data(body.utf8), eventType: "greenhouse_assessment.send_test",
            callbackURL: "https://app.greenhouse.io/integrations/testing_partners/take_home_tests/\(key)", receivedAt: t0, maxAttempts: 5)
    }

    func result(_ score: Double) -> AssessmentResult {
        AssessmentResult(
            score: score, knockedOut: false, knockoutReasons: [], rank: 1, shortlistSize: 1, criteriaVersion: 1, matchedSkills: ["Swift"],
            missingRequired: [], yearsOfExperience: 3, model: "builtin", summary: "Score \(score).")
    }

    @Test("0006_assessment_requests is registered after 0005 and applied")
    func migrationOrder() async throws {
        let names = SQLiteStore.migrator.migrations
        let i6 = try #require(names.firstIndex(of: "0006_assessment_requests"))
        #expect(names.prefix(i6).contains { $0.hasPrefix("0005_") })
        #expect(try await store.pendingMigrations().isEmpty)
        #expect(SQLiteStore.sealedColumns.contains(.init(table: "assessment_requests", column: "callback_url")))
    }

    @Test("recording is one transaction: assessment, sealed raw event, work item and candidate link; a repeat stores nothing")
    func recordIdempotent() async throws {
        let (first, created) = try await store.recordAssessment(request())
        #expect(created)
        #expect(first.id.hasPrefix("ga_") && first.id.count == 23)
        #expect(first.status == .pending && first.processing == .queued)
        #expect(first.callbackURL?.hasSuffix("/key-1") == true)
        let (again, createdAgain) = try await store.recordAssessment(request(body: #"{"different":"body"}"#))
        #expect(!createdAgain)
        #expect(again.id == first.id && again.eventId == first.eventId)
        #expect(try await store.queueDepth() == 1)
        let event = try #require(try await store.event(id: first.eventId))
        #expect(event.eventType == "greenhouse_assessment.send_test" && event.profile == "greenhouse")
        #expect(String(decoding: event.body, as: UTF8.self).contains("ada@example.org"))
        // Sealed at rest: neither the body nor the callback URL is stored as given.
        let raw = try await store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT e.body, a.callback_url FROM assessment_requests a JOIN raw_events e ON e.id = a.event_id")
        }
        let body: Data = try #require(raw?["body"])
        let callback: Data = try #require(raw?["callback_url"])
        #expect(body.starts(with: Data("SEALED:raw_events.body:".utf8)))
        #expect(callback.starts(with: Data("SEALED:assessment_requests.callback_url:".utf8)))
        #expect(try await store.assessment(eventId: first.eventId)?.id == first.id)
        // Another request for the same candidate is another assessment.
        #expect(try await store.recordAssessment(request("key-2")).created)
    }

    @Test("an unknown job is not_found and stores nothing")
    func unknownJob() async throws {
        await #expect(throws: ScreenerError.self) { try await store.recordAssessment(request(job: "no-such-job")) }
        #expect(try await store.queueDepth() == 0)
        #expect(try await store.events(EventFilter()).isEmpty)
    }

    @Test("completing stores the result and queues the PATCH once; the first result wins")
    func completeOnce() async throws {
        let (a, _) = try await store.recordAssessment(request())
        func item(_ id: String) -> OutboxItem {
            OutboxItem(
                postBack: PostBack(id: id, integration: "gh", profile: "greenhouse", kind: .assessmentResult, callbackURL: a.callbackURL),
                jobId: "job-1", candidateId: a.candidateId, state: .pending, attempts: 0, uncertain: false, availableAt: t0, lastError: nil,
                remoteId: nil, createdAt: t0, deliveredAt: nil)
        }
        let done = try await store.completeAssessment(id: a.id, applicationId: "app-1", result: result(80), postBack: item("pb_1"), now: t0)
        #expect(done.status == .complete && done.result?.score == 80 && done.applicationId == "app-1")
        let again = try await store.completeAssessment(id: a.id, applicationId: "app-1", result: result(10), postBack: item("pb_2"), now: t0)
        #expect(again.result?.score == 80)
        let queued = try await store.postBacks(state: nil, jobId: nil, candidateId: nil, limit: 10)
        #expect(queued.map(\.postBack.id) == ["pb_1"])
    }

    @Test("erasure marks the assessment erased, drops the callback URL, stubs the raw body and scrubs the ledger")
    func erasure() async throws {
        let (a, _) = try await store.recordAssessment(request())
        let item = OutboxItem(
            postBack: PostBack(id: "pb_1", integration: "gh", profile: "greenhouse", kind: .assessmentResult, payload: Data("{}".utf8), callbackURL: a.callbackURL),
            jobId: "job-1", candidateId: a.candidateId, state: .pending, attempts: 0, uncertain: false, availableAt: t0, lastError: nil,
            remoteId: nil, createdAt: t0, deliveredAt: nil)
        // As a worker does: the application exists before the assessment completes.
        let application = try await store.upsertApplication(
            integration: "gh", candidate: .init(externalId: "17", emails: ["ada@example.org"]), application: nil, jobId: "job-1",
            eventId: a.eventId, now: t0)
        #expect(application.candidateId == a.candidateId)
        try await store.completeAssessment(id: a.id, applicationId: application.id, result: result(70), postBack: item, now: t0)
        let report = try await store.eraseCandidate(id: a.candidateId, now: t0)
        #expect(report.rawEvents == 1)
        let erased = try #require(try await store.assessment(id: a.id))
        #expect(erased.status == .erased && erased.callbackURL == nil)
        #expect(erased.result?.score == 70)
        let ledger = try #require(try await store.postBack(id: "pb_1"))
        #expect(ledger.postBack.callbackURL == nil && ledger.postBack.payload == nil && ledger.state == .superseded)
        #expect(!String(decoding: try #require(try await store.event(id: a.eventId)).body, as: UTF8.self).contains("ada@example.org"))
        // Idempotent.
        _ = try await store.eraseCandidate(id: a.candidateId, now: t0)
        #expect(try await store.assessment(id: a.id)?.status == .erased)
    }

    @Test("key rotation re-seals the callback URL column")
    func rotation() async throws {
        let dir = try TemporaryDirectory()
        let a = try SecurityKeyringTests.key(1), b = try SecurityKeyringTests.key(2)
        let sealed = try SQLiteStore(path: dir.path("db/s.sqlite"), sealer: DataKeyring(active: a))
        try await sealed.migrate()
        _ = try await sealed.putCriteria(JobCriteria(id: "job-1", title: "T"), jobId: "job-1", source: .cli, now: t0)
        let (assessment, _) = try await sealed.recordAssessment(NewAssessmentRequest(
            integration: "gh", dedupeKey: "k", jobId: "job-1", candidateId: "cand_1", body: Data("{}".utf8),
            eventType: "greenhouse_assessment.send_test", callbackURL: "https://app.greenhouse.io/x/1", receivedAt: t0, maxAttempts: 5))
        let reports = try await sealed.reseal(SQLiteStore.assessmentSealedColumns, using: DataKeyring(active: b, retired: [a]))
        #expect(reports.first?.resealed == 1)
        let reopened = try SQLiteStore(path: dir.path("db/s.sqlite"), sealer: DataKeyring(active: b))
        #expect(try await reopened.assessment(id: assessment.id)?.callbackURL == "https://app.greenhouse.io/x/1")
    }
}
