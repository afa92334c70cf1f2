import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// In-process fakes of the ATS API read routes the resume fetcher uses, installed on a
/// `LocalFileServer` router. Each route checks credentials as the vendor documents them and
/// answers 401 otherwise. (The POST-back routes live in `FakeATS.swift`, not here.)
///
/// - Lever: `GET /v1/opportunities/{id}/resumes` (`{"data":[{id, createdAt, file:{name}}]}`) and
///   `GET /v1/opportunities/{id}/resumes/{resumeId}/download` (the bytes, or a 302 to
///   `leverDownloadRedirect` when set); Basic auth with the API key as user name.
/// - SmartRecruiters: `GET /candidates/{c}/jobs/{j}/attachments` and
///   `GET /candidates/{c}/attachments` (`{"totalFound", "content":[{id, name, type, contentType,
///   actions:{download:{url, method}}}]}`), `GET /candidates/{c}/attachments/{id}` (the bytes);
///   `X-SmartToken` header.
/// - Greenhouse: `POST /token` (OAuth client credentials, Basic `clientId:clientSecret`, form
///   `grant_type=client_credentials`) → `{"access_token", "token_type", "expires_in"}`, and
///   `GET /v3/attachments?application_ids=…|candidate_ids=…` with `Authorization: Bearer` →
///   a JSON array of `{id, application_id, candidate_id, filename, type, url, created_at}` whose
///   `url` is `greenhouseFreshURL`.
public struct FakeATSAPI: Sendable {
    public var leverAPIKey = "lever-key"
    public var smartToken = "smart-token"
    public var greenhouseClientId = "gh-client"
    public var greenhouseClientSecret = "gh-secret"
    public var greenhouseAccessToken = "gh-access-token"
    /// The resume bytes every route serves.
    public var resume: Data
    /// When set, the Lever download answers 302 to this URL instead of the bytes.
    public var leverDownloadRedirect: String?
    /// The fresh attachment URL the Greenhouse list returns.
    public var greenhouseFreshURL: String = ""

    public init(resume: Data) {
        self.resume = resume
    }

    public func install(on router: Router<BasicRequestContext>) {
        let fake = self
        let pdf: HTTPFields = [.contentType: "application/pdf"]

        // Lever
        router.get("/v1/opportunities/{id}/resumes") { request, context -> Response in
            guard fake.leverAuthorized(request) else { return Response(status: .unauthorized) }
            let id = context.parameters.get("id") ?? ""
            return Self.json("""
                {"data":[
                  {"id":"old-\(id)","createdAt":1000,"file":{"name":"old.pdf","ext":"pdf","size":3}},
                  {"id":"res-\(id)","createdAt":2000,"file":{"name":"resume.pdf","ext":"pdf","size":\(fake.resume.count)}}
                ],"hasNext":false}
                """)
        }
        router.get("/v1/opportunities/{id}/resumes/{rid}/download") { request, context -> Response in
            guard fake.leverAuthorized(request) else { return Response(status: .unauthorized) }
            guard context.parameters.get("rid")?.hasPrefix("res-") == true else { return Response(status: .notFound) }
            if let target = fake.leverDownloadRedirect {
                return Response(status: .found, headers: [.location: target])
            }
            return Response(status: .ok, headers: pdf, body: .init(byteBuffer: ByteBuffer(bytes: fake.resume)))
        }

        // SmartRecruiters
        let srList: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, context in
            guard request.headers[HTTPField.Name("X-SmartToken")!] == fake.smartToken else { return Response(status: .unauthorized) }
            let candidate = context.parameters.get("c") ?? ""
            let host = request.head.authority ?? "127.0.0.1"
            let download = "http://\(host)/candidates/\(candidate)/attachments/att-2"
            return Self.json("""
                {"totalFound":2,"content":[
                  {"id":"att-1","name":"avatar.jpg","type":"AVATAR","contentType":"image/jpeg",
                   "actions":{"download":{"url":"http://\(host)/candidates/\(candidate)/attachments/att-1","method":"GET"}}},
                  {"id":"att-2","name":"CV.pdf","type":"RESUME","contentType":"application/pdf",
                   "actions":{"download":{"url":"\(download)","method":"GET"}}}
                ]}
                """)
        }
        router.get("/candidates/{c}/jobs/{j}/attachments", use: srList)
        router.get("/candidates/{c}/attachments", use: srList)
        router.get("/candidates/{c}/attachments/{id}") { request, context -> Response in
            guard request.headers[HTTPField.Name("X-SmartToken")!] == fake.smartToken else { return Response(status: .unauthorized) }
            guard context.parameters.get("id") == "att-2" else { return Response(status: .notFound) }
            return Response(status: .ok, headers: pdf, body: .init(byteBuffer: ByteBuffer(bytes: fake.resume)))
        }

        // Greenhouse Harvest v3
        router.post("/token") { request, context -> Response in
            let expected = "Basic " + Data("\(fake.greenhouseClientId):\(fake.greenhouseClientSecret)".utf8).base64EncodedString()
            guard request.headers[.authorization] == expected else { return Response(status: .unauthorized) }
            let body = try await request.body.collect(upTo: 4096)
            let form = String(buffer: body)
            guard form.split(separator: "&").contains("grant_type=client_credentials") else {
                return Response(status: .badRequest)
            }
            return Self.json(#"{"access_token":"\#(fake.greenhouseAccessToken)","token_type":"Bearer","expires_in":3600}"#)
        }
        router.get("/v3/attachments") { request, _ -> Response in
            guard request.headers[.authorization] == "Bearer \(fake.greenhouseAccessToken)" else { return Response(status: .unauthorized) }
            let q = request.uri.queryParameters
            guard let app = q.get("application_ids") ?? q.get("candidate_ids") else { return Response(status: .badRequest) }
            return Self.json("""
                [
                  {"id":1,"application_id":\(Int(app) ?? 0),"filename":"cover.pdf","type":"cover_letter","url":"\(fake.greenhouseFreshURL)?cover","created_at":"2026-01-03T00:00:00Z"},
                  {"id":2,"application_id":\(Int(app) ?? 0),"filename":"old.pdf","type":"resume","url":"\(fake.greenhouseFreshURL)-old","created_at":"2026-01-01T00:00:00Z"},
                  {"id":3,"application_id":\(Int(app) ?? 0),"filename":"resume.pdf","type":"resume","url":"\(fake.greenhouseFreshURL)","created_at":"2026-01-02T00:00:00Z"}
                ]
                """)
        }
    }

    func leverAuthorized(_ request: Request) -> Bool {
        request.headers[.authorization] == "Basic " + Data("\(leverAPIKey):".utf8).base64EncodedString()
    }

    static func json(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
