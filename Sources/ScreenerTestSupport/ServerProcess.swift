import AsyncHTTPClient
import Foundation
import ScreenerCore

/// A `screener serve` child process for end-to-end tests.
public struct ServerProcess: @unchecked Sendable {
    public let process: Process

    public static func start(binary: URL, config: String, environment: [String: String]) throws -> ServerProcess {
        let p = Process()
        p.executableURL = binary
        p.arguments = ["serve", "--config", config]
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return ServerProcess(process: p)
    }

    public func kill(signal: Int32) {
        Foundation.kill(process.processIdentifier, signal)
    }

    /// Waits for the child to exit on a Dispatch thread: `Process.waitUntilExit()` on a cooperative
    /// thread would hold one of the few there are, and the in-process fakes the child talks to during
    /// its graceful shutdown would then never answer.
    public func waitForExit() async {
        let p = process
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                p.waitUntilExit()
                c.resume()
            }
        }
    }

    /// Polls `/healthz` until it answers 200.
    public static func waitUntilHealthy(port: Int, client: HTTPClient, timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let r = try? await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz"), timeout: .seconds(1)), r.status.code == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ScreenerError(.storeUnavailable, "server on port \(port) did not become healthy")
    }

    /// A loopback port that was free a moment ago.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { ptr in
            ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                bind(fd, sa, len) == 0 && getsockname(fd, sa, &len) == 0
            }
        }
        guard ok else { throw ScreenerError(.storeUnavailable, "cannot find a free port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
