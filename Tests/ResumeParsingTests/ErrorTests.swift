import Foundation
import ResumeParsing
import ScreenerCore
import Testing

@Suite("Errors and safety caps")
struct ErrorTests {
    func code(_ name: String, _ configuration: ParserConfiguration = .init()) throws -> ScreenerError.Code? {
        let data = try TestPaths.fixture(name)
        do {
            _ = try TestPaths.parser(configuration).parse(data: data, fileName: name)
            return nil
        } catch let e as ScreenerError {
            return e.code
        }
    }

    @Test("each bad input fails with its stable code", arguments: [
        ("encrypted-user-password.pdf", "encrypted"),
        ("scanned.pdf", "needs_ocr"),
        ("legacy.doc", "unsupported_format"),
        ("zip-bomb.docx", "payload_too_large"),
        ("doctype.docx", "parse_failed"),
        ("hrxml-doctype.xml", "parse_failed"),
    ])
    func failures(name: String, expected: String) throws {
        #expect(try code(name)?.rawValue == expected)
    }

    @Test("an owner-password-only PDF opens")
    func ownerOnly() throws {
        let r = try TestPaths.parser().parse(data: TestPaths.fixture("encrypted-owner-only.pdf"), fileName: nil)
        #expect(r.basics.email == "casey@example.com")
    }

    @Test("legacy .doc error names the format and suggests PDF or DOCX")
    func legacyMessage() throws {
        do {
            _ = try TestPaths.parser().parse(data: TestPaths.fixture("legacy.doc"), fileName: nil)
            Issue.record("expected an error")
        } catch let e as ScreenerError {
            #expect(e.message.contains(".doc"))
            #expect(e.message.contains("PDF or DOCX"))
            #expect(e.message.contains("HR-XML"))
        }
    }

    @Test("size, page, zip-ratio caps and empty input")
    func caps() throws {
        #expect(try code("single-column.pdf", .init(maxBytes: 100)) == .payloadTooLarge)
        #expect(try code("single-column.pdf", .init(maxPages: 0)) == .payloadTooLarge)
        #expect(try code("tables-textbox-header.docx", .init(maxZipEntries: 2)) == .payloadTooLarge)
        #expect(try code("zip-bomb.docx", .init(maxZipUncompressedBytes: 100_000_000, maxXMLBytes: 100_000_000)) == .payloadTooLarge)
        let parser = TestPaths.parser()
        #expect(throws: ScreenerError.self) { try parser.parse(data: Data(), fileName: nil) }
        do {
            _ = try parser.parse(data: Data("   \n\n  ".utf8), fileName: nil)
            Issue.record("expected empty_document")
        } catch let e as ScreenerError {
            #expect(e.code == .emptyDocument)
        }
        do {
            _ = try parser.parse(data: Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0]), fileName: nil)
            Issue.record("expected unsupported_format")
        } catch let e as ScreenerError {
            #expect(e.code == .unsupportedFormat)
            #expect(e.message.contains("image"))
        }
    }

    @Test("error messages never carry resume text")
    func noResumeTextInErrors() throws {
        let secret = "Jane Secretname jane@example.com"
        for data in [Data(("{\\rtf1 " + secret).utf8), Data(("<?xml version=\"1.0\"?><!DOCTYPE x><Candidate>" + secret + "</Candidate>").utf8)] {
            do { _ = try TestPaths.parser().parse(data: data, fileName: nil) } catch {
                #expect(!String(describing: error).contains("Secretname"))
            }
        }
    }
}

@Suite("Text cap")
struct TextCapTests {
    @Test("text beyond maxTextCharacters is cut and flagged with a warning")
    func truncation() throws {
        // Given a long plain-text resume and a small cap
        let line = "Managed logistics and Excel reporting for regional stores.\n"
        let text = "Sam Long Example\nsam@example.com\n\nExperience\n" + String(repeating: line, count: 200)
        let parser = TestPaths.parser(.init(maxTextCharacters: 1_000))
        // When parsed
        let r = try parser.parse(data: Data(text.utf8), fileName: nil)
        // Then the text is cut at the cap and a warning says so
        #expect(r.text.unicodeScalars.count == 1_000)
        #expect(r.warnings.contains("text_truncated"))
        #expect(r.basics.email == "sam@example.com")
    }
}
