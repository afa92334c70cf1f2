import Foundation
import ResumeParsing
import ScreenerCore
import Testing

/// Runs the pool against a real child: `screener parse-worker` (the app) or the scratch
/// `parse-tool parse-worker`, found next to the test bundle. Skips when neither is built.
@Suite("Parse worker pool", .serialized)
struct ParseWorkerPoolTests {
    static var executable: URL? {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let dir = exe.deletingLastPathComponent()
        for name in ["screener", "parse-tool"] {
            let u = dir.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: u.path), speaksWorkerProtocol(u) { return u }
        }
        return nil
    }

    /// A worker exits 0 when its stdin is closed at once; an executable without the
    /// `parse-worker` subcommand exits with a usage error instead.
    static func speaksWorkerProtocol(_ exe: URL) -> Bool {
        let p = Process()
        p.executableURL = exe
        p.arguments = ["parse-worker"]
        let input = Pipe()
        p.standardInput = input
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        try? input.fileHandleForWriting.close()
        p.waitUntilExit()
        return p.terminationReason == .exit && p.terminationStatus == 0
    }

    func pool(deadline: TimeInterval = 20, workers: Int = 2) -> ParseWorkerPool? {
        guard let exe = Self.executable else {
            print("SKIP: no executable with a parse-worker subcommand (screener or parse-tool) next to the tests; build one to run the pool tests")
            return nil
        }
        return ParseWorkerPool(configuration: .init(executable: exe, workers: workers, deadline: deadline,
                                                    environment: [ParseWorker.testHooksVariable: "1"]))
    }

    @Test("documents parse in a child and errors keep their codes")
    func roundTrip() async throws {
        guard let pool = pool() else { return }
        defer { Task { await pool.shutdown() } }
        // Given a PDF fixture; When parsed through the pool
        let r = try await pool.parse(data: TestPaths.fixture("single-column.pdf"), fileName: "a.pdf")
        // Then the result matches the in-process parser's structure
        #expect(r.basics.email == "jordan.example@example.com")
        #expect(r.work.count == 3)
        // And a bad document fails with its own code, not parse_failed
        await #expect(throws: ScreenerError(.unsupportedFormat, "")) {
            do { _ = try await pool.parse(data: TestPaths.fixture("legacy.doc")) } catch let e as ScreenerError { throw ScreenerError(e.code, "") }
        }
        #expect(await pool.spawned == 1)
    }

    @Test("a crashing worker fails that document only and is replaced")
    func crash() async throws {
        guard let pool = pool(workers: 1) else { return }
        defer { Task { await pool.shutdown() } }
        do {
            _ = try await pool.parse(data: Data("SCREENER-TEST-CRASH".utf8))
            Issue.record("expected parse_failed")
        } catch let e as ScreenerError {
            #expect(e.code == .parseFailed)
            #expect(e.message.contains("SIGSEGV") || e.message.contains("crashed"))
        }
        let r = try await pool.parse(data: TestPaths.fixture("resume.html"))
        #expect(r.basics.name == "Alex Html Example")
        #expect(await pool.spawned == 2)
    }

    @Test("a frame holding half a response fails that document as parse_failed; the parent carries on")
    func tornFrame() async throws {
        guard let pool = pool(workers: 1) else { return }
        defer { Task { await pool.shutdown() } }
        do {
            _ = try await pool.parse(data: Data("SCREENER-TEST-TORN-FRAME".utf8))
            Issue.record("expected parse_failed")
        } catch let e as ScreenerError {
            #expect(e.code == .parseFailed)
            #expect(e.message.contains("malformed response"))
        }
        let r = try await pool.parse(data: TestPaths.fixture("resume.html"))
        #expect(r.basics.name == "Alex Html Example")
    }

    @Test("a hanging worker is killed at the deadline")
    func hang() async throws {
        guard let pool = pool(deadline: 60, workers: 1) else { return }
        defer { Task { await pool.shutdown() } }
        do {
            _ = try await pool.parse(data: Data("SCREENER-TEST-HANG".utf8), deadline: 1)
            Issue.record("expected parse_failed")
        } catch let e as ScreenerError {
            #expect(e.code == .parseFailed)
            #expect(e.message.contains("deadline"))
        }
        let r = try await pool.parse(data: TestPaths.fixture("resume.rtf"))
        #expect(r.basics.email == "robin.rtf@example.com")
    }

    @Test("unbounded allocation hits the address-space limit and fails the document")
    func memoryLimit() async throws {
        guard let pool = pool(deadline: 30, workers: 1) else { return }
        defer { Task { await pool.shutdown() } }
        do {
            _ = try await pool.parse(data: Data("SCREENER-TEST-ALLOC".utf8))
            Issue.record("expected parse_failed")
        } catch let e as ScreenerError {
            #expect(e.code == .parseFailed)
        }
        #expect(try await pool.parse(data: TestPaths.fixture("utf16.txt")).work.count == 2)
    }

    @Test("parallel requests across two workers")
    func parallel() async throws {
        guard let pool = pool(workers: 2) else { return }
        defer { Task { await pool.shutdown() } }
        let names = ["single-column.pdf", "two-column.pdf", "tables-textbox-header.docx", "resume.odt", "resume.html", "resume.rtf", "utf16.txt", "resume.hrxml.xml"]
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for n in names { group.addTask { try await pool.parse(data: TestPaths.fixture(n)).meta.format } }
            var out: [String] = []
            for try await f in group { out.append(f) }
            return out
        }
        #expect(results.count == names.count)
        #expect(await pool.spawned == 2)
        #expect(await pool.workerMemory().allSatisfy { $0 > 0 })
    }
}
