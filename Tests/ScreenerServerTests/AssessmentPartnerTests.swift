import ATSIntegration
import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOHTTP1
import ScreenerCore
import ScreenerServer
import ScreenerTestSupport
import Storage
import Testing

/// Greenhouse's Assessment Partner API over real loopback HTTP: a fake Greenhouse (in process, on
/// 127.0.0.1) calls `list_tests`, `send_test` and `test_status` with HTTP Basic (an `ats` token as
/// user name), the resume comes from an allow-listed local file server, and the fake receives the
/// completion PATCH through the outbox.
@Suite("Greenhouse Assessment Partner", .serialized)
struct AssessmentPartnerTests {
    static let integration = "test-greenhouse"
    static let jobID = "backend-engineer"

    /// What a test gets: the running service, its store, tokens, the fake and the file server.
    struct Context: Sendable {
        var env: TestEnvironment
        var store: SQLiteStore
        var deps: ScreenerDependencies
        var fake: FakeGreenhouseAssessment
        var files: LocalFileServer
        var port: Int
        var atsToken: String
        var recruiterToken: String
        var partnerBase: String { "http://127.0.0.1:\(port)/v1/partners/greenhouse/\(AssessmentPartnerTests.integration)" }
    }

    /// Starts everything; `workers: 0` leaves processing to the test (`EventProcessor.runOnce`).
    static func withService(
        workers: Int = 2, plaintext: Bool = false, logger: Logger = Logger(label: "test"),
        _ body: @escaping @Sendable (Context) async throws -> Void
    ) async throws {
        let http = HTTPClient.shared  // never shut down, so a failing test cannot crash the runner
        try await LocalFileServer.run { files in
            files.store.put(PipelineHarness.resume(6), as: "resume-harry.txt", contentType: "text/plain")
            files.store.put(PipelineHarness.resume(3), as: "resume-ron.txt", contentType: "text/plain")
            let env0 = try TestEnvironment(profiles: ["greenhouse"], workers: workers)
            let store = plaintext
                ? try SQLiteStore(path: env0.configuration.database.path, sealer: PlaintextSealer())
                : try await env0.openStore()
            try await store.migrate()
            let ats = try await store.createToken(name: "greenhouse-assessments", role: .ats, expiresAt: nil, now: Date()).secret
            let recruiter = try await store.createToken(name: "recruiter", role: .recruiter, expiresAt: nil, now: Date()).secret
            var criteria = PipelineHarness.criteria()
            criteria.id = jobID
            criteria.title = "Backend Engineer"
            _ = try await store.putCriteria(criteria, jobId: jobID, source: .cli, now: Date())
            let fake = try await FakeGreenhouseAssessment.start(apiKey: ats, http: http)
            let env = env0.configured { config, environment in
                guard let i = TestEnvironment.integrationIndex(integration, in: config) else { return }
                config.integrations[i].fetch = FetchSettings(allowHosts: [files.hostAndPort], allowHTTP: true, timeoutSeconds: 5)
                config.integrations[i].assessment = GreenhouseAssessmentSettings(
                    profileURL: "https://screener.example.com/v1/candidates/{candidate_id}", apiKey: "env:GH_ASSESSMENT_KEY",
                    // 6 s: a loaded full-suite run (suites run in parallel on 2 cores) can hold a 200 past 2 s, which
                    // the outbox must then treat as lost; the lost-response test waits this long once.
                    callbackHosts: [fake.hostAndPort], allowHTTP: true, timeout: 6)
                config.delivery.debounceSeconds = 0
                environment["GH_ASSESSMENT_KEY"] = ats
            }
            let deps = try PipelineHarness.dependencies(env: env, store: store, httpClient: http, logger: logger)
            let app = buildApplication(deps)
            do {
                try await app.test(.live) { client in
                    let port = try #require(client.port)
                    fake.setPartnerBaseURL("http://127.0.0.1:\(port)/v1/partners/greenhouse/\(integration)")
                    try await body(Context(
                        env: env, store: store, deps: deps, fake: fake, files: files, port: port, atsToken: ats, recruiterToken: recruiter))
                }
            } catch {
                await fake.stop()
                throw error
            }
            await fake.stop()
        }
    }

