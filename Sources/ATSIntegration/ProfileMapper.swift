import Foundation
import ScreenerCore

/// Maps a verified payload into `CandidateEvent` by the profile's pointers.
///
/// - The kind comes from `profile.events` (unknown event types are `.other`).
/// - Each field takes the first pointer in its list that reaches a non-null value. Ids and other
///   scalars are rendered as text (`4001693002` → `"4001693002"`); a field that reaches an object or
///   array where text is expected fails.
/// - `emails`/`phones` collect every scalar reached (use `*`), de-duplicated in order.
/// - `appliedAt`: ISO 8601 text, or a number of seconds (ms when ≥ 10¹¹) since the epoch.
/// - Deletion and anonymisation events keep identifiers only: no names, contacts, resume, answers or
///   demographics, so a right-to-erasure event does not itself store personal data.
/// - Demographics: the ATS's text goes through the profile's value map (exact, then case-insensitive)
///   onto EEO-1 names; text outside the map (a declined answer) leaves the field empty.
/// - `mapping.required[kind]` lists fields that must be present for that kind.
///
/// Failures throw `ScreenerError(.mappingFailed)` whose message names the profile, the field and the
/// pointers tried, never the payload's values.
public struct ProfileMapper: Sendable {
    public let profile: ATSProfile

    public init(profile: ATSProfile) {
        self.profile = profile
    }

    public func map(body: Data) throws -> CandidateEvent {
        try map(body: body, eventType: nil)
    }

    /// Maps a stored body whose event type was read at intake (`AcceptedDelivery.eventType`). Needed
    /// for profiles whose event type is a header (SmartRecruiters `event-name`); when given it wins
    /// over the profile's location.
    public func map(body: Data, eventType: String?) throws -> CandidateEvent {
        try map(document: try parse(body), headers: [:], eventType: eventType)
    }

    /// Maps with the request headers available.
    public func map(_ webhook: InboundWebhook) throws -> CandidateEvent {
        try map(document: try parse(webhook.body), headers: webhook.headers, eventType: nil)
    }

    private func parse(_ body: Data) throws -> JSONValue {
        do {
            return try JSONValue.parse(body)
        } catch {
            throw fail("body is not valid JSON")
        }
    }

    func map(document: JSONValue, headers: [String: String], eventType given: String?) throws -> CandidateEvent {
        guard case .object = document else { throw fail("body is not a JSON object") }
        let eventType: String
        if let given, !given.isEmpty {
            eventType = given
        } else if let header = profile.eventType.header {
            guard let value = headers[header.lowercased()], !value.isEmpty else {
                throw fail("event type not found at header \(header)")
            }
            eventType = value
        } else if let pointer = profile.eventType.pointer {
            guard let value = pointer.first(in: document) else { throw fail("event type not found at \(pointer.text)") }
            guard let text = value.scalarText else { throw fail("event type at \(pointer.text) is a \(value.typeName), expected text") }
            eventType = text
        } else {
            throw fail("profile has no event type location")
        }

        let kind = profile.events.kind(of: eventType)
        let identifiersOnly = kind == .candidateDeleted || kind == .candidateAnonymized
        let m = profile.mapping
        var event = CandidateEvent(kind: kind, eventType: eventType)

        if let c = m.candidate {
            var candidate = CandidateEvent.Candidate(externalId: try text(c.externalId, "candidate.externalId", document))
            if !identifiersOnly {
                candidate.firstName = try text(c.firstName, "candidate.firstName", document)
                candidate.lastName = try text(c.lastName, "candidate.lastName", document)
                candidate.fullName = try text(c.fullName, "candidate.fullName", document)
                candidate.emails = try texts(c.emails, "candidate.emails", document)
                candidate.phones = try texts(c.phones, "candidate.phones", document)
            }
            if candidate != CandidateEvent.Candidate() { event.candidate = candidate }
        }
        if let a = m.application {
            var application = CandidateEvent.Application(externalId: try text(a.externalId, "application.externalId", document))
            if !identifiersOnly {
                application.stage = try text(a.stage, "application.stage", document)
                application.appliedAt = try date(a.appliedAt, "application.appliedAt", document)
                application.answers = try answers(m.answers ?? [], document)
            }
            if application != CandidateEvent.Application() { event.application = application }
        }
        if let j = m.job {
            let job = CandidateEvent.Job(
                externalId: try text(j.externalId, "job.externalId", document),
                title: identifiersOnly ? nil : try text(j.title, "job.title", document),
                description: identifiersOnly ? nil : try text(j.description, "job.description", document))
            if job != CandidateEvent.Job() { event.job = job }
        }

        event.fetch = identifiersOnly ? [] : try fetchHints(kind: kind, document)
        if !identifiersOnly {
            event.resume = try resume(m.resume, document, hints: event.fetch)
            event.demographics = try demographics(m.demographics, document)
        }
        try checkRequired(event)
        return event
    }

