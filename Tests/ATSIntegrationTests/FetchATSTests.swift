import ATSIntegration
import Foundation
import ScreenerCore
import ScreenerTestSupport
import Testing

@Suite("Fetch: ATS API re-fetch against in-process fakes")
struct FetchATSTests {
    let environment = [
        "LEVER_KEY": "lever-key", "SR_TOKEN": "smart-token",
        "GH_ID": "gh-client", "GH_SECRET": "gh-secret",
    ]

    /// Starts a fake API server and a file server, and runs `body` with both.
    func withServers<T>(_ body: (LocalFileServer, LocalFileServer) async throws -> T) async throws -> T {
        try await LocalFileServer.run { files in
            files.put(samplePDF, as: "fresh.pdf")
            var api = FakeATSAPI(resume: samplePDF)
            api.greenhouseFreshURL = files.url("/files/fresh.pdf")
            let configured = api
            return try await LocalFileServer.run(configure: { router, _ in configured.install(on: router) }) { apiServer in
                try await body(apiServer, files)
            }
        }
    }

    func fetchers(_ settings: [String: FetchSettings]) -> ResumeFetchers {
        ResumeFetchers(settings: settings, http: HTTPResumeFetcher(resolver: StaticHostResolver([:])), environment: environment)
    }

    @Test("Lever: the opportunity's newest resume is listed then downloaded with Basic auth")
    func lever() async throws {
        try await withServers { api, _ in
            // Given a thin Lever event with the profile's resume hint
            let settings = FetchSettings(allowHosts: [api.hostAndPort], apiBaseURL: api.baseURL, apiKey: "env:LEVER_KEY")
            let request = ResumeRequest(
                integration: "lever-main", profile: "lever", resume: nil,
                hints: [.init(resource: "resume", path: "/v1/opportunities/opp-1/resumes", ids: ["opportunityId": "opp-1"])],
                applicationExternalId: "opp-1")
            // When fetched
            let doc = try await fetchers(["lever-main": settings]).fetch(request)
            // Then the newest resume's bytes come back from the documented routes
            #expect(doc.bytes == samplePDF)
            #expect(doc.fileName == "resume.pdf")
            #expect(api.requests.map(\.path) == ["/v1/opportunities/opp-1/resumes", "/v1/opportunities/opp-1/resumes/res-opp-1/download"])
        }
    }

    @Test("Lever: without a hint the application id names the opportunity; a redirect to storage drops the API key")
    func leverRedirect() async throws {
        // Given a Lever download that redirects to a storage host on another port
        try await LocalFileServer.run { files in
            files.put(samplePDF, as: "stored.pdf")
            var fake = FakeATSAPI(resume: samplePDF)
            fake.leverDownloadRedirect = files.url("/files/stored.pdf?X-Amz-Signature=s")
            let configured = fake
            try await LocalFileServer.run(configure: { router, _ in configured.install(on: router) }) { api in
                let settings = FetchSettings(allowHosts: [api.hostAndPort, files.hostAndPort], apiBaseURL: api.baseURL, apiKey: "env:LEVER_KEY")
                let request = ResumeRequest(integration: "lever", profile: "lever", resume: .init(needsFetch: true), applicationExternalId: "opp-2")
                let doc = try await fetchers(["lever": settings]).fetch(request)
                #expect(doc.bytes == samplePDF)
                #expect(doc.source == files.url("/files/stored.pdf"))
                #expect(api.requests.allSatisfy { $0.headers["authorization"] != nil })
                #expect(files.requests.count == 1)
                #expect(files.requests.first?.headers["authorization"] == nil)
            }
        }
    }

    @Test("Lever: a wrong API key is fetch_failed with the status, never the key")
    func leverUnauthorized() async throws {
        try await withServers { api, _ in
            let settings = FetchSettings(allowHosts: [api.hostAndPort], apiBaseURL: api.baseURL, apiKey: "env:GH_SECRET")
            let request = ResumeRequest(integration: "l", profile: "lever", resume: nil, applicationExternalId: "opp-1")
            let error = await fetchError { try await fetchers(["l": settings]).fetch(request) }
            #expect(error?.code == .fetchFailed)
            #expect(error?.message.contains("401") == true)
            #expect(error?.message.contains("gh-secret") == false)
        }
    }