    static func resumeURL(_ ctx: Context, _ name: String) -> String { "\(ctx.files.baseURL)/files/\(name)" }

    /// A worker that processes what is queued now (for tests that run with `workers: 0`).
    static func processQueued(_ ctx: Context) async {
        let worker = EventProcessor(
            name: "test-worker", store: ctx.store, integrations: ctx.deps.integrations, clock: SystemClock(), metrics: ctx.deps.metrics,
            logger: Logger(label: "test"), batchSize: 16, pipeline: ctx.deps.pipeline?.pipeline)
        await worker.runOnce()
    }

    // MARK: End to end

    @Test("list_tests, send_test and the callback PATCH end to end: the score is reported once, and test_status agrees")
    func endToEnd() async throws {
        try await Self.withService { ctx in
            let tests = try await ctx.fake.listTests()
            #expect(tests.status == 200)
            let list = try #require(tests.json as? [[String: Any]])
            #expect(list.count == 1)
            #expect(list.first?["partner_test_id"] as? String == Self.jobID)
            #expect(list.first?["partner_test_name"] as? String == "Backend Engineer")

            let sent = try await ctx.fake.sendTest(
                testID: "9001", body: ctx.fake.sendTestBody(partnerTestID: Self.jobID, testID: "9001", resumeURL: Self.resumeURL(ctx, "resume-harry.txt")))
            #expect(sent.status == 200)
            let interview = try #require(sent.object["partner_interview_id"] as? String)
            #expect(interview.hasPrefix("ga_"))

            let completed = try await PipelineHarness.eventually(seconds: 60) {
                let delivered = try await ctx.store.postBacks(state: .delivered, jobId: nil, candidateId: nil, limit: 10).count
                return ctx.fake.completions["9001"]?.statusCode == 200 && delivered == 1
            }
            #expect(completed, "the PATCH did not arrive: \(ctx.fake.patches.map(\.status))")
            let completion = try #require(ctx.fake.completions["9001"])
            #expect(completion.partnerInterviewID == interview)
            #expect(completion.status["partner_status"] as? String == "complete")
            let score = try #require(completion.status["partner_score"] as? Double)
            #expect(score > 50)
            let candidateID = ctx.store.candidateID(integration: Self.integration, externalId: "17681532")
            #expect(completion.status["partner_profile_url"] as? String == "https://screener.example.com/v1/candidates/\(candidateID)")
            let metadata = try #require(completion.status["metadata"] as? [String: Any])
            #expect((metadata["Summary"] as? String)?.contains("Score") == true)
            #expect(metadata["Shortlist rank"] as? String == "1 of 1")
            #expect((metadata["Matched skills"] as? String)?.contains("Swift") == true)
            #expect(metadata.values.allSatisfy { $0 is String || $0 is NSNumber }, "metadata values must be primitives")

            // One PATCH, on the send_test url, with Greenhouse's key as Basic user name and the result.
            let patches = ctx.fake.patches
            #expect(patches.count == 1)
            let patch = try #require(patches.first)
            #expect(patch.testID == "9001")
            #expect(patch.headers["authorization"] == FakeGreenhouseAssessment.basic(ctx.atsToken))
            #expect(patch.headers["idempotency-key"]?.hasPrefix("pb_") == true)
            let patchBody = try #require(try JSONSerialization.jsonObject(with: patch.body) as? [String: Any])
            #expect(patchBody["partner_status"] as? String == "complete")
            #expect(patchBody["partner_score"] as? Double == score)

            // test_status says the same; the read is access-logged against the candidate.
            let status = try await ctx.fake.testStatus(interview)
            #expect(status.status == 200)
            #expect(status.object["partner_score"] as? Double == score)
            let log = try await ctx.store.accessLog(since: nil, limit: 100)
            #expect(log.contains { $0.role == .ats && $0.resourceType == .candidate && $0.resourceID == candidateID && $0.action == .read })

            // The candidate went through the ordinary pipeline: an application scored for the job.
            let apps = try await ctx.store.applications(candidateId: candidateID)
            #expect(apps.map(\.jobId) == [Self.jobID])
            #expect(apps.first?.externalId == "26234709")
            #expect(try await ctx.store.latestShortlist(jobId: Self.jobID)?.entries.first?.candidateId == candidateID)
        }
    }

