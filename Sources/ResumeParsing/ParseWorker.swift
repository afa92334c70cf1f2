import Foundation
import ScreenerCore
#if canImport(Glibc)
import Glibc
#endif

/// The child side of the parse-worker pool: `screener parse-worker` calls ``run(parser:limits:)``.
///
/// At start it lowers its own limits with `setrlimit`: `RLIMIT_AS` (address space, default
/// 4 GiB) and `RLIMIT_CORE` = 0. Before each document it sets the soft `RLIMIT_CPU` to
/// `⌈CPU seconds used so far⌉ + cpuSecondsPerDocument`, so a runaway document is stopped by
/// SIGXCPU while a long-lived worker is not. It then answers frames (``ParseWorkerProtocol``)
/// until stdin closes. Nothing is logged: resume text never leaves the process except in the
/// response frame.
public enum ParseWorker {
    public struct Limits: Sendable, Equatable {
        public var cpuSecondsPerDocument: Int
        public var addressSpaceBytes: Int
        public init(cpuSecondsPerDocument: Int = 20, addressSpaceBytes: Int = 4 << 30) {
            self.cpuSecondsPerDocument = cpuSecondsPerDocument
            self.addressSpaceBytes = addressSpaceBytes
        }
    }

    /// Environment switch for the pool's own tests: with it set to 1, the payloads
    /// `SCREENER-TEST-CRASH`, `SCREENER-TEST-HANG` and `SCREENER-TEST-ALLOC` crash, spin, or
    /// allocate without bound, and `SCREENER-TEST-TORN-FRAME` answers with a frame that holds
    /// half a response. Off unless the variable is set.
    public static let testHooksVariable = "SCREENER_PARSE_WORKER_TEST_HOOKS"

    /// Serves requests with the given parser configuration (OCR switches come from the
    /// `screener parse-worker` options), the bundled taxonomy and the system clock: what
    /// `screener parse-worker` calls (`exit(ParseWorker.run(configuration:))`).
    public static func run(configuration: ParserConfiguration = .init()) -> Int32 {
        run(parser: ResumeParser(configuration: configuration, taxonomy: SkillTaxonomy.bundled(), clock: SystemClock()))
    }

    /// Serves requests on stdin/stdout until end of input; returns the exit status.
    public static func run(parser: ResumeParser, limits: Limits = .init()) -> Int32 {
        applyStartLimits(limits)
        let hooks = ProcessInfo.processInfo.environment[testHooksVariable] == "1"
        while let frame = ParseWorkerProtocol.readFrame(from: STDIN_FILENO) {
            var response: ParseWorkerProtocol.Response
            guard let req = try? ParseWorkerProtocol.decodeRequest(frame) else {
                response = .init(id: 0, resume: nil, error: .init(code: ScreenerError.Code.invalidInput.rawValue, message: "malformed worker request"))
                guard ParseWorkerProtocol.writeFrame(ParseWorkerProtocol.encode(response), to: STDOUT_FILENO) else { return 1 }
                continue
            }
            setCPUBudget(limits.cpuSecondsPerDocument)
            if hooks {
                runTestHook(req.data)
                if String(decoding: req.data.prefix(32), as: UTF8.self) == "SCREENER-TEST-TORN-FRAME" {
                    // A whole frame whose message stops halfway, as from a worker that died
                    // while writing it; the worker itself carries on.
                    let out = ParseWorkerProtocol.encode(ParseWorkerProtocol.Response(id: req.id, resume: nil, error: .init(code: "x", message: String(repeating: "x", count: 64))))
                    guard ParseWorkerProtocol.writeFrame(out.prefix(out.count / 2), to: STDOUT_FILENO) else { return 1 }
                    continue
                }
            }
            do {
                var parser = parser
                if let budget = req.timeBudgetSeconds, budget < parser.configuration.ocrTimeBudgetSeconds {
                    var c = parser.configuration
                    c.ocrTimeBudgetSeconds = max(0, budget)
                    parser = ResumeParser(configuration: c, taxonomy: parser.taxonomy, clock: parser.clock)
                }
                let r = try parser.parse(data: req.data, fileName: req.fileName)
                response = .init(id: req.id, resume: r, error: nil)
            } catch let e as ScreenerError {
                response = .init(id: req.id, resume: nil, error: .init(code: e.code.rawValue, message: e.message))
            } catch {
                response = .init(id: req.id, resume: nil, error: .init(code: ScreenerError.Code.parseFailed.rawValue, message: "unexpected \(type(of: error))"))
            }
            guard ParseWorkerProtocol.writeFrame(ParseWorkerProtocol.encode(response), to: STDOUT_FILENO) else { return 1 }
        }
        return 0
    }

    static func applyStartLimits(_ limits: Limits) {
        #if os(Linux)
        var asLimit = rlimit(rlim_cur: rlim_t(limits.addressSpaceBytes), rlim_max: rlim_t(limits.addressSpaceBytes))
        _ = setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &asLimit)
        var core = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &core)
        #endif
    }

    static func setCPUBudget(_ seconds: Int) {
        #if os(Linux)
        var usage = rusage()
        _ = getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let used = Int(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + 1
        var current = rlimit()
        _ = getrlimit(__rlimit_resource_t(RLIMIT_CPU.rawValue), &current)
        var cpu = rlimit(rlim_cur: rlim_t(used + seconds), rlim_max: current.rlim_max)
        _ = setrlimit(__rlimit_resource_t(RLIMIT_CPU.rawValue), &cpu)
        #endif
    }

    private static func runTestHook(_ data: Data) {
        switch String(decoding: data.prefix(32), as: UTF8.self) {
        case "SCREENER-TEST-CRASH":
            UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
        case "SCREENER-TEST-HANG":
            var x: UInt64 = 1
            while x != 0 { x = x &* 6364136223846793005 &+ 1442695040888963407; if x == 42 { break } }
        case "SCREENER-TEST-ALLOC":
            // Reserve (not touch) 256 MiB blocks until RLIMIT_AS refuses, then crash like the
            // Swift runtime does when an allocation fails.
            var blocks: [UnsafeMutableRawPointer] = []
            while true {
                guard let p = malloc(256 << 20) else { UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = blocks.count; break }
                blocks.append(p)
            }
        default: break
        }
    }
}
