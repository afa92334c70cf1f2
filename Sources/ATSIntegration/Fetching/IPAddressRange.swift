/// A CIDR block (`10.0.0.0/8`, `fc00::/7`): an address and a prefix length.
///
/// `contains(a)` ⇔ same family and the first `prefixLength` bits of `a` equal those of `base`.
public struct IPAddressRange: Hashable, Sendable, CustomStringConvertible {
    public let base: IPAddress
    public let prefixLength: Int

    public init?(_ cidr: String) {
        let parts = cidr.split(separator: "/", maxSplits: 1).map(String.init)
        guard let address = IPAddress(parts[0]) else { return nil }
        let maxBits = address.bytes.count * 8
        let length: Int
        if parts.count == 2 {
            guard let n = Int(parts[1]), (0...maxBits).contains(n) else { return nil }
            length = n
        } else {
            length = maxBits
        }
        self.base = address
        self.prefixLength = length
    }

    public func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == base.bytes.count else { return false }
        var remaining = prefixLength
        var index = 0
        while remaining > 0 {
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if address.bytes[index] & mask != base.bytes[index] & mask { return false }
            remaining -= bits
            index += 1
        }
        return true
    }

    public var description: String { "\(base)/\(prefixLength)" }
}
