import Foundation
import ScreenerCore

/// Classifies one HTTP answer from an ATS into a `PostBackResult`. Pure: no I/O, the clock is a
/// parameter.
///
/// | answer | result |
/// |---|---|
/// | 2xx | `.delivered(remoteID:)` |
/// | 408, 425, 429, 5xx | `.retry(after: d, …)` with `d` from the headers below, or `nil` |
/// | any other status (400, 401, 403, 404, 409, 422, 3xx, 1xx …) | `.permanent` |
/// | transport error or timeout | `.retry(after: nil, …)` (`transportFailure`) |
///
/// 401 is permanent here; OAuth writers (Greenhouse) refresh their token once before they let a
/// 401 reach this function.
///
/// The requested delay `d` (seconds, never negative) is the first of:
/// 1. `Retry-After: <delta-seconds>` → `d = delta`;
///    `Retry-After: <HTTP-date>` (IMF-fixdate, RFC 850 or asctime) → `d = max(0, date − now)`;
/// 2. `RateLimit-Reset` (IETF draft: delta seconds) → `d = value`;
/// 3. `X-RateLimit-Reset`: vendors use either delta seconds or a Unix time, so a value
///    `v ≥ 1 000 000 000` is read as Unix seconds (`d = max(0, v − now)`) and a smaller one as delta
///    seconds (`d = v`).
/// Unparseable values are ignored. Reasons carry only the status and header facts, never bodies
/// (which may echo note text).
public enum PostBackResponse {
    /// A Unix time this large or larger in `X-RateLimit-Reset` is an instant, not a delta (2001-09-09).
    static let unixTimeThreshold: Double = 1_000_000_000

    public static func classify(
        status: Int, headers: [(name: String, value: String)], now: Date, remoteID: String? = nil
    ) -> PostBackResult {
        switch status {
        case 200..<300:
            return .delivered(remoteID: remoteID)
        case 408, 425, 429, 500..<600:
            return .retry(after: requestedDelay(headers: headers, now: now), reason: "http \(status)")
        default:
            return .permanent(reason: "http \(status)")
        }
    }

    /// A failure before any HTTP status arrived: connection refused or reset, TLS, timeout. The
    /// reason names the error's type only.
    public static func transportFailure(_ error: any Error) -> PostBackResult {
        .retry(after: nil, reason: "transport: \(String(describing: type(of: error)))")
    }

    /// The delay the server asked for, per the order in the type's documentation; `nil` if none.
    public static func requestedDelay(headers: [(name: String, value: String)], now: Date) -> TimeInterval? {
        func value(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?
                .value.trimmingCharacters(in: .whitespaces)
        }
        if let raw = value("Retry-After"), let d = retryAfter(raw, now: now) { return d }
        if let raw = value("RateLimit-Reset"), let v = Double(raw), v.isFinite, v >= 0 { return v }
        if let raw = value("X-RateLimit-Reset"), let v = Double(raw), v.isFinite, v >= 0 {
            return v >= unixTimeThreshold ? max(0, v - now.timeIntervalSince1970) : v
        }
        return nil
    }

    /// `Retry-After` per RFC 9110 §10.2.3: delta-seconds or an HTTP-date.
    public static func retryAfter(_ raw: String, now: Date) -> TimeInterval? {
        if let seconds = Int(raw), seconds >= 0 { return TimeInterval(seconds) }
        guard let date = httpDate(raw) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// Parses the three HTTP-date forms of RFC 9110 §5.6.7.
    public static func httpDate(_ raw: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"] {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "GMT")
            f.dateFormat = format
            let collapsed = raw.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            if let d = f.date(from: collapsed) { return d }
        }
        return nil
    }
}
