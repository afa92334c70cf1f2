import Logging
import Synchronization

/// Collects every log record at every level, for the redaction test.
final class CapturedLogs: Sendable {
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }
    let records = Mutex<[Record]>([])

    var logger: Logger {
        var l = Logger(label: "test.capture") { _ in CaptureHandler(sink: self) }
        l.logLevel = .trace
        return l
    }

    struct CaptureHandler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            var all = metadata
            all.merge(event.metadata ?? [:]) { $1 }
            let record = Record(level: event.level, message: event.message.description,
                                metadata: all.mapValues { "\($0)" })
            sink.records.withLock { $0.append(record) }
        }
    }
}
