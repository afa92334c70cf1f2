import Foundation
import ScreenerCore
import ScreenerTestSupport
import Storage
import Testing

/// Reverses the bytes and tags them: enough to prove that sealed columns never hold plaintext and
/// that every read opens what was sealed, without depending on the key store.
struct ReversingSealer: BlobSealer {
    func seal(_ plaintext: Data, context: String) throws -> Data { Data("SEALED:\(context):".utf8) + Data(plaintext.reversed()) }
    func open(_ sealed: Data, context: String) throws -> Data {
        let prefix = Data("SEALED:\(context):".utf8)
        guard sealed.starts(with: prefix) else { throw ScreenerError(.invalidInput, "wrong context") }
        return Data(sealed.dropFirst(prefix.count).reversed())
    }
}

@Suite("PipelineStore on SQLite")
struct PipelineStoreTests {
    let dir: TemporaryDirectory
    let store: SQLiteStore
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    init() async throws {
        dir = try TemporaryDirectory()
        store = try SQLiteStore(path: dir.path("db/screener.sqlite"), sealer: ReversingSealer())
        try await store.migrate()
    }

    func criteria(_ skills: [String]) -> JobCriteria {
        var c = JobCriteria(id: "ignored", title: "Backend Engineer")
        c.requiredSkills = skills.map { .init(name: $0) }
        return c
    }

    let person = CandidateEvent.Candidate(
        externalId: "c-77", firstName: "Zelda", lastName: "Quimby", emails: ["zelda.quimby@example.org"], phones: ["+1 415 555 0199"])

    @Test("criteria: equal content keeps its version, a change makes the next one, and the job id wins over the file's")
    func criteriaVersions() async throws {
        let v1 = try await store.putCriteria(criteria(["Swift"]), jobId: "job-1", source: .cli, now: t0)
        let again = try await store.putCriteria(criteria(["Swift"]), jobId: "job-1", source: .cli, now: t0)
        let v2 = try await store.putCriteria(criteria(["Swift", "PostgreSQL"]), jobId: "job-1", source: .http, now: t0)
        #expect(v1 == 1 && again == 1 && v2 == 2)
        let newest = try #require(try await store.criteria(jobId: "job-1", version: nil))
        #expect(newest.version == 2 && newest.criteria.id == "job-1" && newest.criteria.version == 2 && newest.source == .http)
        #expect(try await store.criteria(jobId: "job-1", version: 1)?.criteria.requiredSkills.map(\.name) == ["Swift"])
        #expect(try await store.job(id: "job-1")?.criteriaVersion == 2)
    }

