import Foundation
import ScreenerCore
import Scoring

/// Decides which post-backs a new shortlist revision queues, and gives each a stable id.
///
/// - `standard` integrations get one `shortlist.updated` per revision:
///   id = `pb_` + SHA-256(integration, job, "shortlist", revision)[0..<20].
/// - Note-writing ATSs (greenhouse, lever, ashby) get one note per candidate who enters the
///   shortlist under a criteria version: id = `pb_` + SHA-256(integration, job, candidate,
///   "shortlisted", criteria version)[0..<20]. Leaving and re-entering under the same version posts
///   nothing new, and rank changes are not re-noted: the notes are append-only in the ATS.
///
/// Jobs that did not come from an ATS (put from the CLI) and integrations without post-back
/// settings queue nothing. The shortlist only advises: nothing here rejects or moves a candidate.
public struct PostBackPlanner: Sendable {
    public struct Target: Sendable, Equatable {
        public var profile: String
        public var tags: [String]
        public init(profile: String, tags: [String] = ["screener-shortlisted"]) {
            self.profile = profile
            self.tags = tags
        }
    }

    /// Integrations that post back, by integration name.
    public var targets: [String: Target]
    /// Candidate notes wait this long after the newest shortlist revision of their job, so that a
    /// burst of applications settles before notes go out (and candidates who enter and leave within
    /// it are never noted).
    public var debounce: TimeInterval

    public init(targets: [String: Target], debounce: TimeInterval = 0) {
        self.targets = targets
        self.debounce = debounce
    }

    public static func postBackID(_ parts: String...) -> String {
        "pb_" + String(SHA256Hex.hex(of: Data(parts.joined(separator: "\u{0}").utf8)).prefix(20))
    }

    public func plan(shortlist: Shortlist, previous: Shortlist?, job: JobRecord, store: any PipelineStore, now: Date) async throws -> [OutboxItem] {
        guard let integration = job.integration, let target = targets[integration] else { return [] }
        func item(_ p: PostBack, candidateId: String?) -> OutboxItem {
            OutboxItem(
                postBack: p, jobId: job.id, candidateId: candidateId, state: .pending, attempts: 0, uncertain: false,
                availableAt: p.kind == .candidateNote ? now.addingTimeInterval(debounce) : now, lastError: nil, remoteId: nil, createdAt: now, deliveredAt: nil)
        }
        if target.profile == "standard" {
            let payload = try JSONEncoder.sorted.encode(shortlist)
            let p = PostBack(
                id: Self.postBackID(integration, job.id, "shortlist", String(shortlist.revision)), integration: integration,
                profile: target.profile, kind: .shortlistUpdated, jobExternalId: job.externalId, payload: payload)
            return [item(p, candidateId: nil)]
        }
        let before = Set(previous.map { $0.criteriaVersion == shortlist.criteriaVersion ? $0.entries.map(\.candidateId) : [] } ?? [])
        var items: [OutboxItem] = []
        for entry in shortlist.entries where !before.contains(entry.candidateId) {
            guard let candidate = try await store.candidate(id: entry.candidateId) else { continue }
            let application = try await store.applications(candidateId: entry.candidateId).first { $0.jobId == job.id }
            let p = PostBack(
                id: Self.postBackID(integration, job.id, entry.candidateId, "shortlisted", String(shortlist.criteriaVersion)),
                integration: integration, profile: target.profile, kind: .candidateNote, jobExternalId: job.externalId,
                candidateExternalId: candidate.externalId, applicationExternalId: application?.externalId, rank: entry.rank,
                score: entry.score, note: Self.noteText(entry, shortlist: shortlist), tags: target.tags)
            items.append(item(p, candidateId: entry.candidateId))
        }
        return items
    }

    /// The note: rank, score and reasons, in plain text. No PII: skills and numbers only.
    public static func noteText(_ entry: Shortlist.Entry, shortlist: Shortlist) -> String {
        var lines = [
            "Screener shortlist: rank \(entry.rank) of \(shortlist.entries.count), score \(String(format: "%.1f", entry.score))/100.",
        ]
        if !entry.topSkills.isEmpty { lines.append("Matched: \(entry.topSkills.joined(separator: ", ")).") }
        if !entry.missingRequired.isEmpty { lines.append("Missing required: \(entry.missingRequired.joined(separator: ", ")).") }
        if let years = entry.yearsOfExperience { lines.append("Experience: \(String(format: "%.1f", years)) years.") }
        lines.append(
            "Model \(entry.model.adapter) \(entry.model.model) \(entry.model.version), criteria v\(entry.criteriaVersion), shortlist revision \(shortlist.revision).")
        lines.append("Advisory only: a recruiter reviews every candidate.")
        return lines.joined(separator: "\n")
    }
}