    @Test("the first PATCH answers 503 with Retry-After: the outbox retries after it, and Greenhouse marks the test complete once")
    func patchRetriedAfter503() async throws {
        try await Self.withService { ctx in
            ctx.fake.script(.reply(status: 503, headers: ["Retry-After": "1"]))
            let sent = try await ctx.fake.sendTest(
                testID: "9002", body: ctx.fake.sendTestBody(partnerTestID: Self.jobID, testID: "9002", resumeURL: Self.resumeURL(ctx, "resume-harry.txt")))
            #expect(sent.status == 200)
            let delivered = try await PipelineHarness.eventually(seconds: 60) {
                try await ctx.store.postBacks(state: .delivered, jobId: nil, candidateId: nil, limit: 10).count == 1
            }
            #expect(delivered)
            let patches = ctx.fake.patches
            #expect(patches.map(\.status) == [503, 200])
            if patches.count == 2 {
                #expect(patches[1].receivedAt.timeIntervalSince(patches[0].receivedAt) >= 0.9, "Retry-After: 1 must be honoured")
                #expect(patches[0].headers["idempotency-key"] == patches[1].headers["idempotency-key"])
            }
            #expect(ctx.fake.completions.count == 1)
            #expect(ctx.fake.completions["9002"]?.status["partner_status"] as? String == "complete")
            let item = try #require(try await ctx.store.postBacks(state: .delivered, jobId: nil, candidateId: nil, limit: 10).first)
            #expect(item.postBack.kind == .assessmentResult)
            #expect(item.attempts == 2)
        }
    }

    @Test("the first PATCH's 200 is lost: the uncertain attempt is repeated with the same idempotency key and Greenhouse completes the test once")
    func patchResponseLost() async throws {
        try await Self.withService { ctx in
            ctx.fake.script(.lostResponse)
            _ = try await ctx.fake.sendTest(
                testID: "9003", body: ctx.fake.sendTestBody(partnerTestID: Self.jobID, testID: "9003", resumeURL: Self.resumeURL(ctx, "resume-harry.txt")))
            let delivered = try await PipelineHarness.eventually(seconds: 60) {
                try await ctx.store.postBacks(state: .delivered, jobId: nil, candidateId: nil, limit: 10).count == 1
            }
            #expect(delivered)
            let patches = ctx.fake.patches
            #expect(patches.count == 2, "one lost attempt, one repeat: \(patches.map(\.status))")
            #expect(patches.first?.status == nil && patches.last?.status == 200)
            #expect(Set(patches.compactMap { $0.headers["idempotency-key"] }).count == 1)
            #expect(ctx.fake.completions.count == 1, "the test is completed once")
            #expect(ctx.fake.completions["9003"]?.status["partner_status"] as? String == "complete")
            // Nothing else is queued for it: one ledger row, delivered.
            let all = try await ctx.store.postBacks(state: nil, jobId: nil, candidateId: nil, limit: 10)
            #expect(all.count == 1 && all.first?.state == .delivered)
        }
    }

    // MARK: Status, idempotency, errors

