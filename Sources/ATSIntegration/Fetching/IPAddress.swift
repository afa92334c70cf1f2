#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address as its network-order bytes (4 or 16), parsed with `inet_pton`.
///
/// Text forms accepted: dotted-quad IPv4 (`inet_pton` refuses octal and short forms such as
/// `0177.1` or `127.1`, which some resolvers accept, so such hosts go through name resolution
/// instead and are checked on what they resolve to), and any RFC 4291 IPv6 form, optionally in
/// brackets (`[::1]`) and with a zone index (`fe80::1%eth0`, the zone is dropped).
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6, network order.
    public let bytes: [UInt8]

    public var isIPv4: Bool { bytes.count == 4 }

    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    public init?(_ text: String) {
        var s = Substring(text)
        if s.hasPrefix("["), s.hasSuffix("]") { s = s.dropFirst().dropLast() }
        if let percent = s.firstIndex(of: "%") { s = s[..<percent] }
        guard !s.isEmpty else { return nil }
        let string = String(s)
        if string.contains(":") {
            var storage = in6_addr()
            guard inet_pton(AF_INET6, string, &storage) == 1 else { return nil }
            bytes = withUnsafeBytes(of: &storage) { Array($0) }
        } else {
            var storage = in_addr()
            guard inet_pton(AF_INET, string, &storage) == 1 else { return nil }
            bytes = withUnsafeBytes(of: &storage) { Array($0) }
        }
    }

    /// The IPv4 address held in bytes `offset..<offset+4` of an IPv6 address.
    public func embeddedIPv4(at offset: Int) -> IPAddress? {
        guard !isIPv4, offset >= 0, offset + 4 <= 16 else { return nil }
        return IPAddress(bytes: Array(bytes[offset..<offset + 4]))
    }

    /// Canonical text: dotted quad, or RFC 5952 IPv6 (via `inet_ntop`).
    public var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        var storage = in6_addr()
        withUnsafeMutableBytes(of: &storage) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &storage, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
