import Foundation
import NIOHTTP1
import ScreenerCore

/// Gets resumes through an ATS API when the webhook was thin or its attachment URL expired.
/// Every call goes through `HTTPResumeFetcher`'s guard (scheme, allow-list, address check,
/// redirects re-checked, size cap, deadline); credentials go to the API origin only.
///
/// - **Lever** (Basic auth, API key as user name, empty password):
///   `GET {api}/v1/opportunities/{id}/resumes` → the newest entry (largest `createdAt`) of
///   `data[]` → `GET {api}/v1/opportunities/{id}/resumes/{resumeId}/download`. The list path
///   comes from the profile's `resume` fetch hint, else from the application id.
/// - **SmartRecruiters** (`X-SmartToken`): the attachments list of the application, found from
///   the webhook's `link` (a `link` hint: `{link}/attachments`, which must be on the API origin),
///   else an `application` hint (`/candidates/{c}/jobs/{j}/attachments`), else the `resume` hint
///   (`/candidates/{c}/attachments`) → the first `content[]` entry of type `RESUME` → its
///   `actions.download.url` (token sent only if that URL is on the API origin).
/// - **Greenhouse** (Harvest v3): the webhook's signed attachment URL is tried first; on 403, 404
///   or 410 from the attachment host (expired after 7 days), a token is taken with OAuth client
///   credentials (`POST {tokenURL}`, Basic `clientId:clientSecret`,
///   `grant_type=client_credentials&sub={user}`), then
///   `GET {api}/v3/attachments?application_ids={id}&type=resume` (or `candidate_ids`) with
///   `Authorization: Bearer`, the newest `created_at` wins, and its fresh `url` is downloaded.
///
/// Routes and their documentation are listed in `Fetching/README.md`.
public struct ATSResumeSource: Sendable {
    public let http: HTTPResumeFetcher
    public let environment: [String: String]

    public init(http: HTTPResumeFetcher, environment: [String: String]) {
        self.http = http
        self.environment = environment
    }

    public static let defaultGreenhouseAPI = "https://harvest.greenhouse.io"

    // MARK: Lever

    public func fetchLever(_ request: ResumeRequest, settings: FetchSettings) async throws -> FetchedDocument {
        let base = try apiBase(settings, profile: "lever")
        let listPath: String
        if let hint = request.hints.first(where: { $0.resource == "resume" }) {
            listPath = try Self.safePath(hint.path)
        } else if let id = request.applicationExternalId {
            let segment = try Self.pathSegment(id)
            listPath = "/v1/opportunities/\(segment)/resumes"
        } else {
            throw ScreenerError(.notFound, "Lever event names no opportunity to fetch a resume from")
        }
        let key = try secret(settings.apiKey, name: "apiKey", profile: "lever")
        var credentials = HTTPHeaders()
        credentials.add(name: "Authorization", value: "Basic " + Data((String(decoding: key, as: UTF8.self) + ":").utf8).base64EncodedString())
        let policy = settings.downloadPolicy

        let list = try await http.send(
            .init(url: base + listPath, headers: ["Accept": "application/json"], credentials: credentials), policy: policy)
        try HTTPResumeFetcher.requireSuccess(list)
        let entries = (try Self.jsonObject(list.body, host: list.host)["data"] as? [[String: Any]]) ?? []
        let newest = entries
            .filter { $0["id"] is String }
            .max { Self.number($0["createdAt"]) < Self.number($1["createdAt"]) }
        guard let resume = newest, let resumeId = resume["id"] as? String else {
            throw ScreenerError(.notFound, "Lever opportunity has no resume")
        }
        let file = resume["file"] as? [String: Any]
        let resumeSegment = try Self.pathSegment(resumeId)
        return try await http.download(
            base + listPath + "/" + resumeSegment + "/download", policy: policy,
            fileName: file?["name"] as? String, credentials: credentials)
    }

    // MARK: SmartRecruiters

