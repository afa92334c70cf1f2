import Foundation
import ScreenerCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs parsing in a pool of child processes (`<executable> parse-worker`), so a crash, hang or
/// resource blow-up costs one document, never the caller.
///
/// - Up to `workers` children are spawned lazily and reused; one request is in flight per child.
/// - Requests and responses are length-prefixed JSON frames (``ParseWorkerProtocol``).
/// - Each child limits itself with `setrlimit` (``ParseWorker``); the pool adds a wall-clock
///   deadline per document: when it passes, the child gets SIGKILL. Each request carries an OCR
///   time budget inside that deadline (``ocrBudget(deadline:)``), and children run tesseract on
///   one thread (`OMP_THREAD_LIMIT=1` unless set).
/// - When a child dies (crash, SIGXCPU from the CPU limit, address-space exhaustion, deadline),
///   the document fails `parse_failed` with the reason and the child is replaced on next use.
/// - SIGPIPE is ignored process-wide so writing to a dead child returns EPIPE instead of
///   killing the caller.
///
/// Call ``shutdown()`` before exit; it closes stdin of idle children, which then exit.
public actor ParseWorkerPool {
    public struct Configuration: Sendable {
        public var executable: URL
        public var arguments: [String]
        public var workers: Int
        /// Wall-clock deadline per document, in seconds (default 15).
        public var deadline: TimeInterval
        /// Extra environment for the children (merged over the parent's).
        public var environment: [String: String]
        /// The children's `malloc` (``WorkerAllocator``; default jemalloc when installed).
        public let allocator: WorkerAllocator
        /// The library preloaded for `allocator`, resolved once; nil for the system allocator or
        /// when jemalloc is not installed.
        public let allocatorLibrary: String?
        public init(
            executable: URL, arguments: [String] = ["parse-worker"], workers: Int = 2, deadline: TimeInterval = 15,
            environment: [String: String] = [:], allocator: WorkerAllocator = .jemalloc
        ) {
            self.executable = executable
            self.arguments = arguments
            self.workers = max(1, workers)
            self.deadline = deadline
            self.environment = environment
            self.allocator = allocator
            self.allocatorLibrary = allocator.library()
        }
    }

    public let configuration: Configuration
    private var idle: [WorkerProcess] = []
    private var all: [WorkerProcess] = []
    private var waiters: [CheckedContinuation<WorkerProcess, Error>] = []
    private var nextID: UInt64 = 1
    private var closed = false
    /// Children started so far (replacements included); for tests and metrics.
    public private(set) var spawned = 0

    public init(configuration: Configuration) {
        self.configuration = configuration
        signal(SIGPIPE, SIG_IGN)
    }

    /// Parses one document in a child process. `deadline` overrides the configured wall-clock
    /// deadline for this document.
    public func parse(data: Data, fileName: String? = nil, deadline: TimeInterval? = nil) async throws -> ParsedResume {
        let worker = try await acquire()
        let id = nextID
        nextID += 1
        let deadline = deadline ?? configuration.deadline
        let request = ParseWorkerProtocol.Request(id: id, data: data, fileName: fileName, timeBudgetSeconds: Self.ocrBudget(deadline: deadline))
        let payload = ParseWorkerProtocol.encode(request)
        let outcome: Result<Data, WorkerProcess.Failure> = await withCheckedContinuation { cont in
            DispatchQueue.global().async { cont.resume(returning: worker.roundTrip(payload, deadline: deadline)) }
        }
        switch outcome {
        case .failure(let f):
            retire(worker)
            throw ScreenerError(.parseFailed, "parse worker failed: \(f.reason)")
        case .success(let frame):
            release(worker)
            guard let response = try? ParseWorkerProtocol.decodeResponse(frame), response.id == id else {
                throw ScreenerError(.parseFailed, "parse worker sent a malformed response")
            }
            if let e = response.error { throw ScreenerError(ScreenerError.Code(rawValue: e.code), e.message) }
            guard let resume = response.resume else { throw ScreenerError(.parseFailed, "parse worker sent an empty response") }
            return resume
        }
    }

    /// The OCR time budget sent with a document: the deadline less a reserve for text
    /// extraction, structuring and the response, `deadline − min(2 s, 20 % of deadline)`, so a
    /// slow scan comes back as `needs_ocr` or a partial read instead of a killed worker.
    public static func ocrBudget(deadline: TimeInterval) -> Double {
        max(0, deadline - min(2, deadline * 0.2))
    }

    /// Resident set size (bytes) of each live child, read from `/proc/<pid>/status`.
    public func workerMemory() -> [Int] {
        all.compactMap { w in
            guard let s = try? String(contentsOfFile: "/proc/\(w.pid)/status", encoding: .utf8),
                  let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
            return Int(line.split(separator: " ").dropFirst().first ?? "0").map { $0 * 1024 }
        }
    }

    /// Process ids of the live children (for benchmarks reading `/proc/<pid>`).
    public func workerProcessIDs() -> [Int32] {
        all.map(\.pid)
    }

    /// Stops every child: idle ones get end-of-input, busy ones SIGKILL.
    public func shutdown() {
        closed = true
        for w in all { w.stop() }
        all.removeAll()
        idle.removeAll()
        for c in waiters { c.resume(throwing: ScreenerError(.parseFailed, "parse worker pool is shut down")) }
        waiters.removeAll()
    }

    private func acquire() async throws -> WorkerProcess {
        if closed { throw ScreenerError(.parseFailed, "parse worker pool is shut down") }
        if let w = idle.popLast() { return w }
        if all.count < configuration.workers {
            let w = try WorkerProcess.spawn(configuration)
            spawned += 1
            all.append(w)
            return w
        }
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    private func release(_ w: WorkerProcess) {
        if !waiters.isEmpty { waiters.removeFirst().resume(returning: w) } else { idle.append(w) }
    }

    private func retire(_ w: WorkerProcess) {
        w.stop()
        all.removeAll { $0 === w }
        // A waiter gets a fresh child in place of the dead one.
        if !waiters.isEmpty, !closed {
            let c = waiters.removeFirst()
            do {
                let n = try WorkerProcess.spawn(configuration)
                spawned += 1
                all.append(n)
                c.resume(returning: n)
            } catch { c.resume(throwing: error) }
        }
    }
}

/// One child process and its pipes. Used from one thread at a time (the pool hands it out).
final class WorkerProcess: @unchecked Sendable {
    struct Failure: Error { var reason: String }

    let process: Process
    let input: FileHandle
    let output: FileHandle
    let pid: Int32
    private let lock = NSLock()
    private var exitStatus: Int32?
    private var exitReason: Process.TerminationReason?
    private let exited = DispatchSemaphore(value: 0)

    private init(process: Process, input: FileHandle, output: FileHandle) {
        self.process = process
        self.input = input
        self.output = output
        self.pid = process.processIdentifier
    }

    static func spawn(_ c: ParseWorkerPool.Configuration) throws -> WorkerProcess {
        let p = Process()
        p.executableURL = c.executable
        p.arguments = c.arguments
        var env = ProcessInfo.processInfo.environment
        // A crashing child should die at once, not spend seconds symbolicating a backtrace.
        env["SWIFT_BACKTRACE"] = "enable=no"
        // Tesseract's OpenMP threads only add spin-waiting when the pool already keeps every
        // core busy: one OCR thread per child (libgomp reads this at load, so it is set here).
        if env["OMP_THREAD_LIMIT"] == nil { env["OMP_THREAD_LIMIT"] = "1" }
        env = WorkerAllocator.preloading(c.allocatorLibrary, into: env)
        for (k, v) in c.environment { env[k] = v }
        p.environment = env
        let inPipe = Pipe(), outPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = FileHandle.nullDevice
        let box = Box()
        p.terminationHandler = { proc in box.worker?.markExited(proc) }
        do { try p.run() } catch {
            throw ScreenerError(.parseFailed, "parse worker could not be started", cause: error)
        }
        let w = WorkerProcess(process: p, input: inPipe.fileHandleForWriting, output: outPipe.fileHandleForReading)
        box.worker = w
        if !p.isRunning { w.markExited(p) }
        return w
    }

    private final class Box: @unchecked Sendable { weak var worker: WorkerProcess? }

    private func markExited(_ p: Process) {
        lock.lock()
        if exitStatus == nil {
            exitStatus = p.terminationStatus
            exitReason = p.terminationReason
            exited.signal()
        }
        lock.unlock()
    }

    /// Sends one request frame and waits for one response frame, killing the child when the
    /// deadline passes first.
    func roundTrip(_ payload: Data, deadline: TimeInterval) -> Result<Data, Failure> {
        let timedOut = ManagedFlag()
        let timer = DispatchWorkItem { [pid] in
            timedOut.set()
            kill(pid, SIGKILL)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + deadline, execute: timer)
        defer { timer.cancel() }
        guard ParseWorkerProtocol.writeFrame(payload, to: input.fileDescriptor),
              let frame = ParseWorkerProtocol.readFrame(from: output.fileDescriptor) else {
            return .failure(Failure(reason: deathReason(timedOut: timedOut.value, deadline: deadline)))
        }
        if timedOut.value { return .failure(Failure(reason: "deadline of \(Int(deadline)) s exceeded")) }
        return .success(frame)
    }

    private func deathReason(timedOut: Bool, deadline: TimeInterval) -> String {
        if timedOut { return "deadline of \(Int(deadline)) s exceeded" }
        // Give the termination handler a moment to record the status.
        if exited.wait(timeout: .now() + 2) == .success { exited.signal() }
        lock.lock()
        defer { lock.unlock() }
        guard let status = exitStatus, let reason = exitReason else { return "worker stopped responding" }
        if reason == .uncaughtSignal {
            switch status {
            case SIGXCPU: return "CPU time limit exceeded (SIGXCPU)"
            case SIGKILL: return "worker killed (SIGKILL)"
            case SIGSEGV: return "worker crashed (SIGSEGV)"
            case SIGABRT: return "worker aborted (SIGABRT)"
            case SIGILL, SIGTRAP: return "worker crashed (signal \(status), runtime trap)"
            default: return "worker crashed (signal \(status))"
            }
        }
        return "worker exited with status \(status)"
    }

    /// Closes stdin (an idle child then exits) and kills the child if it is still running.
    func stop() {
        try? input.close()
        if process.isRunning { kill(pid, SIGKILL) }
    }
}

/// A thread-safe boolean.
final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    func set() { lock.lock(); flag = true; lock.unlock() }
    var value: Bool { lock.lock(); defer { lock.unlock() }; return flag }
}
