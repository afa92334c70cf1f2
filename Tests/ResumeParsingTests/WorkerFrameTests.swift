import Foundation
import ScreenerCore
import Testing
@testable import ResumeParsing

/// The parse workers' binary frames (``ParseWorkerProtocol``): every field survives the trip,
/// and a short, padded, foreign or damaged payload throws instead of trapping.
@Suite("Parse worker frames")
struct WorkerFrameTests {
    /// Every stored property set, none to its default, with non-ASCII text, negative and large
    /// numbers and every optional present, so a field the codec drops or swaps fails the test.
    static let full = ParsedResume(
        text: "Ada Lövelace 👩‍💻\nExperience\nAcme — Engineer, 2019–Present",
        basics: .init(name: "Ada Lövelace", label: "Engineer", email: "ada@example.com", emails: ["ada@example.com", "a@b.io"],
                      phone: "+15555550100", phones: ["+15555550100", "0201234567"], url: "https://ada.dev", summary: "Summary ✓",
                      location: .init(address: "1 Main St", postalCode: "02139", city: "Cambridge", countryCode: "US", region: "MA"),
                      profiles: [.init(network: "GitHub", username: "ada", url: "https://github.com/ada"), .init(network: "Portfolio", url: "https://ada.dev")]),
        work: [
            .init(name: "Acme", position: "Engineer", location: "Zürich", startDate: .init(year: 2019, month: 3), endDate: .init(year: 2021),
                  isCurrent: true, summary: "Built things", highlights: ["one", "two"], range: .init(start: 25, end: 61)),
            .init(name: "Initech"),
        ],
        education: [.init(institution: "MIT", area: "Computer Science", studyType: "B.Sc.", level: .bachelor, startDate: .init(year: 2010, month: 9),
                          endDate: .init(year: 2014, month: 6), score: "3.9/4.0", range: .init(start: 0, end: 12))],
        skills: [.init(name: "Swift", id: "swift", category: "Programming languages", keywords: ["swift", "Swift 6"],
                       evidence: [.init(range: .init(start: 3, end: 8), section: "skills"), .init(range: .init(start: 40, end: 45))],
                       lastUsed: .init(year: 2026, month: 11), monthsUsed: 92)],
        languages: [.init(language: "German", fluency: "fließend", cefr: "C1")],
        certificates: [.init(name: "CPA", issuer: "AICPA", date: .init(year: 2020, month: 1))],
        sections: [.init(kind: "experience", heading: "Experience", range: .init(start: 18, end: 61)), .init(kind: "other", range: .init(start: 0, end: 17))],
        flags: [.init(kind: "prompt_injection", detail: "ignore_instructions", range: .init(start: 1, end: 5), excerpt: "ignore all"),
                .init(kind: "hidden_text", detail: "white text")],
        warnings: ["unparsed date", "no phone"],
        totalExperienceMonths: -7,
        meta: .init(format: "docx", parserVersion: "1.2.3", pages: 3, ocr: true, parsedAt: Date(timeIntervalSince1970: 1_794_700_800.123456),
                    inputSHA256: String(repeating: "ab", count: 32))
    )

    @Test("a response with every field set comes back equal, parsedAt to the bit")
    func fullResponse() throws {
        let payload = ParseWorkerProtocol.encode(ParseWorkerProtocol.Response(id: 1 << 40, resume: Self.full, error: nil))
        let back = try ParseWorkerProtocol.decodeResponse(payload)
        #expect(back.id == 1 << 40)
        #expect(back.error == nil)
        #expect(back.resume == Self.full)
        #expect(back.resume?.meta.parsedAt.timeIntervalSinceReferenceDate.bitPattern == Self.full.meta.parsedAt.timeIntervalSinceReferenceDate.bitPattern)
    }

    @Test("an empty resume and an error response come back equal")
    func sparseResponses() throws {
        let empty = ParsedResume(text: "", meta: .init(format: "txt", parserVersion: "", parsedAt: Date(timeIntervalSinceReferenceDate: 0)))
        #expect(try ParseWorkerProtocol.decodeResponse(ParseWorkerProtocol.encode(.init(id: 0, resume: empty, error: nil))).resume == empty)
        let failure = ParseWorkerProtocol.Failure(code: "needs_ocr", message: "no text layer ✗")
        let back = try ParseWorkerProtocol.decodeResponse(ParseWorkerProtocol.encode(.init(id: 7, resume: nil, error: failure)))
        #expect(back.id == 7 && back.resume == nil && back.error == failure)
    }

    @Test("requests keep their bytes, name and budget", arguments: [
        ParseWorkerProtocol.Request(id: 3, data: Data([0, 1, 2, 255, 0x7B]), fileName: "cv ✓.pdf", timeBudgetSeconds: 8.5),
        ParseWorkerProtocol.Request(id: UInt64.max, data: Data(), fileName: nil, timeBudgetSeconds: nil),
    ])
    func requests(_ request: ParseWorkerProtocol.Request) throws {
        let back = try ParseWorkerProtocol.decodeRequest(ParseWorkerProtocol.encode(request))
        #expect(back.id == request.id && back.data == request.data && back.fileName == request.fileName && back.timeBudgetSeconds == request.timeBudgetSeconds)
    }

    @Test("parsed fixtures survive the trip", arguments: ["single-column.pdf", "two-column.pdf", "hidden-text.pdf", "tables-textbox-header.docx",
                                                           "resume.odt", "resume.html", "resume.rtf", "prompt-injection.txt", "resume.jsonresume.json"])
    func fixtures(_ name: String) throws {
        let resume = try TestPaths.parser(ParserConfiguration(ocrEnabled: false)).parse(data: TestPaths.fixture(name), fileName: name)
        let back = try ParseWorkerProtocol.decodeResponse(ParseWorkerProtocol.encode(.init(id: 9, resume: resume, error: nil)))
        #expect(back.resume == resume)
    }

    @Test("every truncation, a trailing byte and another version are refused")
    func malformed() throws {
        let payload = ParseWorkerProtocol.encode(ParseWorkerProtocol.Response(id: 5, resume: Self.full, error: nil))
        for n in 0..<payload.count {
            #expect(throws: WireReader.Failure.self) { try ParseWorkerProtocol.decodeResponse(payload.prefix(n)) }
        }
        #expect(throws: WireReader.Failure.self) { try ParseWorkerProtocol.decodeResponse(payload + Data([0])) }
        var json = payload
        json[json.startIndex] = UInt8(ascii: "{")
        #expect(throws: WireReader.Failure.self) { try ParseWorkerProtocol.decodeResponse(json) }
        #expect(throws: WireReader.Failure.self) { try ParseWorkerProtocol.decodeRequest(Data([ParseWorkerProtocol.binaryVersion, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])) }
        #expect(throws: WireReader.Failure.self) { try ParseWorkerProtocol.decodeRequest(Data([ParseWorkerProtocol.binaryVersion] + [UInt8](repeating: 0xFF, count: 11))) }
    }

    @Test("damaged payloads throw or decode, never trap")
    func damaged() {
        let payload = [UInt8](ParseWorkerProtocol.encode(ParseWorkerProtocol.Response(id: 5, resume: Self.full, error: nil)))
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            var p = payload
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                p[Int.random(in: 1..<p.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            _ = try? ParseWorkerProtocol.decodeResponse(Data(p))
        }
    }
}
