import Foundation
import Logging
import Synchronization

/// A swift-log handler that writes one JSON object per line to stderr (or any sink):
/// `{"ts":…,"level":…,"label":…,"msg":…, <metadata>}`.
///
/// It writes only what callers put in the message and metadata. Screener's code never logs a
/// secret, a raw body, a name or an email; the log-redaction test checks that.
public struct JSONLogHandler: LogHandler {
    public typealias Sink = @Sendable (String) -> Void
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let sink: Sink

    public init(label: String, sink: @escaping Sink = JSONLogHandler.stderrSink) {
        self.label = label
        self.sink = sink
    }

    public static let stderrSink: Sink = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: Any] = [
            "ts": Date().ISO8601Format(.iso8601(timeZone: .gmt, includingFractionalSeconds: true)),
            "level": event.level.rawValue,
            "label": label,
            "msg": event.message.description,
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for (k, v) in merged { object[k] = Self.plain(v) }
        if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
            sink(String(decoding: data, as: UTF8.self))
        }
    }

    static func plain(_ v: Logger.Metadata.Value) -> Any {
        switch v {
        case .string(let s): s
        case .stringConvertible(let c): c.description
        case .array(let a): a.map(plain)
        case .dictionary(let d): d.mapValues(plain)
        }
    }
}

/// Sets up process-wide logging once: text or JSON lines on stderr at `level`.
public enum LoggingSetup {
    private static let done = Mutex(false)

    public static func bootstrap(format: String, level: String) {
        let lvl = Logger.Level(rawValue: level) ?? .info
        done.withLock { d in
            guard !d else { return }
            d = true
            LoggingSystem.bootstrap { label in
                var h: any LogHandler = format == "json" ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
                h.logLevel = lvl
                return h
            }
        }
    }
}
