import Foundation
import ScreenerCore

/// The frames' payload: a version byte, then the message in ``WireWriter``'s primitives.
///
/// Version 2 (this one) replaced JSON, whose encoding cost a worker about 13 % of its time and
/// whose decoding cost the parent 1.4–1.9 ms per document. A payload whose first byte is not
/// ``binaryVersion`` (a version-1 JSON payload starts with `{`) is refused, as is one with bytes
/// left over, so a worker from another build, a torn write or garbage becomes `parse_failed`.
///
/// - Request: id (varint), document bytes, file name (optional string), OCR time budget
///   (optional double).
/// - Response: id (varint), resume (optional ``ParsedResume``), error (optional code and message).
/// - ``ParsedResume``: every stored property in declaration order, nested values likewise; a
///   partial date is year (int) and month (optional int), a text range start and end (ints),
///   an education level its raw value, `parsedAt` its `timeIntervalSinceReferenceDate` (double,
///   exact, where JSON kept milliseconds).
extension ParseWorkerProtocol {
    public static let binaryVersion: UInt8 = 2

    public static func encode(_ r: Request) -> Data {
        var w = WireWriter(capacity: r.data.count + 64)
        w.byte(binaryVersion)
        w.uint(r.id)
        w.data(r.data)
        w.optional(r.fileName) { $0.string($1) }
        w.optional(r.timeBudgetSeconds) { $0.double($1) }
        return Data(w.bytes)
    }

    public static func decodeRequest(_ payload: Data) throws -> Request {
        var r = WireReader(payload)
        try r.expectVersion()
        let request = Request(id: try r.uint(), data: try r.data(), fileName: try r.optional { try $0.string() },
                              timeBudgetSeconds: try r.optional { try $0.double() })
        try r.expectEnd()
        return request
    }

    public static func encode(_ r: Response) -> Data {
        var w = WireWriter(capacity: 4096 + (r.resume?.text.utf8.count ?? 0) * 2)
        w.byte(binaryVersion)
        w.uint(r.id)
        w.optional(r.resume) { $0.resume($1) }
        w.optional(r.error) { w, e in w.string(e.code); w.string(e.message) }
        return Data(w.bytes)
    }

    public static func decodeResponse(_ payload: Data) throws -> Response {
        var r = WireReader(payload)
        try r.expectVersion()
        let response = Response(id: try r.uint(), resume: try r.optional { try $0.resume() },
                                error: try r.optional { Failure(code: try $0.string(), message: try $0.string()) })
        try r.expectEnd()
        return response
    }
}

extension WireReader {
    mutating func expectVersion() throws {
        let v = try byte()
        guard v == ParseWorkerProtocol.binaryVersion else { throw Failure.malformed("unknown frame version \(v)") }
    }

    mutating func expectEnd() throws {
        guard isAtEnd else { throw Failure.malformed("\(remaining) bytes after the message") }
    }
}

// MARK: - ParsedResume

extension WireWriter {
    mutating func resume(_ p: ParsedResume) {
        string(p.text)
        let b = p.basics
        optional(b.name) { $0.string($1) }
        optional(b.label) { $0.string($1) }
        optional(b.email) { $0.string($1) }
        array(b.emails) { $0.string($1) }
        optional(b.phone) { $0.string($1) }
        array(b.phones) { $0.string($1) }
        optional(b.url) { $0.string($1) }
        optional(b.summary) { $0.string($1) }
        optional(b.location) { w, l in
            w.optional(l.address) { $0.string($1) }
            w.optional(l.postalCode) { $0.string($1) }
            w.optional(l.city) { $0.string($1) }
            w.optional(l.countryCode) { $0.string($1) }
            w.optional(l.region) { $0.string($1) }
        }
        array(b.profiles) { w, f in
            w.string(f.network)
            w.optional(f.username) { $0.string($1) }
            w.string(f.url)
        }
        array(p.work) { w, e in
            w.optional(e.name) { $0.string($1) }
            w.optional(e.position) { $0.string($1) }
            w.optional(e.location) { $0.string($1) }
            w.optional(e.startDate) { $0.partialDate($1) }
            w.optional(e.endDate) { $0.partialDate($1) }
            w.bool(e.isCurrent)
            w.optional(e.summary) { $0.string($1) }
            w.array(e.highlights) { $0.string($1) }
            w.optional(e.range) { $0.range($1) }
        }
        array(p.education) { w, e in
            w.optional(e.institution) { $0.string($1) }
            w.optional(e.area) { $0.string($1) }
            w.optional(e.studyType) { $0.string($1) }
            w.optional(e.level) { $0.string($1.rawValue) }
            w.optional(e.startDate) { $0.partialDate($1) }
            w.optional(e.endDate) { $0.partialDate($1) }
            w.optional(e.score) { $0.string($1) }
            w.optional(e.range) { $0.range($1) }
        }
        array(p.skills) { w, s in
            w.string(s.name)
            w.optional(s.id) { $0.string($1) }
            w.optional(s.category) { $0.string($1) }
            w.array(s.keywords) { $0.string($1) }
            w.array(s.evidence) { w, e in
                w.range(e.range)
                w.optional(e.section) { $0.string($1) }
            }
            w.optional(s.lastUsed) { $0.partialDate($1) }
            w.optional(s.monthsUsed) { $0.int($1) }
        }
        array(p.languages) { w, l in
            w.string(l.language)
            w.optional(l.fluency) { $0.string($1) }
            w.optional(l.cefr) { $0.string($1) }
        }
        array(p.certificates) { w, c in
            w.string(c.name)
            w.optional(c.issuer) { $0.string($1) }
            w.optional(c.date) { $0.partialDate($1) }
        }
        array(p.sections) { w, s in
            w.string(s.kind)
            w.optional(s.heading) { $0.string($1) }
            w.range(s.range)
        }
        array(p.flags) { w, f in
            w.string(f.kind)
            w.string(f.detail)
            w.optional(f.range) { $0.range($1) }
            w.optional(f.excerpt) { $0.string($1) }
        }
        array(p.warnings) { $0.string($1) }
        int(p.totalExperienceMonths)
        let m = p.meta
        string(m.format)
        string(m.parserVersion)
        optional(m.pages) { $0.int($1) }
        bool(m.ocr)
        double(m.parsedAt.timeIntervalSinceReferenceDate)
        optional(m.inputSHA256) { $0.string($1) }
    }

