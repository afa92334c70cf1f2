import ATSIntegration
import Foundation
import ScreenerCore
import ScreenerTestSupport
import Testing

/// Runs `body` and returns the `ScreenerError` it throws (nil if it succeeds; records an issue
/// for any other error).
func fetchError(_ body: () async throws -> Any) async -> ScreenerError? {
    do {
        _ = try await body()
        return nil
    } catch let error as ScreenerError {
        return error
    } catch {
        Issue.record("unexpected error \(type(of: error)): \(error)")
        return nil
    }
}

func percentEncoded(_ s: String) -> String {
    s.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
}

let samplePDF = Data("%PDF-1.4\n% resume fixture for fetch tests\n%%EOF\n".utf8)

@Suite("Fetch: URL downloads over loopback HTTP")
struct FetchHTTPTests {
    func fetcher(_ table: [String: [String]] = [:], exemptions: [String] = []) -> HTTPResumeFetcher {
        HTTPResumeFetcher(
            resolver: StaticHostResolver(table),
            addressPolicy: AddressPolicy(exemptions: exemptions.compactMap(IPAddressRange.init)))
    }

    @Test("an allow-listed 127.0.0.1:<port> download returns the bytes")
    func allowListedDownload() async throws {
        try await LocalFileServer.run { server in
            // Given a file on a local server that the integration allow-lists
            server.put(samplePDF, as: "resume.pdf")
            let policy = ResumeDownloadPolicy(allowHosts: [server.hostAndPort])
            // When it is downloaded
            let doc = try await fetcher().download(server.url("/files/resume.pdf?token=abc"), policy: policy)
            // Then the bytes, type and a query-free source come back
            #expect(doc.bytes == samplePDF)
            #expect(doc.contentType == "application/pdf")
            #expect(doc.source == server.url("/files/resume.pdf"))
        }
    }

    @Test("the same URL without an allow-list entry is refused as loopback, without connecting")
    func loopbackRefused() async throws {
        try await LocalFileServer.run { server in
            server.put(samplePDF, as: "resume.pdf")
            // Given http allowed but no allow-list entry
            let policy = ResumeDownloadPolicy(allowHTTP: true)
            // When the loopback URL is fetched
            let error = await fetchError { try await fetcher().download(server.url("/files/resume.pdf?token=secret"), policy: policy) }
            // Then it is refused, naming the reason and host, never the query
            #expect(error?.code == .fetchRefused)
            #expect(error?.message.contains("loopback") == true)
            #expect(error?.message.contains("127.0.0.1") == true)
            #expect(error?.message.contains("secret") == false)
            #expect(server.requests.isEmpty)
        }
    }

    @Test("without allowHTTP, an http URL to a non-allow-listed host is refused for its scheme")
    func httpSchemeRefused() async throws {
        try await LocalFileServer.run { server in
            let error = await fetchError { try await fetcher().download(server.url("/files/x"), policy: ResumeDownloadPolicy()) }
            #expect(error?.code == .fetchRefused)
            #expect(error?.message.contains("http_not_allowed") == true)
            #expect(server.requests.isEmpty)
        }
    }

