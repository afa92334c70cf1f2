import AsyncHTTPClient
import Foundation
import Logging
import ScreenerCore

/// Posts a candidate note to Greenhouse through Harvest API v3 with OAuth 2.0 client credentials
/// (Harvest v1/v2 and their Basic-auth keys were retired on 31 Aug 2026). Sources are listed in
/// `webhooks/greenhouse/README.md` ("Posting back").
///
/// - Token: `POST https://auth.greenhouse.io/token`, `Authorization: Basic base64(clientID:clientSecret)`,
///   form body `grant_type=client_credentials[&sub=<userID>]`. The answer's `access_token` is cached
///   until `expires_at` (ISO 8601) or `now + expires_in`, else one hour, less a 60 s margin
///   (`GreenhouseTokenCache`). Calls carry `Authorization: Bearer <token>`.
/// - A 401 from the API drops the token, fetches a new one and repeats the call once; a second 401
///   is `.permanent`. A token endpoint that answers 400/401/403 is `.permanent` (bad credentials);
///   429/5xx/transport errors are `.retry`.
/// - When `previousAttemptUncertain`: `GET /v3/notes?candidate_ids=<id>&per_page=500` (following a
///   `Link: <…>; rel="next"` header, at most `maxListPages` pages) and `.delivered` if a note holds
///   the marker line; a failed list is `.retry`.
/// - The note: `POST /v3/notes` `{"candidate_id": <id>, "body": <text>, "visibility": <noteVisibility>}`
///   (visibility `admin_only` by default). Ids that are integers are sent as JSON numbers.
///   `remoteID` is the answer's `id`.
///
/// - Tags: before the note, the writer's `tags` and the post-back's are applied to the candidate
///   (see `GreenhouseHarvestWriter+Tags.swift`); a tag failure is retried like the note's.
public struct GreenhouseHarvestWriter: ATSWriter {
    public let profile = "greenhouse"
    public static let defaultBaseURL = "https://harvest.greenhouse.io"
    public static let defaultTokenURL = "https://auth.greenhouse.io/token"
    static let maxListPages = 20
    let base: String
    let tokenURL: String
    let clientAuth: (String, String)
    let userID: String?
    let visibility: String
    let http: WriterHTTP
    let clock: any ScreenerClock
    let tokens = GreenhouseTokenCache()
    let tags: [String]
    let tagCache = GreenhouseTagCache()

    public init(settings: WriterSettings, httpClient: HTTPClient, clock: any ScreenerClock,
                environment: [String: String], logger: Logger = Logger(label: "screener.writer.greenhouse")) throws {
        let id = try settings.secret(settings.clientID, key: "clientID", environment: environment)
        let secret = try settings.secret(settings.clientSecret, key: "clientSecret", environment: environment)
        self.clientAuth = WriterHTTP.basic(String(decoding: id, as: UTF8.self), String(decoding: secret, as: UTF8.self))
        self.base = settings.base(default: Self.defaultBaseURL)
        var t = settings.tokenURL ?? Self.defaultTokenURL
        while t.hasSuffix("/") { t.removeLast() }
        self.tokenURL = t
        self.userID = settings.userID
        self.visibility = settings.noteVisibility ?? "admin_only"
        self.http = WriterHTTP(client: httpClient, timeout: settings.timeout, logger: logger)
        self.clock = clock
        self.tags = settings.tags
    }

    /// How many token requests this writer has made.
    public var tokenFetchCount: Int { get async { await tokens.fetchCount } }

    public func deliver(_ postBack: PostBack, previousAttemptUncertain: Bool) async -> PostBackResult {
        guard postBack.kind == .candidateNote else {
            return .permanent(reason: "greenhouse writer: only candidate notes are posted (got \(postBack.kind.rawValue))")
        }
        guard let candidate = postBack.candidateExternalId, !candidate.isEmpty else {
            return .permanent(reason: "greenhouse writer: post-back has no candidate id")
        }

        if previousAttemptUncertain {
            switch await alreadyPosted(candidate, id: postBack.id) {
            case .found: return .delivered(remoteID: nil)
            case .absent: break
            case .failed(let r):
                if case .permanent = r { return r }
                return .retry(after: Self.after(r), reason: "greenhouse writer: could not list notes to check an uncertain attempt")
            }
        }

        let allTags = LeverWriter.union(tags, postBack.tags)
        if !allTags.isEmpty, let failure = await applyTags(allTags, candidate: candidate) { return failure }

        let candidateValue: Any = Int64(candidate).map { $0 as Any } ?? candidate
        let body = try! JSONSerialization.data(withJSONObject: [
            "candidate_id": candidateValue, "body": PostBackNote.text(for: postBack), "visibility": visibility,
        ])
        switch await authorized("POST", "\(base)/v3/notes", body: body) {
        case .failed(let r): return r
        case .response(let status, let headers, let responseBody):
            return PostBackResponse.classify(status: status, headers: headers, now: clock.now(), remoteID: Self.noteID(responseBody))
        }
    }

