import Crypto
import Foundation
import ResumeParsing
import ScreenerCore
#if canImport(Glibc)
import Glibc
#endif

/// `parse-bench`: parse speed and a byte-identical output check, on the public data beside the
/// checkout (`../shared/data`: livecareer PDFs, vanetik DOCX).
///
///     parse-bench bench [--data DIR] [--screener PATH] [--rounds N] [--workers N] [--allocator jemalloc|system]
///     parse-bench dump OUTDIR [--data DIR]
///     parse-bench profile pdf|docx extract|parse|ipc [PASSES]
///
/// `bench` reports, per format, documents per second (wall) and CPU milliseconds per document for
/// text extraction only and for the full parse, both in process on one thread; then the full
/// parse through the real ``ParseWorkerPool`` (`screener parse-worker --no-ocr` children, two by
/// default, two documents in flight), with the workers' CPU per document and peak RSS (`VmHWM`);
/// then `pdftotext -layout` over the same PDFs, one process per file, as the CLI is used. Each
/// figure is the median of `--rounds` runs (default 3) after one warm-up pass. OCR is off
/// throughout (one livecareer PDF is an empty scan; OCR has its own figures in the README).
///
/// `dump` parses every document in process with a fixed clock (2026-11-15) and writes one sorted-
/// key JSON file per document (`ParsedResume`, or the error code and message) under OUTDIR, then
/// prints a SHA-256 over all of them. Two dumps from two builds compare with `diff -r`: a speed
/// change must leave them byte-identical.
@main
enum ParseBench {
    static func main() async throws {
        var args = Array(CommandLine.arguments.dropFirst())
        func option(_ name: String) -> String? {
            guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
            let v = args[i + 1]
            args.removeSubrange(i...(i + 1))
            return v
        }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dataDir = option("--data") ?? repo.deletingLastPathComponent().appendingPathComponent("shared/data").path
        let screener = option("--screener") ?? repo.appendingPathComponent(".build/release/screener").path
        let rounds = max(1, Int(option("--rounds") ?? "3") ?? 3)
        let workers = max(1, Int(option("--workers") ?? "2") ?? 2)
        guard let allocator = WorkerAllocator(rawValue: option("--allocator") ?? "jemalloc") else { usage() }
        guard let command = args.first else { usage() }
        if command == "parse-worker" {
            // Stand-in child when no `screener` binary is built: the same `ParseWorker.run` loop.
            exit(ParseWorker.run(configuration: parser().configuration))
        }
        let sets = try Corpus.load(dataDir)
        switch command {
        case "bench":
            try await bench(sets, screener: screener, rounds: rounds, workers: workers, allocator: allocator)
        case "profile":
            // A plain loop for `perf record -g`: PASSES passes (default 10) over one format.
            guard args.count >= 3, let set = sets.first(where: { $0.format.rawValue == args[1] }) else { usage() }
            let parser = parser()
            let passes = args.count > 3 ? Int(args[3]) ?? 10 : 10
            for _ in 0..<passes {
                for d in set.documents {
                    switch args[2] {
                    case "extract": _ = try? parser.extractText(data: d.data, format: set.format)
                    case "ipc": ipcRoundTrip(parser, d)
                    default: _ = try? parser.parse(data: d.data)
                    }
                }
            }
        case "dump":
            guard args.count == 2 else { usage() }
            try dump(sets, to: URL(fileURLWithPath: args[1]))
        default:
            usage()
        }
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: parse-bench bench [--data DIR] [--screener PATH] [--rounds N] [--workers N] [--allocator jemalloc|system]\n       parse-bench dump OUTDIR [--data DIR]\n       parse-bench profile pdf|docx extract|parse|ipc [PASSES]\n".utf8))
        exit(2)
    }

    // MARK: - Corpus

    struct Document {
        var name: String
        var data: Data
    }

    struct Corpus {
        var label: String
        var format: DocumentFormat
        var documents: [Document]

