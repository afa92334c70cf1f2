import ScreenerCore

/// A fixed host → addresses table, for tests and for pinning names in configuration. Unknown
/// hosts throw `fetch_failed`, as a failed lookup would.
public struct StaticHostResolver: HostResolver {
    public var table: [String: [IPAddress]]

    public init(_ table: [String: [String]]) {
        self.table = table.mapValues { $0.compactMap(IPAddress.init) }
    }

    public func resolve(host: String) async throws -> [IPAddress] {
        guard let addresses = table[host.lowercased()] else {
            throw ScreenerError(.fetchFailed, "cannot resolve host \(host)")
        }
        return addresses
    }
}
