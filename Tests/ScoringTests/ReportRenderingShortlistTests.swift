import Foundation
import ScreenerCore
import Testing
@testable import Scoring

@Suite("Report rendering: shortlist")
struct ReportRenderingShortlistTests {
    typealias F = ShortlistFixtures

    /// Revision 2 of the mixed list: n-1 entered, c-b left, c-a moved 1→2; one skill is named `<script>`.
    static func revision2() -> (Shortlist, [String: Score]) {
        let r1 = F.build(F.mixed, size: 3)
        var next = F.mixed.filter { $0.candidateId != "c-b" }
        next.append(F.candidate("n-1", F.score(99, required: [("Swift", 1), ("<script>alert(1)</script>", 1)],
                                               preferred: [("C|C++", 0.5), ("=cmd()", 1)])))
        let r2 = F.build(next, size: 3, previous: r1)
        var scores: [String: Score] = [:]
        for c in next { scores[c.candidateId] = c.score }
        return (r2, scores)
    }

    static let labels = ["n-1": "GH-501", "c-a": "GH-502", "c-c": "GH-503", "c-e": "GH-505", "c-b": "GH-504"]

    static func report(explain: Bool = false, top: Int? = nil) -> ShortlistReport {
        let (s, scores) = revision2()
        return ShortlistReport(shortlist: s, labels: labels, scores: scores, explain: explain, top: top)
    }

    @Test("every format renders, for the first revision and with changes", arguments: ReportFormat.allCases)
    func allFormats(_ format: ReportFormat) throws {
        let first = ShortlistReport(shortlist: F.build(F.mixed))
        let out1 = try first.render(format)
        let out2 = try Self.report(explain: true).render(format)
        #expect(!out1.isEmpty && !out2.isEmpty)
        #expect(out2.contains("GH-501"))
    }

    @Test("the terminal table has the header facts, aligned columns and the knocked-out section")
    func terminalTable() throws {
        // Given revision 2
        // When rendered as a table
        let t = try Self.report().render(.table)
        // Then the header tells job, revision, generated-at and the changes since revision 1
        #expect(t.contains("Job:"))
        #expect(t.contains("backend-eng-1"))
        #expect(t.contains("Revision:"))
        #expect(t.contains("2026-11-18T11:06:40Z"))
        #expect(t.contains("Changes since revision 1: entered: GH-501; left: GH-504; moved: GH-502 1→2"))
        // And the ranking columns start at the same offsets on every line of the table
        let lines = t.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let head = try #require(lines.firstIndex { $0.hasPrefix("Rank ") })
        let rule = lines[head + 1]
        #expect(rule.allSatisfy { $0 == "-" || $0 == " " })
        let candidateCol = try #require(lines[head].range(of: "Candidate")).lowerBound.utf16Offset(in: lines[head])
        for row in lines[(head + 2)...(head + 4)] {
            let label = try #require(row.range(of: "GH-5")).lowerBound.utf16Offset(in: row)
            #expect(label == candidateCol, "misaligned: \(row)")
        }
        #expect(lines[head + 2].contains("GH-501") && lines[head + 3].contains("GH-502") && lines[head + 4].contains("GH-503"))
        // And the model and criteria version are shown per entry
        #expect(lines[head + 2].contains("builtin/bm25-rubric 1.2.0"))
        // And the knocked-out candidate is listed with its reasons
        #expect(t.contains("GH-505"))
        #expect(t.contains("work_authorization: failed; relocation: unanswered"))
    }

    @Test("unlabelled candidates are shown by id; names never appear")
    func labels() throws {
        let r = ShortlistReport(shortlist: F.build(F.mixed))
        let t = try r.render(.table)
        #expect(t.contains("c-a") && t.contains("c-e"))
    }

