import Foundation
import ScreenerCore

/// One ATS's webhook dialect, loaded from `webhooks/<name>/profile.yaml` (or `profile.json`) and
/// described by `schemas/ats-profile.schema.json`.
///
/// Everything that differs between ATSs is data here: the signature scheme and its parameters,
/// the success status, where the delivery id and event type are, which event types mean what, and
/// how the payload maps into `CandidateEvent`. A new ATS that uses one of the supported shapes needs
/// a new folder, not new Swift.
public struct ATSProfile: Sendable, Codable {
    public let name: String
    public let displayName: String?
    /// The status the ATS expects on success (Greenhouse 200, SmartRecruiters 202, …).
    public let successStatus: Int
    public let signature: Signature
    /// An activation handshake answered before any signature check (SmartRecruiters `X-Hook-Secret`).
    public let handshake: Handshake?
    /// Where the delivery's idempotency key is.
    public let dedupeKey: ValueSource
    /// Where the ATS's event name is.
    public let eventType: ValueSource
    /// Header names copied into `AcceptedDelivery.auditHeaders` (never secrets).
    public let auditHeaders: [String]?
    /// True when a second arrival of the same dedupe key must be refused, not deduplicated (Lever).
    public let replayProtected: Bool?
    public let events: Events
    public let mapping: Mapping
    public let fetch: [FetchRule]?
    /// Vendor documentation the profile follows.
    public let docs: [String]?

    /// A value taken from the request: exactly one of `header`, `pointer`, `body`, `bodySHA256`.
    public struct ValueSource: Sendable, Codable, Hashable {
        /// A header name (matched case-insensitively).
        public var header: String?
        /// A pointer into the JSON body.
        public var pointer: ProfilePointer?
        /// The raw body bytes (signed content only).
        public var body: Bool?
        /// The lowercase hex SHA-256 of the raw body (a dedupe key for ATSs that send no delivery id).
        public var bodySHA256: Bool?
        /// For signed content: a missing header or field counts as the empty string instead of failing.
        public var optional: Bool?

        public init(header: String? = nil, pointer: ProfilePointer? = nil, body: Bool? = nil, bodySHA256: Bool? = nil, optional: Bool? = nil) {
            self.header = header
            self.pointer = pointer
            self.body = body
            self.bodySHA256 = bodySHA256
            self.optional = optional
        }

        /// Human-readable place (`header Signature`, `pointer /action`), for error messages.
        public var place: String {
            if let header { return "header \(header)" }
            if let pointer { return "pointer \(pointer.text)" }
            if body == true { return "body" }
            return "body SHA-256"
        }
    }

    /// A declarative HMAC signature scheme.
    ///
    /// `signedContent` parts are rendered as bytes and joined with `joiner`:
    /// `mac = HMAC-<algorithm>(key, part₁ ‖ joiner ‖ part₂ ‖ … ‖ partₙ)`, where a header part is
    /// its value, a pointer part is the field's scalar text, and a body part is the raw body as
    /// received. The value at `location`, with `prefix` removed, is split on `listSeparator` (and on
    /// `", "`, the join of repeated headers); each item that starts with `itemPrefix` is one candidate
    /// signature in `encoding`. The delivery verifies when any candidate equals the MAC under any of the
    /// configured secrets, compared in constant time.
    public struct Signature: Sendable, Codable {
        /// `hmac-sha256` (all known ATSs) or `hmac-sha512`.
        public var algorithm: String
        /// How secret bytes become the HMAC key: `utf8` (as given) or `whsec-base64` (Standard
        /// Webhooks: base64-decode what follows the `whsec_` prefix).
        public var key: String
        public var location: ValueSource
        public var prefix: String?
        public var listSeparator: String?
        public var itemPrefix: String?
        /// `hex` or `base64`.
        public var encoding: String
        public var signedContent: [ValueSource]
        public var joiner: String
        public var timestamp: Timestamp?
    }

    /// A freshness timestamp: `|now − timestamp| ≤ tolerance` or the delivery is refused as stale.
    public struct Timestamp: Sendable, Codable {
        public var source: ValueSource
        /// `seconds` or `milliseconds` since the Unix epoch.
        public var unit: String
        /// Overrides the verifier's tolerance for this ATS.
        public var toleranceSeconds: Double?
    }

