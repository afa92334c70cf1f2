import Foundation

/// The `malloc` of the parse-worker children.
///
/// poppler lexes and interprets every content stream of a PDF into short-lived objects: with
/// glibc's allocator, `malloc`, `free` and their chunk coalescing took about a quarter of a
/// worker's CPU on the livecareer PDFs. jemalloc, preloaded into the child (`LD_PRELOAD`, the
/// way jemalloc documents for programs not linked against it), cut PDF text extraction by
/// 15–25 % of CPU in `scripts/parse-bench` (README, Performance). It is preloaded into the
/// children only: the server's own intake measured no gain from it.
public enum WorkerAllocator: String, Sendable, Codable, CaseIterable {
    /// jemalloc when its shared library is installed (Debian: `libjemalloc2`), else the system's.
    case jemalloc
    /// The C library's `malloc`.
    case system

    /// Where distributions install jemalloc's shared library, in the order tried.
    public static let jemallocCandidates = [
        "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2", "/usr/lib/aarch64-linux-gnu/libjemalloc.so.2",
        "/usr/lib64/libjemalloc.so.2", "/usr/lib/libjemalloc.so.2", "/usr/local/lib/libjemalloc.so.2",
    ]

    /// The library to preload, or nil when this allocator needs none or is not installed.
    public func library(isInstalled: (String) -> Bool = { FileManager.default.isReadableFile(atPath: $0) }) -> String? {
        switch self {
        case .system: return nil
        case .jemalloc: return Self.jemallocCandidates.first(where: isInstalled)
        }
    }

    /// `environment` with `library` added to the front of `LD_PRELOAD` (entries already there
    /// stay, after it; a second copy is not added).
    public static func preloading(_ library: String?, into environment: [String: String]) -> [String: String] {
        guard let library else { return environment }
        var env = environment
        let existing = (env["LD_PRELOAD"] ?? "").split(whereSeparator: { $0 == ":" || $0 == " " }).map(String.init)
        env["LD_PRELOAD"] = ([library] + existing.filter { $0 != library }).joined(separator: ":")
        return env
    }
}