    @Test("SmartRecruiters: the application's attachments are listed with X-SmartToken and the RESUME downloaded")
    func smartRecruiters() async throws {
        try await withServers { api, _ in
            let settings = FetchSettings(allowHosts: [api.hostAndPort], apiBaseURL: api.baseURL, apiKey: "env:SR_TOKEN")
            let request = ResumeRequest(
                integration: "sr", profile: "smartrecruiters", resume: nil,
                hints: [
                    .init(resource: "application", path: "/candidates/cand-1/jobs/job-9", ids: ["candidateId": "cand-1", "jobId": "job-9"]),
                    .init(resource: "resume", path: "/candidates/cand-1/attachments", ids: ["candidateId": "cand-1"]),
                ],
                candidateExternalId: "cand-1")
            let doc = try await fetchers(["sr": settings]).fetch(request)
            #expect(doc.bytes == samplePDF)
            #expect(doc.fileName == "CV.pdf")
            #expect(api.requests.map(\.path) == ["/candidates/cand-1/jobs/job-9/attachments", "/candidates/cand-1/attachments/att-2"])
            #expect(api.requests.allSatisfy { $0.headers["x-smarttoken"] == "smart-token" })
        }
    }

    @Test("SmartRecruiters: the webhook link is followed on the API origin and refused elsewhere")
    func smartRecruitersLink() async throws {
        try await withServers { api, files in
            let settings = FetchSettings(allowHosts: [api.hostAndPort, files.hostAndPort], apiBaseURL: api.baseURL, apiKey: "env:SR_TOKEN")
            let good = ResumeRequest(
                integration: "sr", profile: "smartrecruiters", resume: nil,
                hints: [.init(resource: "link", path: api.url("/candidates/cand-7/jobs/job-1"))])
            let doc = try await fetchers(["sr": settings]).fetch(good)
            #expect(doc.bytes == samplePDF)
            // A link to another origin would receive our token: refused before any request.
            let bad = ResumeRequest(
                integration: "sr", profile: "smartrecruiters", resume: nil,
                hints: [.init(resource: "link", path: files.url("/candidates/cand-7/jobs/job-1"))])
            let error = await fetchError { try await fetchers(["sr": settings]).fetch(bad) }
            #expect(error?.code == .fetchRefused)
            #expect(files.requests.isEmpty)
        }
    }

    @Test("Greenhouse: an expired attachment URL (403) is re-fetched through Harvest v3")
    func greenhouseRefetch() async throws {
        try await withServers { api, files in
            // Given a webhook attachment URL that now answers 403, and OAuth client credentials
            let settings = FetchSettings(
                allowHosts: [api.hostAndPort, files.hostAndPort], apiBaseURL: api.baseURL,
                clientId: "env:GH_ID", clientSecret: "env:GH_SECRET", onBehalfOfUserId: "4080", tokenURL: api.url("/token"))
            let request = ResumeRequest(
                integration: "gh", profile: "greenhouse",
                resume: .init(url: files.url("/status/403?Signature=old"), fileName: "resume.pdf", urlValidForSeconds: 604800),
                candidateExternalId: "55", applicationExternalId: "77")
            // When fetched
            let doc = try await fetchers(["gh": settings]).fetch(request)
            // Then a token was taken, the attachments listed, and the newest resume downloaded
            #expect(doc.bytes == samplePDF)
            #expect(doc.fileName == "resume.pdf")
            #expect(api.requests.map(\.path) == ["/token", "/v3/attachments"])
            #expect(api.requests.last?.query?.contains("application_ids=77") == true)
            #expect(api.requests.last?.query?.contains("type=resume") == true)
            #expect(files.requests.map(\.path) == ["/status/403", "/files/fresh.pdf"])
            #expect(files.requests.allSatisfy { $0.headers["authorization"] == nil })
        }
    }