    @Test("an application upserted twice is one candidate and one application; identity and answers are sealed on disk")
    func applicationUpsert() async throws {
        let job = try await store.upsertATSJob(integration: "acme", externalId: "4567", title: "Backend", description: nil, now: t0)
        #expect(job.id == "acme:4567")
        let app = CandidateEvent.Application(externalId: "a-1", stage: "Applied", answers: ["work_authorization": "yes"])
        let first = try await store.upsertApplication(integration: "acme", candidate: person, application: app, jobId: job.id, eventId: "e1", now: t0)
        let second = try await store.upsertApplication(integration: "acme", candidate: person, application: app, jobId: job.id, eventId: "e2", now: t0)
        #expect(first.id == second.id && first.candidateId == second.candidateId)
        #expect(try await store.applications(candidateId: first.candidateId).count == 1)
        #expect(try await store.candidate(id: first.candidateId)?.identity == person)
        #expect(try await store.answers(applicationId: first.id) == ["work_authorization": "yes"])
        #expect(try await store.application(integration: "acme", externalId: "a-1")?.id == first.id)

        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir.path("db/screener.sqlite")))
            + ((try? Data(contentsOf: URL(fileURLWithPath: dir.path("db/screener.sqlite-wal")))) ?? Data())
        for secret in ["zelda.quimby@example.org", "Quimby", "555 0199", "work_authorization"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in the database file in clear")
        }
    }

    @Test("scores are kept once per (application, criteria version, adapter, input) and new criteria make applications unscored")
    func scoresAndRescoring() async throws {
        _ = try await store.putCriteria(criteria(["Swift"]), jobId: "job-1", source: .cli, now: t0)
        let a = try await store.upsertApplication(integration: "cli", candidate: person, application: nil, jobId: "job-1", eventId: "e1", now: t0)
        let profile = ParsedResume(text: "Swift developer", meta: .init(format: "txt", parserVersion: "test", parsedAt: t0))
        let redacted = RedactedProfile(text: "Swift developer", policyVersion: "test")
        try await store.storeParse(applicationId: a.id, parsed: profile, redacted: redacted, now: t0)
        #expect(try await store.unscoredApplications(limit: 10).map(\.applicationId) == [a.id])

        let score = Score(total: 80, components: [], provenance: .init(adapter: "builtin", model: "m", modelVersion: "1", criteriaId: "job-1", criteriaVersion: 1, inputSHA256: "abc"))
        let record = ScoreRecord(applicationId: a.id, candidateId: a.candidateId, jobId: "job-1", criteriaVersion: 1, score: score, yearsOfExperience: 4, createdAt: t0)
        try await store.storeScore(record)
        try await store.storeScore(record)
        #expect(try await store.scores(applicationId: a.id).count == 1)
        #expect(try await store.scores(jobId: "job-1", criteriaVersion: 1).first?.yearsOfExperience == 4)
        #expect(try await store.unscoredApplications(limit: 10).isEmpty)
        #expect(try await store.application(id: a.id)?.status == .scored)

        _ = try await store.putCriteria(criteria(["Swift", "Go"]), jobId: "job-1", source: .cli, now: t0)
        #expect(try await store.unscoredApplications(limit: 10).map(\.jobId) == ["job-1"])
    }

    func outboxItem(_ id: String, at date: Date) -> OutboxItem {
        OutboxItem(
            postBack: PostBack(id: id, integration: "acme", profile: "lever", kind: .candidateNote, note: "rank 1"),
            jobId: "job-1", candidateId: "cand_x", state: .pending, attempts: 0, uncertain: false, availableAt: date,
            lastError: nil, remoteId: nil, createdAt: date, deliveredAt: nil)
    }

    func shortlist(revision: Int) -> Shortlist {
        let entry = Shortlist.Entry(
            rank: 1, candidateId: "cand_x", score: 80, topSkills: ["Swift"], missingRequired: [], yearsOfExperience: 4,
            model: .init(adapter: "builtin", model: "m", version: "1"), criteriaVersion: 1)
        return Shortlist(jobId: "job-1", revision: revision, criteriaVersion: 1, generatedAt: t0, size: 10, minScore: 0, entries: [entry], knockedOut: [], notShortlistedCount: 0, diff: nil)
    }

    @Test("the outbox is an idempotency ledger: a known post-back id is never enqueued twice, even after delivery")
    func outboxLedger() async throws {
        _ = try await store.putCriteria(criteria(["Swift"]), jobId: "job-1", source: .cli, now: t0)
        try await store.saveShortlist(shortlist(revision: 1), postBacks: [outboxItem("pb_1", at: t0)], deferPendingUntil: nil, now: t0)
        let claimed = try await store.claimPostBacks(limit: 10, lease: 60, now: t0)
        #expect(claimed.map(\.postBack.id) == ["pb_1"] && claimed.first?.state == .inFlight && claimed.first?.attempts == 1)
        try await store.markDelivered(postBackId: "pb_1", remoteId: "note-9", now: t0)
        try await store.saveShortlist(shortlist(revision: 2), postBacks: [outboxItem("pb_1", at: t0)], deferPendingUntil: nil, now: t0)
        let all = try await store.postBacks(state: nil, jobId: "job-1", candidateId: nil, limit: 10)
        #expect(all.count == 1 && all.first?.state == .delivered && all.first?.remoteId == "note-9")
        #expect(try await store.latestShortlist(jobId: "job-1")?.revision == 2)
    }

    @Test("a pending note to a candidate who has left the shortlist is superseded, never sent")
    func leftBeforeSending() async throws {
        _ = try await store.putCriteria(criteria(["Swift"]), jobId: "job-1", source: .cli, now: t0)
        try await store.saveShortlist(shortlist(revision: 1), postBacks: [outboxItem("pb_3", at: t0.addingTimeInterval(60))], deferPendingUntil: nil, now: t0)
        var emptied = shortlist(revision: 2)
        emptied.entries = []
        try await store.saveShortlist(emptied, postBacks: [], deferPendingUntil: nil, now: t0)
        #expect(try await store.postBack(id: "pb_3")?.state == .superseded)
        #expect(try await store.claimPostBacks(limit: 10, lease: 30, now: t0.addingTimeInterval(120)).isEmpty)
    }

    @Test("an attempt interrupted by a crash comes back uncertain after its lease; failures back off, then dead-letter; retry revives")
    func outboxLeasesAndDeadLetters() async throws {
        try await store.enqueue([outboxItem("pb_2", at: t0)])
        _ = try await store.claimPostBacks(limit: 10, lease: 30, now: t0)
        #expect(try await store.claimPostBacks(limit: 10, lease: 30, now: t0.addingTimeInterval(10)).isEmpty)
        let reclaimed = try await store.claimPostBacks(limit: 10, lease: 30, now: t0.addingTimeInterval(31))
        #expect(reclaimed.first?.uncertain == true && reclaimed.first?.attempts == 2)

        try await store.markFailed(postBackId: "pb_2", reason: "HTTP 503", uncertain: true, retryAt: t0.addingTimeInterval(300), now: t0.addingTimeInterval(31))
        #expect(try await store.claimPostBacks(limit: 10, lease: 30, now: t0.addingTimeInterval(299)).isEmpty)
        _ = try await store.claimPostBacks(limit: 10, lease: 30, now: t0.addingTimeInterval(300))
        try await store.markFailed(postBackId: "pb_2", reason: "HTTP 400", uncertain: false, retryAt: nil, now: t0.addingTimeInterval(301))
        #expect(try await store.postBack(id: "pb_2")?.state == .dead)
        #expect(try await store.postBacks(state: .dead, jobId: nil, candidateId: nil, limit: 10).map(\.lastError) == ["HTTP 400"])

        try await store.retryPostBack(id: "pb_2", now: t0.addingTimeInterval(400))
        #expect(try await store.claimPostBacks(limit: 10, lease: 30, now: t0.addingTimeInterval(400)).map(\.postBack.id) == ["pb_2"])
        await #expect(throws: ScreenerError.self) { try await store.retryPostBack(id: "pb_missing", now: t0) }
    }
}

