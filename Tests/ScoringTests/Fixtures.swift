import Foundation
import ScreenerCore
@testable import Scoring

/// Shared helpers for the scoring tests.
enum Fixtures {
    /// `<repo>/../shared/data`, found from this file's path; nil when absent.
    static func sharedData(_ file: String = #filePath) -> URL? {
        var u = URL(fileURLWithPath: file).resolvingSymlinksInPath()
        for _ in 0..<3 { u.deleteLastPathComponent() } // ScoringTests, Tests, <repo>
        let d = u.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: d.path) ? d : nil
    }

    static let parsedAt = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01

    /// A `ParsedResume` from plain text: taxonomy matches become skills (what the parser will do).
    static func resume(_ text: String, name: String? = nil, email: String? = nil, months: Int = 0,
                       taxonomy: SkillTaxonomy = .bundled()) -> ParsedResume {
        var skills: [String: ParsedResume.Skill] = [:]
        var order: [String] = []
        for m in taxonomy.matches(in: text) {
            if skills[m.id] == nil { order.append(m.id); skills[m.id] = .init(name: m.name, id: m.id, category: m.category) }
            skills[m.id]!.evidence.append(.init(range: m.range))
        }
        return ParsedResume(text: text, basics: .init(name: name, email: email), skills: order.map { skills[$0]! },
                            totalExperienceMonths: months,
                            meta: .init(format: "txt", parserVersion: "test", parsedAt: parsedAt))
    }

    static let backendJob = JobCriteria(
        id: "backend-eng-1", title: "Backend Engineer",
        description: "Build backend services in Swift with PostgreSQL. Operate them on Kubernetes.",
        version: 3,
        requiredSkills: [.init(name: "Swift", minYears: 3), .init(name: "PostgreSQL")],
        preferredSkills: [.init(name: "Kubernetes", weight: 2), .init(name: "gRPC")],
        minExperienceYears: 5, education: .init(minimum: .bachelor),
        languages: [.init(language: "English", level: "C1")],
        knockouts: [.init(field: "work_authorization", equals: "yes")])
}
