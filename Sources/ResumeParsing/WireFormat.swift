import Foundation

/// The primitives of the parse workers' binary frames (``ParseWorkerProtocol``).
///
/// Unsigned integers are LEB128 varints (7 bits a byte, low group first, high bit = more);
/// signed integers are zigzag-mapped first (`(n << 1) ^ (n >> 63)`), so small negatives stay
/// short. A string or byte run is its length (varint) and then its bytes (strings as UTF-8). An
/// optional is a byte 0 (absent) or 1 (present) and then the value. A `Double` is its IEEE 754
/// bit pattern, 8 bytes little-endian. An array is its count (varint) and then its elements.
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func int(_ v: Int) {
        let n = Int64(v)
        uint(UInt64(bitPattern: (n << 1) ^ (n >> 63)))
    }

    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    mutating func double(_ v: Double) {
        var bits = v.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            uint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func data(_ d: Data) {
        uint(UInt64(d.count))
        bytes.append(contentsOf: d)
    }

    mutating func optional<T>(_ v: T?, _ write: (inout WireWriter, T) -> Void) {
        guard let v else { bytes.append(0); return }
        bytes.append(1)
        write(&self, v)
    }

    mutating func array<T>(_ a: [T], _ write: (inout WireWriter, T) -> Void) {
        uint(UInt64(a.count))
        for e in a { write(&self, e) }
    }
}

/// Reads what ``WireWriter`` wrote. Every read checks the bounds and throws on a short or
/// malformed input (a worker that died mid-write, or a bug): nothing is trusted, no count is
/// believed beyond the bytes that remain, and nothing traps.
struct WireReader {
    enum Failure: Error, Equatable {
        case truncated
        case malformed(String)
    }

    private let bytes: [UInt8]
    private(set) var position = 0

    init(_ data: Data) { bytes = [UInt8](data) }
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }
    var remaining: Int { bytes.count - position }

    mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw Failure.truncated }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func uint() throws -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64, shift < 63 || b <= 1 else { throw Failure.malformed("varint too long") }
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }

    mutating func int() throws -> Int {
        let u = try uint()
        let n = Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
        guard let v = Int(exactly: n) else { throw Failure.malformed("integer out of range") }
        return v
    }

    mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Failure.malformed("bad boolean")
        }
    }

    mutating func double() throws -> Double {
        guard remaining >= 8 else { throw Failure.truncated }
        var bits: UInt64 = 0
        for k in 0..<8 { bits |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
        position += 8
        return Double(bitPattern: bits)
    }

    /// A length that must fit in what remains (each counted item takes at least one byte).
    mutating func count() throws -> Int {
        let n = try uint()
        guard n <= UInt64(remaining) else { throw Failure.truncated }
        return Int(n)
    }

    mutating func string() throws -> String {
        let n = try count()
        let s = bytes.withUnsafeBufferPointer { String(validating: UnsafeBufferPointer(rebasing: $0[position..<(position + n)]), as: UTF8.self) }
        guard let s else { throw Failure.malformed("invalid UTF-8") }
        position += n
        return s
    }

    mutating func data() throws -> Data {
        let n = try count()
        defer { position += n }
        return Data(bytes[position..<(position + n)])
    }

    mutating func optional<T>(_ read: (inout WireReader) throws -> T) throws -> T? {
        switch try byte() {
        case 0: return nil
        case 1: return try read(&self)
        default: throw Failure.malformed("bad optional tag")
        }
    }

    mutating func array<T>(_ read: (inout WireReader) throws -> T) throws -> [T] {
        let n = try count()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(&self)) }
        return out
    }
}
