import Foundation
import Logging
import ModelProviders
import ScreenerCore
import ScreenerTestSupport
import Testing

/// Captures every log record (message and metadata) at trace level.
final class CapturedLogs: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }

    struct Handler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            let all = self.metadata.merging(metadata ?? [:]) { $1 }
            sink.append("\(level) \(message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
        }
    }

    func logger() -> Logger {
        var l = Logger(label: "test.models") { _ in Handler(sink: self) }
        l.logLevel = .trace
        return l
    }
}

@Suite("Logs and errors stay free of resume text and secrets")
struct LogRedactionTests {
    @Test("trace logs and errors of failing and succeeding calls carry no key, name or resume text")
    func logsAreClean() async throws {
        let logs = CapturedLogs()
        let errors = try await FakeOpenAIServer.withServer { server -> [String] in
            await server.enqueue(.status(429, retryAfter: "0"), .chat(content: "not json"), .chat(content: ModelFixtures.standardReply))
            let delays = DelayRecorder()
            let client = ProviderClient(
                endpoint: ProviderEndpoint(baseURL: server.baseURL, apiKey: "sk-secret-123", retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1))),
                logger: logs.logger(), sleep: { await delays.record($0) })
            let model = OpenAIChatModel(model: "gpt-test", client: client)
            _ = try await model.score(ModelFixtures.profile(), criteria: ModelFixtures.criteria)
            await server.setDefault(.status(400, type: "invalid_request_error"))
            var messages: [String] = []
            do { _ = try await model.score(ModelFixtures.profile(), criteria: ModelFixtures.criteria) } catch { messages.append("\(error)") }
            return messages
        }
        #expect(!logs.all.isEmpty, "the adapter logs at debug/trace")
        #expect(errors.count == 1)
        for line in logs.all + errors {
            for secret in ["sk-secret-123", "Jane", "jane.doe", "555-0134", "PostgreSQL queries", "Backend engineer"] {
                #expect(!line.contains(secret), "log or error contains \(secret)")
            }
        }
    }
}
