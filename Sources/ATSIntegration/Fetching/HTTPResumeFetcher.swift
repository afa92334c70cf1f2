import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ScreenerCore

/// Downloads resume URLs (and ATS API calls) behind the SSRF guard, with AsyncHTTPClient.
///
/// Each hop of a request:
/// 1. `ResumeDownloadPolicy.evaluate(url)`: scheme (`https`, or `http` when allow-listed or
///    `allowHTTP`), no user-info, allow-list;
/// 2. unless allow-listed: the host is resolved with the injected `HostResolver` (an IP literal is
///    used as is) and EVERY address must pass `AddressPolicy`, else `fetch_refused` naming the
///    reason and the host (never the path or query, which may carry tokens);
/// 3. the request runs on a short-lived `HTTPClient` whose redirects are DISABLED and whose
///    `dnsOverride` maps the host to the address we checked, so the connection goes to that
///    address while the `Host` header, SNI and certificate validation keep the host name;
/// 4. 301/302/303/307/308 with a `Location` start the next hop (at most `maxRedirects`), which
///    is checked again from step 1. Credentials (`credentials` headers) are sent to the first
///    URL's origin only and dropped as soon as a redirect leaves it. 303, and 301/302 after a
///    POST, continue as GET without a body.
///
/// Bodies are streamed and abandoned as soon as they pass `maxBytes` (`payload_too_large`, also
/// up front when `Content-Length` already says so). One deadline, `now + timeout`, covers every
/// hop including resolution; passing it is `fetch_failed`. Status mapping for downloads:
/// 2xx → document; 404/410 → `not_found`; 429 and 5xx → `fetch_failed`; other codes →
/// `fetch_failed` with the status in the message.
///
/// DNS rebinding: because the connection is pinned to the checked address through
/// `dnsOverride`, a second, different answer for the same name cannot be used to reach an
/// internal address. The residual window is limited to allow-listed hosts (not checked by
/// design) and to the resolver itself (a hostile resolver can only make us refuse).
public struct HTTPResumeFetcher: Sendable {
    public let resolver: any HostResolver
    public let addressPolicy: AddressPolicy
    let eventLoopGroup: any EventLoopGroup
    let logger: Logger

