import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 connection over a plain loopback socket, for tests that need what an HTTP client
/// library hides: pipelined requests, a body that stops half-way, the order of answers on one
/// connection, and whether the server closed it. Blocking I/O runs on a Dispatch thread, never on
/// the cooperative pool.
public enum RawHTTPConnection {
    public struct Response: Sendable {
        public var status: Int
        /// Lowercase names.
        public var headers: [String: String]
        public var body: Data
        public var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    public struct Outcome: Sendable {
        public var responses: [Response]
        /// The server closed the connection before the deadline.
        public var closedByServer: Bool
    }

    /// Writes `chunks` in order (waiting `pause` seconds before each after the first), then reads
    /// until `expecting` complete responses arrived, the server closed, or `timeout` seconds passed.
    public static func exchange(port: Int, chunks: [Data], pause: Double = 0, expecting: Int, timeout: Double = 60) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try exchangeBlocking(port: port, chunks: chunks, pause: pause, expecting: expecting, timeout: timeout) })
            }
        }
    }

    /// A request as bytes: `headers` in order, `Content-Length` added from `body` unless given.
    public static func request(method: String = "POST", path: String, headers: [(String, String)], body: Data = Data()) -> Data {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (k, v) in headers { text += "\(k): \(v)\r\n" }
        if !headers.contains(where: { $0.0.lowercased() == "content-length" }) && (method == "POST" || !body.isEmpty) {
            text += "Content-Length: \(body.count)\r\n"
        }
        text += "\r\n"
        return Data(text.utf8) + body
    }

    struct SocketError: Error, CustomStringConvertible {
        var description: String
    }

    static func exchangeBlocking(port: Int, chunks: [Data], pause: Double, expecting: Int, timeout: Double) throws -> Outcome {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(description: "socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw SocketError(description: "connect() failed: errno \(errno)") }
        var tick = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tick, socklen_t(MemoryLayout<timeval>.size))
        for (n, chunk) in chunks.enumerated() {
            if n > 0 && pause > 0 { Thread.sleep(forTimeInterval: pause) }
            var offset = 0
            while offset < chunk.count {
                let sent = chunk.withUnsafeBytes { send(fd, $0.baseAddress! + offset, chunk.count - offset, Int32(MSG_NOSIGNAL)) }
                guard sent > 0 else { throw SocketError(description: "send() failed: errno \(errno)") }
                offset += sent
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        var received = Data()
        var responses: [Response] = []
        var closed = false
        var buffer = [UInt8](repeating: 0, count: 65536)
        while responses.count < expecting && Date() < deadline {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { closed = true; break }
            if n < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
                if errno == ECONNRESET { closed = true; break }
                throw SocketError(description: "recv() failed: errno \(errno)")
            }
            received.append(contentsOf: buffer[0..<n])
            while let (response, used) = parse(received) {
                responses.append(response)
                received = Data(received[(received.startIndex + used)...])
            }
        }
        if responses.count >= expecting && !closed {
            // Did the server close right after its last answer? Wait briefly for the EOF.
            let until = Date().addingTimeInterval(0.5)
            while Date() < until {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n == 0 { closed = true; break }
                if n > 0 { break }
                if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR { closed = true; break }
            }
        }
        return Outcome(responses: responses, closedByServer: closed)
    }

    /// One complete response at the front of `data` (Content-Length framing), and its byte count.
    static func parse(_ data: Data) -> (Response, Int)? {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: data[data.startIndex..<end.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = headers["content-length"].flatMap(Int.init) ?? 0
        let bodyStart = end.upperBound
        guard data.endIndex - bodyStart >= length else { return nil }
        let body = Data(data[bodyStart..<(bodyStart + length)])
        return (Response(status: status, headers: headers, body: body), bodyStart + length - data.startIndex)
    }
}
