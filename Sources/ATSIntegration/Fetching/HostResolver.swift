import Dispatch
import ScreenerCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves a host name to the addresses a connection could reach. The SSRF guard resolves every
/// non-allow-listed host and allows it only if EVERY address passes `AddressPolicy`.
public protocol HostResolver: Sendable {
    func resolve(host: String) async throws -> [IPAddress]
}

/// The live resolver: `getaddrinfo(3)` with `AF_UNSPEC` and `SOCK_STREAM`, run on a Dispatch queue
/// so the blocking call never occupies a thread of Swift's cooperative pool.
///
/// A lookup failure throws `fetch_failed` (DNS outages are transient). `getaddrinfo` cannot be
/// cancelled, so a lookup is bounded by the system resolver's own timeouts (`resolv.conf`).
public struct SystemHostResolver: HostResolver {
    public init() {}

    public func resolve(host: String) async throws -> [IPAddress] {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[IPAddress], any Error>) in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try Self.lookup(host) })
            }
        }
    }

    static func lookup(_ host: String) throws -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &result)
        guard status == 0, let first = result else {
            throw ScreenerError(.fetchFailed, "cannot resolve host \(host) (getaddrinfo \(status))")
        }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if let sa = info.pointee.ai_addr {
                switch Int32(sa.pointee.sa_family) {
                case AF_INET:
                    let a = sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { p in
                        withUnsafeBytes(of: p.pointee.sin_addr) { Array($0) }
                    }
                    if let ip = IPAddress(bytes: a) { addresses.append(ip) }
                case AF_INET6:
                    let a = sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { p in
                        withUnsafeBytes(of: p.pointee.sin6_addr) { Array($0) }
                    }
                    if let ip = IPAddress(bytes: a) { addresses.append(ip) }
                default:
                    break
                }
            }
            cursor = info.pointee.ai_next
        }
        var seen = Set<IPAddress>()
        return addresses.filter { seen.insert($0).inserted }
    }
}
