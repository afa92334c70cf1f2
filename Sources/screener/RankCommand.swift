import ArgumentParser
import Foundation
import ResumeParsing
import Scoring
import ScreenerCore

/// `screener rank --job JOB.yaml FOLDER`: parse every document in a folder, redact, and rank with the
/// builtin model. A document that fails to parse is reported on stderr and left out; the run carries on.
struct RankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Parse and rank every resume in a folder against job criteria (builtin model)."
    )
    @Option(help: "Criteria file (YAML or JSON).") var job: String
    @Argument(help: "Folder (or files) of resumes.") var paths: [String]
    @Option(help: "Show only the best N.") var top: Int?
    @Option(help: "table, md, csv or json") var format: String = "table"

    enum Format: String { case table, md, csv, json }

    struct Row: Encodable {
        var rank: Int
        var file: String
        var score: Double
        var knockedOut: Bool
        var subScores: [String: Double]
    }

    func run() async throws {
        guard let fmt = Format(rawValue: format) else { throw ValidationError("--format must be table, md, csv or json") }
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        let criteria = try JobsCommand.loadCriteria(job)
        let files = try ParseCommand.expand(paths)
        let taxonomy = try SkillTaxonomy.loadBundled()
        let parser = ResumeParser(taxonomy: taxonomy, clock: SystemClock())
        let redactor = Redactor()
        let progress = Progress(total: files.count)
        let base = BuiltinModel(taxonomy: taxonomy)
        // Parse on every core: documents are independent, and poppler and libxml2 are safe on
        // separate documents in separate threads. Results keep the folder's order.
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var results = [Result<PreparedProfile, ScreenerError>?](repeating: nil, count: files.count)
        await withTaskGroup(of: (Int, Result<PreparedProfile, ScreenerError>).self) { group in
            var next = 0
            func submit() {
                guard next < files.count else { return }
                let i = next, file = files[i]
                next += 1
                group.addTask {
                    do {
                        guard let data = FileManager.default.contents(atPath: file) else { throw ScreenerError(.invalidInput, "cannot read the file") }
                        let parsed = try parser.parse(data: data, fileName: URL(fileURLWithPath: file).lastPathComponent)
                        return (i, .success(base.prepare(redactor.redact(parsed))))
                    } catch let e as ScreenerError {
                        return (i, .failure(e))
                    } catch {
                        return (i, .failure(ScreenerError(.parseFailed, "\(type(of: error))")))
                    }
                }
            }
            for _ in 0..<workers { submit() }
            var done = 0
            for await (i, r) in group {
                results[i] = r
                done += 1
                progress.update(done, files[i])
                submit()
            }
        }
        var names: [String] = []
        var prepared: [PreparedProfile] = []
        var failures = 0
        for (i, r) in results.enumerated() {
            switch r {
            case .success(let p)?:
                prepared.append(p)
                names.append(files[i])
            case .failure(let e)?:
                failures += 1
                progress.clear()
                FileHandle.standardError.write(Data("screener: \(files[i]): \(e.code.rawValue): \(e.message)\n".utf8))
            case nil:
                break
            }
        }
        progress.clear()
        guard !prepared.isEmpty else { throw ScreenerError(.invalidInput, "no document could be parsed (\(failures) failed)") }
        // BM25 statistics from the folder itself, so rare terms of this pool weigh more.
        let model = BuiltinModel(taxonomy: taxonomy, corpus: BM25Corpus(profiles: prepared))
        let c = model.prepare(criteria)
        let ranked = model.rank(profiles: prepared, criteria: c, top: top)
        let rows = ranked.map { r -> Row in
            let s = model.score(prepared[r.index], c)
            return Row(
                rank: r.rank, file: names[r.index], score: (s.total * 10).rounded() / 10, knockedOut: s.knockedOut,
                subScores: Dictionary(uniqueKeysWithValues: s.components.map { ($0.name, ($0.score * 1000).rounded() / 1000) })
            )
        }
        let keys = Array(Set(rows.flatMap { $0.subScores.keys })).sorted()
        switch fmt {
        case .json:
            try printJSON(rows)
        case .table:
            printTable(["RANK", "SCORE", "FILE"] + keys.map { $0.uppercased() }, rows.map { r in
                [String(r.rank), String(format: "%.1f", r.score) + (r.knockedOut ? " (KO)" : ""), r.file] + keys.map { r.subScores[$0].map { String(format: "%.2f", $0) } ?? "-" }
            })
        case .md:
            print("| rank | score | file | " + keys.joined(separator: " | ") + " |")
            print("|" + String(repeating: "---|", count: 3 + keys.count))
            for r in rows {
                let file = r.file.replacingOccurrences(of: "|", with: "\\|")
                print("| \(r.rank) | \(String(format: "%.1f", r.score)) | \(file) | " + keys.map { r.subScores[$0].map { String(format: "%.2f", $0) } ?? "" }.joined(separator: " | ") + " |")
            }
        case .csv:
            print((["rank", "score", "file", "knocked_out"] + keys).joined(separator: ","))
            for r in rows {
                let file = "\"" + r.file.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                print(([String(r.rank), String(r.score), file, String(r.knockedOut)] + keys.map { r.subScores[$0].map { String($0) } ?? "" }).joined(separator: ","))
            }
        }
        if failures > 0 { FileHandle.standardError.write(Data("screener: \(failures) of \(files.count) documents could not be parsed\n".utf8)) }
    }
}
