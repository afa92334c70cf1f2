import BiasAudit
import Foundation
import ResumeParsing
import Scoring
import ScreenerCore
import ScreenerServer
import ScreenerTestSupport
import Storage
import Testing

/// `screener audit counterfactual --job J` over stored resumes: variants go through redaction and
/// the adapter like live candidates. The built-in model shows no change; a deliberately biased
/// adapter that docks candidates with an employment gap is caught and flagged.
@Suite("Counterfactual audit over the store")
struct CounterfactualStoreTests {
    static let job = "acme:cf"

    /// A test adapter with a deliberate bias: 15 points off when the profile shows a gap of a year
    /// or more before the latest job (a proxy that penalises carers, often women).
    struct GapBiasedModel: ScoringModel {
        let base: BuiltinModel
        var descriptor: ScoringModelDescriptor { .init(adapter: "test", model: "gap-biased", version: "1") }
        func score(_ profile: RedactedProfile, criteria: JobCriteria) async throws -> Score {
            var s = try await base.score(profile, criteria: criteria)
            let work = profile.work.filter { $0.monthsSinceEnd != nil && $0.durationMonths != nil }
                .sorted { $0.monthsSinceEnd! < $1.monthsSinceEnd! }
            if work.count >= 2, work[1].monthsSinceEnd! - (work[0].monthsSinceEnd! + work[0].durationMonths!) >= 12 {
                s.total = max(0, s.total - 15)
            }
            return s
        }
    }

    /// Parses up to `count` real resumes (dataturks) with at least two dated jobs and stores them,
    /// scored by the built-in model, as applications to one job. Nil when ../shared/data is absent.
    static func seed(_ store: SQLiteStore, count: Int) async throws -> Int? {
        guard let raw = try? String(contentsOf: TestPaths.sharedData.appendingPathComponent("dataturks/traindata.json"), encoding: .utf8) else { return nil }
        let taxonomy = try SkillTaxonomy.loadBundled()
        let parser = ResumeParser(taxonomy: taxonomy, clock: SystemClock())
        let model = BuiltinModel(taxonomy: taxonomy)
        let redactor = Redactor()
        var criteria = JobCriteria(id: job, title: "Java Developer")
        criteria.requiredSkills = [.init(name: "Java", minYears: 2), .init(name: "SQL")]
        criteria.preferredSkills = [.init(name: "Spring")]
        criteria.minExperienceYears = 3
        _ = try await store.upsertATSJob(integration: "acme", externalId: "cf", title: "Java Developer", description: nil, now: Date())
        _ = try await store.putCriteria(criteria, jobId: job, source: .cli, now: Date())
        var stored = 0
        for (i, line) in raw.split(separator: "\n").enumerated() where stored < count {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let content = obj["content"] as? String,
                  let parsed = try? parser.parse(data: Data(content.utf8), fileName: "r\(i).txt"),
                  parsed.work.filter({ $0.startDate != nil }).count >= 2 else { continue }
            let app = try await store.upsertApplication(
                integration: "acme", candidate: .init(externalId: "cf\(i)"), application: .init(externalId: "cfa\(i)"),
                jobId: job, eventId: "cfe\(i)", now: Date())
            let redacted = redactor.redact(parsed)
            try await store.storeParse(applicationId: app.id, parsed: parsed, redacted: redacted, now: Date())
            let score = try await model.score(redacted, criteria: criteria)
            try await store.storeScore(ScoreRecord(applicationId: app.id, candidateId: app.candidateId, jobId: job, criteriaVersion: 1, score: score, yearsOfExperience: nil, createdAt: Date()))
            stored += 1
        }
        return stored
    }

    @Test("builtin: no score moves under name, pronoun, age or gap swaps; a gap-biased adapter is flagged")
    func builtinCleanBiasedFlagged() async throws {
        let env = try TestEnvironment()
        let store = try await env.openStore()
        guard let seeded = try await Self.seed(store, count: 12) else {
            print("SKIP: ../shared/data/dataturks not found; counterfactual store test not run")
            return
        }
        #expect(seeded == 12)
        let names = try NameBank.loadBundled()
        #expect(names.groups.count == 8, "4 race/ethnicity groups × 2 sexes")
        let taxonomy = try SkillTaxonomy.loadBundled()

        let clean = CounterfactualRunner(store: store, model: BuiltinModel(taxonomy: taxonomy), names: names, clock: SystemClock())
        let (report, run) = try await clean.run(.init(jobId: Self.job, sample: 10), actor: "cli:test")
        let cf = try #require(report.counterfactual)
        #expect(cf.resumes == 10 && cf.variantsScored > 100)
        #expect(!cf.biasDetected, "builtin flagged: \(cf.flags)")
        #expect(cf.summaries.allSatisfy { $0.maxAbsoluteChange <= 2 })
        #expect(run.kind == "counterfactual" && run.toolConfigurations == [BuiltinModel(taxonomy: taxonomy).descriptor.toolConfiguration])

        let biased = CounterfactualRunner(store: store, model: GapBiasedModel(base: BuiltinModel(taxonomy: taxonomy)), names: names, clock: SystemClock())
        let flagged = try #require(try await biased.run(.init(jobId: Self.job, sample: 10), actor: "cli:test").report.counterfactual)
        #expect(flagged.biasDetected)
        let gap = try #require(flagged.summaries.first { $0.family == "employment_gap" })
        #expect(gap.flagged && gap.maxAbsoluteChange >= 15)
        #expect(flagged.summaries.filter { $0.family == "name" }.allSatisfy { !$0.flagged }, "names are redacted before the adapter")
        #expect(try await store.auditRuns(limit: 10).count == 2)

        await #expect(throws: ScreenerError.self) { try await clean.run(.init(jobId: "acme:none"), actor: "x") }
    }
}
