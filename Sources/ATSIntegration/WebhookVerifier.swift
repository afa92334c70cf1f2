import Crypto
import Foundation
import Logging
import ScreenerCore

/// Verifies an inbound webhook against its profile's signature scheme and decides what intake does.
///
/// Order of checks:
/// 1. An activation handshake (`profile.handshake`, e.g. SmartRecruiters `X-Hook-Secret`) is answered
///    at once with its echo; nothing is stored.
/// 2. The signature is checked over the raw bytes as received (never re-serialised JSON). Every
///    configured secret is tried (rotation), every candidate signature in the header is tried, and
///    each comparison is constant-time. Missing or wrong → `.badSignature`.
/// 3. Freshness, where the scheme has a timestamp: `|now − t| ≤ tolerance` (profile override or the
///    `tolerance` given here, 300 s by default), else `.staleTimestamp`.
/// 4. The body must be a JSON object (`.malformedPayload`); where the scheme signs JSON fields
///    (Lever) this is checked first, since the signed values come from it.
/// 5. A ping event is answered with the success status (`.respond`); anything else is `.accept`ed
///    with its dedupe key, event type (`""` when the payload has none; mapping then fails in the
///    worker) and audit headers. A missing delivery id is `.malformedPayload`.
///
/// Content type (`.unsupportedMediaType`) and size limits are the server's job.
///
/// A class: intake reads it on every delivery, and a struct this size (profile, keys) was copied
/// there, with a retain and release for each of its references.
public final class WebhookVerifier: Sendable {
    public let profile: ATSProfile
    private let clock: any ScreenerClock
    private let tolerance: TimeInterval
    private let logger: Logger
    /// The top-level members that the profile's pointers start from (event type, dedupe key, signed
    /// fields), or `nil` when a pointer needs the whole document. Only these are built from the body;
    /// the rest is validated without being built.
    private let bodyMembers: Set<String>?
    /// The keyed HMAC of each secret, made once; the secrets themselves are not kept (a malformed
    /// `whsec_` secret fails each verification, as before, with `invalid_configuration`).
    private let keys: [Result<SignatureEngine.KeyedMAC, any Error>]
    private let audit: AuditHeaderPlan

    public convenience init(profile: ATSProfile, secrets: [Data], clock: any ScreenerClock, tolerance: TimeInterval = 300) {
        self.init(profile: profile, secrets: secrets, clock: clock, tolerance: tolerance, logger: Logger(label: "screener.ats"))
    }

    public init(profile: ATSProfile, secrets: [Data], clock: any ScreenerClock, tolerance: TimeInterval = 300, logger: Logger) {
        self.profile = profile
        self.clock = clock
        self.tolerance = tolerance
        self.logger = logger
        self.bodyMembers = Self.topLevelMembers(profile)
        self.audit = AuditHeaderPlan(profile)
        self.keys = secrets.map { secret in
            Result { SignatureEngine.KeyedMAC(profile.signature, key: try SignatureEngine.key(profile.signature, secret: secret)) }
        }
    }

    /// The first member of every pointer `verify` reads, or `nil` when one does not start with a
    /// plain member (the whole document, `*` or a selector).
    static func topLevelMembers(_ profile: ATSProfile) -> Set<String>? {
        let s = profile.signature
        let sources = [s.location, profile.eventType, profile.dedupeKey] + s.signedContent + [s.timestamp?.source].compactMap { $0 }
        var names = Set<String>()
        for source in sources {
            guard let pointer = source.pointer else { continue }
            guard case .member(let name)? = pointer.segments.first else { return nil }
            names.insert(name)
        }
        return names
    }

    public func verify(_ webhook: InboundWebhook) throws -> IntakeDecision {
        let scheme = profile.signature
        if let hs = profile.handshake, let value = webhook.header(hs.requestHeader) {
            logger.debug("answered webhook handshake", metadata: ["screener.profile": "\(profile.name)"])
            return .respond(status: hs.status, headers: hs.echo ? [hs.requestHeader: value] : [:], body: Data())
        }

        var json: JSONValue?
        if SignatureEngine.needsJSON(scheme) {
            json = try parseBody(webhook.body)
        }

        try checkSignature(webhook, json: json)
        try checkFreshness(webhook, json: json)

        if json == nil { json = try parseBody(webhook.body) }
        guard let document = json else { throw ScreenerError(.malformedPayload, "body is not a JSON object") }

        // An authentic delivery without an event type is still accepted (eventType ""): intake
        // stores what the ATS signed, and mapping reports the missing type to the worker.
        let eventType = SignatureEngine.read(profile.eventType, webhook, document) ?? ""
        if profile.events.kind(of: eventType) == .ping {
            logger.debug("answered webhook ping", metadata: ["screener.profile": "\(profile.name)"])
            return .respond(status: profile.successStatus, headers: [:], body: Data())
        }

        let dedupeKey: String
        if profile.dedupeKey.bodySHA256 == true {
            dedupeKey = Hex.sha256(webhook.body)
        } else if let key = SignatureEngine.read(profile.dedupeKey, webhook, document), !key.isEmpty {
            dedupeKey = key
        } else {
            throw ScreenerError(.malformedPayload, "delivery id not found at \(profile.dedupeKey.place)")
        }

        let delivery = AcceptedDelivery(
            dedupeKey: dedupeKey,
            eventType: eventType,
            successStatus: profile.successStatus,
            auditHeaders: auditHeaders(webhook),
            replayProtected: profile.replayProtected ?? false)
        logger.debug("verified webhook", metadata: [
            "screener.profile": "\(profile.name)", "screener.event.type": "\(eventType)",
        ])
        return .accept(delivery)
    }

