import Foundation
import ScreenerCore

/// JSON encoding shared by the reports and the `shortlist.updated` callback body: sorted keys,
/// ISO 8601 dates (whole seconds, UTC), no escaped slashes; optionals that are nil are omitted.
public enum ReportJSON {
    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }

    public static func data<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        do {
            return try encoder(pretty: pretty).encode(value)
        } catch {
            throw ScreenerError(.invalidInput, "report value could not be encoded as JSON", cause: error)
        }
    }

    /// The encoded value as a string, ending with a newline when pretty-printed.
    public static func string<T: Encodable>(_ value: T, pretty: Bool = true) throws -> String {
        String(decoding: try data(value, pretty: pretty), as: UTF8.self) + (pretty ? "\n" : "")
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` (UTC).
    public static func isoDate(_ d: Date) -> String {
        d.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    /// A number with `decimals` digits after the point (POSIX, no grouping).
    public static func number(_ x: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", x)
    }
}
