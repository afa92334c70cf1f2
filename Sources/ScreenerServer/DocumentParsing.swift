import Foundation
import ResumeParsing
import ScreenerCore
import ServiceLifecycle

/// Turns resume bytes into a `ParsedResume`. The live implementation parses in the sandboxed
/// `screener parse-worker` pool; tests and the CLI may parse in process.
public protocol DocumentParsing: Sendable {
    func parse(_ document: FetchedDocument) async throws -> ParsedResume
}

/// Parses in the worker-process pool (rlimits, deadline, crash isolation).
public struct PooledDocumentParser: DocumentParsing {
    let pool: ParseWorkerPool
    public init(pool: ParseWorkerPool) { self.pool = pool }
    public func parse(_ document: FetchedDocument) async throws -> ParsedResume {
        try await pool.parse(data: document.bytes, fileName: document.fileName)
    }
}

/// Parses in this process. For tests and tools that handle trusted input only.
public struct InProcessDocumentParser: DocumentParsing {
    let parser: ResumeParser
    public init(parser: ResumeParser) { self.parser = parser }
    public func parse(_ document: FetchedDocument) async throws -> ParsedResume {
        try parser.parse(data: document.bytes, fileName: document.fileName)
    }
}

/// Keeps the parse-worker pool in the ServiceGroup: on graceful shutdown it stops the children
/// (idle ones get end-of-input, busy ones SIGKILL) after the workers have finished.
public struct ParseWorkerPoolService: Service {
    let pool: ParseWorkerPool
    public init(pool: ParseWorkerPool) { self.pool = pool }
    public func run() async throws {
        try? await gracefulShutdown()
        await pool.shutdown()
    }
}