    /// Answered with `status` and, when `echo` is true, the same header and value.
    public struct Handshake: Sendable, Codable {
        public var requestHeader: String
        public var status: Int
        public var echo: Bool
    }

    /// Which of the ATS's event names mean which `CandidateEvent.Kind`. Anything else is `.other`.
    public struct Events: Sendable, Codable {
        public var application: [String]?
        public var stageChange: [String]?
        public var candidateDeleted: [String]?
        public var candidateAnonymized: [String]?
        public var jobCreated: [String]?
        public var jobUpdated: [String]?
        public var ping: [String]?

        public func kind(of eventType: String) -> CandidateEvent.Kind {
            for (kind, names) in table where names.contains(eventType) { return kind }
            return .other
        }

        var table: [(CandidateEvent.Kind, [String])] {
            [
                (.application, application ?? []), (.stageChange, stageChange ?? []),
                (.candidateDeleted, candidateDeleted ?? []), (.candidateAnonymized, candidateAnonymized ?? []),
                (.jobCreated, jobCreated ?? []), (.jobUpdated, jobUpdated ?? []), (.ping, ping ?? []),
            ]
        }
    }

    /// Pointer mappings into `CandidateEvent`.
    public struct Mapping: Sendable, Codable {
        public var candidate: CandidateFields?
        public var application: ApplicationFields?
        public var job: JobFields?
        public var resume: ResumeFields?
        public var answers: [AnswerSource]?
        public var demographics: DemographicFields?
        /// Per event kind (by `Kind` case name, e.g. `stageChange`), the fields that must be present,
        /// as dotted paths (`candidate.externalId`).
        public var required: [String: [String]]?
    }

    public struct CandidateFields: Sendable, Codable {
        public var externalId: PointerList?
        public var firstName: PointerList?
        public var lastName: PointerList?
        public var fullName: PointerList?
        public var emails: PointerList?
        public var phones: PointerList?
    }

    public struct ApplicationFields: Sendable, Codable {
        public var externalId: PointerList?
        public var stage: PointerList?
        /// ISO 8601 text, or a number of seconds / milliseconds since the epoch (≥ 10¹¹ is read as ms).
        public var appliedAt: PointerList?
    }

    public struct JobFields: Sendable, Codable {
        public var externalId: PointerList?
        public var title: PointerList?
        public var description: PointerList?
    }

    public struct ResumeFields: Sendable, Codable {
        public var url: PointerList?
        public var contentBase64: PointerList?
        public var fileName: PointerList?
        public var contentType: PointerList?
        /// How long the ATS keeps the URL valid (Greenhouse: 604800, 7 days).
        public var urlValidForSeconds: Int?
    }

    /// Knockout answers / custom fields: `from` reaches an object (keys are the answer keys) or an
    /// array (each element's `key` pointer gives the key); `value` is read from each member.
    public struct AnswerSource: Sendable, Codable {
        public var from: PointerList
        public var key: ProfilePointer?
        public var value: ProfilePointer?
    }

    /// Voluntary EEO self-identification. `values` maps the ATS's text onto EEO-1 names
    /// (`Demographics.Sex` / `Demographics.RaceEthnicity` raw values); text not in the map, such as
    /// "Decline to self-identify", leaves the field empty.
    public struct DemographicFields: Sendable, Codable {
        public var sex: ValueMap?
        public var race: ValueMap?
        /// Further dimensions (e.g. `veteranStatus`) copied as text.
        public var other: [String: PointerList]?
    }

    public struct ValueMap: Sendable, Codable {
        public var pointer: PointerList
        public var values: [String: String]
    }

    /// A resource a thin payload tells us to fetch: `path` with `{name}` placeholders filled from
    /// `params` pointers. Emitted only for the listed `kinds` (all kinds when absent) and only when
    /// every param is present.
    public struct FetchRule: Sendable, Codable {
        public var resource: String
        public var path: String
        public var params: [String: PointerList]
        public var kinds: [String]?
    }
}
