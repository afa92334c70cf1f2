import ArgumentParser
import Foundation
import ScreenerCore

struct TaxonomyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxonomy", abstract: "The skills taxonomy.", subcommands: [Show.self, Import.self]
    )

    static let defaultPath = "./data/skills-taxonomy.json"

    /// The extended taxonomy at `path` when it exists, else the bundled one.
    static func current(path: String) throws -> SkillTaxonomy {
        FileManager.default.fileExists(atPath: path) ? try SkillTaxonomy.load(from: URL(fileURLWithPath: path)) : try SkillTaxonomy.loadBundled()
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Version, size, categories and attribution of the taxonomy in use.")
        @Option(help: "Taxonomy file (default: \(TaxonomyCommand.defaultPath) if present, else the bundled one).") var path: String = TaxonomyCommand.defaultPath
        @Option(help: "table or json") var format: OutputFormat = .table

        struct Summary: Encodable {
            var version: String
            var entries: Int
            var categories: [String: Int]
            var attribution: [SkillTaxonomy.Attribution]
        }

        func run() async throws {
            let t = try TaxonomyCommand.current(path: path)
            let cats = Dictionary(grouping: t.entries, by: \.category).mapValues(\.count)
            let s = Summary(version: t.version, entries: t.entries.count, categories: cats, attribution: t.attribution)
            switch format {
            case .json: try printJSON(s)
            case .table:
                print("version \(s.version), \(s.entries) skills in \(cats.count) categories")
                printTable(["CATEGORY", "SKILLS"], cats.sorted { $0.key < $1.key }.map { [$0.key, String($0.value)] })
                for a in t.attribution { print("source \(a.id): \(a.notice)") }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extend the taxonomy from the public O*NET or ESCO downloads, recording their attribution.",
            discussion: "O*NET: 'Technology Skills.txt' (tab-separated, CC BY 4.0, USDOL/ETA). ESCO: skills_en.csv (European Commission)."
        )
        @Option(help: "O*NET 'Technology Skills.txt'.") var onet: String?
        @Option(help: "ESCO skills CSV.") var esco: String?
        @Option(help: "Where the extended taxonomy is written (and read from, if it exists).") var output: String = TaxonomyCommand.defaultPath

        func validate() throws {
            if (onet == nil) == (esco == nil) { throw ValidationError("give exactly one of --onet FILE or --esco FILE") }
        }

        func run() async throws {
            let base = try TaxonomyCommand.current(path: output)
            let before = base.entries.count
            let extended: SkillTaxonomy
            if let onet {
                extended = try base.importingONET(technologySkillsTSV: try Self.read(onet))
            } else {
                extended = try base.importingESCO(skillsCSV: try Self.read(esco!))
            }
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: output).deletingLastPathComponent(), withIntermediateDirectories: true)
            try extended.write(to: URL(fileURLWithPath: output))
            print("\(extended.entries.count - before) skills added (\(extended.entries.count) in all), written to \(output)")
            if let a = extended.attribution.last { print("attribution: \(a.notice)") }
        }

        static func read(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path) else { throw ScreenerError(.invalidInput, "cannot read \(path)") }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
