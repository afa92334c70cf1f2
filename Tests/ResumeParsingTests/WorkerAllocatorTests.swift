import Foundation
import ResumeParsing
import Testing

@Suite("Parse-worker allocator")
struct WorkerAllocatorTests {
    @Test("jemalloc is the first installed candidate; system preloads nothing")
    func library() {
        // Given only the second candidate installed
        let second = WorkerAllocator.jemallocCandidates[1]
        // Then jemalloc resolves to it, and to nothing when none is installed
        #expect(WorkerAllocator.jemalloc.library(isInstalled: { $0 == second }) == second)
        #expect(WorkerAllocator.jemalloc.library(isInstalled: { _ in false }) == nil)
        #expect(WorkerAllocator.system.library(isInstalled: { _ in true }) == nil)
    }

    @Test("the library goes first in LD_PRELOAD, keeps what was there, and is not repeated")
    func preloadEnvironment() {
        let lib = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"
        #expect(WorkerAllocator.preloading(lib, into: ["A": "1"]) == ["A": "1", "LD_PRELOAD": lib])
        #expect(WorkerAllocator.preloading(lib, into: ["LD_PRELOAD": "/x/a.so /x/b.so"])["LD_PRELOAD"] == lib + ":/x/a.so:/x/b.so")
        #expect(WorkerAllocator.preloading(lib, into: ["LD_PRELOAD": "/x/a.so:" + lib])["LD_PRELOAD"] == lib + ":/x/a.so")
        #expect(WorkerAllocator.preloading(nil, into: ["A": "1"]) == ["A": "1"])
    }

    @Test("pool children run on jemalloc by default, and on the system allocator when asked")
    func childrenMapTheAllocator() async throws {
        guard let exe = ParseWorkerPoolTests.executable else {
            print("SKIP: no executable with a parse-worker subcommand next to the tests")
            return
        }
        // `make test` installs libjemalloc2 (Makefile APT_PACKAGES), so the default must find it.
        let lib = try #require(WorkerAllocator.jemalloc.library(), "libjemalloc2 is not installed (make test installs it)")
        for allocator in WorkerAllocator.allCases {
            // Given a pool with this allocator; When a child has parsed a document
            let pool = ParseWorkerPool(configuration: .init(executable: exe, workers: 1, deadline: 20, allocator: allocator))
            #expect(await pool.configuration.allocator == allocator)
            _ = try await pool.parse(data: TestPaths.fixture("single-column.pdf"), fileName: "a.pdf")
            // Then the child's memory map holds jemalloc exactly when it was asked for
            let pid = try #require(await pool.workerProcessIDs().first)
            // (procfs reports size 0: read to the end rather than trusting a file size)
            let handle = try #require(FileHandle(forReadingAtPath: "/proc/\(pid)/maps"))
            let maps = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
            #expect(maps.contains(lib) == (allocator == .jemalloc), "allocator \(allocator.rawValue)")
            await pool.shutdown()
        }
    }
}
