import Foundation

/// What the intake route does with a verified webhook.
public enum IntakeDecision: Sendable {
    /// Verified; the server stores it in one transaction and queues work, then answers
    /// `AcceptedDelivery.successStatus`.
    case accept(AcceptedDelivery)
    /// A ping or activation handshake, answered as the ATS expects; nothing is stored or queued.
    case respond(status: Int, headers: [String: String], body: Data)
}
