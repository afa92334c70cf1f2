import Foundation
import ScreenerCore

/// The wire format between ``ParseWorkerPool`` and a `screener parse-worker` child.
///
/// Each message is a frame: a 4-byte big-endian length `n` (1 ≤ n ≤ 64 MiB) followed by `n` bytes
/// of payload, a version byte and the message in a compact binary form
/// (`ParseWorkerProtocol+Binary.swift`). The parent writes a ``Request`` to the child's stdin and reads one ``Response`` from
/// its stdout; one request is in flight per child. stdout carries frames only; the child's stderr
/// is discarded by the pool.
public enum ParseWorkerProtocol {
    public static let maxFrame = 64 * 1024 * 1024

    public struct Request: Codable, Sendable {
        public var id: UInt64
        /// The document bytes.
        public var data: Data
        public var fileName: String?
        /// Seconds the child may spend on OCR for this document (the pool's deadline less a
        /// reserve); the child uses the smaller of this and its own `ocrTimeBudgetSeconds`.
        public var timeBudgetSeconds: Double?
        public init(id: UInt64, data: Data, fileName: String?, timeBudgetSeconds: Double? = nil) {
            self.id = id
            self.data = data
            self.fileName = fileName
            self.timeBudgetSeconds = timeBudgetSeconds
        }
    }

    public struct Failure: Codable, Sendable, Equatable {
        public var code: String
        public var message: String
    }

    public struct Response: Codable, Sendable {
        public var id: UInt64
        public var resume: ParsedResume?
        public var error: Failure?
        public init(id: UInt64, resume: ParsedResume?, error: Failure?) {
            self.id = id
            self.resume = resume
            self.error = error
        }
    }

    /// Writes one frame; false when the peer is gone (EPIPE) or the write fails.
    static func writeFrame(_ payload: Data, to fd: Int32) -> Bool {
        var header = [UInt8](repeating: 0, count: 4)
        let n = UInt32(payload.count)
        header[0] = UInt8(n >> 24); header[1] = UInt8((n >> 16) & 0xFF); header[2] = UInt8((n >> 8) & 0xFF); header[3] = UInt8(n & 0xFF)
        return writeAll(header, fd) && payload.withUnsafeBytes { raw in writeAll(raw, fd) }
    }

    private static func writeAll<B: ContiguousBytes>(_ bytes: B, _ fd: Int32) -> Bool {
        bytes.withUnsafeBytes { raw -> Bool in
            var off = 0
            while off < raw.count {
                let w = write(fd, raw.baseAddress! + off, raw.count - off)
                if w < 0 { if errno == EINTR { continue }; return false }
                if w == 0 { return false }
                off += w
            }
            return true
        }
    }

    /// Reads one frame; nil on end of file, a short read or an invalid length.
    static func readFrame(from fd: Int32) -> Data? {
        guard let header = readExactly(4, fd) else { return nil }
        let n = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        guard n >= 1, n <= maxFrame else { return nil }
        return readExactly(n, fd).map { Data($0) }
    }

    private static func readExactly(_ n: Int, _ fd: Int32) -> [UInt8]? {
        var buf = [UInt8](repeating: 0, count: n)
        var off = 0
        while off < n {
            let r = buf.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + off, n - off) }
            if r < 0 { if errno == EINTR { continue }; return nil }
            if r == 0 { return nil }
            off += r
        }
        return buf
    }
}
