import Foundation
import ResumeParsing
import ScreenerServer
import Testing

/// `parsing.ocr*` in the configuration reaches the parser: in process, and as the options of
/// the `screener parse-worker` children.
@Suite("Parsing configuration")
struct ParsingConfigurationTests {
    func load(_ yaml: String, env: [String: String] = [:]) throws -> ScreenerConfiguration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("parsing-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try ScreenerConfiguration.load(path: file.path, environment: env)
    }

    @Test("OCR is on by default, with a page cap and a budget inside the worker deadline")
    func defaults() throws {
        let c = try load("parsing: {workers: 1}")
        #expect(c.parsing.ocr)
        let p = c.parsing.parserConfiguration
        #expect(p.ocrEnabled)
        #expect(p.ocrMaxPages == 5)
        #expect(p.ocrTimeBudgetSeconds <= c.parsing.deadlineSeconds - 2)
        #expect(c.parsing.workerArguments == ["parse-worker", "--ocr", "--ocr-max-pages", "5"])
    }

    @Test("parsing.ocr, ocrMaxPages and tessdataPath are passed on; SCREENER_PARSING_OCR overrides the file")
    func overrides() throws {
        let c = try load("parsing: {ocr: true, ocrMaxPages: 2, tessdataPath: /opt/tessdata, deadlineSeconds: 5}")
        let p = c.parsing.parserConfiguration
        #expect(p.ocrMaxPages == 2)
        #expect(p.tessdataPath == "/opt/tessdata")
        #expect(p.ocrTimeBudgetSeconds == 4)
        #expect(c.parsing.workerArguments == ["parse-worker", "--ocr", "--ocr-max-pages", "2", "--tessdata", "/opt/tessdata"])
        let off = try load("parsing: {ocr: true}", env: ["SCREENER_PARSING_OCR": "false"])
        #expect(!off.parsing.parserConfiguration.ocrEnabled)
        #expect(off.parsing.workerArguments.contains("--no-ocr"))
        #expect(throws: (any Error).self) { try load("parsing: {ocrMaxPages: -1}") }
    }

    @Test("parsing.workerAllocator: jemalloc by default, system on request, a clear error for anything else")
    func workerAllocator() throws {
        #expect(try load("parsing: {workers: 1}").parsing.workerAllocator == .jemalloc)
        #expect(try load("parsing: {workerAllocator: system}").parsing.workerAllocator == .system)
        #expect(try load("parsing: {workerAllocator: system}", env: ["SCREENER_PARSING_WORKER_ALLOCATOR": "jemalloc"]).parsing.workerAllocator == .jemalloc)
        // An unknown name names the key and the choices, in the file and in the environment.
        #expect { try load("parsing: {workerAllocator: tcmalloc}") } throws: { e in
            let m = "\(e)"
            return m.contains("parsing.workerAllocator") && m.contains("jemalloc, system") && m.contains("tcmalloc")
        }
        #expect { try load("parsing: {workers: 1}", env: ["SCREENER_PARSING_WORKER_ALLOCATOR": "tcmalloc"]) } throws: { e in
            "\(e)".contains("SCREENER_PARSING_WORKER_ALLOCATOR must be one of jemalloc, system")
        }
    }
}