        static func load(_ dataDir: String) throws -> [Corpus] {
            let root = URL(fileURLWithPath: dataDir)
            func files(_ dir: URL, ext: String, depth: Int) -> [String] {
                let fm = FileManager.default
                guard let top = try? fm.contentsOfDirectory(atPath: dir.path) else { return [] }
                var out: [String] = []
                for item in top.sorted() {
                    if depth == 0 {
                        if item.lowercased().hasSuffix("." + ext) { out.append(item) }
                    } else {
                        var isDir: ObjCBool = false
                        let sub = dir.appendingPathComponent(item)
                        if fm.fileExists(atPath: sub.path, isDirectory: &isDir), isDir.boolValue {
                            out += files(sub, ext: ext, depth: depth - 1).map { item + "/" + $0 }
                        }
                    }
                }
                return out
            }
            let pdfDir = root.appendingPathComponent("livecareer-sample")
            let docxDir = root.appendingPathComponent("vanetik/CV")
            let pdfs = files(pdfDir, ext: "pdf", depth: 1)
            let docx = files(docxDir, ext: "docx", depth: 0)
            guard !pdfs.isEmpty, !docx.isEmpty else {
                throw ScreenerError(.invalidInput, "no livecareer PDFs or vanetik DOCX under \(dataDir)")
            }
            return [
                Corpus(label: "livecareer PDF", format: .pdf, documents: try pdfs.map { Document(name: "livecareer/" + $0, data: try Data(contentsOf: pdfDir.appendingPathComponent($0))) }),
                Corpus(label: "vanetik DOCX", format: .docx, documents: try docx.map { Document(name: "vanetik/" + $0, data: try Data(contentsOf: docxDir.appendingPathComponent($0))) }),
            ]
        }
    }

    static func parser() -> ResumeParser {
        var c = ParserConfiguration()
        c.ocrEnabled = false
        return ResumeParser(configuration: c, taxonomy: SkillTaxonomy.bundled(), clock: FixedClock(unix: 1_794_700_800))
    }

    /// What a worker round trip costs besides the parse: the request and response frames,
    /// encoded and decoded as on the wire (``ParseWorkerProtocol``).
    static func ipcRoundTrip(_ parser: ResumeParser, _ d: Document) {
        let req = ParseWorkerProtocol.encode(ParseWorkerProtocol.Request(id: 1, data: d.data, fileName: d.name, timeBudgetSeconds: 10))
        guard let r = try? ParseWorkerProtocol.decodeRequest(req) else { return }
        let resume = try? parser.parse(data: r.data, fileName: r.fileName)
        let out = ParseWorkerProtocol.encode(ParseWorkerProtocol.Response(id: 1, resume: resume, error: nil))
        _ = try? ParseWorkerProtocol.decodeResponse(out)
    }

    // MARK: - Dump

    static func dump(_ sets: [Corpus], to out: URL) throws {
        let parser = parser()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var digest = SHA256()
        var count = 0, failures = 0
        for set in sets {
            for doc in set.documents {
                let bytes: Data
                do {
                    bytes = try encoder.encode(parser.parse(data: doc.data, fileName: doc.name))
                } catch let e as ScreenerError {
                    failures += 1
                    bytes = try encoder.encode(["error": e.code.rawValue, "message": e.message])
                }
                let file = out.appendingPathComponent(doc.name + ".json")
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try bytes.write(to: file)
                digest.update(data: Data(doc.name.utf8))
                digest.update(data: bytes)
                count += 1
            }
        }
        let hex = digest.finalize().map { String(format: "%02x", $0) }.joined()
        print("dump: \(count) documents (\(failures) errors) in \(out.path); sha256 over names and outputs \(hex)")
    }

    // MARK: - Bench

    struct Sample {
        var wall: Double
        var cpu: Double
        /// Share of the machine (all cores) that other processes took meanwhile, 0–1.
        var others: Double = 0
    }