    @Test("the Markdown table has a header, a rule and one line per entry, all with the same cell count")
    func markdownShape() throws {
        // Given revision 2 with a skill named `C|C++`
        let md = try Self.report().render(.md)
        // When the ranking table is cut out
        let lines = md.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("| Rank |") })
        let table = Array(lines[start...].prefix { $0.hasPrefix("|") })
        // Then it is header + rule + 3 rows, and each line has 9 cells (escaped pipes do not count)
        #expect(table.count == 5)
        #expect(table[1] == "| ---: | --- | ---: | --- | --- | ---: | --- | --- | ---: |")
        func cells(_ l: String) -> Int {
            var n = 0
            var prev: Character = " "
            for c in l { if c == "|" && prev != "\\" { n += 1 }; prev = c }
            return n - 1
        }
        for l in table { #expect(cells(l) == 9, "bad row: \(l)") }
        #expect(md.hasPrefix("# Shortlist for job backend-eng-1, revision 2\n"))
        #expect(md.contains("C\\|C++"))
        #expect(md.contains("&lt;script&gt;"))
    }

    @Test("HTML is one self-contained page and a skill named <script> appears escaped")
    func htmlEscaping() throws {
        // Given revision 2 whose top candidate has a skill named `<script>alert(1)</script>`
        let html = try Self.report(explain: true).render(.html)
        // Then the skill is escaped wherever it appears and no script or external resource exists
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("href="))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<style>"))
        #expect(html.contains("default-src 'none'"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test("CSV has one record per shortlisted and knocked-out candidate, with formula cells guarded")
    func csv() throws {
        // Given revision 2
        let csv = try Self.report().render(.csv)
        // When read back
        let recs = CSVTestReader.records(csv)
        // Then the header, three shortlisted and one knocked-out record are there, 12 fields each
        #expect(recs.first == ShortlistReport.csvColumns)
        #expect(recs.count == 5)
        #expect(recs.allSatisfy { $0.count == 12 })
        #expect(recs[1][2] == "shortlisted" && recs[1][3] == "1" && recs[1][4] == "GH-501")
        #expect(recs[4][2] == "knocked_out" && recs[4][9] == "work_authorization: failed; relocation: unanswered")
        // And the skill `=cmd()` sits inside a joined cell that does not start with `=`; a cell that
        // would start with one is guarded
        #expect(recs[1][6].contains("=cmd()"))
        let (s, _) = Self.revision2()
        var hostile = s
        hostile.entries[0].topSkills = ["=cmd()"]
        let rec2 = CSVTestReader.records(ShortlistReport(shortlist: hostile).csv())
        #expect(rec2[1][6] == "'=cmd()")
    }

    @Test("JSON decodes back to an equal Shortlist, with sorted keys and ISO 8601 dates")
    func jsonRoundTrip() throws {
        // Given revision 2 and its JSON encodings
        let (s, _) = Self.revision2()
        let data = try s.jsonData()
        // When decoded
        let back = try ReportJSON.decoder().decode(Shortlist.self, from: data)
        // Then it equals the original
        #expect(back == s)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"generatedAt\":\"2026-11-18T11:06:40Z\""))
        #expect(text.hasPrefix("{\"criteriaVersion\":3,\"diff\":"))
        // And the first revision (no diff) round-trips too, without a diff key
        let r1 = F.build(F.mixed)
        let d1 = try r1.jsonData()
        #expect(try ReportJSON.decoder().decode(Shortlist.self, from: d1) == r1)
        #expect(!String(decoding: d1, as: UTF8.self).contains("\"diff\""))
    }

    @Test("the report JSON holds the shortlist, the labels and (with explain) the scores")
    func reportJSON() throws {
        struct Body: Decodable {
            var shortlist: Shortlist
            var labels: [String: String]
            var scores: [String: Score]?
        }
        let (s, _) = Self.revision2()
        let plain = try ReportJSON.decoder().decode(Body.self, from: Data(try Self.report().render(.json).utf8))
        #expect(plain.shortlist == s)
        #expect(plain.labels["n-1"] == "GH-501")
        #expect(plain.scores == nil)
        let explained = try ReportJSON.decoder().decode(Body.self, from: Data(try Self.report(explain: true, top: 1).render(.json).utf8))
        #expect(explained.shortlist.entries.map(\.candidateId) == ["n-1"])
        #expect(explained.scores?.keys.sorted() == ["n-1"])
    }

    @Test("--explain adds each entry's components with points and criteria with evidence")
    func explain() throws {
        let t = try Self.report(explain: true).render(.table)
        #expect(t.contains("Explanations"))
        #expect(t.contains("#1 GH-501: 99.00"))
        #expect(t.contains("requiredSkills"))
        #expect(t.contains("49.50")) // points of a component: 99 / 2
        #expect(t.contains("matched"))
        #expect(t.contains("partial"))
        #expect(t.contains("\"used Swift daily\""))
        let plain = try Self.report().render(.table)
        #expect(!plain.contains("Explanations"))
    }

    @Test("--top limits the entries shown")
    func top() throws {
        let t = try Self.report(top: 1).render(.table)
        #expect(t.contains("GH-501"))
        #expect(!t.contains("GH-503"))
        #expect(t.contains("3 (showing 1)"))
    }

    @Test("the changes line reads 'first revision' and 'no changes' when appropriate")
    func changesLine() {
        let r1 = F.build(F.mixed)
        #expect(ShortlistReport(shortlist: r1).changesSummary() == "first revision")
        let r2 = F.build(F.mixed, previous: r1)
        #expect(ShortlistReport(shortlist: r2).changesSummary() == "no changes")
    }
}
