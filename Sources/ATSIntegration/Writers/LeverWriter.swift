import AsyncHTTPClient
import Foundation
import Logging
import ScreenerCore

/// Posts a candidate note (and tags) to a Lever opportunity. Docs: https://hire.lever.co/developer/documentation
/// (Notes, Tags; authentication: Basic with the API key as username and an empty password).
///
/// Order, so that a retry never duplicates anything:
/// 1. tags (when any): `POST /opportunities/:id/addTags?perform_as=` `{"tags":[…]}` — a set
///    operation, safe to repeat;
/// 2. when `previousAttemptUncertain`: `GET /opportunities/:id/notes` (following `next` while
///    `hasNext`, at most `maxListPages` pages) and `.delivered` if any note holds the marker line;
///    a failed list is `.retry` (never post blind);
/// 3. the note: `POST /opportunities/:id/notes?perform_as=` `{"value": text}`, last, since it is the
///    only append-only step. `remoteID` is `data.noteId` when Lever returns it.
///
/// The opportunity is `PostBack.applicationExternalId` (Lever's `opportunityId`), falling back to
/// `candidateExternalId`.
public struct LeverWriter: ATSWriter {
    public let profile = "lever"
    public static let defaultBaseURL = "https://api.lever.co/v1"
    static let maxListPages = 20
    let base: String
    let auth: (String, String)
    let performAs: String?
    let tags: [String]
    let http: WriterHTTP
    let clock: any ScreenerClock

    public init(settings: WriterSettings, httpClient: HTTPClient, clock: any ScreenerClock,
                environment: [String: String], logger: Logger = Logger(label: "screener.writer.lever")) throws {
        let key = try settings.secret(settings.apiKey, key: "apiKey", environment: environment)
        self.auth = WriterHTTP.basic(String(decoding: key, as: UTF8.self))
        self.base = settings.base(default: Self.defaultBaseURL)
        self.performAs = settings.performAs
        self.tags = settings.tags
        self.http = WriterHTTP(client: httpClient, timeout: settings.timeout, logger: logger)
        self.clock = clock
    }

    func url(_ opportunity: String, _ action: String, query: [(String, String)] = []) -> String {
        var q = query
        if let performAs { q.append(("perform_as", performAs)) }
        let path = "\(base)/opportunities/\(WriterHTTP.encode(opportunity))/\(action)"
        return q.isEmpty ? path : path + "?" + q.map { "\($0.0)=\(WriterHTTP.encode($0.1))" }.joined(separator: "&")
    }

    public func deliver(_ postBack: PostBack, previousAttemptUncertain: Bool) async -> PostBackResult {
        guard postBack.kind == .candidateNote else {
            return .permanent(reason: "lever writer: only candidate notes are posted (got \(postBack.kind.rawValue))")
        }
        guard let opportunity = postBack.applicationExternalId ?? postBack.candidateExternalId, !opportunity.isEmpty else {
            return .permanent(reason: "lever writer: post-back has no opportunity id")
        }

        let allTags = Self.union(tags, postBack.tags)
        if !allTags.isEmpty {
            let body = try! JSONSerialization.data(withJSONObject: ["tags": allTags])
            switch await http.send("POST", url(opportunity, "addTags"), headers: [auth, WriterHTTP.json], body: body) {
            case .failed(let r): return r
            case .response(let status, let headers, _):
                let r = PostBackResponse.classify(status: status, headers: headers, now: clock.now())
                if case .delivered = r {} else { return Self.prefixed(r, "addTags") }
            }
        }

        if previousAttemptUncertain {
            switch await alreadyPosted(opportunity, id: postBack.id) {
            case .some(true): return .delivered(remoteID: nil)
            case .some(false): break
            case .none: return .retry(after: nil, reason: "lever writer: could not list notes to check an uncertain attempt")
            }
        }

        let body = try! JSONSerialization.data(withJSONObject: ["value": PostBackNote.text(for: postBack)])
        switch await http.send("POST", url(opportunity, "notes"), headers: [auth, WriterHTTP.json], body: body) {
        case .failed(let r): return r
        case .response(let status, let headers, let responseBody):
            return PostBackResponse.classify(status: status, headers: headers, now: clock.now(),
                                             remoteID: Self.noteID(responseBody))
        }
    }

    /// `true`/`false` when the notes list was read; `nil` when it could not be.
    func alreadyPosted(_ opportunity: String, id: String) async -> Bool? {
        var offset: String?
        for _ in 0..<Self.maxListPages {
            var query: [(String, String)] = [("limit", "100")]
            if let offset { query.append(("offset", offset)) }
            guard case .response(let status, _, let body) = await http.send("GET", url(opportunity, "notes", query: query), headers: [auth], body: nil),
                  (200..<300).contains(status) else { return nil }
            if PostBackNote.containsMarker(body, id: id) { return true }
            guard let page = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
            guard (page["hasNext"] as? Bool) == true, let next = page["next"] as? String, !next.isEmpty else { return false }
            offset = next
        }
        return nil
    }

    static func noteID(_ body: Data) -> String? {
        guard let o = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let data = o["data"] as? [String: Any] else { return nil }
        return (data["noteId"] as? String) ?? (data["id"] as? String)
    }

    static func union(_ a: [String], _ b: [String]) -> [String] {
        var seen = Set<String>()
        return (a + b).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    static func prefixed(_ r: PostBackResult, _ step: String) -> PostBackResult {
        switch r {
        case .delivered: return r
        case .retry(let after, let reason): return .retry(after: after, reason: "\(step): \(reason)")
        case .permanent(let reason): return .permanent(reason: "\(step): \(reason)")
        }
    }
}
