import ArgumentParser
import Foundation
import ResumeParsing
import ScreenerCore

/// `screener parse FILE...`: parse resumes into the structured profile.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse resumes (PDF, DOCX, ODT, HTML, TXT, RTF, JSON Resume, HR Open, HR-XML) into structured profiles.",
        discussion: "Folders are walked. An error is reported per file and the run carries on; the exit status is 1 if any file failed."
    )
    @Argument(help: "Files or folders.") var paths: [String]
    @Option(help: "json, text or table") var format: String = "json"
    @OptionGroup var ocr: OCROptions

    enum Format: String { case json, text, table }

    func run() async throws {
        guard let fmt = Format(rawValue: format) else { throw ValidationError("--format must be json, text or table") }
        let files = try Self.expand(paths)
        let parser = ResumeParser(configuration: ocr.apply(to: .init()), taxonomy: try SkillTaxonomy.loadBundled(), clock: SystemClock())
        let progress = Progress(total: files.count)
        var failures = 0
        var rows: [[String]] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        for (i, file) in files.enumerated() {
            progress.update(i, file)
            do {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ScreenerError(.invalidInput, "cannot read the file")
                }
                let r = try parser.parse(data: data, fileName: URL(fileURLWithPath: file).lastPathComponent)
                switch fmt {
                case .json:
                    print(String(decoding: try encoder.encode(r), as: UTF8.self))
                case .text:
                    if files.count > 1 { print("==> \(file) <==") }
                    print(r.text)
                case .table:
                    rows.append([
                        URL(fileURLWithPath: file).lastPathComponent, r.meta.format, String(r.work.count), String(r.education.count),
                        String(r.skills.count), String(r.totalExperienceMonths / 12), r.flags.map(\.kind).joined(separator: ","),
                    ])
                }
            } catch let e as ScreenerError {
                failures += 1
                progress.clear()
                FileHandle.standardError.write(Data("screener: \(file): \(e.code.rawValue): \(e.message)\n".utf8))
            }
        }
        progress.clear()
        if fmt == .table { printTable(["FILE", "FORMAT", "WORK", "EDUCATION", "SKILLS", "YEARS", "FLAGS"], rows) }
        if failures > 0 { throw ExitCode.failure }
    }

    /// Files in the given order; folders are walked (sorted) for regular files.
    static func expand(_ paths: [String]) throws -> [String] {
        var out: [String] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                throw ScreenerError(.invalidInput, "no such file or folder: \(p)")
            }
            if isDir.boolValue {
                let items = FileManager.default.enumerator(atPath: p)?.compactMap { $0 as? String }.sorted() ?? []
                for rel in items {
                    let full = (p as NSString).appendingPathComponent(rel)
                    var d: ObjCBool = false
                    if FileManager.default.fileExists(atPath: full, isDirectory: &d), !d.boolValue, !rel.hasPrefix(".") { out.append(full) }
                }
            } else {
                out.append(p)
            }
        }
        return out
    }
}

/// The child side of the parse-worker pool: length-prefixed JSON over stdin/stdout, with its own
/// CPU-time and address-space limits. Started by `ParseWorkerPool`; not for people.
struct ParseWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse-worker", abstract: "Internal: a sandboxed parse worker.", shouldDisplay: false)
    @OptionGroup var ocr: OCROptions
    func run() throws {
        Foundation.exit(ParseWorker.run(configuration: ocr.apply(to: .init())))
    }
}

/// OCR switches shared by `screener parse` and `screener parse-worker` (the server passes its
/// `parsing.ocr*` settings to its workers as these options).
struct OCROptions: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: "OCR scanned PDFs with tesseract (a scanned PDF fails needs_ocr without it).")
    var ocr = true
    @Option(help: "Most pages OCRed per document, from the first (default 5).")
    var ocrMaxPages: Int?
    @Option(help: "Seconds OCR may spend on one document (default 10).")
    var ocrTimeBudget: Double?
    @Option(help: "Folder with <language>.traineddata (default: TESSDATA_PREFIX, then /usr/share/tesseract-ocr/5/tessdata).")
    var tessdata: String?

    func apply(to base: ParserConfiguration) -> ParserConfiguration {
        var c = base
        c.ocrEnabled = ocr
        if let ocrMaxPages { c.ocrMaxPages = ocrMaxPages }
        if let ocrTimeBudget { c.ocrTimeBudgetSeconds = ocrTimeBudget }
        if let tessdata { c.tessdataPath = tessdata }
        return c
    }
}

/// A one-line progress bar on stderr, shown only on a terminal.
final class Progress {
    let total: Int
    let enabled: Bool
    init(total: Int) {
        self.total = total
        enabled = total > 1 && isatty(STDERR_FILENO) == 1
    }
    func update(_ done: Int, _ name: String) {
        guard enabled else { return }
        let width = 30
        let filled = total == 0 ? 0 : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) \(String(URL(fileURLWithPath: name).lastPathComponent.prefix(30)))\u{1B}[K".utf8))
    }
    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