    @Test("cloud metadata is refused before any connection", arguments: [
        ("http://169.254.169.254/latest/meta-data/", "cloud_metadata"),
        ("http://metadata.internal/latest/meta-data/", "cloud_metadata"),
        ("http://[fd00:ec2::254]/latest/meta-data/", "cloud_metadata"),
        ("http://[::ffff:169.254.169.254]/latest/meta-data/", "cloud_metadata"),
        ("http://100.100.100.200/latest/meta-data/", "cloud_metadata"),
    ])
    func metadataRefused(url: String, reason: String) async throws {
        // Given a resolver that would send metadata.internal to the metadata address, and a
        // resolver failure for anything else (so a connection attempt would surface)
        let fetcher = self.fetcher(["metadata.internal": ["169.254.169.254"]])
        // When fetched with http allowed
        let error = await fetchError { try await fetcher.download(url, policy: ResumeDownloadPolicy(allowHTTP: true)) }
        // Then the guard refuses it
        #expect(error?.code == .fetchRefused)
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "no error")")
    }

    @Test("http to a public host without an allow-list is refused")
    func httpPublicRefused() async throws {
        let fetcher = self.fetcher(["files.example.com": ["93.184.216.34"]])
        let error = await fetchError { try await fetcher.download("http://files.example.com/r.pdf", policy: ResumeDownloadPolicy()) }
        #expect(error?.code == .fetchRefused)
        #expect(error?.message.contains("http_not_allowed") == true)
        #expect(error?.message.contains("files.example.com") == true)
    }

    @Test("a host resolving to one public and one private address is refused")
    func mixedResolution() async throws {
        let fetcher = self.fetcher(["mixed.example.com": ["93.184.216.34", "10.0.0.5"]])
        let error = await fetchError { try await fetcher.download("https://mixed.example.com/r.pdf", policy: ResumeDownloadPolicy()) }
        #expect(error?.code == .fetchRefused)
        #expect(error?.message.contains("private") == true)
        #expect(error?.message.contains("mixed.example.com") == true)
    }

    @Test("an allow-listed server redirecting to a non-allow-listed 127.0.0.1 port is refused at the redirect")
    func redirectRechecked() async throws {
        try await LocalFileServer.run { allowed in
            try await LocalFileServer.run { other in
                // Given an allow-listed server that redirects to another local port
                other.put(samplePDF, as: "resume.pdf")
                let policy = ResumeDownloadPolicy(allowHosts: [allowed.hostAndPort], allowHTTP: true)
                let url = allowed.url("/redirect?to=" + percentEncoded(other.url("/files/resume.pdf")))
                // When fetched
                let error = await fetchError { try await fetcher().download(url, policy: policy) }
                // Then the first hop happened, the second was refused before connecting
                #expect(error?.code == .fetchRefused)
                #expect(error?.message.contains("loopback") == true)
                #expect(allowed.requests.map(\.path) == ["/redirect"])
                #expect(other.requests.isEmpty)
            }
        }
    }

    @Test("redirects within the allow-list are followed and the final URL is the source")
    func redirectFollowed() async throws {
        try await LocalFileServer.run { server in
            server.put(samplePDF, as: "resume.pdf")
            let policy = ResumeDownloadPolicy(allowHosts: [server.hostAndPort])
            let doc = try await fetcher().download(server.url("/redirect?status=307&to=%2Ffiles%2Fresume.pdf%3Fsig%3Dx"), policy: policy)
            #expect(doc.bytes == samplePDF)
            #expect(doc.source == server.url("/files/resume.pdf"))
        }
    }

    @Test("more redirects than maxRedirects are refused")
    func tooManyRedirects() async throws {
        try await LocalFileServer.run { server in
            server.put(samplePDF, as: "resume.pdf")
            let final = server.url("/files/resume.pdf")
            let second = server.url("/redirect?to=" + percentEncoded(final))
            let first = server.url("/redirect?to=" + percentEncoded(second))
            let policy = ResumeDownloadPolicy(allowHosts: [server.hostAndPort], maxRedirects: 1)
            let error = await fetchError { try await fetcher().download(first, policy: policy) }
            #expect(error?.code == .fetchRefused)
            #expect(error?.message.contains("too_many_redirects") == true)
            // and with two allowed, it arrives
            let ok = try await fetcher().download(first, policy: ResumeDownloadPolicy(allowHosts: [server.hostAndPort], maxRedirects: 2))
            #expect(ok.bytes == samplePDF)
        }
    }

    @Test("credentials go to the first origin only, never across a redirect")
    func credentialsStayHome() async throws {
        try await LocalFileServer.run { api in
            try await LocalFileServer.run { files in
                files.put(samplePDF, as: "resume.pdf")
                let policy = ResumeDownloadPolicy(allowHosts: [api.hostAndPort, files.hostAndPort])
                let url = api.url("/redirect?to=" + percentEncoded(files.url("/files/resume.pdf")))
                let doc = try await fetcher().download(url, policy: policy, credentials: ["Authorization": "Bearer api-secret"])
                #expect(doc.bytes == samplePDF)
                #expect(api.requests.first?.headers["authorization"] == "Bearer api-secret")
                #expect(files.requests.first?.headers["authorization"] == nil)
            }
        }
    }

    @Test("a streamed body over maxBytes (no Content-Length) is payload_too_large")
    func streamedTooLarge() async throws {
        try await LocalFileServer.run { server in
            let policy = ResumeDownloadPolicy(allowHosts: [server.hostAndPort], maxBytes: 100_000)
            let error = await fetchError { try await fetcher().download(server.url("/stream?bytes=400000&chunk=4096"), policy: policy) }
            #expect(error?.code == .payloadTooLarge)
            // and under the cap the same route succeeds
            let doc = try await fetcher().download(server.url("/stream?bytes=90000&chunk=4096"), policy: policy)
            #expect(doc.bytes.count == 90000)
        }
    }

    @Test("a Content-Length over maxBytes is payload_too_large")
    func declaredTooLarge() async throws {
        try await LocalFileServer.run { server in
            server.put(Data(repeating: 0x25, count: 2048), as: "big.pdf")
            let policy = ResumeDownloadPolicy(allowHosts: [server.hostAndPort], maxBytes: 1024)
            let error = await fetchError { try await fetcher().download(server.url("/files/big.pdf"), policy: policy) }
            #expect(error?.code == .payloadTooLarge)
            #expect(error?.message.contains("declares 2048") == true)
        }
    }

    @Test("a stalled server is fetch_failed after the configured timeout")
    func stall() async throws {
        try await LocalFileServer.run { server in
            let policy = ResumeDownloadPolicy(allowHosts: [server.hostAndPort], timeout: .milliseconds(300))
            let error = await fetchError { try await fetcher().download(server.url("/stall"), policy: policy) }
            #expect(error?.code == .fetchFailed)
            #expect(error?.message.contains("timed out") == true, "\(error?.message ?? "")")
        }
    }

    @Test("statuses map to not_found and fetch_failed", arguments: [(404, "not_found"), (410, "not_found"), (429, "fetch_failed"), (503, "fetch_failed"), (500, "fetch_failed"), (401, "fetch_failed")])
    func statuses(status: Int, code: String) async throws {
        try await LocalFileServer.run { server in
            let policy = ResumeDownloadPolicy(allowHosts: [server.hostAndPort])
            let error = await fetchError { try await fetcher().download(server.url("/status/\(status)"), policy: policy) }
            #expect(error?.code.rawValue == code)
        }
    }

    @Test("the connection is pinned to the checked address while Host keeps the name")
    func pinnedConnection() async throws {
        try await LocalFileServer.run { server in
            server.put(samplePDF, as: "resume.pdf")
            // Given a name that only our resolver knows, resolving to an exempted address
            let fetcher = self.fetcher(["files.test": ["127.0.0.1"]], exemptions: ["127.0.0.1/32"])
            let policy = ResumeDownloadPolicy(allowHTTP: true)
            // When fetched by name (the system resolver could not resolve files.test)
            let doc = try await fetcher.download("http://files.test:\(server.port)/files/resume.pdf", policy: policy)
            // Then it connected to the checked address and sent the original Host
            #expect(doc.bytes == samplePDF)
            #expect(server.requests.first?.headers["host"] == "files.test:\(server.port)")
        }
    }

    @Test("the system resolver resolves localhost to loopback, which is refused")
    func systemResolver() async throws {
        let addresses = try await SystemHostResolver().resolve(host: "localhost")
        #expect(!addresses.isEmpty)
        #expect(addresses.allSatisfy { AddressPolicy.standard.check($0) == .loopback })
        let live = HTTPResumeFetcher()
        let error = await fetchError { try await live.download("http://localhost:9/r.pdf", policy: ResumeDownloadPolicy(allowHTTP: true)) }
        #expect(error?.code == .fetchRefused)
        #expect(error?.message.contains("loopback") == true)
    }
}
