import Foundation

/// Decodes plain-text bytes: UTF-8 (with or without BOM), UTF-16 LE/BE with a BOM, and
/// Windows-1252 as the fallback for bytes that are not valid UTF-8.
public enum PlainTextDecoder {
    public static func decode(_ data: Data) -> String {
        let b = [UInt8](data)
        var s: String
        if b.starts(with: [0xEF, 0xBB, 0xBF]) {
            s = String(decoding: b.dropFirst(3), as: UTF8.self)
        } else if b.starts(with: [0xFF, 0xFE]) {
            s = decodeUTF16(b.dropFirst(2), littleEndian: true)
        } else if b.starts(with: [0xFE, 0xFF]) {
            s = decodeUTF16(b.dropFirst(2), littleEndian: false)
        } else if let u = String(validatingUTF8Bytes: b) {
            s = u
        } else {
            s = decodeWindows1252(b)
        }
        s.unicodeScalars.removeAll { $0.value == 0 }
        return s
    }

    /// Best-effort decode of a prefix for sniffing (invalid UTF-8 is repaired, not rejected).
    static func decodePrefix(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0xFF, 0xFE]) { return decodeUTF16(bytes.dropFirst(2), littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return decodeUTF16(bytes.dropFirst(2), littleEndian: false) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? (a | b << 8) : (a << 8 | b))
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// Windows-1252: Latin-1 plus printable characters in 0x80–0x9F.
    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
        let high: [UInt32] = [0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                              0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178]
        var out = String.UnicodeScalarView()
        for b in bytes {
            let v: UInt32 = (b >= 0x80 && b < 0xA0) ? high[Int(b - 0x80)] : UInt32(b)
            out.append(Unicode.Scalar(v)!)
        }
        return String(out)
    }

    /// True when the bytes look like text: a BOM, or few control bytes.
    static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return true }
        var control = 0
        for b in bytes where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { control += 1 }
        return control * 100 <= bytes.count * 2
    }
}

extension String {
    /// Strict UTF-8 decoding: nil when the bytes are not valid UTF-8.
    init?(validatingUTF8Bytes bytes: [UInt8]) {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: self = String(scalars); return
            case .error: return nil
            }
        }
    }
}