    // MARK: - fields

    private func fail(_ what: String) -> ScreenerError {
        ScreenerError(.mappingFailed, "profile '\(profile.name)': \(what)")
    }

    private func text(_ list: PointerList?, _ field: String, _ doc: JSONValue) throws -> String? {
        guard let list, let (pointer, values) = list.resolve(in: doc) else { return nil }
        guard let text = values[0].scalarText else {
            throw fail("\(field) at \(pointer.text) is a \(values[0].typeName), expected text")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    private func texts(_ list: PointerList?, _ field: String, _ doc: JSONValue) throws -> [String] {
        guard let list, let (pointer, values) = list.resolve(in: doc) else { return [] }
        var out: [String] = []
        for value in values {
            guard let text = value.scalarText else {
                throw fail("\(field) at \(pointer.text) reaches a \(value.typeName), expected text")
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty, !out.contains(trimmed) { out.append(trimmed) }
        }
        return out
    }

    private func date(_ list: PointerList?, _ field: String, _ doc: JSONValue) throws -> Date? {
        guard let list, let (pointer, values) = list.resolve(in: doc) else { return nil }
        switch values[0] {
        case .string(let s):
            guard let d = CandidateEvent.DateText.parse(s) else { throw fail("\(field) at \(pointer.text) is not an ISO 8601 date-time") }
            return d
        case .integer(let i):
            return Date(timeIntervalSince1970: i >= 100_000_000_000 ? Double(i) / 1000 : Double(i))
        case .double(let d):
            return Date(timeIntervalSince1970: d >= 1.0e11 ? d / 1000 : d)
        default:
            throw fail("\(field) at \(pointer.text) is a \(values[0].typeName), expected a date")
        }
    }

    /// Scalars as text, arrays of scalars joined by `", "`, objects as compact sorted JSON; nulls skipped.
    private func answerText(_ value: JSONValue) throws -> String? {
        switch value {
        case .null: return nil
        case .array(let items):
            let parts = items.compactMap(\.scalarText)
            if parts.count == items.count { return parts.joined(separator: ", ") }
            return String(decoding: try value.serialized(), as: UTF8.self)
        case .object: return String(decoding: try value.serialized(), as: UTF8.self)
        default: return value.scalarText
        }
    }

    private func answers(_ sources: [ATSProfile.AnswerSource], _ doc: JSONValue) throws -> [String: String] {
        var out: [String: String] = [:]
        for source in sources {
            guard let (pointer, values) = source.from.resolve(in: doc) else { continue }
            for container in values {
                switch container {
                case .object(let members):
                    for (key, member) in members {
                        let value = source.value.map { $0.first(in: member) ?? .null } ?? member
                        if let text = try answerText(value) { out[key] = text }
                    }
                case .array(let items):
                    guard let keyPointer = source.key else {
                        throw fail("answers at \(pointer.text) is an array but the profile gives no key pointer")
                    }
                    for item in items {
                        guard let key = keyPointer.first(in: item)?.scalarText, !key.isEmpty else { continue }
                        let value = source.value.map { $0.first(in: item) ?? .null } ?? item
                        if let text = try answerText(value) { out[key] = text }
                    }
                default:
                    throw fail("answers at \(pointer.text) is a \(container.typeName), expected an object or array")
                }
            }
        }
        return out
    }

    private func resume(_ fields: ATSProfile.ResumeFields?, _ doc: JSONValue, hints: [CandidateEvent.FetchHint]) throws -> CandidateEvent.ResumeRef? {
        var ref = CandidateEvent.ResumeRef()
        if let f = fields {
            ref.url = try text(f.url, "resume.url", doc)
            ref.contentBase64 = try text(f.contentBase64, "resume.contentBase64", doc)
            ref.fileName = try text(f.fileName, "resume.fileName", doc)
            ref.contentType = try text(f.contentType, "resume.contentType", doc)
            if let b64 = ref.contentBase64, Data(base64Encoded: b64, options: .ignoreUnknownCharacters) == nil {
                throw fail("resume.contentBase64 at \(f.contentBase64?.description ?? "") is not base64")
            }
            if ref.url != nil { ref.urlValidForSeconds = f.urlValidForSeconds }
        }
        if ref.url == nil, ref.contentBase64 == nil {
            guard hints.contains(where: { $0.resource == "resume" }) else { return nil }
            ref.needsFetch = true
        }
        return ref
    }

    private func demographics(_ fields: ATSProfile.DemographicFields?, _ doc: JSONValue) throws -> Demographics? {
        guard let f = fields else { return nil }
        var d = Demographics()
        if let sex = f.sex, let raw = try text(sex.pointer, "demographics.sex", doc), let target = Self.lookup(raw, in: sex.values) {
            d.sex = Demographics.Sex(rawValue: target)
        }
        if let race = f.race, let raw = try text(race.pointer, "demographics.race", doc), let target = Self.lookup(raw, in: race.values) {
            d.race = Demographics.RaceEthnicity(rawValue: target)
        }
        for (name, list) in f.other ?? [:] {
            if let value = try text(list, "demographics.other.\(name)", doc) { d.other[name] = value }
        }
        return d == Demographics() ? nil : d
    }

    /// Characters left as they are when an id fills a path placeholder (`/` is escaped).
    static let pathSegmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))

    /// The value-map entry for `raw`: exact match first, then ignoring case.
    static func lookup(_ raw: String, in values: [String: String]) -> String? {
        if let exact = values[raw] { return exact }
        let folded = raw.lowercased()
        return values.first { $0.key.lowercased() == folded }?.value
    }

    private func fetchHints(kind: CandidateEvent.Kind, _ doc: JSONValue) throws -> [CandidateEvent.FetchHint] {
        var hints: [CandidateEvent.FetchHint] = []
        rules: for rule in profile.fetch ?? [] {
            if let kinds = rule.kinds, !kinds.contains(where: { ATSProfile.kindNames[$0] == kind }) { continue }
            var ids: [String: String] = [:]
            for (name, list) in rule.params {
                guard let value = try text(list, "fetch.\(rule.resource).\(name)", doc) else { continue rules }
                ids[name] = value
            }
            var path = rule.path
            for (name, value) in ids {
                let escaped = value.addingPercentEncoding(withAllowedCharacters: Self.pathSegmentAllowed) ?? value
                path = path.replacingOccurrences(of: "{\(name)}", with: escaped)
            }
            hints.append(CandidateEvent.FetchHint(resource: rule.resource, path: path, ids: ids))
        }
        return hints
    }

    private func checkRequired(_ event: CandidateEvent) throws {
        let kindName = ATSProfile.kindNames.first { $0.value == event.kind }?.key ?? event.kind.rawValue
        for field in profile.mapping.required?[kindName] ?? [] {
            let present: Bool
            switch field {
            case "candidate.externalId": present = event.candidate?.externalId != nil
            case "candidate.firstName": present = event.candidate?.firstName != nil
            case "candidate.lastName": present = event.candidate?.lastName != nil
            case "candidate.fullName": present = event.candidate?.fullName != nil
            case "candidate.emails": present = !(event.candidate?.emails.isEmpty ?? true)
            case "candidate.phones": present = !(event.candidate?.phones.isEmpty ?? true)
            case "application.externalId": present = event.application?.externalId != nil
            case "application.stage": present = event.application?.stage != nil
            case "application.appliedAt": present = event.application?.appliedAt != nil
            case "job.externalId": present = event.job?.externalId != nil
            case "job.title": present = event.job?.title != nil
            case "job.description": present = event.job?.description != nil
            case "resume": present = event.resume != nil
            default: present = true
            }
            guard present else {
                throw fail("required field \(field) for \(kindName) not found at \(pointers(for: field))")
            }
        }
    }

    /// The pointers configured for a dotted field, for error messages.
    private func pointers(for field: String) -> String {
        let m = profile.mapping
        let list: PointerList?
        switch field {
        case "candidate.externalId": list = m.candidate?.externalId
        case "candidate.firstName": list = m.candidate?.firstName
        case "candidate.lastName": list = m.candidate?.lastName
        case "candidate.fullName": list = m.candidate?.fullName
        case "candidate.emails": list = m.candidate?.emails
        case "candidate.phones": list = m.candidate?.phones
        case "application.externalId": list = m.application?.externalId
        case "application.stage": list = m.application?.stage
        case "application.appliedAt": list = m.application?.appliedAt
        case "job.externalId": list = m.job?.externalId
        case "job.title": list = m.job?.title
        case "job.description": list = m.job?.description
        case "resume": list = m.resume?.url
        default: list = nil
        }
        return list?.description ?? "(no pointer configured)"
    }
}
