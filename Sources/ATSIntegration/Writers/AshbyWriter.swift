import AsyncHTTPClient
import Foundation
import Logging
import ScreenerCore

/// Posts a candidate note (and tags) to Ashby. Docs: https://developers.ashbyhq.com/reference
/// (`candidate.createNote`, `candidate.addTag`, `candidate.listNotes`; Basic auth with the API key
/// as username and an empty password; every endpoint is a JSON `POST`).
///
/// Ashby answers most request errors with HTTP 200 and `{"success": false, …}`; that is
/// `.permanent` (only `errorInfo.code` goes into the reason, never a message).
///
/// Order, so that a retry never duplicates anything:
/// 1. each tag: `candidate.addTag {candidateId, tagId}` — idempotent. Ashby takes tag ids, so a tag
///    name is looked up in `WriterSettings.tagIDs` (a value that already looks like a UUID is used
///    as is); an unknown name is `.permanent`;
/// 2. when `previousAttemptUncertain`: `candidate.listNotes {candidateId, cursor}` (while
///    `moreDataAvailable`, at most `maxListPages` pages) and `.delivered` if a note holds the marker;
///    a failed list is `.retry`;
/// 3. `candidate.createNote {candidateId, note, sendNotifications: false}`, last. `remoteID` is
///    `results.id`.
public struct AshbyWriter: ATSWriter {
    public let profile = "ashby"
    public static let defaultBaseURL = "https://api.ashbyhq.com"
    static let maxListPages = 20
    let base: String
    let auth: (String, String)
    let tags: [String]
    let tagIDs: [String: String]
    let http: WriterHTTP
    let clock: any ScreenerClock

    public init(settings: WriterSettings, httpClient: HTTPClient, clock: any ScreenerClock,
                environment: [String: String], logger: Logger = Logger(label: "screener.writer.ashby")) throws {
        let key = try settings.secret(settings.apiKey, key: "apiKey", environment: environment)
        self.auth = WriterHTTP.basic(String(decoding: key, as: UTF8.self))
        self.base = settings.base(default: Self.defaultBaseURL)
        self.tags = settings.tags
        self.tagIDs = settings.tagIDs
        self.http = WriterHTTP(client: httpClient, timeout: settings.timeout, logger: logger)
        self.clock = clock
    }

    /// One RPC call: HTTP status first, then Ashby's `success` flag.
    enum Call {
        case ok([String: Any])
        case failed(PostBackResult)
    }

    func call(_ method: String, _ body: [String: Any]) async -> Call {
        let data = try! JSONSerialization.data(withJSONObject: body)
        switch await http.send("POST", "\(base)/\(method)", headers: [auth, WriterHTTP.json, ("Accept", "application/json")], body: data) {
        case .failed(let r):
            return .failed(r)
        case .response(let status, let headers, let responseBody):
            let r = PostBackResponse.classify(status: status, headers: headers, now: clock.now())
            guard case .delivered = r else { return .failed(LeverWriter.prefixed(r, method)) }
            guard let object = try? JSONSerialization.jsonObject(with: responseBody) as? [String: Any] else {
                return .failed(.retry(after: nil, reason: "\(method): answer is not a JSON object"))
            }
            guard (object["success"] as? Bool) == true else {
                let code = (object["errorInfo"] as? [String: Any])?["code"] as? String
                return .failed(.permanent(reason: "\(method): success=false" + (code.map { " (\($0))" } ?? "")))
            }
            return .ok(object)
        }
    }

    static func looksLikeUUID(_ s: String) -> Bool { UUID(uuidString: s) != nil }

    public func deliver(_ postBack: PostBack, previousAttemptUncertain: Bool) async -> PostBackResult {
        guard postBack.kind == .candidateNote else {
            return .permanent(reason: "ashby writer: only candidate notes are posted (got \(postBack.kind.rawValue))")
        }
        guard let candidate = postBack.candidateExternalId, !candidate.isEmpty else {
            return .permanent(reason: "ashby writer: post-back has no candidate id")
        }

        for tag in LeverWriter.union(tags, postBack.tags) {
            guard let tagID = tagIDs[tag] ?? (Self.looksLikeUUID(tag) ? tag : nil) else {
                return .permanent(reason: "ashby writer: tag '\(tag)' has no id in tagIDs")
            }
            if case .failed(let r) = await call("candidate.addTag", ["candidateId": candidate, "tagId": tagID]) { return r }
        }

        if previousAttemptUncertain {
            switch await alreadyPosted(candidate, id: postBack.id) {
            case .some(true): return .delivered(remoteID: nil)
            case .some(false): break
            case .none: return .retry(after: nil, reason: "ashby writer: could not list notes to check an uncertain attempt")
            }
        }

        let body: [String: Any] = ["candidateId": candidate, "note": PostBackNote.text(for: postBack), "sendNotifications": false]
        switch await call("candidate.createNote", body) {
        case .failed(let r): return r
        case .ok(let object):
            return .delivered(remoteID: (object["results"] as? [String: Any])?["id"] as? String)
        }
    }

    func alreadyPosted(_ candidate: String, id: String) async -> Bool? {
        var cursor: String?
        for _ in 0..<Self.maxListPages {
            var body: [String: Any] = ["candidateId": candidate]
            if let cursor { body["cursor"] = cursor }
            guard case .ok(let page) = await call("candidate.listNotes", body) else { return nil }
            if PostBackNote.contains(page["results"] ?? [Any](), PostBackNote.marker(for: id)) { return true }
            guard (page["moreDataAvailable"] as? Bool) == true, let next = page["nextCursor"] as? String, !next.isEmpty else { return false }
            cursor = next
        }
        return nil
    }
}
