import Foundation
import ResumeParsing
import Testing

@Suite("Format detection from bytes")
struct FormatDetectorTests {
    @Test("each fixture is recognised from its bytes", arguments: [
        ("single-column.pdf", DocumentFormat.pdf), ("two-column.pdf", .pdf), ("scanned.pdf", .pdf),
        ("tables-textbox-header.docx", .docx), ("resume.odt", .odt), ("resume.html", .html), ("resume.rtf", .rtf),
        ("utf16.txt", .txt), ("cp1252.txt", .txt), ("resume.hrxml.xml", .hrXML), ("resume.hropen.json", .hrOpenJSON),
        ("resume.jsonresume.json", .jsonResume), ("legacy.doc", .legacyDoc),
    ])
    func fixtures(name: String, expected: DocumentFormat) throws {
        // Given a fixture's bytes
        let data = try TestPaths.fixture(name)
        // When the format is detected
        let format = FormatDetector.detect(data)
        // Then it matches the content, whatever the file is called
        #expect(format == expected)
    }

    @Test("magic numbers for images and unknown binaries")
    func magic() {
        #expect(FormatDetector.detect(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) == .image)
        #expect(FormatDetector.detect(Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0])) == .image)
        #expect(FormatDetector.detect(Data((0..<64).map { UInt8($0 % 7) })) == .unknown)
        #expect(FormatDetector.detect(Data()) == .unknown)
        #expect(FormatDetector.detect(Data("plain words\nmore words".utf8)) == .txt)
        #expect(FormatDetector.detect(Data(#"{"foo": 1}"#.utf8)) == .otherStructured)
        #expect(FormatDetector.detect(Data("<?xml version=\"1.0\"?><Invoice/>".utf8)) == .otherStructured)
    }

    @Test("the file name is ignored: a PDF named .docx is still a PDF")
    func nameIgnored() throws {
        let data = try TestPaths.fixture("single-column.pdf")
        let parsed = try TestPaths.parser().parse(data: data, fileName: "resume.docx")
        #expect(parsed.meta.format == "pdf")
    }
}
