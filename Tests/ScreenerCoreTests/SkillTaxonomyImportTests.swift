import Foundation
import Testing
@testable import ScreenerCore

/// Locates `<repo>/../shared/data/onet/Technology Skills.txt` from this file (symlinks resolved).
enum ONETFixture {
    static let url: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/onet/Technology Skills.txt")
    static var available: Bool { FileManager.default.fileExists(atPath: url.path) }
}

/// A small file in the shape of ESCO's `skills_en.csv`, written for this test (not ESCO data): quoted
/// fields with commas, doubled quotes and newline-separated alternative labels, CRLF line ends.
let escoFixture = [
    "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description",
    "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/0001-test,knowledge,cross-sector,Java (computer programming),\"Java SE\nJava EE 8\",,released,2024-01-01,,,,\"The techniques of software development in Java.\"",
    "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/0002-test,skill/competence,sector-specific,operate a beehive smoker,\"use a bee smoker\nsmoke bees, gently\",,released,2024-01-01,,,,\"Calm bees with smoke, using a \"\"smoker\"\".\"",
    "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/0003-test,skill/competence,occupation-specific,grade wool fleeces,fleece grading,,released,2024-01-01,,,,Sort fleeces by fibre quality.",
    "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/0004-test,skill/competence,transversal,obsolete test skill,,,obsolete,2024-01-01,,,,Not used.",
    "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/0005-test,skill/competence,transversal,grade wool fleeces,duplicate row,,released,2024-01-01,,,,Duplicate.",
].joined(separator: "\r\n") + "\r\n"

@Suite("Skills taxonomy import")
struct SkillTaxonomyImportTests {
    @Test("O*NET-shaped text: one entry per distinct example, category from the commodity title")
    func onetShape() throws {
        // Given rows with CR and CRLF line ends and a product listed for two occupations
        let tsv = "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand\r\n"
            + "11-1011.00\tBlackbaud The Raiser's Edge\t43232306\tCustomer relationship management CRM software\tN\tN\r"
            + "11-2021.00\tblackbaud the raiser's edge\t43232306\tCustomer relationship management CRM software\tN\tN\n"
            + "11-2021.00\tMicrosoft Excel\t43232110\tSpreadsheet software\tY\tN\r\n"
        // When imported
        let (entries, attribution) = try SkillTaxonomy.importONET(technologySkillsTSV: tsv)
        // Then duplicates collapse and the category is a slug of the commodity title
        #expect(entries.map(\.name) == ["Blackbaud The Raiser's Edge", "Microsoft Excel"])
        #expect(entries[0].id == "blackbaud-the-raisers-edge")
        #expect(entries[0].category == "customer-relationship-management-crm-software")
        #expect(attribution.id == "onet")
        #expect(attribution.licence == "CC BY 4.0")
        #expect(attribution.publisher.contains("USDOL/ETA"))
    }

    @Test("an O*NET file without its columns is rejected with invalid_taxonomy")
    func onetMissingColumns() {
        #expect(throws: ScreenerError.self) { try SkillTaxonomy.importONET(technologySkillsTSV: "a\tb\n1\t2\n") }
    }

    @Test(
        "O*NET Technology Skills.txt extends the bundled taxonomy with attribution",
        .enabled(if: ONETFixture.available, "skipped: ../shared/data/onet/Technology Skills.txt is absent")
    )
    func onetSharedData() throws {
        // Given the public O*NET file and the bundled taxonomy
        let text = try String(contentsOf: ONETFixture.url, encoding: .utf8)
        let base = SkillTaxonomy.bundled()
        // When imported and merged
        let (imported, _) = try SkillTaxonomy.importONET(technologySkillsTSV: text)
        let extended = base.merged(with: imported, attribution: SkillTaxonomy.onetAttribution)
        // Then the distinct examples were read, new skills were added with their source, and known
        // products merged into existing skills instead of duplicating them
        #expect(imported.count > 5_000)
        let record = try #require(extended.attribution.first { $0.id == "onet" })
        #expect(record.addedEntries > 3_000)
        #expect(record.mergedEntries > 300)
        #expect(record.addedEntries + record.mergedEntries == imported.count)
        #expect(extended.entries.count == base.entries.count + record.addedEntries)
        #expect(extended.entries.dropFirst(base.entries.count).allSatisfy { $0.source == "onet" })
        #expect(extended.lookup("Microsoft Excel")?.id == "microsoft-excel")
        #expect(extended.lookup("Atlassian JIRA")?.id == "jira")
        #expect(extended.lookup("Blackbaud The Raiser's Edge")?.source == "onet")
        // And the result is still consistent and matchable
        #expect(extended.validationProblems() == [])
        #expect(extended.matches(in: "Donor records in Blackbaud The Raiser's Edge.").first?.source(in: extended) == "onet")
        #expect(extended.matches(in: "R and Go").map(\.id) == ["r", "go"])
    }