    @Test("send_test is idempotent, test_status goes pending → complete, a resume that cannot be fetched reports failed until replayed")
    func statusProgression() async throws {
        try await Self.withService(workers: 0) { ctx in
            let body = ctx.fake.sendTestBody(partnerTestID: Self.jobID, testID: "9100", resumeURL: Self.resumeURL(ctx, "resume-harry.txt"))
            let first = try await ctx.fake.sendTest(testID: "9100", body: body)
            let second = try await ctx.fake.sendTest(testID: "9100", body: body)
            #expect(first.status == 200 && second.status == 200)
            let interview = try #require(first.object["partner_interview_id"] as? String)
            #expect(second.object["partner_interview_id"] as? String == interview, "the same request must return the same assessment")
            #expect(try await ctx.store.queueDepth() == 1, "a repeated send_test queues no second work item")
            #expect(try await ctx.store.events(EventFilter(integration: Self.integration)).count == 1)

            let pending = try await ctx.fake.testStatus(interview)
            #expect(pending.status == 200)
            #expect(pending.object["partner_status"] as? String == "pending")
            #expect(pending.object["partner_score"] is NSNull)
            #expect(pending.object["partner_profile_url"] is NSNull)

            await Self.processQueued(ctx)
            let complete = try await ctx.fake.testStatus(interview)
            #expect(complete.object["partner_status"] as? String == "complete")
            #expect((complete.object["partner_score"] as? Double ?? 0) > 50)
            #expect((complete.object["partner_profile_url"] as? String)?.hasPrefix("https://screener.example.com/v1/candidates/cand_") == true)
            // The running delivery service sends the PATCH from the outbox.
            #expect(try await PipelineHarness.eventually(seconds: 30) { ctx.fake.completions["9100"]?.statusCode == 200 })
            #expect(ctx.fake.patches.map(\.status) == [200])
            // A second send_test after completion still returns the same assessment and queues nothing.
            let third = try await ctx.fake.sendTest(testID: "9100", body: body)
            #expect(third.object["partner_interview_id"] as? String == interview)
            #expect(try await ctx.store.queueDepth() == 0)

            // A resume URL that answers 404: failed (quarantined) until the file exists and it is replayed.
            let missing = ctx.fake.sendTestBody(
                partnerTestID: Self.jobID, testID: "9101", firstName: "Ron", lastName: "Weasley", email: "ron@example.com",
                resumeURL: Self.resumeURL(ctx, "resume-late.txt"), candidateID: 17_681_533, applicationID: 26_234_710)
            let sent = try await ctx.fake.sendTest(testID: "9101", body: missing)
            let ron = try #require(sent.object["partner_interview_id"] as? String)
            #expect(ron != interview)
            await Self.processQueued(ctx)
            let failed = try await ctx.fake.testStatus(ron)
            #expect(failed.object["partner_status"] as? String == "failed")
            ctx.files.store.put(PipelineHarness.resume(3), as: "resume-late.txt", contentType: "text/plain")
            let assessment = try #require(try await ctx.store.assessment(id: ron))
            try await ctx.store.replay(eventID: assessment.eventId, now: Date())
            await Self.processQueued(ctx)
            let revived = try await ctx.fake.testStatus(ron)
            #expect(revived.object["partner_status"] as? String == "complete")
        }
    }

    @Test("unknown partner_test_id, a disallowed callback host, a malformed body and an unknown partner_interview_id are clear problem+json errors")
    func errors() async throws {
        try await Self.withService(workers: 0) { ctx in
            let unknown = try await ctx.fake.sendTest(
                testID: "1", body: ctx.fake.sendTestBody(partnerTestID: "no-such-job", testID: "1", resumeURL: Self.resumeURL(ctx, "resume-harry.txt")))
            #expect(unknown.status == 422)
            #expect(unknown.headers["content-type"] == "application/problem+json")
            #expect(unknown.object["code"] as? String == "unknown_partner_test")
            #expect((unknown.object["detail"] as? String)?.contains("no-such-job") == true)

            // A job without criteria is not a test either.
            _ = try await ctx.store.upsertATSJob(integration: Self.integration, externalId: "77", title: "No criteria", description: nil, now: Date())
            let noCriteria = try await ctx.fake.sendTest(
                testID: "2", body: ctx.fake.sendTestBody(partnerTestID: "test-greenhouse:77", testID: "2", resumeURL: Self.resumeURL(ctx, "resume-harry.txt")))
            #expect(noCriteria.status == 422)
            let listed = try #require(try await ctx.fake.listTests().json as? [[String: Any]])
            #expect(listed.map { $0["partner_test_id"] as? String } == [Self.jobID])

            let metadataHost = try await ctx.fake.sendTest(testID: "3", body: ctx.fake.sendTestBody(
                partnerTestID: Self.jobID, testID: "3", resumeURL: Self.resumeURL(ctx, "resume-harry.txt"),
                callbackURL: "http://169.254.169.254/latest/meta-data/"))
            #expect(metadataHost.status == 400)
            #expect(metadataHost.object["code"] as? String == "callback_not_allowed")

            let malformed = try await ctx.fake.call(.POST, "send_test", body: Data("{\"candidate\":{}}".utf8))
            #expect(malformed.status == 400)
            #expect(malformed.headers["content-type"] == "application/problem+json")
            let notJSON = try await ctx.fake.call(.POST, "send_test", body: Data("partner_test_id=1".utf8))
            #expect(notJSON.status == 400)

            let missingID = try await ctx.fake.call(.GET, "test_status")
            #expect(missingID.status == 400)
            let noSuch = try await ctx.fake.testStatus("ga_00000000000000000000")
            #expect(noSuch.status == 404)
            #expect(noSuch.headers["content-type"] == "application/problem+json")
            #expect(try await ctx.store.queueDepth() == 0, "refused requests queue nothing")
        }
    }