    public init(
        resolver: any HostResolver = SystemHostResolver(),
        addressPolicy: AddressPolicy = .standard,
        eventLoopGroup: any EventLoopGroup = HTTPClient.defaultEventLoopGroup,
        logger: Logger = Logger(label: "screener.fetch")
    ) {
        self.resolver = resolver
        self.addressPolicy = addressPolicy
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// One outbound request.
    public struct Outbound: Sendable {
        public var method: HTTPMethod
        public var url: String
        public var headers: HTTPHeaders
        /// Sent to the first URL's origin only (Authorization, X-SmartToken, …).
        public var credentials: HTTPHeaders
        public var body: Data?

        public init(method: HTTPMethod = .GET, url: String, headers: HTTPHeaders = [:], credentials: HTTPHeaders = [:], body: Data? = nil) {
            self.method = method
            self.url = url
            self.headers = headers
            self.credentials = credentials
            self.body = body
        }
    }

    /// The final response after redirects. `body` is read (under the cap) for 2xx only.
    public struct Response: Sendable {
        public var status: Int
        public var headers: HTTPHeaders
        public var body: Data
        public var finalURL: URL
        /// The final host, for messages.
        public var host: String { finalURL.host ?? "?" }
    }

    /// Downloads `url` and returns its bytes, mapping non-2xx statuses to `ScreenerError`s.
    public func download(
        _ url: String, policy: ResumeDownloadPolicy, fileName: String? = nil,
        headers: HTTPHeaders = [:], credentials: HTTPHeaders = [:]
    ) async throws -> FetchedDocument {
        let response = try await send(Outbound(url: url, headers: headers, credentials: credentials), policy: policy)
        try Self.requireSuccess(response)
        return FetchedDocument(
            bytes: response.body,
            fileName: fileName ?? Self.fileName(fromContentDisposition: response.headers.first(name: "content-disposition")),
            contentType: response.headers.first(name: "content-type"),
            source: Self.redacted(response.finalURL)
        )
    }

    /// Maps a non-2xx final status to the fetch error codes.
    public static func requireSuccess(_ response: Response) throws {
        switch response.status {
        case 200..<300:
            return
        case 404, 410:
            throw ScreenerError(.notFound, "HTTP \(response.status) from host \(response.host)")
        case 429, 500..<600:
            throw ScreenerError(.fetchFailed, "HTTP \(response.status) from host \(response.host)")
        default:
            throw ScreenerError(.fetchFailed, "unexpected HTTP \(response.status) from host \(response.host)")
        }
    }

    /// Sends a request through the guard, following redirects by hand.
    public func send(_ outbound: Outbound, policy: ResumeDownloadPolicy) async throws -> Response {
        let deadline = NIODeadline.now() + Self.timeAmount(policy.timeout)
        guard var url = URL(string: outbound.url) else {
            throw ScreenerError(.fetchRefused, "fetch refused: malformed URL")
        }
        let origin = Self.origin(url)
        var method = outbound.method
        var body = outbound.body
        var hops = 0
        while true {
            let pinned = try await vet(url, policy: policy, deadline: deadline)
            var headers = outbound.headers
            if Self.origin(url) == origin {
                for (name, value) in outbound.credentials { headers.add(name: name, value: value) }
            }
            let response = try await execute(
                url: url, method: method, headers: headers, body: body, pinnedAddress: pinned,
                policy: policy, deadline: deadline)
            guard [301, 302, 303, 307, 308].contains(response.status) else { return response }
            guard let location = response.headers.first(name: "location"),
                  let next = URL(string: location, relativeTo: url)?.absoluteURL
            else {
                throw ScreenerError(.fetchFailed, "HTTP \(response.status) without a usable Location from host \(response.host)")
            }
            hops += 1
            if hops > policy.maxRedirects {
                throw ScreenerError(.fetchRefused, "fetch refused: too_many_redirects (more than \(policy.maxRedirects)) at host \(next.host ?? "?")")
            }
            if response.status == 303 || (method == .POST && (response.status == 301 || response.status == 302)) {
                method = .GET
                body = nil
            }
            logger.debug("fetch redirect", metadata: ["screener.fetch.status": "\(response.status)", "screener.fetch.host": "\(next.host ?? "?")"])
            url = next
        }
    }

    /// Checks one hop's URL. Returns the address to pin the connection to, or `nil` for an
    /// allow-listed host (connect by name).
    func vet(_ url: URL, policy: ResumeDownloadPolicy, deadline: NIODeadline) async throws -> IPAddress? {
        switch policy.evaluate(url) {
        case .refused(let reason, let host):
            throw ScreenerError(.fetchRefused, "fetch refused: \(reason) for host \(host ?? "?")")
        case .allowListed:
            return nil
        case .checkAddresses(let host, _):
            let addresses: [IPAddress]
            if let literal = IPAddress(host) {
                addresses = [literal]
            } else {
                addresses = try await resolver.resolve(host: host)
            }
            if let refusal = addressPolicy.firstRefusal(in: addresses) {
                throw ScreenerError(.fetchRefused, "fetch refused: \(refusal.1.rawValue) address for host \(host)")
            }
            guard NIODeadline.now() < deadline else {
                throw ScreenerError(.fetchFailed, "timed out resolving host \(host)")
            }
            return addresses[0]
        }
    }

    func execute(
        url: URL, method: HTTPMethod, headers: HTTPHeaders, body: Data?, pinnedAddress: IPAddress?,
        policy: ResumeDownloadPolicy, deadline: NIODeadline
    ) async throws -> Response {
        let host = url.host ?? "?"
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: min(Self.timeAmount(policy.timeout), .seconds(10)), read: Self.timeAmount(policy.timeout)),
            decompression: .disabled
        )
        if let pinnedAddress, let urlHost = url.host, IPAddress(urlHost) == nil {
            configuration.dnsOverride = [urlHost: pinnedAddress.description]
        }
        let client = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: configuration)
        do {
            let response = try await perform(
                client: client, url: url, method: method, headers: headers, body: body, policy: policy, deadline: deadline)
            try? await client.shutdown()
            return response
        } catch let error as ScreenerError {
            try? await client.shutdown()
            throw error
        } catch {
            try? await client.shutdown()
            throw Self.transportError(error, host: host)
        }
    }

    private func perform(
        client: HTTPClient, url: URL, method: HTTPMethod, headers: HTTPHeaders, body: Data?,
        policy: ResumeDownloadPolicy, deadline: NIODeadline
    ) async throws -> Response {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        request.headers = headers
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, deadline: deadline, logger: logger)
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            // Discard (up to a small cap) so the connection winds down cleanly.
            var discarded = 0
            for try await chunk in response.body {
                discarded += chunk.readableBytes
                if discarded > 64 * 1024 { break }
            }
            return Response(status: status, headers: response.headers, body: Data(), finalURL: url)
        }
        if let declared = response.headers.first(name: "content-length").flatMap(Int.init), declared > policy.maxBytes {
            throw ScreenerError(.payloadTooLarge, "resume from host \(url.host ?? "?") declares \(declared) bytes, over the \(policy.maxBytes)-byte cap")
        }
        var data = Data()
        for try await chunk in response.body {
            if data.count + chunk.readableBytes > policy.maxBytes {
                throw ScreenerError(.payloadTooLarge, "resume from host \(url.host ?? "?") exceeds the \(policy.maxBytes)-byte cap")
            }
            data.append(contentsOf: chunk.readableBytesView)
        }
        return Response(status: status, headers: response.headers, body: data, finalURL: url)
    }

    static func transportError(_ error: any Error, host: String) -> ScreenerError {
        if let e = error as? HTTPClientError {
            switch e {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return ScreenerError(.fetchFailed, "timed out fetching from host \(host)", cause: error)
            default:
                return ScreenerError(.fetchFailed, "HTTP client error fetching from host \(host): \(e.shortDescription)", cause: error)
            }
        }
        if error is CancellationError {
            return ScreenerError(.fetchFailed, "fetch from host \(host) was cancelled", cause: error)
        }
        return ScreenerError(.fetchFailed, "connection to host \(host) failed (\(type(of: error)))", cause: error)
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// `scheme://host:port`, lower-cased, default ports made explicit.
    static func origin(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(ResumeDownloadPolicy.normalizedHost(url.host ?? "")):\(port)"
    }

    /// The URL without user-info, query or fragment (which may carry tokens).
    public static func redacted(_ url: URL) -> String {
        guard var c = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return url.host ?? "?" }
        c.query = nil
        c.fragment = nil
        c.user = nil
        c.password = nil
        return c.string ?? (url.host ?? "?")
    }

    /// `filename="x.pdf"` or `filename=x.pdf` from a `Content-Disposition` value; path parts are
    /// dropped.
    static func fileName(fromContentDisposition value: String?) -> String? {
        guard let value else { return nil }
        for part in value.split(separator: ";") {
            let p = part.trimmingCharacters(in: .whitespaces)
            guard p.lowercased().hasPrefix("filename=") else { continue }
            var name = String(p.dropFirst("filename=".count))
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            name = String(name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
            return name.isEmpty ? nil : name
        }
        return nil
    }
}
