import Foundation

/// What a resume URL download may do, per integration.
///
/// - Scheme: `https` only, unless the host is allow-listed or `allowHTTP` is set.
/// - `allowHosts`: exact host names (`files.example.com`, any port) or `host:port`
///   (`127.0.0.1:8080`, that port only), compared case-insensitively. An allow-listed host skips
///   the address check (so it may be on loopback or a private network) and may use `http`.
/// - Every other host is resolved, and allowed only if every address passes `AddressPolicy`.
/// - `maxBytes` caps the body (default 10 MiB = 10 × 2²⁰ bytes); `timeout` bounds the whole
///   fetch, redirects included (default 20 s); `maxRedirects` bounds the hops (default 5).
public struct ResumeDownloadPolicy: Sendable, Equatable {
    public var allowHosts: [String]
    public var allowHTTP: Bool
    public var maxBytes: Int
    public var timeout: Duration
    public var maxRedirects: Int

    public static let defaultMaxBytes = 10 * 1024 * 1024

    public init(
        allowHosts: [String] = [], allowHTTP: Bool = false, maxBytes: Int = ResumeDownloadPolicy.defaultMaxBytes,
        timeout: Duration = .seconds(20), maxRedirects: Int = 5
    ) {
        self.allowHosts = allowHosts.map { $0.lowercased() }
        self.allowHTTP = allowHTTP
        self.maxBytes = maxBytes
        self.timeout = timeout
        self.maxRedirects = maxRedirects
    }

    /// The outcome of checking a URL before any network activity.
    public enum Verdict: Sendable, Equatable {
        /// Allow-listed: connect without an address check.
        case allowListed(host: String, port: Int)
        /// Resolve `host` and check every address before connecting.
        case checkAddresses(host: String, port: Int)
        /// Refused by policy; `reason` is stable (`scheme`, `http_not_allowed`, `no_host`,
        /// `credentials_in_url`).
        case refused(reason: String, host: String?)
    }

    /// Pure URL check: scheme, user-info, host and allow-list.
    public func evaluate(_ url: URL) -> Verdict {
        guard let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            return .refused(reason: "scheme", host: url.host)
        }
        guard let rawHost = url.host, !rawHost.isEmpty else { return .refused(reason: "no_host", host: nil) }
        let host = Self.normalizedHost(rawHost)
        if url.user != nil || url.password != nil { return .refused(reason: "credentials_in_url", host: host) }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        if isAllowListed(host: host, port: port) { return .allowListed(host: host, port: port) }
        if scheme == "http" && !allowHTTP { return .refused(reason: "http_not_allowed", host: host) }
        return .checkAddresses(host: host, port: port)
    }

    /// `host` matches an entry `host` (any port) or `host:port` (that port). IPv6 literals are
    /// written in brackets in `host:port` entries (`[::1]:8080`).
    public func isAllowListed(host: String, port: Int) -> Bool {
        let h = Self.normalizedHost(host)
        let bracketed = h.contains(":") ? "[\(h)]" : h
        return allowHosts.contains { entry in
            entry == h || entry == bracketed || entry == "\(bracketed):\(port)"
        }
    }

    /// Lower-cased, without IPv6 brackets and without a trailing dot.
    static func normalizedHost(_ host: String) -> String {
        var h = host.lowercased()
        if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        if h.hasSuffix(".") { h.removeLast() }
        return h
    }
}