    @Test("auth: no credentials or a bad token → 401 with WWW-Authenticate: Basic; Bearer, a password or a revoked token → 401; a recruiter token → 403; an unknown integration → 404")
    func authBoundaries() async throws {
        try await Self.withService(workers: 0) { ctx in
            let none = try await ctx.fake.call(.GET, "list_tests", authorization: .some(nil))
            #expect(none.status == 401)
            #expect(none.headers["www-authenticate"]?.hasPrefix("Basic realm=") == true)
            #expect(none.headers["content-type"] == "application/problem+json")

            let forged = "scr_0123456789abcdef_" + String(repeating: "A", count: 43)
            let wrong = try await ctx.fake.call(.GET, "list_tests", authorization: FakeGreenhouseAssessment.basic(forged))
            #expect(wrong.status == 401)
            #expect(wrong.headers["www-authenticate"]?.hasPrefix("Basic") == true)

            let tampered = String(ctx.atsToken.dropLast()) + (ctx.atsToken.hasSuffix("A") ? "B" : "A")
            #expect(try await ctx.fake.call(.GET, "list_tests", authorization: FakeGreenhouseAssessment.basic(tampered)).status == 401)

            let bearer = try await ctx.fake.call(.GET, "list_tests", authorization: "Bearer \(ctx.atsToken)")
            #expect(bearer.status == 401)

            let withPassword = "Basic " + Data("\(ctx.atsToken):secret".utf8).base64EncodedString()
            #expect(try await ctx.fake.call(.GET, "list_tests", authorization: withPassword).status == 401)

            let recruiter = try await ctx.fake.call(.GET, "list_tests", authorization: FakeGreenhouseAssessment.basic(ctx.recruiterToken))
            #expect(recruiter.status == 403)
            #expect(recruiter.object["code"] as? String == "forbidden")
            let recruiterSend = try await ctx.fake.call(
                .POST, "send_test", authorization: FakeGreenhouseAssessment.basic(ctx.recruiterToken),
                body: ctx.fake.sendTestBody(partnerTestID: Self.jobID, testID: "1", resumeURL: Self.resumeURL(ctx, "resume-harry.txt")))
            #expect(recruiterSend.status == 403)
            #expect(try await ctx.store.queueDepth() == 0)

            // The partner routes are Basic only; the ats token opens nothing under /v1 with Bearer.
            var jobs = HTTPClientRequest(url: "http://127.0.0.1:\(ctx.port)/v1/jobs")
            jobs.headers.add(name: "Authorization", value: "Bearer \(ctx.atsToken)")
            #expect(try await HTTPClient.shared.execute(jobs, timeout: .seconds(30)).status.code == 403)

            var other = HTTPClientRequest(url: "http://127.0.0.1:\(ctx.port)/v1/partners/greenhouse/no-such-integration/list_tests")
            other.headers.add(name: "Authorization", value: FakeGreenhouseAssessment.basic(ctx.atsToken))
            #expect(try await HTTPClient.shared.execute(other, timeout: .seconds(30)).status.code == 404)

            #expect(try await ctx.fake.listTests().status == 200)
            let token = try #require(try await ctx.store.tokens().first { $0.role == .ats })
            try await ctx.store.revoke(id: token.id, now: Date())
            let revoked = try await ctx.fake.listTests()
            #expect(revoked.status == 401)
            #expect((revoked.object["detail"] as? String)?.contains("revoked") == true)
        }
    }

