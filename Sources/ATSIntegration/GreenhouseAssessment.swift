import Crypto
import Foundation
import ScreenerCore

/// The wire format of Greenhouse's Assessment Partner API, in which Screener is the partner: Greenhouse
/// calls `list_tests`, `send_test` and `test_status` (HTTP Basic, the API key as user name and an
/// empty password), and Screener PATCHes the `url` of a `send_test` when the score is ready.
/// Sources: <https://developers.greenhouse.io/assessment.html> (see `webhooks/greenhouse/README.md`).
///
/// Pure: decoding, validation, the mapping to a `CandidateEvent`, and the answers' shapes.
public enum GreenhouseAssessment {
    /// The raw event type under which a `send_test` is queued for the workers.
    public static let sendTestEventType = "greenhouse_assessment.send_test"
    /// `partner_status` once results are available (the only value Greenhouse interprets).
    public static let completeStatus = "complete"

    /// One entry of the `list_tests` answer (a JSON array of these).
    public struct PartnerTest: Codable, Sendable, Equatable {
        public var partnerTestId: String
        public var partnerTestName: String
        public init(partnerTestId: String, partnerTestName: String) {
            self.partnerTestId = partnerTestId
            self.partnerTestName = partnerTestName
        }
        enum CodingKeys: String, CodingKey {
            case partnerTestId = "partner_test_id", partnerTestName = "partner_test_name"
        }
    }

    /// The `send_test` answer.
    public struct SendTestResponse: Codable, Sendable, Equatable {
        public var partnerInterviewId: String
        public init(partnerInterviewId: String) { self.partnerInterviewId = partnerInterviewId }
        enum CodingKeys: String, CodingKey { case partnerInterviewId = "partner_interview_id" }
    }

    /// The `send_test` request body:
    ///
    ///     {"partner_test_id": "12345",
    ///      "candidate": {"first_name": "…", "last_name": "…", "resume_url": "…", "phone_number": "…",
    ///                    "email": "…", "greenhouse_profile_url": "https://app.greenhouse.io/people/1?application_id=2"},
    ///      "url": "https://app.greenhouse.io/integrations/testing_partners/take_home_tests/12345"}
    ///
    /// `partner_test_id` may arrive as a string or a number. Candidate fields are also read from the
    /// top level when there is no `candidate` object (the field table of the documentation lists
    /// them flat). Unknown keys are ignored: Greenhouse reserves the right to add properties.
    public struct SendTestRequest: Sendable, Equatable {
        public var partnerTestId: String
        public var firstName: String?
        public var lastName: String?
        public var email: String?
        public var phoneNumber: String?
        public var resumeURL: String?
        public var greenhouseProfileURL: String?
        /// Where to send the completion PATCH.
        public var callbackURL: String?

        public init(
            partnerTestId: String, firstName: String? = nil, lastName: String? = nil, email: String? = nil, phoneNumber: String? = nil,
            resumeURL: String? = nil, greenhouseProfileURL: String? = nil, callbackURL: String? = nil
        ) {
            self.partnerTestId = partnerTestId
            self.firstName = firstName
            self.lastName = lastName
            self.email = email
            self.phoneNumber = phoneNumber
            self.resumeURL = resumeURL
            self.greenhouseProfileURL = greenhouseProfileURL
            self.callbackURL = callbackURL
        }

        /// Decodes and checks a body. Errors are `invalid_input` naming the field, never its value.
        public static func decode(_ body: Data) throws -> SendTestRequest {
            guard let object = try? JSONSerialization.jsonObject(with: body), let json = object as? [String: Any] else {
                throw ScreenerError(.malformedPayload, "the send_test body is not a JSON object")
            }
            let candidate = (json["candidate"] as? [String: Any]) ?? json
            func text(_ o: [String: Any], _ key: String) -> String? {
                let value: String?
                if let s = o[key] as? String { value = s } else if let n = o[key] as? NSNumber { value = n.stringValue } else { value = nil }
                let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed?.isEmpty == false ? trimmed : nil
            }
            guard let test = text(json, "partner_test_id") else {
                throw ScreenerError(.invalidInput, "send_test needs partner_test_id")
            }
            let request = SendTestRequest(
                partnerTestId: test, firstName: text(candidate, "first_name"), lastName: text(candidate, "last_name"),
                email: text(candidate, "email"), phoneNumber: text(candidate, "phone_number"), resumeURL: text(candidate, "resume_url"),
                greenhouseProfileURL: text(candidate, "greenhouse_profile_url"), callbackURL: text(json, "url"))
            if let url = request.resumeURL, !Self.isHTTPURL(url) {
                throw ScreenerError(.invalidInput, "send_test: candidate.resume_url is not an http(s) URL")
            }
            if let url = request.callbackURL, !Self.isHTTPURL(url) {
                throw ScreenerError(.invalidInput, "send_test: url is not an http(s) URL")
            }
            if request.resumeURL == nil && request.applicationExternalId == nil {
                throw ScreenerError(
                    .invalidInput,
                    "send_test carries no candidate.resume_url, and no greenhouse_profile_url with an application_id to fetch the resume through Harvest")
            }
            return request
        }

        static func isHTTPURL(_ text: String) -> Bool {
            guard let c = URLComponents(string: text), let scheme = c.scheme?.lowercased(), let host = c.host, !host.isEmpty else { return false }
            return scheme == "https" || scheme == "http"
        }

