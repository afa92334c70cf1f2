import Foundation
import ResumeParsing
import ScreenerCore

/// Locations of fixtures and shared data, found from this file (symlinks resolved).
enum TestPaths {
    /// The repository root (`<repo>/Tests/ResumeParsingTests/TestPaths.swift` → `<repo>`).
    static let repo: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repo.appendingPathComponent("Tests/Fixtures/resumes")
    /// `<repo>/../shared/data`, or nil when absent (tests then skip with a message).
    static var sharedData: URL? {
        let u = repo.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: u.path) ? u : nil
    }

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    /// 2026-11-15T00:00:00Z: "Present" counts up to November 2026 inclusive.
    static let clock = FixedClock(unix: 1_794_700_800)

    static func parser(_ configuration: ParserConfiguration = .init()) -> ResumeParser {
        ResumeParser(configuration: configuration, taxonomy: SkillTaxonomy.bundled(), clock: clock)
    }
}
