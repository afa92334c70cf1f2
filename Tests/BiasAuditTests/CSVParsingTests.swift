import Testing
import Foundation
import ScreenerCore
@testable import BiasAudit

@Suite("AuditInput from CSV")
struct CSVParsingTests {
    @Test("Given a well-formed CSV with extra columns, quotes, CRLF and a BOM, then every record is read")
    func parsesWellFormed() throws {
        let csv = "\u{FEFF}ID,Sex,Race,Selected,Score,Note,Date,Job\r\n"
            + "1,Female,\"Black or African American\",1,80.5,\"likes \"\"quotes\"\", commas\",2025-03-04,J1\r\n"
            + "2,male,White (Not Hispanic or Latino),false,,x,2025-04,J1\r\n"
            + "3,,,TRUE,12,y,,J2\r\n"
            + "\r\n"
        let input = try AuditInput.parseCSV(csv)
        #expect(input.records.count == 3)
        #expect(input.records[0] == .init(id: "1", sex: .female, race: .black, selected: true, score: 80.5, job: "J1", date: CalendarDay(year: 2025, month: 3, day: 4)))
        #expect(input.records[1].race == .white && input.records[1].sex == .male && !input.records[1].selected && input.records[1].score == nil)
        #expect(input.records[1].date == CalendarDay(year: 2025, month: 4, day: 1))
        #expect(input.records[2].sex == nil && input.records[2].race == nil && input.records[2].selected)
        #expect(input.jobs == ["J1", "J2"])
    }

    @Test("Given a CSV without score, job or date columns, then it parses and no scoring table is built")
    func minimalColumns() throws {
        let report = try AuditRates.run(csv: Data("id,sex,race,selected\na,Male,Asian,1\nb,Female,Asian,0\n".utf8), options: Fixture.options())
        #expect(report.scoringTables.isEmpty && report.medianScore == nil)
        #expect(report.monthly.isEmpty && report.jobs.isEmpty && report.dateRange == nil)
        #expect(report.selectionTables.count == 3)
    }

    @Test("Given a bad row, then the error is invalid_input with the line number and without the cell's value",
          arguments: [
            ("id,sex,race\n1,Male,White\n", "line 1", "missing required column 'selected'"),
            ("id,sex,race,selected\n1,Male,White,1\n2,Mail,White,1\n", "line 3", "unrecognised sex"),
            ("id,sex,race,selected\n1,Male,Martian,1\n", "line 2", "unrecognised race"),
            ("id,sex,race,selected\n1,Male,White,yes\n", "line 2", "invalid 'selected'"),
            ("id,sex,race,selected\n1,Male,White,\n", "line 2", "empty 'selected'"),
            ("id,sex,race,selected,score\n1,Male,White,1,high\n", "line 2", "invalid 'score'"),
            ("id,sex,race,selected,score\n1,Male,White,1,nan\n", "line 2", "invalid 'score'"),
            ("id,sex,race,selected,date\n1,Male,White,1,2025-13-01\n", "line 2", "invalid 'date'"),
            ("id,sex,race,selected\n1,Male,White\n", "line 2", "expected 4 fields"),
            ("id,sex,race,selected\n1,Male,White,1\n1,Female,White,0\n", "line 3", "duplicate id"),
            ("id,sex,race,selected\n,Male,White,1\n", "line 2", "empty id"),
            ("id,sex,race,selected\n1,\"Male,White,1\n", "line 2", "unterminated"),
            ("id,sex,race,selected\n1,Ma\"le,White,1\n", "line 2", "stray quote"),
            ("id,sex,race,selected\n\"multi\nline\",Male,White,1\n2,Male,Blue,0\n", "line 4", "unrecognised race"),
          ])
    func rejectsBadRows(csv: String, line: String, message: String) {
        do {
            _ = try AuditInput.parseCSV(csv)
            Issue.record("expected an error")
        } catch let e as ScreenerError {
            #expect(e.code == .invalidInput)
            #expect(e.message.hasPrefix(line + ":"), "\(e.message)")
            #expect(e.message.contains(message), "\(e.message)")
            for secret in ["Mail", "Martian", "high", "Blue"] { #expect(!e.message.contains(secret)) }
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test("Given an empty file or non-UTF-8 bytes, then the error is invalid_input")
    func emptyAndBinary() {
        #expect(throws: ScreenerError.self) { try AuditInput.parseCSV("") }
        #expect(throws: ScreenerError.self) { try AuditInput.parseCSV(Data([0xFF, 0xFE, 0x00, 0xD8])) }
        #expect(throws: ScreenerError.self) { try AuditRates.run(csv: Data("id,sex,race,selected\n".utf8), options: Fixture.options()) }
    }

    @Test("Same id in two jobs is two applications, not a duplicate")
    func sameIdAcrossJobs() throws {
        let input = try AuditInput.parseCSV("id,sex,race,selected,job\n1,Male,White,1,A\n1,Male,White,0,B\n")
        #expect(input.records.count == 2)
    }
}
