import Foundation

/// Runs the built `screener` binary and captures its output, for CLI tests.
public enum CLI {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// `run` off the cooperative thread pool, for async tests: the child's run and the pipe reads
    /// block a Dispatch thread, not one of the few threads every concurrent test shares.
    public static func runOffPool(_ arguments: [String], environment: [String: String] = [:], cwd: URL? = nil) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try run(arguments, environment: environment, cwd: cwd) })
            }
        }
    }

    public static func run(_ arguments: [String], environment: [String: String] = [:], cwd: URL? = nil) throws -> Result {
        guard let binary = TestPaths.screenerBinary else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "screener binary not built (run `swift build` or set SCREENER_BIN)"])
        }
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes before waiting so a large output cannot block the child.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