    public func fetchSmartRecruiters(_ request: ResumeRequest, settings: FetchSettings) async throws -> FetchedDocument {
        let base = try apiBase(settings, profile: "smartrecruiters")
        let listURL: String
        if let link = request.hints.first(where: { $0.resource == "link" })?.path {
            let absolute: String
            if link.hasPrefix("/") { absolute = base + (try Self.safePath(link)) } else { absolute = link }
            guard let url = URL(string: absolute), HTTPResumeFetcher.origin(url) == HTTPResumeFetcher.origin(URL(string: base)!) else {
                throw ScreenerError(.fetchRefused, "fetch refused: link_not_on_api_host for host \(URL(string: link)?.host ?? "?")")
            }
            listURL = Self.trimSlash(absolute) + "/attachments"
        } else if let app = request.hints.first(where: { $0.resource == "application" }) {
            let path = try Self.safePath(app.path)
            listURL = base + Self.trimSlash(path) + "/attachments"
        } else if let resume = request.hints.first(where: { $0.resource == "resume" }) {
            let path = try Self.safePath(resume.path)
            listURL = base + path
        } else if let candidate = request.candidateExternalId {
            let segment = try Self.pathSegment(candidate)
            listURL = base + "/candidates/\(segment)/attachments"
        } else {
            throw ScreenerError(.notFound, "SmartRecruiters event names no candidate to fetch a resume from")
        }
        let token = try secret(settings.apiKey, name: "apiKey", profile: "smartrecruiters")
        var credentials = HTTPHeaders()
        credentials.add(name: "X-SmartToken", value: String(decoding: token, as: UTF8.self))
        let policy = settings.downloadPolicy

        let list = try await http.send(
            .init(url: listURL, headers: ["Accept": "application/json"], credentials: credentials), policy: policy)
        try HTTPResumeFetcher.requireSuccess(list)
        let content = (try Self.jsonObject(list.body, host: list.host)["content"] as? [[String: Any]]) ?? []
        guard let resume = content.first(where: { ($0["type"] as? String)?.uppercased() == "RESUME" }),
              let id = resume["id"] as? String
        else {
            throw ScreenerError(.notFound, "SmartRecruiters application has no resume attachment")
        }
        let actions = resume["actions"] as? [String: Any]
        let download: String
        if let url = (actions?["download"] as? [String: Any])?["url"] as? String {
            download = url
        } else {
            download = Self.trimSlash(listURL) + "/" + (try Self.pathSegment(id))
        }
        let sameOrigin = URL(string: download).map { HTTPResumeFetcher.origin($0) == HTTPResumeFetcher.origin(URL(string: base)!) } ?? false
        return try await http.download(
            download, policy: policy, fileName: resume["name"] as? String,
            credentials: sameOrigin ? credentials : [:])
    }

    // MARK: Greenhouse

    /// Downloads the webhook's attachment URL; when it has expired (403/404/410) or is absent,
    /// re-fetches the application's resume through Harvest v3.
    public func fetchGreenhouse(_ request: ResumeRequest, settings: FetchSettings) async throws -> FetchedDocument {
        let policy = settings.downloadPolicy
        if let url = request.resume?.url {
            let response = try await http.send(.init(url: url), policy: policy)
            if (200..<300).contains(response.status) {
                return FetchedDocument(
                    bytes: response.body, fileName: request.resume?.fileName,
                    contentType: response.headers.first(name: "content-type"),
                    source: HTTPResumeFetcher.redacted(response.finalURL))
            }
            guard [403, 404, 410].contains(response.status), settings.clientId != nil else {
                try HTTPResumeFetcher.requireSuccess(response)
                throw ScreenerError(.fetchFailed, "unexpected response from host \(response.host)")
            }
        }
        return try await refetchGreenhouse(request, settings: settings)
    }

    func refetchGreenhouse(_ request: ResumeRequest, settings: FetchSettings) async throws -> FetchedDocument {
        let base = Self.trimSlash(settings.apiBaseURL ?? Self.defaultGreenhouseAPI)
        let policy = settings.downloadPolicy
        let token = try await greenhouseToken(settings)
        var query: String
        if let app = request.applicationExternalId {
            let value = try Self.queryValue(app)
            query = "application_ids=\(value)"
        } else if let candidate = request.candidateExternalId {
            let value = try Self.queryValue(candidate)
            query = "candidate_ids=\(value)"
        } else {
            throw ScreenerError(.notFound, "Greenhouse event names no application to re-fetch a resume for")
        }
        query += "&type=resume"
        var credentials = HTTPHeaders()
        credentials.add(name: "Authorization", value: "Bearer \(token)")
        let list = try await http.send(
            .init(url: base + "/v3/attachments?" + query, headers: ["Accept": "application/json"], credentials: credentials),
            policy: policy)
        try HTTPResumeFetcher.requireSuccess(list)
        let items = try Self.jsonArray(list.body, host: list.host, keys: ["data", "attachments"])
        let newest = items
            .filter { ($0["type"] as? String ?? "resume") == "resume" && $0["url"] is String }
            .max { ($0["created_at"] as? String ?? "") < ($1["created_at"] as? String ?? "") }
        guard let attachment = newest, let url = attachment["url"] as? String else {
            throw ScreenerError(.notFound, "Greenhouse application has no resume attachment")
        }
        return try await http.download(url, policy: policy, fileName: attachment["filename"] as? String ?? request.resume?.fileName)
    }

