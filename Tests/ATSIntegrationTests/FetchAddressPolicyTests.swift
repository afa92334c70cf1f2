import ATSIntegration
import Foundation
import ScreenerCore
import Testing

@Suite("Fetch: address classification")
struct FetchAddressPolicyTests {
    /// (address, expected refusal reason or nil when allowed)
    static let table: [(String, String?)] = [
        // IPv4 refused
        ("127.0.0.1", "loopback"),
        ("127.255.255.254", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("0.1.2.3", "unspecified"),
        ("10.0.0.1", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("169.254.0.1", "link_local"),
        ("169.254.169.254", "cloud_metadata"),
        ("100.100.100.200", "cloud_metadata"),
        ("100.64.0.1", "cgnat"),
        ("100.127.255.255", "cgnat"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "broadcast"),
        ("198.18.0.1", "benchmarking"),
        ("198.19.255.255", "benchmarking"),
        ("192.0.2.10", "documentation"),
        // IPv4 allowed (edges just outside the blocks, and public examples)
        ("93.184.216.34", nil),
        ("8.8.8.8", nil),
        ("172.15.255.255", nil),
        ("172.32.0.1", nil),
        ("100.63.255.255", nil),
        ("100.128.0.1", nil),
        ("198.17.255.255", nil),
        ("198.20.0.1", nil),
        ("223.255.255.255", nil),
        // IPv6 refused
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("fd00:ec2::254", "cloud_metadata"),
        ("fe80::1", "link_local"),
        ("fe80::1%eth0", "link_local"),
        ("[fe80::abcd]", "link_local"),
        ("ff02::1", "multicast"),
        ("2001:db8::1", "documentation"),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "teredo"),
        // IPv6 embedding IPv4
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:7f00:1", "loopback"),
        ("::ffff:169.254.169.254", "cloud_metadata"),
        ("::ffff:10.1.2.3", "private"),
        ("::127.0.0.1", "loopback"),
        ("64:ff9b::a9fe:a9fe", "cloud_metadata"),
        ("64:ff9b::10.0.0.1", "private"),
        ("2002:7f00:0001::1", "loopback"),
        ("2002:c0a8:0101::", "private"),
        // IPv6 allowed
        ("2606:4700::1", nil),
        ("2a00:1450:4001:80b::200e", nil),
        ("::ffff:93.184.216.34", nil),
        ("64:ff9b::8.8.8.8", nil),
        ("2002:5db8:d822::1", nil),
    ]

    @Test("classifies addresses", arguments: table)
    func classify(address: String, expected: String?) throws {
        // Given a parsed address
        let ip = try #require(IPAddress(address), "\(address) should parse")
        // When the standard policy checks it
        let reason = AddressPolicy.standard.check(ip)
        // Then it is refused with the expected reason, or allowed
        #expect(reason?.rawValue == expected, "\(address)")
    }

    @Test("rejects text that inet_pton does not parse", arguments: ["127.1", "0177.0.0.1", "1.2.3", "256.1.1.1", "example.com", "", "::g", "1.2.3.4/8"])
    func unparsable(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("CIDR containment at the edges")
    func ranges() throws {
        let block = try #require(IPAddressRange("172.16.0.0/12"))
        #expect(block.contains(IPAddress("172.16.0.0")!))
        #expect(block.contains(IPAddress("172.31.255.255")!))
        #expect(!block.contains(IPAddress("172.32.0.0")!))
        #expect(!block.contains(IPAddress("::ffff:172.16.0.1")!), "families never mix")
        let v6 = try #require(IPAddressRange("fe80::/10"))
        #expect(v6.contains(IPAddress("febf::1")!))
        #expect(!v6.contains(IPAddress("fec0::1")!))
        #expect(IPAddressRange("10.0.0.0/33") == nil)
    }

    @Test("a host is refused if any one of its addresses is")
    func everyAddress() throws {
        // Given one public and one private address
        let addresses = ["93.184.216.34", "10.0.0.5"].compactMap(IPAddress.init)
        // When checked together
        let refusal = AddressPolicy.standard.firstRefusal(in: addresses)
        // Then the private one refuses the host
        #expect(refusal?.1 == .privateNetwork)
        #expect(AddressPolicy.standard.firstRefusal(in: [IPAddress("93.184.216.34")!]) == nil)
        #expect(AddressPolicy.standard.firstRefusal(in: [])?.1 == .unspecified)
    }

    @Test("exemptions allow a configured block")
    func exemptions() throws {
        let policy = AddressPolicy(exemptions: [IPAddressRange("127.0.0.1/32")!])
        #expect(policy.check(IPAddress("127.0.0.1")!) == nil)
        #expect(policy.check(IPAddress("127.0.0.2")!) == .loopback)
    }

    @Test("canonical text of addresses")
    func description() {
        #expect(IPAddress("::ffff:127.0.0.1")!.description == "::ffff:127.0.0.1")
        #expect(IPAddress("2606:4700:0:0:0:0:0:1")!.description == "2606:4700::1")
        #expect(IPAddress("10.1.2.3")!.description == "10.1.2.3")
    }
}
