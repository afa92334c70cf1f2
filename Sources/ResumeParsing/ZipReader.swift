import Foundation
import ScreenerCore
import ZIPFoundation

/// Reads parts of a zip container (DOCX, ODT) in memory with ZIPFoundation, under guards.
///
/// Guards: at most `maxZipEntries` entries; each part read is capped at the configured XML size;
/// the sum of the parts read is capped at `maxZipUncompressedBytes`; a part larger than 64 KiB
/// whose declared ratio `uncompressed / max(compressed, 1)` exceeds `maxZipCompressionRatio` is
/// refused. Declared sizes can lie, so bytes are also counted while inflating.
final class ZipReader {
    private let archive: Archive
    private let configuration: ParserConfiguration
    private var totalRead = 0
    let paths: [String]

    init(_ data: Data, configuration: ParserConfiguration) throws {
        try Self.preflight(data, maxEntries: configuration.maxZipEntries)
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw ScreenerError(.parseFailed, "zip container could not be read", cause: error)
        }
        self.configuration = configuration
        var paths: [String] = []
        var count = 0
        for entry in archive {
            count += 1
            if count > configuration.maxZipEntries {
                throw ScreenerError(.payloadTooLarge, "zip has more than \(configuration.maxZipEntries) entries")
            }
            paths.append(entry.path)
        }
        self.paths = paths
    }

    /// Structural check before ZIPFoundation sees the bytes (its in-memory reader traps on
    /// offsets past the end of the data). Finds the end-of-central-directory record, then checks
    /// that the central directory and every local header and its compressed data lie inside the
    /// buffer, that signatures match, and that no ZIP64 markers are present (DOCX and ODT never
    /// need them). Violations are `parse_failed`.
    static func preflight(_ data: Data, maxEntries: Int) throws {
        let b = [UInt8](data)
        let n = b.count
        func u16(_ o: Int) -> Int { Int(b[o]) | Int(b[o + 1]) << 8 }
        func u32(_ o: Int) -> Int { u16(o) | u16(o + 2) << 16 }
        let bad = ScreenerError.parseFailed("zip container is damaged")
        guard n >= 22 else { throw bad }
        var eocd = -1
        var i = n - 22
        let lowest = max(0, n - 22 - 65_535)
        while i >= lowest {
            if b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == 0x05 && b[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw bad }
        let entries = u16(eocd + 10)
        let cdSize = u32(eocd + 12)
        let cdOffset = u32(eocd + 16)
        guard entries != 0xFFFF, cdSize != 0xFFFF_FFFF, cdOffset != 0xFFFF_FFFF else { throw bad }
        guard entries <= maxEntries else { throw ScreenerError(.payloadTooLarge, "zip has more than \(maxEntries) entries") }
        guard eocd + 22 + u16(eocd + 20) <= n, cdOffset + cdSize <= eocd else { throw bad }
        var p = cdOffset
        for _ in 0..<entries {
            guard p + 46 <= cdOffset + cdSize, u32(p) == 0x0201_4B50 else { throw bad }
            let compressed = u32(p + 20), uncompressed = u32(p + 24)
            let nameLen = u16(p + 28), extraLen = u16(p + 30), commentLen = u16(p + 32)
            let local = u32(p + 42)
            guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF else { throw bad }
            guard local + 30 <= n, u32(local) == 0x0403_4B50 else { throw bad }
            let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
            guard dataStart + compressed <= n else { throw bad }
            p += 46 + nameLen + extraLen + commentLen
            guard p <= cdOffset + cdSize else { throw bad }
        }
    }

    func contains(_ path: String) -> Bool { archive[path] != nil }

    /// The bytes of one part, or nil when absent.
    func read(_ path: String) throws -> Data? {
        guard let entry = archive[path], entry.type == .file else { return nil }
        let declared = Int(clamping: entry.uncompressedSize)
        let limit = min(configuration.maxXMLBytes, configuration.maxZipUncompressedBytes - totalRead)
        if declared > limit {
            throw ScreenerError(.payloadTooLarge, "zip part exceeds the uncompressed size limit")
        }
        if declared > 64 * 1024 {
            let ratio = Double(declared) / Double(max(entry.compressedSize, 1))
            if ratio > configuration.maxZipCompressionRatio {
                throw ScreenerError(.payloadTooLarge, "zip part compression ratio \(Int(ratio)) exceeds \(Int(configuration.maxZipCompressionRatio))")
            }
        }
        var out = Data()
        out.reserveCapacity(declared)
        struct Overflow: Error {}
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if out.count + chunk.count > limit { throw Overflow() }
                out.append(chunk)
            }
        } catch is Overflow {
            throw ScreenerError(.payloadTooLarge, "zip part inflates beyond the size limit")
        } catch {
            throw ScreenerError(.parseFailed, "zip part could not be inflated", cause: error)
        }
        totalRead += out.count
        return out
    }
}
