import Foundation
import ScreenerCore

/// Candidate tags through Harvest v3, applied before the note (a set operation, so a retry repeats
/// nothing): Harvest v3 keeps the organisation's tag dictionary at `/v3/candidate_tags` (`{id, name}`)
/// and the tags on candidates at `/v3/applied_candidate_tags` (`{candidate_id, candidate_tag_id}`);
/// see https://harvestdocs.greenhouse.io/reference (`get_v3-candidate-tags`,
/// `post_v3-candidate-tags`, `get_v3-applied-candidate-tags`, `post_v3-applied-candidate-tags`).
///
/// 1. Tag names resolve to ids from `GET /v3/candidate_tags?per_page=500` (following `Link` pages),
///    matched case-insensitively and cached for the writer's life; a name Greenhouse does not have
///    is created with `POST /v3/candidate_tags {"name": …}`.
/// 2. `GET /v3/applied_candidate_tags?candidate_ids=<id>&per_page=500` says which are on the
///    candidate already; each missing one is applied with
///    `POST /v3/applied_candidate_tags {"candidate_id": …, "candidate_tag_id": …}`.
extension GreenhouseHarvestWriter {
    /// nil when every tag is on the candidate; otherwise why not (to retry or give up).
    func applyTags(_ names: [String], candidate: String) async -> PostBackResult? {
        let ids: [Int64]
        switch await tagIDs(names) {
        case .success(let found): ids = found
        case .failure(let failure): return LeverWriter.prefixed(failure.result, "tags")
        }
        let applied: Set<Int64>
        switch await listAll("\(base)/v3/applied_candidate_tags?candidate_ids=\(WriterHTTP.encode(candidate))&per_page=500") {
        case .failure(let failure): return LeverWriter.prefixed(failure.result, "tags")
        case .success(let rows):
            applied = Set(rows.filter { Self.int(from: $0["candidate_id"]).map(String.init) == candidate || ($0["candidate_id"] as? String) == candidate }
                .compactMap { Self.int(from: $0["candidate_tag_id"]) })
        }
        let candidateValue: Any = Int64(candidate).map { $0 as Any } ?? candidate
        for id in ids where !applied.contains(id) {
            let body = try! JSONSerialization.data(withJSONObject: ["candidate_id": candidateValue, "candidate_tag_id": id])
            switch await authorized("POST", "\(base)/v3/applied_candidate_tags", body: body) {
            case .failed(let r): return LeverWriter.prefixed(r, "tags")
            case .response(let status, let headers, _):
                let r = PostBackResponse.classify(status: status, headers: headers, now: clock.now())
                guard case .delivered = r else { return LeverWriter.prefixed(r, "apply tag") }
            }
        }
        return nil
    }

    struct Failure: Error { var result: PostBackResult }

    /// The tags' ids: cached, else from one listing of the dictionary, else created.
    func tagIDs(_ names: [String]) async -> Result<[Int64], Failure> {
        var missing: [String] = []
        for name in names where await tagCache.id(name) == nil { missing.append(name) }
        if !missing.isEmpty {
            switch await listAll("\(base)/v3/candidate_tags?per_page=500") {
            case .failure(let f): return .failure(f)
            case .success(let rows):
                for row in rows {
                    if let id = Self.int(from: row["id"]), let n = row["name"] as? String { await tagCache.set(n, id) }
                }
            }
        }
        var ids: [Int64] = []
        for name in names {
            if let id = await tagCache.id(name) {
                ids.append(id)
                continue
            }
            let body = try! JSONSerialization.data(withJSONObject: ["name": name])
            switch await authorized("POST", "\(base)/v3/candidate_tags", body: body) {
            case .failed(let r): return .failure(Failure(result: r))
            case .response(let status, let headers, let responseBody):
                let r = PostBackResponse.classify(status: status, headers: headers, now: clock.now())
                guard case .delivered = r else {
                    // Another delivery may have created the same tag a moment ago (Greenhouse then
                    // refuses the duplicate name): take it from a fresh listing if it is there now.
                    if (400..<500).contains(status), case .success(let rows) = await listAll("\(base)/v3/candidate_tags?per_page=500") {
                        for row in rows {
                            if let id = Self.int(from: row["id"]), let n = row["name"] as? String { await tagCache.set(n, id) }
                        }
                        if let id = await tagCache.id(name) {
                            ids.append(id)
                            continue
                        }
                    }
                    return .failure(Failure(result: LeverWriter.prefixed(r, "create tag")))
                }
                guard let object = try? JSONSerialization.jsonObject(with: responseBody) as? [String: Any], let id = Self.int(from: object["id"]) else {
                    return .failure(Failure(result: .retry(after: nil, reason: "create tag: the answer has no id")))
                }
                await tagCache.set(name, id)
                ids.append(id)
            }
        }
        return .success(ids)
    }

    /// Every object of a paginated v3 list (a JSON array per page, `Link: rel="next"`).
    func listAll(_ first: String) async -> Result<[[String: Any]], Failure> {
        var rows: [[String: Any]] = []
        var next: String? = first
        var pages = 0
        while let url = next {
            guard pages < Self.maxListPages else { return .failure(Failure(result: .retry(after: nil, reason: "too many pages"))) }
            pages += 1
            switch await authorized("GET", url, body: nil) {
            case .failed(let r): return .failure(Failure(result: r))
            case .response(let status, let headers, let body):
                guard (200..<300).contains(status) else {
                    return .failure(Failure(result: PostBackResponse.classify(status: status, headers: headers, now: clock.now())))
                }
                guard let page = try? JSONSerialization.jsonObject(with: body) as? [[String: Any]] else {
                    return .failure(Failure(result: .retry(after: nil, reason: "list answer is not a JSON array")))
                }
                rows += page
                next = Self.nextLink(headers)
            }
        }
        return .success(rows)
    }

    static func int(from value: Any?) -> Int64? {
        if let n = value as? NSNumber { return n.int64Value }
        if let s = value as? String { return Int64(s) }
        return nil
    }
}

/// Tag name → Greenhouse tag id, case-insensitive, for one writer.
actor GreenhouseTagCache {
    private var ids: [String: Int64] = [:]
    func id(_ name: String) -> Int64? { ids[name.lowercased()] }
    func set(_ name: String, _ id: Int64) { ids[name.lowercased()] = id }
}
