import Foundation
import ScreenerCore

/// Produces what a real ATS would send for a body, by the profile's own scheme: the signature
/// header (or, for Lever, the body with `token`, `triggeredAt` and `signature` set), the delivery id,
/// the timestamp and `Content-Type`. Used by tests, the fake ATS and `screener-bench`.
///
/// The body stays byte-for-byte as given unless the scheme keeps a value in the body (delivery id,
/// timestamp or signature at a pointer); then it is re-serialised as compact JSON with sorted keys
/// before signing, which is what the receiver then verifies.
public enum WebhookSigner {
    public static func sign(profile: ATSProfile, secret: Data, body: Data, clock: any ScreenerClock, deliveryID: String) throws -> (headers: [String: String], body: Data) {
        try sign(profile: profile, secret: secret, body: body, clock: clock, deliveryID: deliveryID, extraHeaders: [:])
    }

    /// As above, adding `extraHeaders` (e.g. SmartRecruiters `event-name`, `event-version`, `link`)
    /// before signing, so that schemes which sign headers cover them.
    public static func sign(profile: ATSProfile, secret: Data, body: Data, clock: any ScreenerClock, deliveryID: String, extraHeaders: [String: String]) throws -> (headers: [String: String], body: Data) {
        let scheme = profile.signature
        var headers = extraHeaders
        headers["Content-Type"] = headers["Content-Type"] ?? "application/json"
        var document: JSONValue?
        func doc() throws -> JSONValue {
            if let document { return document }
            let parsed = try WebhookVerifier.parseObject(body)
            document = parsed
            return parsed
        }

        if let header = profile.dedupeKey.header {
            headers[header] = deliveryID
        } else if let pointer = profile.dedupeKey.pointer {
            document = try pointer.setting(.string(deliveryID), in: try doc())
        }

        if let ts = scheme.timestamp {
            let seconds = clock.now().timeIntervalSince1970
            let stamp = ts.unit == "milliseconds" ? Int64((seconds * 1000).rounded()) : Int64(seconds.rounded(.down))
            if let header = ts.source.header {
                headers[header] = String(stamp)
            } else if let pointer = ts.source.pointer {
                document = try pointer.setting(.integer(stamp), in: try doc())
            }
        }

        let finalBody = try document?.serialized() ?? body
        let content = try SignatureEngine.signedContent(scheme, InboundWebhook(headers: headers, body: finalBody), document)
        let mac = SignatureEngine.KeyedMAC(scheme, key: try SignatureEngine.key(scheme, secret: secret)).code(for: content)
        let rendered = SignatureEngine.render(scheme, mac: mac)

        if let header = scheme.location.header {
            headers[header] = rendered
            return (headers, finalBody)
        }
        guard let pointer = scheme.location.pointer else {
            throw ScreenerError(.invalidProfile, "profile '\(profile.name)': signature has no location")
        }
        let signed = try pointer.setting(.string(rendered), in: try doc())
        return (headers, try signed.serialized())
    }
}
