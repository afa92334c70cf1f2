import Foundation
import HTTPTypes
import Hummingbird

extension FakeATS {
    /// The parsed pieces of one request, recorded before anything else happens.
    struct Incoming {
        var route: Route
        var method: String
        var path: String
        var query: String
        var headers: [String: String]
        var body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:] }
        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    /// What a route answers: a status, a JSON object (or raw bytes) and extra headers.
    struct Answer {
        var status: Int
        var object: Any
        var headers: [String: String] = [:]
        /// Sent as is instead of `object` when set.
        var raw: Data? = nil
    }

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.post("/standard/callback") { req, ctx in try await self.handle(.standardCallback, req, ctx) { _ in
            Answer(status: 200, object: [String: Any]())
        } }
        router.post("/token") { req, ctx in try await self.handle(.greenhouseToken, req, ctx, authorize: self.greenhouseClient) { _ in
            self.issueToken()
        } }
        router.post("/v3/notes") { req, ctx in try await self.handle(.greenhouseCreateNote, req, ctx, authorize: self.bearer) { r in
            let json = r.json
            let owner = Self.idText(json["candidate_id"])
            guard let owner, let text = json["body"] as? String else { return Answer(status: 422, object: ["error": "candidate_id and body are required"]) }
            let id = self.store(owner: owner, text: text)
            return Answer(status: 201, object: ["id": Int(id) ?? 0, "candidate_id": json["candidate_id"] ?? NSNull(), "body": text,
                                                "visibility": json["visibility"] ?? "admin_only"] as [String: Any])
        } }
        router.get("/v3/notes") { req, ctx in try await self.handle(.greenhouseListNotes, req, ctx, authorize: self.bearer) { r in
            let ids = Self.queryItems(r.query)["candidate_ids"]?.split(separator: ",").map(String.init) ?? []
            let notes = self.state.withLock { s in s.notes.filter { ids.isEmpty || ids.contains($0.owner) } }
            return Answer(status: 200, object: notes.map { ["id": Int($0.id) ?? 0, "candidate_id": Int($0.owner) ?? 0, "body": $0.text, "type": "NOTE"] as [String: Any] })
        } }
        router.get("/v3/candidate_tags") { req, ctx in try await self.handle(.greenhouseListTags, req, ctx, authorize: self.bearer) { _ in
            let all = self.state.withLock { s -> [(key: Int, value: String)] in
                let listed = s.greenhouseTagNames.sorted { $0.key < $1.key }
                if let (id, name) = s.pendingGreenhouseTag {
                    s.greenhouseTagNames[id] = name
                    s.pendingGreenhouseTag = nil
                }
                return listed
            }
            return Answer(status: 200, object: all.map { ["id": $0.key, "name": $0.value] as [String: Any] })
        } }
        router.post("/v3/candidate_tags") { req, ctx in try await self.handle(.greenhouseCreateTag, req, ctx, authorize: self.bearer) { r in
            guard let name = r.json["name"] as? String, !name.isEmpty else { return Answer(status: 422, object: ["error": "name is required"]) }
            let id = self.state.withLock { s -> Int in
                if let existing = s.greenhouseTagNames.first(where: { $0.value.lowercased() == name.lowercased() }) { return existing.key }
                let id = 9000 + s.greenhouseTagNames.count
                s.greenhouseTagNames[id] = name
                return id
            }
            return Answer(status: 201, object: ["id": id, "name": name] as [String: Any])
        } }
        router.get("/v3/applied_candidate_tags") { req, ctx in try await self.handle(.greenhouseListAppliedTags, req, ctx, authorize: self.bearer) { r in
            let ids = Self.queryItems(r.query)["candidate_ids"]?.split(separator: ",").map(String.init) ?? []
            let rows = self.state.withLock { s -> [[String: Any]] in
                var out: [[String: Any]] = []
                for (owner, names) in s.tags where ids.isEmpty || ids.contains(owner) {
                    for name in names {
                        if let id = s.greenhouseTagNames.first(where: { $0.value == name })?.key {
                            out.append(["candidate_id": Int(owner) ?? 0, "candidate_tag_id": id])
                        }
                    }
                }
                return out
            }
            return Answer(status: 200, object: rows)
        } }
        router.post("/v3/applied_candidate_tags") { req, ctx in try await self.handle(.greenhouseApplyTag, req, ctx, authorize: self.bearer) { r in
            let json = r.json
            guard let owner = Self.idText(json["candidate_id"]), let tagID = (json["candidate_tag_id"] as? NSNumber)?.intValue,
                  let name = self.state.withLock({ $0.greenhouseTagNames[tagID] })
            else { return Answer(status: 422, object: ["error": "candidate_id and a known candidate_tag_id are required"]) }
            _ = self.addTags(owner: owner, [name])
            return Answer(status: 201, object: ["candidate_id": json["candidate_id"] ?? NSNull(), "candidate_tag_id": tagID] as [String: Any])
        } }
        router.post("/v1/opportunities/:id/notes") { req, ctx in try await self.handle(.leverCreateNote, req, ctx, authorize: self.basic(self.credentials.leverAPIKey)) { r in
            let owner = ctx.parameters.get("id") ?? ""
            guard let text = r.json["value"] as? String else { return Answer(status: 400, object: ["code": "BadRequestError", "message": "value is required"]) }
            let id = self.store(owner: owner, text: text)
            return Answer(status: 201, object: ["data": ["noteId": "note-\(id)"]])
        } }
        router.get("/v1/opportunities/:id/notes") { req, ctx in try await self.handle(.leverListNotes, req, ctx, authorize: self.basic(self.credentials.leverAPIKey)) { _ in
            let owner = ctx.parameters.get("id") ?? ""
            let data = self.notes(for: owner).map { n -> [String: Any] in
                ["id": "note-\(n.id)", "text": n.text, "fields": [["type": "note", "text": "", "value": n.text]]]
            }
            return Answer(status: 200, object: ["data": data, "hasNext": false] as [String: Any])
        } }
        router.post("/v1/opportunities/:id/addTags") { req, ctx in try await self.handle(.leverAddTags, req, ctx, authorize: self.basic(self.credentials.leverAPIKey)) { r in
            let owner = ctx.parameters.get("id") ?? ""
            guard let tags = r.json["tags"] as? [String] else { return Answer(status: 400, object: ["code": "BadRequestError", "message": "tags is required"]) }
            let all = self.addTags(owner: owner, tags)
            return Answer(status: 200, object: ["data": ["id": owner, "tags": all] as [String: Any]])
        } }
        router.post("/candidate.createNote") { req, ctx in try await self.handle(.ashbyCreateNote, req, ctx, authorize: self.basic(self.credentials.ashbyAPIKey)) { r in
            let json = r.json
            let text = (json["note"] as? String) ?? ((json["note"] as? [String: Any])?["value"] as? String)
            guard let owner = json["candidateId"] as? String, let text else {
                return Answer(status: 200, object: ["success": false, "errorInfo": ["code": "invalid_input"]] as [String: Any])
            }
            let id = self.store(owner: owner, text: text)
            return Answer(status: 200, object: ["success": true, "results": ["id": "ashby-note-\(id)", "content": text]] as [String: Any])
        } }
        router.post("/candidate.listNotes") { req, ctx in try await self.handle(.ashbyListNotes, req, ctx, authorize: self.basic(self.credentials.ashbyAPIKey)) { r in
            guard let owner = r.json["candidateId"] as? String else {
                return Answer(status: 200, object: ["success": false, "errorInfo": ["code": "invalid_input"]] as [String: Any])
            }
            let results = self.notes(for: owner).map { ["id": "ashby-note-\($0.id)", "content": $0.text] }
            return Answer(status: 200, object: ["success": true, "results": results, "moreDataAvailable": false] as [String: Any])
        } }
        router.post("/candidate.addTag") { req, ctx in try await self.handle(.ashbyAddTag, req, ctx, authorize: self.basic(self.credentials.ashbyAPIKey)) { r in
            guard let owner = r.json["candidateId"] as? String, let tag = r.json["tagId"] as? String else {
                return Answer(status: 200, object: ["success": false, "errorInfo": ["code": "invalid_input"]] as [String: Any])
            }
            let all = self.addTags(owner: owner, [tag])
            return Answer(status: 200, object: ["success": true, "results": ["id": owner, "tags": all.map { ["id": $0] }] as [String: Any]] as [String: Any])
        } }
    }

    /// Records the request, applies the route's script, checks credentials, runs the side effect.
    func handle(
        _ route: Route, _ request: Request, _ context: BasicRequestContext,
        authorize: (Incoming) -> Bool = { _ in true },
        _ effect: (Incoming) -> Answer
    ) async throws -> Response {
        var req = request
        let buffer = try await req.collectBody(upTo: 8 << 20)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        let incoming = Incoming(route: route, method: request.method.rawValue, path: request.uri.path,
                                query: request.uri.query ?? "", headers: headers, body: Data(buffer.readableBytesView))
        let index = state.withLock { s -> Int in
            s.requests.append(RecordedRequest(route: route, method: incoming.method, path: incoming.path, query: incoming.query,
                                              headers: headers, body: incoming.body, status: nil, receivedAt: Date()))
            return s.requests.count - 1
        }
        let scripted = state.withLock { s -> Behaviour? in
            guard var queue = s.scripts[route], !queue.isEmpty else { return nil }
            let first = queue.removeFirst()
            s.scripts[route] = queue
            return first
        }
        var answer: Answer
        if case .reply(let status, let replyHeaders, let body)? = scripted {
            answer = Answer(status: status, object: ["error": "scripted \(status)"], headers: replyHeaders, raw: body.map { Data($0.utf8) })
        } else if !authorize(incoming) {
            answer = Answer(status: 401, object: ["error": "unauthorized"])
        } else {
            answer = effect(incoming)
            if scripted == .lostResponse {
                for _ in 0..<1000 where !state.withLock({ $0.stopped }) {
                    try? await Task.sleep(for: .milliseconds(10))
                }
                throw HTTPError(.serviceUnavailable)
            }
        }
        state.withLock { $0.requests[index].status = answer.status }
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (name, value) in answer.headers {
            if let n = HTTPField.Name(name) { fields[n] = value }
        }
        let data = answer.raw ?? (try? JSONSerialization.data(withJSONObject: answer.object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: .init(code: answer.status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: side effects

    func store(owner: String, text: String) -> String {
        state.withLock { s in
            let id = String(s.nextID)
            s.nextID += 1
            s.notes.append(StoredNote(id: id, owner: owner, text: text))
            return id
        }
    }

    func addTags(owner: String, _ tags: [String]) -> [String] {
        state.withLock { s in
            var current = s.tags[owner] ?? []
            for t in tags where !current.contains(t) { current.append(t) }
            s.tags[owner] = current
            return current
        }
    }

    func issueToken() -> Answer {
        let token = state.withLock { s -> String in
            s.tokensIssued += 1
            let t = "fake-token-\(s.tokensIssued)"
            s.validTokens.insert(t)
            return t
        }
        return Answer(status: 200, object: ["access_token": token, "token_type": "Bearer", "expires_in": credentials.tokenLifetime] as [String: Any])
    }

    // MARK: credentials

    func greenhouseClient(_ r: Incoming) -> Bool {
        guard let user = Self.basicUser(r.header("authorization")),
              user.0 == credentials.greenhouseClientID, user.1 == credentials.greenhouseClientSecret else { return false }
        return Self.queryItems(String(decoding: r.body, as: UTF8.self))["grant_type"] == "client_credentials"
    }

    func bearer(_ r: Incoming) -> Bool {
        guard let h = r.header("authorization"), h.hasPrefix("Bearer ") else { return false }
        let token = String(h.dropFirst(7))
        return state.withLock { $0.validTokens.contains(token) }
    }

    func basic(_ key: String) -> @Sendable (Incoming) -> Bool {
        { r in
            guard let user = Self.basicUser(r.header("authorization")) else { return false }
            return user.0 == key && user.1.isEmpty
        }
    }

    static func basicUser(_ header: String?) -> (String, String)? {
        guard let header, header.hasPrefix("Basic "),
              let decoded = Data(base64Encoded: String(header.dropFirst(6))),
              let text = String(data: decoded, encoding: .utf8),
              let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    static func queryItems(_ query: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            if let k = parts.first { out[k] = parts.count > 1 ? parts[1] : "" }
        }
        return out
    }

    static func idText(_ value: Any?) -> String? {
        if let n = value as? NSNumber { return n.stringValue }
        return value as? String
    }
}