    enum ListOutcome { case found, absent, failed(PostBackResult) }

    func alreadyPosted(_ candidate: String, id: String) async -> ListOutcome {
        var next: String? = "\(base)/v3/notes?candidate_ids=\(WriterHTTP.encode(candidate))&per_page=500"
        var pages = 0
        while let url = next, pages < Self.maxListPages {
            pages += 1
            switch await authorized("GET", url, body: nil) {
            case .failed(let r): return .failed(r)
            case .response(let status, let headers, let body):
                guard (200..<300).contains(status) else {
                    return .failed(PostBackResponse.classify(status: status, headers: headers, now: clock.now()))
                }
                if PostBackNote.containsMarker(body, id: id) { return .found }
                next = Self.nextLink(headers)
            }
        }
        return next == nil ? .absent : .failed(.retry(after: nil, reason: "too many note pages"))
    }

    /// Sends with a Bearer token; on 401 drops the token, gets a new one and sends once more.
    func authorized(_ method: String, _ url: String, body: Data?) async -> WriterHTTP.Outcome {
        var refreshed = false
        while true {
            let token: GreenhouseTokenCache.Token
            switch await tokens.get(now: clock.now(), fetch: { [self] in await self.fetchToken() }) {
            case .failed(let r): return .failed(r)
            case .token(let t): token = t
            }
            var headers: [(String, String)] = [("Authorization", "Bearer \(token.value)"), ("Accept", "application/json")]
            if body != nil { headers.append(WriterHTTP.json) }
            let outcome = await http.send(method, url, headers: headers, body: body)
            if case .response(401, _, _) = outcome, !refreshed {
                refreshed = true
                await tokens.invalidate(token.value)
                continue
            }
            if case .response(401, _, _) = outcome {
                return .failed(.permanent(reason: "http 401 after token refresh"))
            }
            return outcome
        }
    }

    func fetchToken() async -> GreenhouseTokenCache.Outcome {
        var form = "grant_type=client_credentials"
        if let userID, !userID.isEmpty { form += "&sub=" + WriterHTTP.encode(userID) }
        let headers = [clientAuth, ("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")]
        switch await http.send("POST", tokenURL, headers: headers, body: Data(form.utf8)) {
        case .failed(let r):
            return .failed(LeverWriter.prefixed(r, "token"))
        case .response(let status, let responseHeaders, let body):
            let r = PostBackResponse.classify(status: status, headers: responseHeaders, now: clock.now())
            guard case .delivered = r else { return .failed(LeverWriter.prefixed(r, "token")) }
            guard let token = Self.parseToken(body, now: clock.now()) else {
                return .failed(.retry(after: nil, reason: "token: answer has no access_token"))
            }
            return .token(token)
        }
    }

    /// `access_token` with `expires_at` (ISO 8601) or `expires_in` (seconds); one hour if neither.
    static func parseToken(_ body: Data, now: Date) -> GreenhouseTokenCache.Token? {
        guard let o = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let value = o["access_token"] as? String, !value.isEmpty else { return nil }
        if let at = o["expires_at"] as? String, let date = iso8601(at) {
            return .init(value: value, expiresAt: date)
        }
        if let seconds = (o["expires_in"] as? NSNumber)?.doubleValue {
            return .init(value: value, expiresAt: now.addingTimeInterval(seconds))
        }
        return .init(value: value, expiresAt: now.addingTimeInterval(3600))
    }

    static func iso8601(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: s)
    }

    /// The `rel="next"` target of an RFC 8288 `Link` header.
    static func nextLink(_ headers: [(name: String, value: String)]) -> String? {
        for h in headers where h.name.caseInsensitiveCompare("Link") == .orderedSame {
            for part in h.value.split(separator: ",") {
                let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let first = pieces.first, first.hasPrefix("<"), first.hasSuffix(">") else { continue }
                if pieces.dropFirst().contains(where: { $0.replacingOccurrences(of: " ", with: "").lowercased() == "rel=\"next\"" || $0.lowercased() == "rel=next" }) {
                    return String(first.dropFirst().dropLast())
                }
            }
        }
        return nil
    }

    static func noteID(_ body: Data) -> String? {
        guard let o = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        if let n = o["id"] as? NSNumber { return n.stringValue }
        return o["id"] as? String
    }

    static func after(_ r: PostBackResult) -> TimeInterval? {
        if case .retry(let after, _) = r { return after }
        return nil
    }
}
