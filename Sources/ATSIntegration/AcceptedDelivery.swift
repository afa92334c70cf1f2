import Foundation

/// A delivery whose signature (and freshness, where the scheme has a timestamp) checked out.
public struct AcceptedDelivery: Sendable, Equatable {
    /// The delivery's idempotency key: Greenhouse-Event-ID, Ashby `webhookActionId`, SmartRecruiters
    /// `event-id`, Standard Webhooks `webhook-id`, Lever `token`, or the body's SHA-256 where the ATS
    /// sends no delivery id (Workable).
    public var dedupeKey: String
    /// The ATS's own event name.
    public var eventType: String
    /// The status the ATS expects on success.
    public var successStatus: Int
    /// Headers an audit needs: delivery ids, timestamps, user agent, and under
    /// `screener-signature-headers` the names of the signature headers present. Never secrets.
    public var auditHeaders: [String: String]
    /// True for Lever: a second arrival of the same key must be refused (401), not deduplicated.
    public var replayProtected: Bool

    public init(dedupeKey: String, eventType: String, successStatus: Int, auditHeaders: [String: String], replayProtected: Bool) {
        self.dedupeKey = dedupeKey
        self.eventType = eventType
        self.successStatus = successStatus
        self.auditHeaders = auditHeaders
        self.replayProtected = replayProtected
    }
}
