import ATSIntegration
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ScreenerCore

/// Greenhouse's Assessment Partner API, served by Screener for integrations with `assessment`
/// settings (see `GreenhouseAssessment` for the wire format and `webhooks/greenhouse/README.md` for
/// the sources):
///
/// | route | answer |
/// |---|---|
/// | `GET /v1/partners/greenhouse/{integration}/list_tests` | `[{"partner_test_id", "partner_test_name"}]`: every job with criteria that came from this integration or from the CLI/API (partner_test_id = our job id) |
/// | `POST /v1/partners/greenhouse/{integration}/send_test` | `{"partner_interview_id"}` at once; the candidate is scored in the background and the result PATCHed to `url` |
/// | `GET /v1/partners/greenhouse/{integration}/test_status?partner_interview_id=` | `{"partner_status", "partner_profile_url", "partner_score", "metadata"}` |
/// | `POST /v1/partners/greenhouse/{integration}/response_error` | `{"status": 200}`; Greenhouse's report of a malformed answer, logged without its texts |
///
/// Authentication is HTTP Basic with an access token of role `ats` as the user name and an empty
/// password (`BasicAuthMiddleware` + `RequireRole([.ats])`): no credentials or a bad token → 401
/// with `WWW-Authenticate: Basic`, a valid token of another role → 403. Reads and sends are
/// access-logged against the candidate id.
struct GreenhouseAssessmentController<Context: PrincipalRequestContext>: Sendable {
    let partner: AssessmentPartner
    let store: any PipelineStore
    let accessControl: any AccessControlStore
    let rateLimiter: TokenRateLimiter
    let clock: any ScreenerClock
    let maxBodyBytes: Int

    /// The largest `send_test` body read (they are a few hundred bytes).
    static var sendTestBodyLimit: Int { 256 * 1024 }

    /// The controller for a service built with the pipeline and at least one integration in
    /// assessment mode; nil otherwise (the routes then do not exist).
    init?(deps: ScreenerDependencies) {
        guard let pipeline = deps.pipeline, let partner = pipeline.pipeline.assessments, !partner.settings.isEmpty else { return nil }
        self.partner = partner
        self.store = pipeline.store
        self.accessControl = pipeline.accessControl
        self.rateLimiter = pipeline.rateLimiter
        self.clock = deps.clock
        self.maxBodyBytes = min(deps.configuration.server.maxBodyBytes, Self.sendTestBodyLimit)
    }