    @Test("Greenhouse: a live attachment URL is downloaded directly, with no API call")
    func greenhouseDirect() async throws {
        try await withServers { api, files in
            let settings = FetchSettings(
                allowHosts: [api.hostAndPort, files.hostAndPort], apiBaseURL: api.baseURL,
                clientId: "env:GH_ID", clientSecret: "env:GH_SECRET", tokenURL: api.url("/token"))
            let request = ResumeRequest(
                integration: "gh", profile: "greenhouse", resume: .init(url: files.url("/files/fresh.pdf")), applicationExternalId: "77")
            let doc = try await fetchers(["gh": settings]).fetch(request)
            #expect(doc.bytes == samplePDF)
            #expect(api.requests.isEmpty)
        }
    }

    @Test("Greenhouse: with no attachment URL the resume comes straight from Harvest v3 (by candidate)")
    func greenhouseNoURL() async throws {
        try await withServers { api, files in
            let settings = FetchSettings(
                allowHosts: [api.hostAndPort, files.hostAndPort], apiBaseURL: api.baseURL,
                clientId: "env:GH_ID", clientSecret: "env:GH_SECRET", tokenURL: api.url("/token"))
            let request = ResumeRequest(integration: "gh", profile: "greenhouse", resume: .init(needsFetch: true), candidateExternalId: "55")
            let doc = try await fetchers(["gh": settings]).fetch(request)
            #expect(doc.bytes == samplePDF)
            #expect(api.requests.last?.query?.contains("candidate_ids=55") == true)
        }
    }

    @Test("Greenhouse: an attachment URL refused by the guard is not re-fetched")
    func greenhouseRefusedURL() async throws {
        try await withServers { api, _ in
            let settings = FetchSettings(
                allowHosts: [api.hostAndPort], allowHTTP: true, apiBaseURL: api.baseURL,
                clientId: "env:GH_ID", clientSecret: "env:GH_SECRET", tokenURL: api.url("/token"))
            let request = ResumeRequest(
                integration: "gh", profile: "greenhouse",
                resume: .init(url: "http://169.254.169.254/latest/meta-data/iam"), applicationExternalId: "77")
            let error = await fetchError { try await fetchers(["gh": settings]).fetch(request) }
            #expect(error?.code == .fetchRefused)
            #expect(error?.message.contains("cloud_metadata") == true)
            #expect(api.requests.isEmpty)
        }
    }

    @Test("Greenhouse: wrong client credentials are invalid_configuration")
    func greenhouseBadCredentials() async throws {
        try await withServers { api, files in
            let settings = FetchSettings(
                allowHosts: [api.hostAndPort, files.hostAndPort], apiBaseURL: api.baseURL,
                clientId: "env:GH_ID", clientSecret: "env:LEVER_KEY", tokenURL: api.url("/token"))
            let request = ResumeRequest(
                integration: "gh", profile: "greenhouse", resume: .init(url: files.url("/status/404")), applicationExternalId: "77")
            let error = await fetchError { try await fetchers(["gh": settings]).fetch(request) }
            #expect(error?.code == .invalidConfiguration)
        }
    }

    @Test("dispatch: inline base64 wins, and an unknown integration gets the strict default")
    func dispatch() async throws {
        try await LocalFileServer.run { server in
            server.put(samplePDF, as: "r.pdf")
            let f = fetchers(["known": FetchSettings(allowHosts: [server.hostAndPort])])
            let inline = try await f.fetch(ResumeRequest(
                integration: "known", profile: "standard",
                resume: .init(url: server.url("/files/r.pdf"), contentBase64: samplePDF.base64EncodedString())))
            #expect(inline.source == "inline")
            #expect(server.requests.isEmpty)
            let known = try await f.fetch(ResumeRequest(integration: "known", profile: "standard", resume: .init(url: server.url("/files/r.pdf"))))
            #expect(known.bytes == samplePDF)
            let error = await fetchError {
                try await f.fetch(ResumeRequest(integration: "unknown", profile: "standard", resume: .init(url: server.url("/files/r.pdf"))))
            }
            #expect(error?.code == .fetchRefused)
            let nothing = await fetchError { try await f.fetch(ResumeRequest(integration: "known", profile: "standard", resume: nil)) }
            #expect(nothing?.code == .notFound)
        }
    }
}