    /// Busy seconds of the whole machine (all cores), from `/proc/stat`.
    static func machineBusy() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = s.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return 0 }
        let f = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard f.count >= 8 else { return 0 }
        // user nice system (idle iowait) irq softirq steal
        return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static let cores = Double(ProcessInfo.processInfo.activeProcessorCount)

    /// Runs `body` and returns its wall time, the CPU `cpu()` reports for it, and the others' share.
    static func measure(cpu: () -> Double, _ body: () throws -> Void) rethrows -> Sample {
        let w0 = now(), c0 = cpu(), m0 = machineBusy()
        try body()
        let wall = now() - w0, used = cpu() - c0, busy = machineBusy() - m0
        return Sample(wall: wall, cpu: used, others: max(0, min(1, (busy - used) / (wall * cores))))
    }

    /// `getrusage` who: this process, its waited-for children.
    static let rusageSelf: Int32 = 0, rusageChildren: Int32 = -1

    static func cpuSeconds(_ who: Int32 = rusageSelf) -> Double {
        var u = rusage()
        getrusage(__rusage_who_t(who), &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Median wall and median CPU over the rounds (each taken on its own).
    static func median(_ samples: [Sample]) -> Sample {
        func med(_ v: [Double]) -> Double { let s = v.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
        return Sample(wall: med(samples.map(\.wall)), cpu: med(samples.map(\.cpu)), others: med(samples.map(\.others)))
    }

    static func line(_ label: String, _ n: Int, _ s: Sample, extra: String = "") {
        let perSec = Double(n) / s.wall
        let padded = label.count < 36 ? label + String(repeating: " ", count: 36 - label.count) : label
        print("  " + padded + String(format: " %7.1f docs/s  %6.2f ms CPU/doc  (%.2f s wall; others took %.0f%% of the machine)",
                                      perSec, 1000 * s.cpu / Double(n), s.wall, 100 * s.others) + extra)
    }

    static func inProcess(_ docs: [Document], rounds: Int, _ body: (Data) throws -> Void) -> Sample {
        for d in docs { try? body(d.data) }  // warm-up
        var samples: [Sample] = []
        for _ in 0..<rounds {
            samples.append(measure(cpu: { cpuSeconds() }) { for d in docs { try? body(d.data) } })
        }
        return median(samples)
    }

    static func bench(_ sets: [Corpus], screener: String, rounds: Int, workers: Int, allocator: WorkerAllocator) async throws {
        let parser = parser()
        print("parse-bench: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(rounds) rounds (median), OCR off, load average \(loadAverage())")
        // Pool children: `screener parse-worker --no-ocr`, or this program's own `parse-worker`
        // (the same ParseWorker loop) when screener is not built.
        let worker: (URL, [String])
        if FileManager.default.isExecutableFile(atPath: screener) {
            worker = (URL(fileURLWithPath: screener), ["parse-worker", "--no-ocr"])
            print("pool workers: \(screener) parse-worker --no-ocr")
        } else {
            let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            worker = (me, ["parse-worker"])
            print("pool workers: \(me.path) parse-worker (no screener binary at \(screener))")
        }
        for set in sets {
            let docs = set.documents
            print("== \(set.label): \(docs.count) documents, \(docs.reduce(0) { $0 + $1.data.count } / docs.count / 1024) KiB average")
            let extract = inProcess(docs, rounds: rounds) { _ = try parser.extractText(data: $0, format: set.format) }
            line("extraction only, 1 thread", docs.count, extract)
            let full = inProcess(docs, rounds: rounds) { _ = try parser.parse(data: $0) }
            line("full parse, 1 thread", docs.count, full)
            let (s, workerCPU, hwm, spawnedNote) = try await pooled(docs, worker: worker, rounds: rounds, workers: workers, allocator: allocator)
            let malloc = allocator.library().map { _ in "jemalloc" } ?? "system malloc"
            line("full parse, pool of \(workers) workers (\(malloc))", docs.count, s,
                 extra: String(format: "; in the workers %.2f ms CPU/doc; worker peak RSS ", 1000 * workerCPU / Double(docs.count))
                     + hwm.map { String(format: "%.0f", Double($0) / 1_048_576) }.joined(separator: "/") + " MiB" + spawnedNote)
            if set.format == .pdf { pdftotext(docs, rounds: rounds) }
        }
    }

    /// Runs every document through a fresh pool `rounds + 1` times (the first pass warms the
    /// children up). Wall is the pool's; CPU counts this process plus the children.
    static func pooled(_ docs: [Document], worker: (URL, [String]), rounds: Int, workers: Int, allocator: WorkerAllocator) async throws -> (Sample, Double, [Int], String) {
        let pool = ParseWorkerPool(configuration: .init(executable: worker.0, arguments: worker.1, workers: workers, deadline: 30, allocator: allocator))
        var failures = 0
        func pass() async throws {
            try await withThrowingTaskGroup(of: Bool.self) { group in
                var next = 0
                func add() {
                    let d = docs[next]
                    next += 1
                    group.addTask {
                        do { _ = try await pool.parse(data: d.data, fileName: d.name); return true } catch { return false }
                    }
                }
                for _ in 0..<min(workers, docs.count) { add() }
                while let ok = try await group.next() {
                    if !ok { failures += 1 }
                    if next < docs.count { add() }
                }
            }
        }
        try await pass()
        let pids = await pool.workerProcessIDs()
        var samples: [Sample] = []
        var childCPU: [Double] = []
        for _ in 0..<rounds {
            let w0 = now(), c0 = cpuSeconds(), k0 = pids.map(procCPU).reduce(0, +), m0 = machineBusy()
            try await pass()
            let wall = now() - w0, k = pids.map(procCPU).reduce(0, +) - k0, used = cpuSeconds() - c0 + k
            samples.append(Sample(wall: wall, cpu: used, others: max(0, min(1, (machineBusy() - m0 - used) / (wall * cores)))))
            childCPU.append(k)
        }
        let hwm = pids.map { procStatus($0, "VmHWM:") }
        let spawned = await pool.spawned
        await pool.shutdown()
        let note = (spawned != workers ? "; \(spawned) children spawned" : "") + (failures > 0 ? "; \(failures / (rounds + 1)) document(s) per pass answered an error" : "")
        return (median(samples), childCPU.sorted()[childCPU.count / 2], hwm, note)
    }

    /// utime + stime of a process, seconds.
    static func procCPU(_ pid: Int32) -> Double {
        guard let s = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = s.lastIndex(of: ")") else { return 0 }
        let fields = s[s.index(after: close)...].split(separator: " ")
        // Fields after the command: state is index 0, utime index 11, stime index 12.
        guard fields.count > 12, let u = Double(fields[11]), let k = Double(fields[12]) else { return 0 }
        return (u + k) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// A `kB` field of `/proc/<pid>/status`, in bytes.
    static func procStatus(_ pid: Int32, _ key: String) -> Int {
        guard let s = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = s.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    }

    /// `pdftotext -layout FILE -` once per file, one after another (CPU: the children's).
    static func pdftotext(_ docs: [Document], rounds: Int) {
        guard let exe = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            print("  pdftotext: skipped (not installed; apt-get install poppler-utils)")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parse-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for (i, d) in docs.enumerated() {
            let p = dir.appendingPathComponent("\(i).pdf").path
            _ = FileManager.default.createFile(atPath: p, contents: d.data)
            paths.append(p)
        }
        func pass() {
            for p in paths {
                let proc = Process()
                proc.executableURL = URL(fileURLWithPath: exe)
                proc.arguments = ["-q", "-layout", p, "-"]
                proc.standardOutput = FileHandle.nullDevice
                proc.standardError = FileHandle.nullDevice
                try? proc.run()
                proc.waitUntilExit()
            }
        }
        pass()
        var samples: [Sample] = []
        for _ in 0..<rounds {
            samples.append(measure(cpu: { cpuSeconds(rusageChildren) + cpuSeconds() }) { pass() })
        }
        line("pdftotext -layout, 1 process/file", docs.count, median(samples))
    }
}
