import Foundation
import GRDB
import ScreenerCore

extension SQLiteStore {
    public func candidateID(integration: String, externalId: String) -> String {
        Self.stableID("cand_", integration, externalId)
    }

    public func linkEvent(_ eventId: String, toCandidate candidateId: String) async throws {
        try await wrap {
            try self.pool.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO candidate_events (candidate_id, event_id) VALUES (?, ?)", arguments: [candidateId, eventId])
            }
        }
    }

    /// The body that replaces an erased raw event.
    static let erasedBody = Data(#"{"screener":"erased"}"#.utf8)

    public func eraseCandidate(id: String, now: Date) async throws -> ErasureReport {
        let stub = try sealer.seal(Self.erasedBody, context: "raw_events.body")
        let report: ErasureReport = try await wrap {
            try self.pool.write { db in
                let t = now.timeIntervalSince1970
                guard let row = try Row.fetchOne(db, sql: "SELECT erased_at FROM candidates WHERE id = ?", arguments: [id]) else {
                    // Events may be linked to a candidate whose application never got this far.
                    let events = try String.fetchAll(db, sql: "SELECT event_id FROM candidate_events WHERE candidate_id = ?", arguments: [id])
                    guard !events.isEmpty else { throw ScreenerError(.notFound, "no candidate with id \(id)") }
                    for e in events {
                        try db.execute(sql: "UPDATE raw_events SET body = ?, mapped = NULL WHERE id = ?", arguments: [stub, e])
                    }
                    _ = try Self.eraseAssessments(db, candidateId: id, now: now.timeIntervalSince1970)
                    return ErasureReport(candidateId: id, applications: 0, documents: 0, parses: 0, rawEvents: events.count, scoresMinimised: 0, postBacksScrubbed: 0, alreadyErased: false)
                }
                let already = (row["erased_at"] as Double?) != nil
                let applications = try String.fetchAll(db, sql: "SELECT id FROM applications WHERE candidate_id = ?", arguments: [id])
                var documents = 0, parses = 0
                for a in applications {
                    try db.execute(sql: "DELETE FROM documents WHERE application_id = ?", arguments: [a])
                    documents += db.changesCount
                    try db.execute(sql: "DELETE FROM parses WHERE application_id = ?", arguments: [a])
                    parses += db.changesCount
                }
                try db.execute(
                    sql: "UPDATE applications SET answers = NULL, external_id = NULL, stage = NULL, updated_at = ? WHERE candidate_id = ?",
                    arguments: [t, id])
                // Self-identified sex and race are special-category data (GDPR Art. 9): gone with
                // the rest; audits then count the application under "unknown".
                try db.execute(sql: "DELETE FROM demographics WHERE candidate_id = ?", arguments: [id])
                try db.execute(
                    sql: "UPDATE candidates SET identity = NULL, external_id = NULL, erased_at = COALESCE(erased_at, ?), updated_at = ? WHERE id = ?",
                    arguments: [t, t, id])

                let events = try String.fetchAll(db, sql: "SELECT event_id FROM candidate_events WHERE candidate_id = ?", arguments: [id])
                for e in events {
                    try db.execute(sql: "UPDATE raw_events SET body = ?, mapped = NULL WHERE id = ?", arguments: [stub, e])
                }
                // Greenhouse Assessment Partner requests: the sealed callback URL goes, the row is marked erased.
                _ = try Self.eraseAssessments(db, candidateId: id, now: t)

                // Scores keep what audits need (total, components, knockouts, provenance) and lose
                // the evidence quotes and notes taken from the resume.
                var scores = 0
                for s in try Row.fetchAll(db, sql: "SELECT id, score_json FROM scores WHERE candidate_id = ?", arguments: [id]) {
                    var score = try Self.decoder.decode(Score.self, from: s["score_json"] as Data)
                    score.criteria = score.criteria.map { c in
                        var c = c
                        c.evidence = []
                        c.detail = nil
                        return c
                    }
                    score.warnings = []
                    try db.execute(sql: "UPDATE scores SET score_json = ? WHERE id = ?", arguments: [try Self.encoder.encode(score), s["id"] as Int64])
                    scores += 1
                }

                // The ledger keeps each post-back id (so nothing is ever posted twice) but not what
                // it said or whom it named; undelivered ones will never be sent.
                var postBacks = 0
                for p in try Row.fetchAll(db, sql: "SELECT id, postback_json, state FROM outbox WHERE candidate_id = ?", arguments: [id]) {
                    var postBack = try Self.decoder.decode(PostBack.self, from: p["postback_json"] as Data)
                    postBack.note = nil
                    postBack.candidateExternalId = nil
                    postBack.applicationExternalId = nil
                    postBack.payload = nil
                    postBack.callbackURL = nil
                    let state: String = p["state"]
                    try db.execute(
                        sql: "UPDATE outbox SET postback_json = ?, state = ?, updated_at = ? WHERE id = ?",
                        arguments: [try Self.encoder.encode(postBack), ["delivered", "dead"].contains(state) ? state : "superseded", t, p["id"] as String])
                    postBacks += 1
                }
                return ErasureReport(
                    candidateId: id, applications: applications.count, documents: documents, parses: parses, rawEvents: events.count,
                    scoresMinimised: scores, postBacksScrubbed: postBacks, alreadyErased: already)
            }
        }
        // Move the erased pages out of the WAL into the (secure-deleted) main file.
        try await wrap { _ = try self.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) } }
        return report
    }
}