    /// The most candidate signatures one delivery may carry (SmartRecruiters allows 16 active keys);
    /// more is refused rather than compared, so a padded header cannot cost us work.
    public static let maximumSignatures = 32

    /// The body as a JSON object, holding only the members the profile reads (see `bodyMembers`).
    private func parseBody(_ body: Data) throws -> JSONValue {
        guard let bodyMembers else { return try Self.parseObject(body) }
        let value = try JSONValue.parse(body, keepingMembers: bodyMembers)
        guard case .object = value else { throw ScreenerError(.malformedPayload, "body is not a JSON object") }
        return value
    }

    static func parseObject(_ body: Data) throws -> JSONValue {
        let value = try JSONValue.parse(body)
        guard case .object = value else { throw ScreenerError(.malformedPayload, "body is not a JSON object") }
        return value
    }

    private func checkSignature(_ webhook: InboundWebhook, json: JSONValue?) throws {
        let scheme = profile.signature
        guard let raw = SignatureEngine.read(scheme.location, webhook, json), !raw.isEmpty else {
            throw ScreenerError(.badSignature, "signature missing at \(scheme.location.place)")
        }
        let candidates = SignatureEngine.candidates(scheme, raw: raw)
        guard !candidates.isEmpty else {
            throw ScreenerError(.badSignature, "no signature in the expected format at \(scheme.location.place)")
        }
        guard candidates.count <= Self.maximumSignatures else {
            throw ScreenerError(.badSignature, "more than \(Self.maximumSignatures) signatures at \(scheme.location.place)")
        }
        guard !keys.isEmpty else { throw ScreenerError(.missingSecret, "no secret configured for profile \(profile.name)") }
        let content = try SignatureEngine.signedContent(scheme, webhook, json)
        var matched = false
        for key in keys {
            let expected = try key.get().code(for: content)
            for candidate in candidates where SignatureEngine.constantTimeEqual(candidate, expected) {
                matched = true
            }
        }
        guard matched else { throw ScreenerError(.badSignature, "signature does not match") }
    }

    private func checkFreshness(_ webhook: InboundWebhook, json: JSONValue?) throws {
        guard let ts = profile.signature.timestamp else { return }
        guard let text = SignatureEngine.read(ts.source, webhook, json) else {
            throw ScreenerError(.badSignature, "timestamp missing at \(ts.source.place)")
        }
        guard let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite else {
            throw ScreenerError(.badSignature, "timestamp at \(ts.source.place) is not a number")
        }
        let seconds = ts.unit == "milliseconds" ? number / 1000 : number
        let skew = abs(clock.now().timeIntervalSince1970 - seconds)
        let limit = ts.toleranceSeconds ?? tolerance
        guard skew <= limit else {
            throw ScreenerError(.staleTimestamp, "timestamp is \(Int(skew)) s from now (limit \(Int(limit)) s)")
        }
    }

    /// The configured audit headers that are present, plus the names of the signature-related
    /// headers present under `screener-signature-headers`. Signature and secret values are never copied.
    private func auditHeaders(_ webhook: InboundWebhook) -> [String: String] {
        var out: [String: String] = [:]
        for key in audit.copied {
            if let value = webhook.header(key) { out[key] = value }
        }
        let present = audit.signatureHeaders.filter { webhook.header($0) != nil }
        if !present.isEmpty {
            out["screener-signature-headers"] = present.joined(separator: ",")
        }
        return out
    }

    /// Which headers `auditHeaders` copies, worked out once per profile: the configured audit
    /// headers (lowercased, without the signature header, the handshake header and
    /// `authorization`), and the signature-related header names, sorted and without repeats.
    struct AuditHeaderPlan: Sendable {
        let copied: [String]
        let signatureHeaders: [String]

        init(_ profile: ATSProfile) {
            let scheme = profile.signature
            var secretish: Set<String> = ["authorization"]
            if let h = scheme.location.header { secretish.insert(h.lowercased()) }
            if let h = profile.handshake?.requestHeader { secretish.insert(h.lowercased()) }
            var copied: [String] = []
            for name in profile.auditHeaders ?? [] {
                let key = name.lowercased()
                if !secretish.contains(key) && !copied.contains(key) { copied.append(key) }
            }
            self.copied = copied
            let signature = [scheme.location.header, scheme.timestamp?.source.header].compactMap { $0?.lowercased() }
            self.signatureHeaders = Set(signature).sorted()
        }
    }
}