    mutating func partialDate(_ d: ParsedResume.PartialDate) {
        int(d.year)
        optional(d.month) { $0.int($1) }
    }

    mutating func range(_ r: TextRange) {
        int(r.start)
        int(r.end)
    }
}

extension WireReader {
    mutating func resume() throws -> ParsedResume {
        let text = try string()
        let basics = ParsedResume.Basics(
            name: try optional { try $0.string() },
            label: try optional { try $0.string() },
            email: try optional { try $0.string() },
            emails: try array { try $0.string() },
            phone: try optional { try $0.string() },
            phones: try array { try $0.string() },
            url: try optional { try $0.string() },
            summary: try optional { try $0.string() },
            location: try optional { r in
                ParsedResume.Location(address: try r.optional { try $0.string() }, postalCode: try r.optional { try $0.string() },
                                      city: try r.optional { try $0.string() }, countryCode: try r.optional { try $0.string() },
                                      region: try r.optional { try $0.string() })
            },
            profiles: try array { r in
                ParsedResume.Profile(network: try r.string(), username: try r.optional { try $0.string() }, url: try r.string())
            }
        )
        let work = try array { r in
            ParsedResume.Work(
                name: try r.optional { try $0.string() }, position: try r.optional { try $0.string() },
                location: try r.optional { try $0.string() }, startDate: try r.optional { try $0.partialDate() },
                endDate: try r.optional { try $0.partialDate() }, isCurrent: try r.bool(),
                summary: try r.optional { try $0.string() }, highlights: try r.array { try $0.string() },
                range: try r.optional { try $0.range() })
        }
        let education = try array { r in
            ParsedResume.Education(
                institution: try r.optional { try $0.string() }, area: try r.optional { try $0.string() },
                studyType: try r.optional { try $0.string() }, level: try r.optional { try $0.educationLevel() },
                startDate: try r.optional { try $0.partialDate() }, endDate: try r.optional { try $0.partialDate() },
                score: try r.optional { try $0.string() }, range: try r.optional { try $0.range() })
        }
        let skills = try array { r in
            ParsedResume.Skill(
                name: try r.string(), id: try r.optional { try $0.string() }, category: try r.optional { try $0.string() },
                keywords: try r.array { try $0.string() },
                evidence: try r.array { r in ParsedResume.Evidence(range: try r.range(), section: try r.optional { try $0.string() }) },
                lastUsed: try r.optional { try $0.partialDate() }, monthsUsed: try r.optional { try $0.int() })
        }
        let languages = try array { r in
            ParsedResume.Language(language: try r.string(), fluency: try r.optional { try $0.string() }, cefr: try r.optional { try $0.string() })
        }
        let certificates = try array { r in
            ParsedResume.Certificate(name: try r.string(), issuer: try r.optional { try $0.string() }, date: try r.optional { try $0.partialDate() })
        }
        let sections = try array { r in
            ParsedResume.Section(kind: try r.string(), heading: try r.optional { try $0.string() }, range: try r.range())
        }
        let flags = try array { r in
            ParsedResume.Flag(kind: try r.string(), detail: try r.string(), range: try r.optional { try $0.range() },
                              excerpt: try r.optional { try $0.string() })
        }
        let warnings = try array { try $0.string() }
        let months = try int()
        let meta = ParsedResume.Meta(
            format: try string(), parserVersion: try string(), pages: try optional { try $0.int() }, ocr: try bool(),
            parsedAt: Date(timeIntervalSinceReferenceDate: try double()), inputSHA256: try optional { try $0.string() })
        return ParsedResume(text: text, basics: basics, work: work, education: education, skills: skills, languages: languages,
                            certificates: certificates, sections: sections, flags: flags, warnings: warnings,
                            totalExperienceMonths: months, meta: meta)
    }

    mutating func partialDate() throws -> ParsedResume.PartialDate {
        ParsedResume.PartialDate(year: try int(), month: try optional { try $0.int() })
    }

    mutating func range() throws -> TextRange {
        TextRange(start: try int(), end: try int())
    }

    mutating func educationLevel() throws -> ParsedResume.EducationLevel {
        let raw = try string()
        guard let level = ParsedResume.EducationLevel(rawValue: raw) else { throw Failure.malformed("unknown education level") }
        return level
    }
}
