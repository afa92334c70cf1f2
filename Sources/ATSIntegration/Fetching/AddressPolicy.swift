/// The SSRF guard's address rules: which resolved addresses a resume download may connect to.
///
/// `check(a)` returns `nil` when `a` is allowed, else the first matching refusal reason, in this
/// order:
/// 1. `exemptions` (configured CIDR blocks that are always allowed; empty by default, for tests
///    and deliberate on-premises set-ups);
/// 2. cloud metadata endpoints: `169.254.169.254`, `fd00:ec2::254`, `100.100.100.200`;
/// 3. IPv6 forms that embed an IPv4 address are judged by that IPv4 address:
///    IPv4-mapped `::ffff:a.b.c.d` (bytes 12–15), IPv4-compatible `::a.b.c.d` (bytes 12–15),
///    NAT64 `64:ff9b::/96` (bytes 12–15), 6to4 `2002::/16` (bytes 2–5);
/// 4. the IPv4 or IPv6 block table below (`reservedRanges`).
///
/// Teredo (`2001::/32`) hides the client address and is refused outright. Everything not listed
/// (global unicast) is allowed.
public struct AddressPolicy: Sendable, Equatable {
    /// Why an address is refused. The raw value is stable and appears in `fetch_refused` messages.
    public enum Reason: String, Sendable, CaseIterable {
        case loopback
        case unspecified
        case privateNetwork = "private"
        case linkLocal = "link_local"
        case cgnat
        case multicast
        case broadcast
        case reserved
        case benchmarking
        case documentation
        case cloudMetadata = "cloud_metadata"
        case teredo
    }

    /// Blocks that are always allowed, checked first.
    public var exemptions: [IPAddressRange]

    public init(exemptions: [IPAddressRange] = []) {
        self.exemptions = exemptions
    }

    public static let standard = AddressPolicy()

    /// Cloud instance-metadata services (AWS/GCP/Azure/OpenStack link-local, AWS IPv6, Alibaba).
    static let metadata: [IPAddress] = ["169.254.169.254", "fd00:ec2::254", "100.100.100.200"].compactMap(IPAddress.init)

    /// Special-purpose blocks (RFC 6890 and successors) refused for resume downloads.
    static let reservedRanges: [(IPAddressRange, Reason)] = ([
        // IPv4
        ("0.0.0.0/8", .unspecified),
        ("127.0.0.0/8", .loopback),
        ("10.0.0.0/8", .privateNetwork),
        ("172.16.0.0/12", .privateNetwork),
        ("192.168.0.0/16", .privateNetwork),
        ("169.254.0.0/16", .linkLocal),
        ("100.64.0.0/10", .cgnat),
        ("192.0.0.0/24", .reserved),
        ("192.0.2.0/24", .documentation),
        ("198.51.100.0/24", .documentation),
        ("203.0.113.0/24", .documentation),
        ("198.18.0.0/15", .benchmarking),
        ("224.0.0.0/4", .multicast),
        ("255.255.255.255/32", .broadcast),
        ("240.0.0.0/4", .reserved),
        // IPv6
        ("::/128", .unspecified),
        ("::1/128", .loopback),
        ("64:ff9b:1::/48", .privateNetwork),
        ("100::/64", .reserved),
        ("2001::/32", .teredo),
        ("2001:db8::/32", .documentation),
        ("2001:2::/48", .benchmarking),
        ("fc00::/7", .privateNetwork),
        ("fec0::/10", .privateNetwork),
        ("fe80::/10", .linkLocal),
        ("ff00::/8", .multicast),
    ] as [(String, Reason)]).map { (IPAddressRange($0.0)!, $0.1) }

    static let mapped = IPAddressRange("::ffff:0:0/96")!
    static let compatible = IPAddressRange("::/96")!
    static let nat64 = IPAddressRange("64:ff9b::/96")!
    static let sixToFour = IPAddressRange("2002::/16")!

    /// `nil` if `address` may be connected to, else why not.
    public func check(_ address: IPAddress) -> Reason? {
        if exemptions.contains(where: { $0.contains(address) }) { return nil }
        if Self.metadata.contains(address) { return .cloudMetadata }
        if !address.isIPv4 {
            if Self.mapped.contains(address) || Self.nat64.contains(address) {
                return check(address.embeddedIPv4(at: 12)!)
            }
            // ::/96 minus :: and ::1, which the table names.
            if Self.compatible.contains(address), address.bytes[12..<16].contains(where: { $0 != 0 }),
               !(address.bytes[12..<15].allSatisfy { $0 == 0 } && address.bytes[15] == 1) {
                return check(address.embeddedIPv4(at: 12)!)
            }
            if Self.sixToFour.contains(address) {
                return check(address.embeddedIPv4(at: 2)!)
            }
        }
        for (range, reason) in Self.reservedRanges where range.contains(address) {
            return reason
        }
        return nil
    }

    /// The first refused address of a resolution and its reason, or `nil` when every address is
    /// allowed. An empty list is refused as `unspecified` (nothing to connect to safely).
    public func firstRefusal(in addresses: [IPAddress]) -> (IPAddress?, Reason)? {
        guard !addresses.isEmpty else { return (nil, .unspecified) }
        for address in addresses {
            if let reason = check(address) { return (address, reason) }
        }
        return nil
    }
}
