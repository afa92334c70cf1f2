import Foundation

/// One outbound message to an ATS, as the transactional outbox stores it.
///
/// `id` is the idempotency key: it is derived from what is being said (job, candidate, shortlist
/// revision, kind), never from the attempt, so every retry of the same post-back carries the same id.
/// Writers put it where the ATS lets them (an `Idempotency-Key` header, a Standard Webhooks
/// `webhook-id`) and, for append-only notes, as a marker in the note text so that a writer can find
/// out whether an earlier attempt whose response was lost already landed.
public struct PostBack: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A note on the candidate/application with score, rank and reasons (plus tags).
        case candidateNote = "candidate_note"
        /// The whole shortlist, for Standard Webhooks receivers (`shortlist.updated`).
        case shortlistUpdated = "shortlist.updated"
        /// A Greenhouse Assessment Partner result: PATCH of the partner callback URL.
        case assessmentResult = "assessment_result"
    }

    public var id: String
    public var integration: String
    public var profile: String
    public var kind: Kind
    public var jobExternalId: String?
    public var candidateExternalId: String?
    public var applicationExternalId: String?
    /// Rank on the shortlist (1-based) and total score, for notes.
    public var rank: Int?
    public var score: Double?
    /// Human-readable note text (never demographics). Writers append their idempotency marker.
    public var note: String?
    /// Tags or custom-field values to set, e.g. `screener:shortlisted`.
    public var tags: [String]
    /// The JSON document for `shortlistUpdated` (per `schemas/shortlist.schema.json`) or the
    /// assessment result body.
    public var payload: Data?
    /// Where to send it when the destination is per message (Assessment Partner callback URL).
    public var callbackURL: String?

    public init(
        id: String, integration: String, profile: String, kind: Kind,
        jobExternalId: String? = nil, candidateExternalId: String? = nil, applicationExternalId: String? = nil,
        rank: Int? = nil, score: Double? = nil, note: String? = nil, tags: [String] = [],
        payload: Data? = nil, callbackURL: String? = nil
    ) {
        self.id = id
        self.integration = integration
        self.profile = profile
        self.kind = kind
        self.jobExternalId = jobExternalId
        self.candidateExternalId = candidateExternalId
        self.applicationExternalId = applicationExternalId
        self.rank = rank
        self.score = score
        self.note = note
        self.tags = tags
        self.payload = payload
        self.callbackURL = callbackURL
    }
}

/// What one delivery attempt achieved. HTTP outcomes are values, not errors: the outbox decides
/// what to do with them (ledger, backoff, dead letter).
public enum PostBackResult: Sendable, Equatable {
    /// The ATS accepted it (or it was found already delivered). `remoteID` is the ATS's id for the
    /// note/object when it returns one.
    case delivered(remoteID: String?)
    /// A transient failure (timeout, connection error, 408, 429, 5xx). `after` is the delay the
    /// ATS asked for (`Retry-After`, rate-limit reset headers), when it said.
    case retry(after: TimeInterval?, reason: String)
    /// A failure that retrying cannot fix (400, 401 after re-auth, 403, 404, 422). Goes to the dead
    /// letter at once.
    case permanent(reason: String)
}

/// Posts one `PostBack` to an ATS. One implementation per profile (`standard`, `greenhouse`,
/// `lever`, `ashby`); the delivery service picks the writer by the integration's profile.
public protocol ATSWriter: Sendable {
    /// The profile this writer speaks for.
    var profile: String { get }
    /// Attempts delivery. `previousAttemptUncertain` is true when an earlier attempt of the same
    /// post-back may have landed (timeout or lost response): an append-only writer must first check
    /// whether it did, and answer `.delivered` without posting again if so.
    func deliver(_ postBack: PostBack, previousAttemptUncertain: Bool) async -> PostBackResult
}
