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

extension ScreenerConfiguration.Parsing {
    /// The parser settings these options stand for (OCR switch, page cap, tessdata folder; the
    /// OCR time budget follows `deadlineSeconds`, as the pool's does).
    public var parserConfiguration: ParserConfiguration {
        var c = ParserConfiguration()
        c.ocrEnabled = ocr
        c.ocrMaxPages = ocrMaxPages
        c.tessdataPath = tessdataPath
        c.ocrTimeBudgetSeconds = min(c.ocrTimeBudgetSeconds, ParseWorkerPool.ocrBudget(deadline: deadlineSeconds))
        return c
    }

    /// Arguments for `screener parse-worker` children carrying these options.
    public var workerArguments: [String] {
        var a = ["parse-worker", ocr ? "--ocr" : "--no-ocr", "--ocr-max-pages", String(ocrMaxPages)]
        if let tessdataPath { a += ["--tessdata", tessdataPath] }
        return a
    }
}
