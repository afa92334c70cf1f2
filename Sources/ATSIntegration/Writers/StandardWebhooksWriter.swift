import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import ScreenerCore

/// Posts Screener's own events to an integration's callback URL, signed per Standard Webhooks
/// (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md).
///
/// - `shortlistUpdated` → `{"type":"shortlist.updated","timestamp":<ISO 8601>,"data":<payload>}`
///   (the payload per `schemas/shortlist.schema.json`, embedded byte for byte);
/// - `candidateNote` → `type` `candidate.scored`, `data` = `{jobId, candidateId, applicationId, rank,
///   score, note, tags}` (absent values omitted);
/// - `assessmentResult` is not a Standard Webhooks event: `.permanent`.
///
/// Headers: `webhook-id` = `PostBack.id` (the same on every retry, so receivers dedupe),
/// `webhook-timestamp` = Unix seconds now, and
/// `webhook-signature: v1,<base64(HMAC-SHA256(key, id + "." + timestamp + "." + body))>` where `key` is
/// the base64 decoding of the secret after its `whsec_` prefix. A retry after a lost response simply
/// re-sends: the id makes it idempotent, so `previousAttemptUncertain` changes nothing here.
public struct StandardWebhooksWriter: ATSWriter {
    public let profile = "standard"
    let callbackURL: String?
    let key: SymmetricKey
    let http: WriterHTTP
    let clock: any ScreenerClock

    public init(settings: WriterSettings, httpClient: HTTPClient, clock: any ScreenerClock,
                environment: [String: String], logger: Logger = Logger(label: "screener.writer.standard")) throws {
        let secret = try settings.secret(settings.signingSecret, key: "signingSecret", environment: environment)
        self.key = try Self.key(fromSecret: secret)
        self.callbackURL = settings.callbackURL
        self.http = WriterHTTP(client: httpClient, timeout: settings.timeout, logger: logger)
        self.clock = clock
    }

    /// `whsec_<base64>` (or bare base64) → the HMAC key bytes.
    static func key(fromSecret secret: Data) throws -> SymmetricKey {
        var text = String(decoding: secret, as: UTF8.self)
        if text.hasPrefix("whsec_") { text.removeFirst(6) }
        guard let raw = Data(base64Encoded: text), !raw.isEmpty else {
            throw ScreenerError(.invalidConfiguration, "standard writer: signing secret is not base64 after whsec_")
        }
        return SymmetricKey(data: raw)
    }

    /// `v1,<base64 HMAC>` over `id.timestamp.body`.
    public static func signature(id: String, timestamp: Int64, body: Data, key: SymmetricKey) -> String {
        var content = Data("\(id).\(timestamp).".utf8)
        content.append(body)
        return "v1," + Data(HMAC<SHA256>.authenticationCode(for: content, using: key)).base64EncodedString()
    }

    /// The envelope `{"type","timestamp","data"}` with `data` spliced in unchanged.
    static func envelope(type: String, at date: Date, data: Data) -> Data {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        var out = Data("{\"type\":\"\(type)\",\"timestamp\":\"\(f.string(from: date))\",\"data\":".utf8)
        out.append(data)
        out.append(Data("}".utf8))
        return out
    }

    static func candidateData(_ p: PostBack) throws -> Data {
        var d: [String: Any] = ["tags": p.tags]
        if let v = p.jobExternalId { d["jobId"] = v }
        if let v = p.candidateExternalId { d["candidateId"] = v }
        if let v = p.applicationExternalId { d["applicationId"] = v }
        if let v = p.rank { d["rank"] = v }
        if let v = p.score { d["score"] = v }
        if let v = p.note { d["note"] = v }
        return try JSONSerialization.data(withJSONObject: d, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    public func deliver(_ postBack: PostBack, previousAttemptUncertain: Bool) async -> PostBackResult {
        guard let url = postBack.callbackURL ?? callbackURL else {
            return .permanent(reason: "standard writer: no callbackURL configured")
        }
        let type: String
        let data: Data
        switch postBack.kind {
        case .shortlistUpdated:
            guard let payload = postBack.payload,
                  (try? JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed])) != nil else {
                return .permanent(reason: "standard writer: shortlist payload missing or not JSON")
            }
            type = "shortlist.updated"
            data = payload
        case .candidateNote:
            guard let encoded = try? Self.candidateData(postBack) else {
                return .permanent(reason: "standard writer: candidate data not encodable")
            }
            type = "candidate.scored"
            data = encoded
        case .assessmentResult:
            return .permanent(reason: "standard writer: assessment results are not Standard Webhooks events")
        }
        let now = clock.now()
        let timestamp = Int64(now.timeIntervalSince1970.rounded(.down))
        let body = Self.envelope(type: type, at: now, data: data)
        let headers: [(String, String)] = [
            WriterHTTP.json,
            ("webhook-id", postBack.id),
            ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", Self.signature(id: postBack.id, timestamp: timestamp, body: body, key: key)),
        ]
        switch await http.send("POST", url, headers: headers, body: body) {
        case .failed(let result):
            return result
        case .response(let status, let responseHeaders, _):
            return PostBackResponse.classify(status: status, headers: responseHeaders, now: clock.now())
        }
    }
}