    @Test("ESCO-shaped CSV: labels, alternative labels, skill types, released rows only")
    func escoFixtureImport() throws {
        // When the fixture is imported
        let (entries, attribution) = try SkillTaxonomy.importESCO(skillsCSV: escoFixture)
        // Then released, distinct rows become entries with their alternative labels
        #expect(entries.map(\.name) == ["Java (computer programming)", "operate a beehive smoker", "grade wool fleeces"])
        #expect(entries[0].aliases == ["Java", "Java SE", "Java EE 8"])
        #expect(entries[0].category == "esco-knowledge")
        #expect(entries[1].aliases == ["use a bee smoker", "smoke bees, gently"])
        #expect(entries[1].category == "esco-skill-competence")
        #expect(attribution.id == "esco")
        #expect(attribution.publisher == "European Commission")
        #expect(attribution.licence.contains("CC BY 4.0"))
    }

    @Test("ESCO entries merge into existing skills by alias and the rest are added with attribution")
    func escoMerge() throws {
        // Given the bundled taxonomy
        let base = SkillTaxonomy.bundled()
        // When the fixture is imported into it
        let extended = try base.importingESCO(skillsCSV: escoFixture)
        // Then "Java (computer programming)" joined the existing Java skill and the others were added
        let record = try #require(extended.attribution.first { $0.id == "esco" })
        #expect(record.mergedEntries == 1)
        #expect(record.addedEntries == 2)
        #expect(extended.lookup("Java (computer programming)")?.id == "java")
        #expect(extended.lookup("use a bee smoker")?.source == "esco")
        #expect(extended.matches(in: "I can grade wool fleeces.").map(\.id) == ["grade-wool-fleeces"])
        #expect(extended.validationProblems() == [])
    }

    @Test("an ESCO file without preferredLabel is rejected")
    func escoMissingColumn() {
        #expect(throws: ScreenerError.self) { try SkillTaxonomy.importESCO(skillsCSV: "conceptUri,label\nx,y\n") }
    }

    @Test("slug follows the generator's id rule", arguments: [
        ("C++", "cpp"), ("C#", "csharp"), (".NET Core", "dotnet-core"), ("A&P License", "a-and-p-license"),
        ("Node.js", "node-js"), ("Blackbaud The Raiser's Edge", "blackbaud-the-raisers-edge"), ("CI/CD", "ci-cd"),
        ("Notepad++", "notepad-plus-plus"), ("  Zoë's Café  ", "zo-s-caf"),
    ])
    func slugRule(name: String, id: String) {
        #expect(SkillTaxonomy.slug(name) == id)
    }

    @Test("merged(with:) unites entries, aliases and attributions")
    func mergeTaxonomies() {
        // Given two taxonomies sharing one id
        let a = SkillTaxonomy(version: "1", entries: [.init(id: "go", name: "Go", category: "programming-language")])
        let b = SkillTaxonomy(version: "x", source: nil, licence: nil, attribution: [SkillTaxonomy.escoAttribution], entries: [
            .init(id: "go", name: "Go", category: "programming-language", aliases: ["Golang"]),
            .init(id: "beekeeping", name: "Beekeeping", category: "agriculture"),
        ])
        // When merged
        let m = a.merged(with: b)
        // Then the shared entry gains the alias, the new entry is appended, and the attribution is kept
        #expect(m.entries.map(\.id) == ["go", "beekeeping"])
        #expect(m.entry(id: "go")?.aliases == ["Golang"])
        #expect(m.attribution.map(\.id) == ["esco"])
        #expect(m.version == "1+x")
    }
}

extension SkillTaxonomy.Match {
    func source(in taxonomy: SkillTaxonomy) -> String? { taxonomy.entry(id: id)?.source }
}
