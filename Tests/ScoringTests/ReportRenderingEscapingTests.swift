import Foundation
import ScreenerCore
import Testing
@testable import Scoring

/// A strict RFC 4180 reader for the tests: CRLF record ends, quoted fields with doubled quotes.
enum CSVTestReader {
    static func records(_ s: String) -> [[String]] {
        var out: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(s.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\r" && chars.first == "\n" {
                chars.removeFirst()
                record.append(field); field = ""
                out.append(record); record = []
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); out.append(record) }
        return out
    }
}

@Suite("Report rendering: escaping")
struct ReportRenderingEscapingTests {
    @Test("CSV quotes fields with commas, quotes and line breaks per RFC 4180", arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\rhere", "\"cr\rhere\""),
        ("", ""),
    ])
    func csvQuoting(value: String, expected: String) {
        #expect(ReportEscaping.csv(value) == expected)
    }

    @Test("CSV cells starting with = + - @ TAB or CR get a leading apostrophe", arguments: [
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "\"'\rcmd\""),
        ("a=b", "a=b"),
        ("Swift", "Swift"),
    ])
    func formulaGuard(value: String, expected: String) {
        #expect(ReportEscaping.csv(value) == expected)
    }

    @Test("a rendered CSV table reads back to the same cells, guarded")
    func csvRoundTrip() {
        // Given a table with hostile and awkward cells
        let rows = [["1", "=cmd|' /C calc'!A0", "a, \"b\"\nc"], ["2", "plain", "@x"]]
        let csv = ReportTable(columns: ["rank", "candidate", "skills"], rows: rows).renderCSV()
        // When read back with an RFC 4180 reader
        let back = CSVTestReader.records(csv)
        // Then every record has three fields, text survives and formulas are neutralised
        #expect(csv.hasSuffix("\r\n"))
        #expect(back.count == 3)
        #expect(back.allSatisfy { $0.count == 3 })
        #expect(back[1] == ["1", "'=cmd|' /C calc'!A0", "a, \"b\"\nc"])
        #expect(back[2] == ["2", "plain", "'@x"])
    }

    @Test("HTML escaping turns markup into text")
    func htmlEscape() {
        #expect(ReportEscaping.html("<script>alert('x') & \"y\"</script>") ==
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
        #expect(ReportEscaping.html("a\u{1B}[31mb") == "a [31mb")
    }

    @Test("Markdown escaping keeps pipes and markup out of table structure")
    func markdownEscape() {
        #expect(ReportEscaping.markdown("C|C++") == "C\\|C++")
        #expect(ReportEscaping.markdown("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;")
        #expect(ReportEscaping.markdown("a\nb") == "a b")
        #expect(ReportEscaping.markdown("work_authorization") == "work\\_authorization")
    }

    @Test("terminal text drops control characters")
    func terminal() {
        #expect(ReportEscaping.terminal("ok\u{1B}]0;pwned\u{07}\n") == "ok ]0;pwned  ")
    }

    @Test("report formats parse from --format values", arguments: [
        ("table", ReportFormat.table), ("md", .md), ("markdown", .md), ("CSV", .csv), ("json", .json), ("html", .html),
    ])
    func formatParsing(_ s: String, _ f: ReportFormat) throws {
        #expect(try ReportFormat(parsing: s) == f)
    }

    @Test("an unknown format is an invalid_input error")
    func badFormat() {
        #expect(throws: ScreenerError.self) { try ReportFormat(parsing: "xlsx") }
        do {
            _ = try ReportFormat(parsing: "pdf")
        } catch let e as ScreenerError {
            #expect(e.code == .invalidInput)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
