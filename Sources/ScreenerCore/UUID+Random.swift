import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension UUID {
    /// A random (version 4) UUID: one `getrandom(2)` call through `arc4random_buf`. On Linux,
    /// Foundation's `UUID()` opens, reads and closes `/dev/urandom` for every UUID, which showed up
    /// as several per cent of webhook intake CPU.
    public static func random() -> UUID {
        var raw = randomBytes()
        raw.6 = (raw.6 & 0x0F) | 0x40  // version 4
        raw.8 = (raw.8 & 0x3F) | 0x80  // RFC 9562 variant
        return UUID(uuid: raw)
    }

    /// A time-ordered (version 7, RFC 9562) UUID: 48 bits of Unix milliseconds from `date`, then 74
    /// random bits. As a database key it is inserted near the right edge of its index, so the rows
    /// of one commit share index pages instead of each dirtying a random one.
    public static func timeOrdered(at date: Date) -> UUID {
        var raw = randomBytes()
        let ms = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        raw.0 = UInt8(truncatingIfNeeded: ms >> 40)
        raw.1 = UInt8(truncatingIfNeeded: ms >> 32)
        raw.2 = UInt8(truncatingIfNeeded: ms >> 24)
        raw.3 = UInt8(truncatingIfNeeded: ms >> 16)
        raw.4 = UInt8(truncatingIfNeeded: ms >> 8)
        raw.5 = UInt8(truncatingIfNeeded: ms)
        raw.6 = (raw.6 & 0x0F) | 0x70  // version 7
        raw.8 = (raw.8 & 0x3F) | 0x80  // RFC 9562 variant
        return UUID(uuid: raw)
    }

    private static func randomBytes() -> uuid_t {
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &raw) { bytes in
            #if canImport(Glibc) || canImport(Darwin)
            arc4random_buf(bytes.baseAddress!, bytes.count)
            #else
            var generator = SystemRandomNumberGenerator()
            bytes.storeBytes(of: generator.next() as UInt64, toByteOffset: 0, as: UInt64.self)
            bytes.storeBytes(of: generator.next() as UInt64, toByteOffset: 8, as: UInt64.self)
            #endif
        }
        return raw
    }

    /// `uuidString.lowercased()` in one step: `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lowercase hex.
    public var lowercasedString: String {
        let digits: StaticString = "0123456789abcdef"
        var raw = uuid
        return withUnsafeBytes(of: &raw) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var o = 0
                for (i, b) in bytes.enumerated() {
                    if i == 4 || i == 6 || i == 8 || i == 10 { out[o] = UInt8(ascii: "-"); o += 1 }
                    out[o] = digits.utf8Start[Int(b >> 4)]
                    out[o + 1] = digits.utf8Start[Int(b & 0x0F)]
                    o += 2
                }
                return o
            }
        }
    }
}