    @Test("response_error: Greenhouse's report of a malformed answer is acknowledged with {\"status\": 200} and logged without its texts or the email")
    func responseError() async throws {
        let sink = CapturingLogSink()
        try await Self.withService(workers: 0, logger: Logger(label: "screener") { label in JSONLogHandler(label: label) { sink.append($0) } }) { ctx in
            let body = Data(#"""
                {"api_call": "test_status", "errors": ["partner_status is 'complete' but partner_profile url is missing"],
                 "partner_test_id": 12345, "partner_test_name": "Personality Test", "partner_interview_id": "ga_0123456789abcdef0123",
                 "candidate_email": "hpotter@hogwarts.edu"}
                """#.utf8)
            let reply = try await ctx.fake.call(.POST, "response_error", body: body)
            #expect(reply.status == 200)
            #expect(reply.object["status"] as? Int == 200)
            #expect(sink.all.contains { $0.contains("malformed Assessment Partner answer") && $0.contains("ga_0123456789abcdef0123") })
            #expect(!sink.all.contains { $0.contains("hpotter@hogwarts.edu") || $0.contains("partner_profile url is missing") })
            #expect(try await ctx.fake.call(.POST, "response_error", body: Data("nope".utf8)).status == 400)
            #expect(try await ctx.fake.call(.POST, "response_error", authorization: .some(nil), body: body).status == 401)
        }
    }

    // MARK: Configuration

    @Test("configuration: assessment settings load from YAML with defaults; start-up refuses a non-greenhouse profile, a literal or missing apiKey")
    func configuration() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("screener.yaml")
        try """
            integrations:
              - name: acme-greenhouse
                profile: greenhouse
                secrets: ["env:ACME_GH_SECRET"]
                assessment: {profileURL: "https://screener.acme.example/v1/candidates/{candidate_id}", apiKey: "env:ACME_GH_ASSESSMENT_KEY"}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ScreenerConfiguration.load(path: path, environment: [:])
        let settings = try #require(config.integrations.first?.assessment)
        #expect(settings.apiKey == "env:ACME_GH_ASSESSMENT_KEY")
        #expect(settings.callbackHosts == ["app.greenhouse.io", "app.eu.greenhouse.io"])
        #expect(settings.allowHTTP == false && settings.timeout == 10)

        let base = try TestEnvironment(profiles: ["greenhouse", "lever"])
        let store = try await base.openStore()
        func build(_ change: @escaping (inout ScreenerConfiguration.Integration, inout [String: String]) -> Void) throws {
            let env = base.configured { config, environment in
                for i in config.integrations.indices { change(&config.integrations[i], &environment) }
            }
            _ = try PipelineHarness.dependencies(env: env, store: store, httpClient: HTTPClient.shared)
        }
        let good = GreenhouseAssessmentSettings(profileURL: "https://s.example/{candidate_id}", apiKey: "env:GH_ASSESSMENT_KEY")
        #expect(throws: ScreenerError.self, "assessment on a lever integration") {
            try build { i, env in if i.profile == "lever" { i.assessment = good }; env["GH_ASSESSMENT_KEY"] = "k" }
        }
        #expect(throws: ScreenerError.self, "a missing apiKey secret") {
            try build { i, _ in if i.profile == "greenhouse" { i.assessment = good } }
        }
        #expect(throws: ScreenerError.self, "a literal apiKey") {
            try build { i, _ in
                if i.profile == "greenhouse" { i.assessment = GreenhouseAssessmentSettings(profileURL: "https://s.example/{candidate_id}", apiKey: "scr_x") }
            }
        }
        try build { i, env in if i.profile == "greenhouse" { i.assessment = good }; env["GH_ASSESSMENT_KEY"] = "k" }
        // Without apiKey (Greenhouse polls test_status) no PATCH writer is needed.
        try build { i, _ in if i.profile == "greenhouse" { i.assessment = GreenhouseAssessmentSettings(profileURL: "https://s.example/{candidate_id}") } }
    }

    // MARK: Erasure

    @Test("erasure covers assessments: no copy of the candidate's name, email, phone or the callback URL is left in the data directory, and test_status answers 410")
    func erasure() async throws {
        // Plaintext sealing, so that a copy left behind would be visible in the files.
        try await Self.withService(workers: 0, plaintext: true) { ctx in
            let body = ctx.fake.sendTestBody(
                partnerTestID: Self.jobID, testID: "424242", firstName: "Hermione", lastName: "Grangerova", email: "hgranger@example.com",
                phone: "555-0199", resumeURL: Self.resumeURL(ctx, "resume-harry.txt"), candidateID: 31_337, applicationID: 41_337)
            let sent = try await ctx.fake.sendTest(testID: "424242", body: body)
            let interview = try #require(sent.object["partner_interview_id"] as? String)
            await Self.processQueued(ctx)
            #expect(try await PipelineHarness.eventually(seconds: 30) {
                try await ctx.store.postBacks(state: .delivered, jobId: nil, candidateId: nil, limit: 10).count == 1
            })
            #expect(ctx.fake.completions["424242"] != nil)
            let needles = ["hgranger@example.com", "Grangerova", "555-0199", "take_home_tests/424242"]
            func copiesLeft() throws -> [String] {
                let dir = URL(fileURLWithPath: ctx.env.configuration.database.path).deletingLastPathComponent()
                var found: [String] = []
                for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
                    guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(file).path) else { continue }
                    for n in needles where data.range(of: Data(n.utf8)) != nil { found.append("\(n) in \(file)") }
                }
                return found
            }
            #expect(Set(try copiesLeft().map { $0.components(separatedBy: " in ")[0] }) == Set(needles), "the check must see the data first")

            let candidateID = ctx.store.candidateID(integration: Self.integration, externalId: "31337")
            let assessment = try #require(try await ctx.store.assessment(id: interview))
            #expect(assessment.candidateId == candidateID)
            _ = try await ctx.store.eraseCandidate(id: candidateID, now: Date())
            #expect(try copiesLeft() == [])
            let erased = try #require(try await ctx.store.assessment(id: interview))
            #expect(erased.status == .erased)
            #expect(erased.callbackURL == nil)
            #expect(erased.result?.score == assessment.result?.score, "the score stays for audits")
            let ledger = try await ctx.store.postBacks(state: nil, jobId: nil, candidateId: candidateID, limit: 10)
            #expect(ledger.count == 1 && ledger.allSatisfy { $0.postBack.callbackURL == nil && $0.postBack.payload == nil })
            let gone = try await ctx.fake.testStatus(interview)
            #expect(gone.status == 410)
        }
    }

    @Test("erasure before a worker has run: the queued request's body and callback URL are gone, and the work item stops")
    func erasureBeforeProcessing() async throws {
        try await Self.withService(workers: 0, plaintext: true) { ctx in
            let body = ctx.fake.sendTestBody(
                partnerTestID: Self.jobID, testID: "5150", firstName: "Luna", lastName: "Lovegoodish", email: "luna@example.com",
                resumeURL: Self.resumeURL(ctx, "resume-harry.txt"), candidateID: 5150, applicationID: 5151)
            let interview = try #require(try await ctx.fake.sendTest(testID: "5150", body: body).object["partner_interview_id"] as? String)
            let candidateID = ctx.store.candidateID(integration: Self.integration, externalId: "5150")
            let report = try await ctx.store.eraseCandidate(id: candidateID, now: Date())
            #expect(report.rawEvents == 1)
            let raw = try #require(try await ctx.store.events(EventFilter(integration: Self.integration)).first)
            #expect(String(decoding: raw.body, as: UTF8.self).contains("Lovegoodish") == false)
            #expect(try await ctx.store.assessment(id: interview)?.status == .erased)
            await Self.processQueued(ctx)
            #expect(try await ctx.store.candidate(id: candidateID) == nil, "the worker must not recreate the candidate")
            #expect(ctx.fake.patches.isEmpty)
        }
    }
}