@Suite("Retention")
struct RetentionTests {
    @Test("the sweeper purges each data class after its days, and keeps what is younger, quarantined, or unlimited")
    func purge() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("r.sqlite"), sealer: ReversingSealer())
        try await store.migrate()
        let day: TimeInterval = 86_400
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        // Given an old processed delivery, an old quarantined one, and a fresh processed one
        func deliver(_ key: String, at: Date) async throws -> String {
            try await store.recordDelivery(NewRawEvent(
                integration: "acme", profile: "greenhouse", dedupeKey: key, eventType: "x", headers: [:],
                body: Data(#"{"name":"Quinn Example"}"#.utf8), receivedAt: at, maxAttempts: 1)).eventID
        }
        let old = try await deliver("old", at: t0)
        let quarantined = try await deliver("q", at: t0)
        for item in try await store.claimWork(owner: "w", limit: 10, lease: 60, now: t0) {
            if item.eventID == old { try await store.completeWork(item, result: Data("{}".utf8), now: t0) }
            else { try await store.failWork(item, reason: "bad", permanent: true, policy: RetryPolicy(), now: t0) }
        }
        // And an application with a document, a parse and a score, all stored at t0
        _ = try await store.putCriteria(JobCriteria(id: "j", requiredSkills: [.init(name: "Swift")]), jobId: "j", source: .cli, now: t0)
        let app = try await store.upsertApplication(
            integration: "acme", candidate: .init(externalId: "c1", emails: ["quinn@example.org"]), application: nil, jobId: "j", eventId: old, now: t0)
        try await store.storeDocument(applicationId: app.id, FetchedDocument(bytes: Data("Quinn Example CV".utf8), source: "inline"), now: t0)
        try await store.storeParse(
            applicationId: app.id, parsed: ParsedResume(text: "Quinn Example", meta: .init(format: "txt", parserVersion: "t", parsedAt: t0)),
            redacted: RedactedProfile(text: "[NAME]"), now: t0)
        let score = Score(total: 50, components: [], provenance: .init(adapter: "builtin", model: "m", modelVersion: "1", criteriaId: "j", criteriaVersion: 1, inputSHA256: "h"))
        try await store.storeScore(ScoreRecord(applicationId: app.id, candidateId: app.candidateId, jobId: "j", criteriaVersion: 1, score: score, yearsOfExperience: nil, createdAt: t0))
        let fresh = try await deliver("fresh", at: t0.addingTimeInterval(40 * day))
        for item in try await store.claimWork(owner: "w", limit: 10, lease: 60, now: t0.addingTimeInterval(40 * day)) {
            try await store.completeWork(item, result: nil, now: t0.addingTimeInterval(40 * day))
        }

        let policy = RetentionPolicy(rawEventsDays: 30, resumeFilesDays: 60, parsedTextDays: 90, scoresDays: nil)
        // When the sweeper runs at day 45: only the old processed body is past its limit
        let r45 = try await store.purgeExpired(policy, now: t0.addingTimeInterval(45 * day))
        #expect(r45 == RetentionReport(rawEvents: 1, documents: 0, parses: 0, scores: 0))
        #expect(String(decoding: try #require(try await store.event(id: old)).body, as: UTF8.self).contains("erased"))
        #expect(String(decoding: try #require(try await store.event(id: quarantined)).body, as: UTF8.self).contains("Quinn"))
        #expect(String(decoding: try #require(try await store.event(id: fresh)).body, as: UTF8.self).contains("Quinn"))
        #expect(try await store.document(applicationId: app.id) != nil)
        // At day 100: the document and the parse are gone too; the score stays (no limit); sweeping again purges nothing
        let r100 = try await store.purgeExpired(policy, now: t0.addingTimeInterval(100 * day))
        #expect(r100 == RetentionReport(rawEvents: 1, documents: 1, parses: 1, scores: 0))
        #expect(try await store.document(applicationId: app.id) == nil)
        #expect(try await store.parse(applicationId: app.id) == nil)
        #expect(try await store.scores(applicationId: app.id).count == 1)
        #expect(try await store.purgeExpired(policy, now: t0.addingTimeInterval(100 * day)).total == 0)
        // With a score limit the score goes as well
        #expect(try await store.purgeExpired(RetentionPolicy(rawEventsDays: nil, resumeFilesDays: nil, parsedTextDays: nil, scoresDays: 365), now: t0.addingTimeInterval(400 * day)).scores == 1)
    }
}
