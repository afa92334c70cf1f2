import Foundation
import ResumeParsing
import ScreenerCore
import Testing

/// SplitMix64: a tiny deterministic generator so the fuzz run is the same every time.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Fuzzing")
struct FuzzTests {
    static let fixtures = ["single-column.pdf", "two-column.pdf", "hidden-text.pdf", "tables-textbox-header.docx", "resume.odt", "resume.html",
                           "resume.rtf", "utf16.txt", "cp1252.txt", "resume.hrxml.xml", "resume.hropen.json", "resume.jsonresume.json"]

    /// Byte flips, byte insertions and deletions, truncation, and duplication of a slice.
    static func mutate(_ data: Data, _ rng: inout SplitMix64) -> Data {
        var b = [UInt8](data)
        let ops = Int.random(in: 1...8, using: &rng)
        for _ in 0..<ops where !b.isEmpty {
            let i = Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: b[i] = UInt8.random(in: 0...255, using: &rng)
            case 1: b.insert(UInt8.random(in: 0...255, using: &rng), at: i)
            case 2: b.remove(at: i)
            case 3: b = Array(b[0..<max(1, i)])
            case 4:
                let n = min(64, b.count - i)
                b.insert(contentsOf: b[i..<(i + n)], at: i)
            default: b[i] = [0x7B, 0x7D, 0x3C, 0x3E, 0x5C, 0x22, 0x00, 0x28, 0x29][Int.random(in: 0..<9, using: &rng)]
            }
        }
        return Data(b)
    }

    @Test("mutated fixtures either parse or throw ScreenerError, never crash", arguments: fixtures)
    func fuzz(name: String) throws {
        // Given a fixture and a fixed seed
        let original = try TestPaths.fixture(name)
        var rng = SplitMix64(state: 0x5EED ^ UInt64(name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }.magnitude))
        let parser = TestPaths.parser()
        var parsed = 0, failed = 0
        // When 60 mutants are parsed
        for _ in 0..<60 {
            let mutant = Self.mutate(original, &rng)
            do {
                let r = try parser.parse(data: mutant, fileName: nil)
                // Then any result is self-consistent
                let n = r.text.unicodeScalars.count
                for s in r.sections { #expect(s.range.start <= s.range.end && s.range.end <= n) }
                for s in r.skills { for e in s.evidence { #expect(e.range.end <= n) } }
                parsed += 1
            } catch is ScreenerError {
                failed += 1
            }
        }
        #expect(parsed + failed == 60)
    }
}
