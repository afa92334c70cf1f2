import Foundation
import Testing
@testable import ScreenerCore

@Suite("Skills taxonomy data")
struct SkillTaxonomyDataTests {
    let taxonomy = SkillTaxonomy.bundled()

    @Test("the bundled file is versioned, says who wrote it, and holds at least 3,000 distinct skills")
    func countsAndProvenance() {
        // Given the bundled taxonomy
        // Then it is versioned, attributed to the project, and large enough
        #expect(!taxonomy.version.isEmpty)
        #expect(taxonomy.source?.contains("Screener project") == true)
        #expect(taxonomy.licence?.isEmpty == false)
        #expect(taxonomy.entries.count >= 3_000)
        // And names are distinct ignoring case
        let names = Set(taxonomy.entries.map { $0.name.lowercased() })
        #expect(names.count == taxonomy.entries.count)
    }

    @Test("no padded variants: no family of names that differ only by a trailing number")
    func noPaddedVariants() {
        // Given the names with their trailing digits removed
        var stems: [String: Int] = [:]
        for e in taxonomy.entries {
            let stem = e.name.lowercased().replacingOccurrences(of: #"[\s\-]*\d+$"#, with: "", options: .regularExpression)
            if stem != e.name.lowercased() { stems[stem, default: 0] += 1 }
        }
        // Then no stem has more than two numbered variants ("Series 7", "Series 63"… are real licences)
        let families = stems.filter { $0.value > 4 }
        #expect(families.isEmpty, "numbered families: \(families)")
    }

    @Test("covers IT deeply and the other professions", arguments: [
        ("programming-language", 80), ("web-development", 100), ("database", 60), ("cloud", 60),
        ("devops", 60), ("data-science", 60), ("machine-learning", 40), ("security", 40), ("mobile", 20),
        ("testing", 40), ("accounting", 30), ("finance", 30), ("banking", 25), ("healthcare", 80),
        ("construction", 40), ("automotive", 25), ("manufacturing", 40), ("logistics", 30), ("sales", 30),
        ("marketing", 50), ("customer-service", 20), ("bpo", 15), ("public-relations", 15), ("design", 40),
        ("apparel", 25), ("arts", 30), ("digital-media", 30), ("human-resources", 30), ("legal", 30),
        ("education", 30), ("hospitality", 30), ("culinary", 30), ("fitness", 30), ("aviation", 25),
        ("agriculture", 25), ("consulting", 25), ("business-development", 15), ("engineering", 40),
        ("soft-skills", 30), ("languages", 30),
    ])
    func categoryCoverage(category: String, minimum: Int) {
        // Given a category named after a profession
        let count = taxonomy.entries.filter { $0.category == category }.count
        // Then it holds a real list of skills
        #expect(count >= minimum, "\(category) has \(count)")
    }

    @Test("ids are unique slugs, every related id exists, and shared forms are marked")
    func integrity() {
        // Given the bundled taxonomy
        // Then validation finds nothing
        #expect(taxonomy.validationProblems() == [])
        // And ids are lower-case slugs and never relate to themselves
        for e in taxonomy.entries {
            #expect(e.id.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) != nil, "id \(e.id)")
            #expect(!e.related.contains(e.id))
        }
        // And most skills have related skills
        let withRelated = taxonomy.entries.filter { !$0.related.isEmpty }.count
        #expect(Double(withRelated) / Double(taxonomy.entries.count) > 0.9)
    }

    @Test("validation catches a dangling related id and an unmarked shared alias")
    func validationCanFail() {
        // Given a taxonomy with both defects
        let bad = SkillTaxonomy(version: "t", entries: [
            .init(id: "a", name: "Alpha", category: "x", aliases: ["AL"], related: ["missing"]),
            .init(id: "b", name: "Beta", category: "x", aliases: ["AL"]),
        ])
        // When validated
        let problems = bad.validationProblems()
        // Then both are reported
        #expect(problems.contains { $0.contains("unknown related id missing") })
        #expect(problems.contains { $0.contains("'al' shared") })
    }

    @Test("aliases and abbreviations resolve to the right canonical skill", arguments: [
        ("JS", "javascript"), ("k8s", "kubernetes"), ("Postgres", "postgresql"), ("CPA", "cpa"),
        ("RN", "registered-nurse"), ("AutoCAD", "autocad"), ("GAAP", "gaap"), ("Golang", "go"),
        ("ReactJS", "react"), ("MS Excel", "microsoft-excel"), ("SFDC", "salesforce"), ("EKG", "electrocardiography"),
        ("HVAC", "hvac"), ("ServSafe", "food-safety"), ("A&P mechanic", "a-and-p-license"), ("SEO", "search-engine-optimization"),
        ("full-stack", "full-stack-development"), ("SWIFT", "swift-messaging"), ("Swift", "swift"),
    ])
    func aliasLookup(alias: String, id: String) {
        // When an alias is looked up
        let entry = taxonomy.lookup(alias)
        // Then it names the canonical skill
        #expect(entry?.id == id)
    }

    @Test("related(to:) returns existing entries")
    func relatedSkills() {
        // Given Spring Boot
        let related = taxonomy.related(to: "spring-boot").map(\.id)
        // Then Java and the Spring framework are among its relations
        #expect(related.contains("java"))
        #expect(related.contains("spring-framework"))
        #expect(taxonomy.related(to: "no-such-skill").isEmpty)
    }

    @Test("write(to:) and load(from:) round-trip the document")
    func roundTrip() throws {
        // Given a small taxonomy with rules and an attribution
        var e = SkillTaxonomy.Entry(id: "go", name: "Go", category: "programming-language", aliases: ["Golang"])
        e.ambiguous = ["Go"]
        e.notFollowedBy = ["to"]
        let original = SkillTaxonomy(version: "9", source: "test", licence: "test", attribution: [SkillTaxonomy.onetAttribution], entries: [e])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("taxonomy-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        // When written and read back
        try original.write(to: url)
        let loaded = try SkillTaxonomy.load(from: url)
        // Then nothing is lost
        #expect(loaded.version == "9")
        #expect(loaded.entries == original.entries)
        #expect(loaded.attribution == original.attribution)
        #expect(loaded.matches(in: "Go to the shop; we use Go.").map(\.range.start) == [23])
    }

    @Test("a broken file is an invalid_taxonomy error that carries no file content")
    func brokenFile() {
        // Given a file that is not a taxonomy
        let data = Data(#"{"entries": "Jane Doe, jane@example.com"}"#.utf8)
        // When decoded, then the error has the stable code and no content
        do {
            _ = try SkillTaxonomy.decode(data)
            Issue.record("decoding should fail")
        } catch {
            #expect(error.code == .invalidTaxonomy)
            #expect(!error.description.contains("jane"))
        }
    }
}