    func addRoutes(to router: Router<Context>) {
        let group = router.group("v1/partners/greenhouse/:integration")
            .add(middleware: BasicAuthMiddleware(store: accessControl, clock: clock, rateLimiter: rateLimiter, realm: "screener-assessment"))
            .add(middleware: RequireRole([.ats]))
        let accessLog = AccessLogging(store: accessControl, clock: clock)

        group.get("list_tests") { _, context in
            let integration = try integration(context)
            var tests: [GreenhouseAssessment.PartnerTest] = []
            for job in try await store.jobs() where job.criteriaVersion != nil && (job.integration == nil || job.integration == integration) {
                let criteria = try await store.criteria(jobId: job.id, version: nil)?.criteria
                let name = [criteria?.title, job.title].compactMap { $0 }.first { !$0.isEmpty } ?? job.id
                tests.append(.init(partnerTestId: job.id, partnerTestName: name))
            }
            tests.sort { ($0.partnerTestName, $0.partnerTestId) < ($1.partnerTestName, $1.partnerTestId) }
            try await accessLog.record(context, .list, .job, id: nil)
            return try JSONResponse.encode(tests)
        }

        group.post("send_test") { request, context in
            let integration = try integration(context)
            guard let settings = partner.settings[integration] else { throw Self.unknownIntegration(integration) }
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: maxBodyBytes)
            } catch {
                throw ProblemDetails(ScreenerError(.payloadTooLarge, "a send_test body larger than \(maxBodyBytes) bytes"))
            }
            let body = Data(buffer: buffer)
            let sendTest = try GreenhouseAssessment.SendTestRequest.decode(body)
            guard let job = try await store.job(id: sendTest.partnerTestId), job.criteriaVersion != nil,
                  job.integration == nil || job.integration == integration else {
                throw ProblemDetails(
                    status: .unprocessableContent, code: "unknown_partner_test", title: "Unknown partner test",
                    detail: "no test with partner_test_id '\(sendTest.partnerTestId.prefix(200))': list_tests names the tests this integration may send")
            }
            if let url = sendTest.callbackURL, !settings.allowsCallback(url) {
                throw ProblemDetails(
                    status: .badRequest, code: "callback_not_allowed", title: "Callback URL not allowed",
                    detail: "the send_test url must be https on a host in assessment.callbackHosts (\(settings.callbackHosts.joined(separator: ", ")))")
            }
            let candidateId = store.candidateID(integration: integration, externalId: sendTest.candidateKey)
            let (assessment, created) = try await partner.store.recordAssessment(NewAssessmentRequest(
                integration: integration, dedupeKey: sendTest.dedupeKey, jobId: job.id, candidateId: candidateId, body: body,
                eventType: GreenhouseAssessment.sendTestEventType, callbackURL: sendTest.callbackURL, receivedAt: clock.now(),
                maxAttempts: partner.maxAttempts))
            try await accessLog.record(context, created ? "send_test" : "send_test_repeat", .candidate, id: assessment.candidateId)
            context.logger.info("assessment requested", metadata: [
                "screener.assessment.id": "\(assessment.id)", "screener.job.id": "\(job.id)", "screener.assessment.created": "\(created)",
            ])
            return try JSONResponse.encode(GreenhouseAssessment.SendTestResponse(partnerInterviewId: assessment.id))
        }

        group.post("response_error") { request, context in
            let integration = try integration(context)
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: maxBodyBytes)
            } catch {
                throw ProblemDetails(ScreenerError(.payloadTooLarge, "a response_error body larger than \(maxBodyBytes) bytes"))
            }
            return try responseError(Data(buffer: buffer), integration: integration, context: context)
        }

        group.get("test_status") { request, context in
            let integration = try integration(context)
            guard let id = request.uri.queryParameters.get("partner_interview_id"), !id.isEmpty else {
                throw ProblemDetails(status: .badRequest, code: "invalid_input", title: "Malformed request", detail: "test_status needs ?partner_interview_id=")
            }
            guard let assessment = try await partner.store.assessment(id: id), assessment.integration == integration else {
                throw ProblemDetails(status: .notFound, code: "not_found", title: "Not found", detail: "no assessment with partner_interview_id \(id.prefix(100))")
            }
            guard assessment.status != .erased else {
                try await accessLog.record(context, .read, .candidate, id: assessment.candidateId, outcome: .notFound)
                throw ProblemDetails(status: .gone, code: "erased", title: "Gone", detail: "the candidate's data was erased")
            }
            try await accessLog.record(context, .read, .candidate, id: assessment.candidateId)
            let status = GreenhouseAssessment.TestStatus.of(assessment, profileURL: partner.profileURL(assessment) ?? "")
            return try JSONResponse.encode(status)
        }
    }

    /// Greenhouse's report of a malformed answer from one of the routes above: logged (which call,
    /// which assessment, how many errors) and answered `{"status": 200}`. The error texts and the
    /// candidate's email in the body are not logged or stored: they may quote personal data.
    func responseError(_ body: Data, integration: String, context: Context) throws -> Response {
        guard let object = try? JSONSerialization.jsonObject(with: body), let json = object as? [String: Any] else {
            throw ProblemDetails(ScreenerError(.malformedPayload, "the response_error body is not a JSON object"))
        }
        let known = ["list_tests", "send_test", "test_status"]
        let call = (json["api_call"] as? String).flatMap { known.contains($0) ? $0 : nil } ?? "other"
        var metadata: Logger.Metadata = [
            "screener.integration": "\(integration)", "screener.assessment.api_call": "\(call)",
            "screener.assessment.errors": "\((json["errors"] as? [Any])?.count ?? 0)",
        ]
        if let id = json["partner_interview_id"] as? String, id.hasPrefix("ga_"), id.count <= 40 { metadata["screener.assessment.id"] = "\(id)" }
        context.logger.warning("Greenhouse reported a malformed Assessment Partner answer", metadata: metadata)
        return try JSONResponse.encode(["status": 200])
    }

    /// The path's integration, which must be in assessment mode (else 404).
    func integration(_ context: Context) throws -> String {
        let name = try context.parameters.requireDecoded("integration")
        guard partner.settings[name] != nil else { throw Self.unknownIntegration(name) }
        return name
    }

    static func unknownIntegration(_ name: String) -> ProblemDetails {
        ProblemDetails(
            status: .notFound, code: ScreenerError.Code.unknownIntegration.rawValue, title: "Unknown integration",
            detail: "integration '\(name.prefix(100))' is not configured for Greenhouse's Assessment Partner API")
    }
}