        /// The Greenhouse candidate id: the number after `/people/` in `greenhouse_profile_url`.
        public var candidateExternalId: String? {
            guard let url = greenhouseProfileURL, let c = URLComponents(string: url) else { return nil }
            let parts = c.path.split(separator: "/")
            guard let i = parts.firstIndex(of: "people"), i + 1 < parts.count else { return nil }
            let id = parts[i + 1]
            return id.allSatisfy(\.isNumber) ? String(id) : nil
        }

        /// The Greenhouse application id: `application_id` in the query of `greenhouse_profile_url`.
        public var applicationExternalId: String? {
            guard let url = greenhouseProfileURL, let c = URLComponents(string: url),
                  let id = c.queryItems?.first(where: { $0.name == "application_id" })?.value,
                  !id.isEmpty, id.allSatisfy(\.isNumber) else { return nil }
            return id
        }

        /// The idempotency key: SHA-256 (hex) of the callback URL, which Greenhouse makes per test
        /// instance; without one, of the test id, the profile URL and the lower-cased email.
        public var dedupeKey: String {
            let material = callbackURL.map { "url\u{0}" + $0 }
                ?? ["fields", partnerTestId, greenhouseProfileURL ?? "", (email ?? "").lowercased()].joined(separator: "\u{0}")
            return SHA256.hash(data: Data(material.utf8)).map { String(format: "%02x", $0) }.joined()
        }

        /// The candidate's ATS id for `CandidateEvent`: the Greenhouse candidate id when the profile
        /// URL carries one (so webhooks and assessments of one person meet, and Greenhouse deletion
        /// events erase both), else `assessment-` + the first 20 hex digits of `dedupeKey`.
        public var candidateKey: String {
            candidateExternalId ?? "assessment-" + String(dedupeKey.prefix(20))
        }

        /// The canonical event the workers process: an application of the candidate to the job
        /// `partner_test_id`, with the resume URL (valid 7 days, per Greenhouse) or, without one, a
        /// Harvest re-fetch by application id.
        public func candidateEvent() -> CandidateEvent {
            CandidateEvent(
                kind: .application, eventType: GreenhouseAssessment.sendTestEventType,
                candidate: .init(
                    externalId: candidateKey, firstName: firstName, lastName: lastName,
                    emails: email.map { [$0] } ?? [], phones: phoneNumber.map { [$0] } ?? []),
                application: .init(externalId: applicationExternalId),
                job: .init(externalId: partnerTestId),
                resume: resumeURL.map { .init(url: $0, urlValidForSeconds: 7 * 86_400) } ?? .init(needsFetch: true))
        }
    }

    /// The `test_status` answer, also sent as the body of the completion PATCH:
    /// `partner_status` (required; `complete` when results are available), `partner_profile_url`
    /// (required when complete), `partner_score` (a number) and `metadata` (a flat object whose values
    /// are strings or numbers).
    public struct TestStatus: Sendable, Equatable, Encodable {
        public var partnerStatus: String
        public var partnerProfileURL: String?
        public var partnerScore: Double?
        public var metadata: [String: String]

        public init(partnerStatus: String, partnerProfileURL: String? = nil, partnerScore: Double? = nil, metadata: [String: String] = [:]) {
            self.partnerStatus = partnerStatus
            self.partnerProfileURL = partnerProfileURL
            self.partnerScore = partnerScore
            self.metadata = metadata
        }

        enum CodingKeys: String, CodingKey {
            case partnerStatus = "partner_status", partnerProfileURL = "partner_profile_url", partnerScore = "partner_score", metadata
        }

        /// Absent values are `null`, as Greenhouse's general considerations ask.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(partnerStatus, forKey: .partnerStatus)
            try c.encode(partnerProfileURL, forKey: .partnerProfileURL)
            try c.encode(partnerScore, forKey: .partnerScore)
            try c.encode(metadata, forKey: .metadata)
        }

        /// The status of an assessment: `complete` with score, profile URL and explanation once
        /// scored; `failed` when its work item is quarantined (resume unreachable or unreadable);
        /// otherwise `pending`. `profileURL` is the `partner_profile_url` of a complete one.
        public static func of(_ assessment: AssessmentRecord, profileURL: String) -> TestStatus {
            if assessment.status == .complete, let r = assessment.result {
                return TestStatus(partnerStatus: completeStatus, partnerProfileURL: profileURL, partnerScore: (r.score * 10).rounded() / 10,
                                  metadata: metadata(r))
            }
            if assessment.processing == .quarantined {
                return TestStatus(partnerStatus: "failed", metadata: [
                    "Screener": "The resume could not be fetched or read; an administrator can replay it (screener events replay \(assessment.eventId)).",
                ])
            }
            return TestStatus(partnerStatus: "pending", metadata: ["Screener": "Screening in progress."])
        }

        /// The explanation shown in Greenhouse: no names, no quotes, skills and numbers only.
        public static func metadata(_ r: AssessmentResult) -> [String: String] {
            var m: [String: String] = [
                "Summary": r.summary,
                "Criteria version": String(r.criteriaVersion),
                "Model": r.model,
                "Advisory": "Screener advises only: a recruiter reviews every candidate.",
            ]
            if let rank = r.rank, let size = r.shortlistSize { m["Shortlist rank"] = "\(rank) of \(size)" }
            if !r.matchedSkills.isEmpty { m["Matched skills"] = r.matchedSkills.joined(separator: ", ") }
            if !r.missingRequired.isEmpty { m["Missing required skills"] = r.missingRequired.joined(separator: ", ") }
            if let y = r.yearsOfExperience { m["Experience (years)"] = String(format: "%.1f", y) }
            if r.knockedOut { m["Knockouts"] = r.knockoutReasons.isEmpty ? "yes" : r.knockoutReasons.joined(separator: ", ") }
            return m
        }
    }
}