    func greenhouseToken(_ settings: FetchSettings) async throws -> String {
        let id = try secret(settings.clientId, name: "clientId", profile: "greenhouse")
        let secretValue = try secret(settings.clientSecret, name: "clientSecret", profile: "greenhouse")
        let basic = Data((String(decoding: id, as: UTF8.self) + ":" + String(decoding: secretValue, as: UTF8.self)).utf8).base64EncodedString()
        var credentials = HTTPHeaders()
        credentials.add(name: "Authorization", value: "Basic \(basic)")
        var form = "grant_type=client_credentials"
        if let user = settings.onBehalfOfUserId {
            let value = try Self.queryValue(user)
            form += "&sub=\(value)"
        }
        let response = try await http.send(
            .init(
                method: .POST, url: settings.tokenURL ?? FetchSettings.defaultGreenhouseTokenURL,
                headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
                credentials: credentials, body: Data(form.utf8)),
            policy: settings.downloadPolicy)
        if response.status == 400 || response.status == 401 || response.status == 403 {
            throw ScreenerError(.invalidConfiguration, "Greenhouse token request refused (HTTP \(response.status)) by host \(response.host)")
        }
        try HTTPResumeFetcher.requireSuccess(response)
        guard let token = try Self.jsonObject(response.body, host: response.host)["access_token"] as? String, !token.isEmpty else {
            throw ScreenerError(.fetchFailed, "Greenhouse token response from host \(response.host) has no access_token")
        }
        return token
    }

    // MARK: Helpers

    func apiBase(_ settings: FetchSettings, profile: String) throws -> String {
        guard let base = settings.apiBaseURL, URL(string: base)?.host != nil else {
            throw ScreenerError(.invalidConfiguration, "integration for profile \(profile) has no apiBaseURL")
        }
        return Self.trimSlash(base)
    }

    func secret(_ reference: String?, name: String, profile: String) throws -> Data {
        guard let reference else {
            throw ScreenerError(.missingSecret, "integration for profile \(profile) has no \(name)")
        }
        return try SecretReference.resolve(reference, environment: environment)
    }

    static func trimSlash(_ s: String) -> String {
        var s = s
        while s.hasSuffix("/") { s.removeLast() }
        return s
    }

    /// A fetch hint's path: absolute-path only, no dot segments, query, fragment or backslash.
    static func safePath(_ path: String) throws -> String {
        let lowered = path.lowercased()
        guard path.hasPrefix("/"), !path.hasPrefix("//"),
              !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }),
              !path.contains("?"), !path.contains("#"), !path.contains("\\"), !lowered.contains("%2e"), !lowered.contains("%2f")
        else {
            throw ScreenerError(.malformedPayload, "fetch hint path is not a plain API path")
        }
        return path
    }

    /// One path segment, percent-encoded; `.`/`..` and empty ids are refused.
    static func pathSegment(_ id: String) throws -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;")
        guard !id.isEmpty, id != ".", id != "..", let encoded = id.addingPercentEncoding(withAllowedCharacters: allowed) else {
            throw ScreenerError(.malformedPayload, "ATS id is not usable in a path")
        }
        return encoded
    }

    static func queryValue(_ value: String) throws -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        guard !value.isEmpty, let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed) else {
            throw ScreenerError(.malformedPayload, "ATS id is not usable in a query")
        }
        return encoded
    }

    static func number(_ value: Any?) -> Double {
        if let d = value as? Double { return d }
        if let i = value as? Int { return Double(i) }
        if let i = value as? Int64 { return Double(i) }
        if let s = value as? String, let d = Double(s) { return d }
        return -.infinity
    }

    static func jsonObject(_ data: Data, host: String) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ScreenerError(.fetchFailed, "API response from host \(host) is not a JSON object")
        }
        return object
    }

    /// A top-level JSON array, or the first array found under `keys`.
    static func jsonArray(_ data: Data, host: String, keys: [String]) throws -> [[String: Any]] {
        let any = try? JSONSerialization.jsonObject(with: data)
        if let array = any as? [[String: Any]] { return array }
        if let object = any as? [String: Any] {
            for key in keys { if let array = object[key] as? [[String: Any]] { return array } }
        }
        throw ScreenerError(.fetchFailed, "API response from host \(host) is not a JSON list")
    }
}
