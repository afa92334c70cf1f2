import Foundation
import ScreenerCore

extension ATSProfile {
    /// The dotted field paths that `mapping.required` may name.
    public static let requirableFields: Set<String> = [
        "candidate.externalId", "candidate.firstName", "candidate.lastName", "candidate.fullName",
        "candidate.emails", "candidate.phones",
        "application.externalId", "application.stage", "application.appliedAt",
        "job.externalId", "job.title", "job.description",
        "resume",
    ]

    /// The `CandidateEvent.Kind` case names used as keys in `mapping.required` and `fetch[].kinds`.
    public static let kindNames: [String: CandidateEvent.Kind] = [
        "application": .application, "stageChange": .stageChange, "candidateDeleted": .candidateDeleted,
        "candidateAnonymized": .candidateAnonymized, "jobCreated": .jobCreated, "jobUpdated": .jobUpdated,
        "ping": .ping, "other": .other,
    ]

    /// Checks everything the JSON Schema cannot: one-of value sources, known names, EEO-1 targets,
    /// placeholders. Throws `ScreenerError(.invalidProfile)` naming the profile and the setting.
    public func validate() throws {
        func fail(_ what: String) -> ScreenerError {
            ScreenerError(.invalidProfile, "profile '\(name)': \(what)")
        }
        guard name.range(of: "^[a-z0-9][a-z0-9_-]*$", options: .regularExpression) != nil else {
            throw fail("name must be lowercase letters, digits, '-' or '_'")
        }
        guard (200...299).contains(successStatus) else { throw fail("successStatus must be 2xx") }

        guard ["hmac-sha256", "hmac-sha512"].contains(signature.algorithm) else {
            throw fail("signature.algorithm must be hmac-sha256 or hmac-sha512")
        }
        guard ["utf8", "whsec-base64"].contains(signature.key) else {
            throw fail("signature.key must be utf8 or whsec-base64")
        }
        guard ["hex", "base64"].contains(signature.encoding) else {
            throw fail("signature.encoding must be hex or base64")
        }
        guard signature.location.count == 1, signature.location.header != nil || signature.location.pointer != nil else {
            throw fail("signature.location must be one header or one pointer")
        }
        guard !signature.signedContent.isEmpty else { throw fail("signature.signedContent is empty") }
        for part in signature.signedContent where part.count != 1 || part.bodySHA256 != nil {
            throw fail("each signature.signedContent part must be one of header, pointer, body")
        }
        if let ts = signature.timestamp {
            guard ["seconds", "milliseconds"].contains(ts.unit) else {
                throw fail("signature.timestamp.unit must be seconds or milliseconds")
            }
            guard ts.source.count == 1, ts.source.header != nil || ts.source.pointer != nil else {
                throw fail("signature.timestamp.source must be one header or one pointer")
            }
            if let tol = ts.toleranceSeconds, !(tol > 0) { throw fail("signature.timestamp.toleranceSeconds must be > 0") }
        }
        guard dedupeKey.count == 1, dedupeKey.body == nil else {
            throw fail("dedupeKey must be one of header, pointer, bodySHA256")
        }
        guard eventType.count == 1, eventType.header != nil || eventType.pointer != nil else {
            throw fail("eventType must be one header or one pointer")
        }
        if let hs = handshake {
            guard !hs.requestHeader.isEmpty, (200...299).contains(hs.status) else {
                throw fail("handshake needs a requestHeader and a 2xx status")
            }
        }

        var seen: [String: CandidateEvent.Kind] = [:]
        for (kind, names) in events.table {
            for n in names {
                if let other = seen[n], other != kind { throw fail("event '\(n)' is listed under two kinds") }
                seen[n] = kind
            }
        }

        for (kindName, fields) in mapping.required ?? [:] {
            guard Self.kindNames[kindName] != nil else { throw fail("mapping.required has unknown kind '\(kindName)'") }
            for f in fields where !Self.requirableFields.contains(f) {
                throw fail("mapping.required.\(kindName) names unknown field '\(f)'")
            }
        }
        if let demo = mapping.demographics {
            let sexes = Set(Demographics.Sex.allCases.map(\.rawValue))
            let races = Set(Demographics.RaceEthnicity.allCases.map(\.rawValue))
            for target in demo.sex?.values.values ?? [:].values where !sexes.contains(target) {
                throw fail("mapping.demographics.sex maps onto '\(target)', not an EEO-1 sex")
            }
            for target in demo.race?.values.values ?? [:].values where !races.contains(target) {
                throw fail("mapping.demographics.race maps onto '\(target)', not an EEO-1 race/ethnicity")
            }
        }
        for rule in fetch ?? [] {
            for kindName in rule.kinds ?? [] where Self.kindNames[kindName] == nil {
                throw fail("fetch '\(rule.resource)' has unknown kind '\(kindName)'")
            }
            for placeholder in Self.placeholders(in: rule.path) where rule.params[placeholder] == nil {
                throw fail("fetch '\(rule.resource)' path placeholder {\(placeholder)} has no param")
            }
        }
    }

    static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

extension ATSProfile.ValueSource {
    /// How many of the one-of members are set.
    var count: Int {
        [header != nil, pointer != nil, body == true, bodySHA256 == true].filter { $0 }.count
    }
}
