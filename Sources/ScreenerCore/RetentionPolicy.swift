import Foundation

/// How long each class of data is kept, in days; `nil` keeps it until erasure. The retention sweeper
/// purges what is older than its limit:
/// - `rawEventsDays`: bodies and mapped events of processed webhook deliveries (replaced by a stub;
///   the row stays as the dedupe record). Quarantined deliveries are kept for replay.
/// - `resumeFilesDays`: fetched resume bytes.
/// - `parsedTextDays`: parsed and redacted profiles.
/// - `scoresDays`: scores with their evidence.
/// - `auditDataDays`: what the bias audits tabulate beyond scores: candidates' self-identified
///   demographics and recorded outcomes (recruiter and ATS decisions). The audit-run record (who
///   audited what, and the result's hash; no personal data) is kept.
/// Age is measured from when the item was stored.
public struct RetentionPolicy: Codable, Sendable, Equatable {
    public var rawEventsDays: Int?
    public var resumeFilesDays: Int?
    public var parsedTextDays: Int?
    public var scoresDays: Int?
    public var auditDataDays: Int?

    public init(rawEventsDays: Int? = 30, resumeFilesDays: Int? = 90, parsedTextDays: Int? = 180, scoresDays: Int? = 730, auditDataDays: Int? = 730) {
        self.rawEventsDays = rawEventsDays
        self.resumeFilesDays = resumeFilesDays
        self.parsedTextDays = parsedTextDays
        self.scoresDays = scoresDays
        self.auditDataDays = auditDataDays
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = RetentionPolicy()
        rawEventsDays = try c.decodeIfPresent(Int.self, forKey: .rawEventsDays) ?? d.rawEventsDays
        resumeFilesDays = try c.decodeIfPresent(Int.self, forKey: .resumeFilesDays) ?? d.resumeFilesDays
        parsedTextDays = try c.decodeIfPresent(Int.self, forKey: .parsedTextDays) ?? d.parsedTextDays
        scoresDays = try c.decodeIfPresent(Int.self, forKey: .scoresDays) ?? d.scoresDays
        auditDataDays = try c.decodeIfPresent(Int.self, forKey: .auditDataDays) ?? d.auditDataDays
    }
}

/// What one sweep purged, in counts.
public struct RetentionReport: Codable, Sendable, Equatable {
    public var rawEvents: Int
    public var documents: Int
    public var parses: Int
    public var scores: Int
    public var demographics: Int
    public var outcomes: Int
    public init(rawEvents: Int = 0, documents: Int = 0, parses: Int = 0, scores: Int = 0, demographics: Int = 0, outcomes: Int = 0) {
        self.rawEvents = rawEvents
        self.documents = documents
        self.parses = parses
        self.scores = scores
        self.demographics = demographics
        self.outcomes = outcomes
    }
    public var total: Int { rawEvents + documents + parses + scores + demographics + outcomes }
}
