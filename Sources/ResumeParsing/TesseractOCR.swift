import CTesseract
import Foundation
import ScreenerCore

/// One tesseract engine (C API, `libtesseract` 5) loaded with one language.
///
/// Tesseract is not thread-safe per handle, so an instance belongs to one parse call on one
/// thread; it is not `Sendable`. Loading `eng.traineddata` costs about 0.2 s, paid only by
/// documents that need OCR. Tesseract's own diagnostics go to `/dev/null` (`debug_file`), so
/// nothing about a document reaches stderr.
final class TesseractOCR {
    private let handle: OpaquePointer

    /// Tesseract data folders tried after `ParserConfiguration.tessdataPath` and
    /// `TESSDATA_PREFIX`: Debian 12's `tesseract-ocr-eng` (5.x), older Debian/Ubuntu (4.00),
    /// and the upstream default prefixes.
    static let standardDataPaths = [
        "/usr/share/tesseract-ocr/5/tessdata",
        "/usr/share/tesseract-ocr/4.00/tessdata",
        "/usr/share/tessdata",
        "/usr/local/share/tessdata",
    ]

    /// The first folder that holds `<language>.traineddata`: the configured path, then
    /// `TESSDATA_PREFIX`, then ``standardDataPaths``. Nil when none does (OCR unavailable).
    static func locateData(configured: String?, language: String,
                           environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var candidates: [String] = []
        if let c = configured, !c.isEmpty { candidates.append(c) }
        if let e = environment["TESSDATA_PREFIX"], !e.isEmpty { candidates.append(e) }
        candidates += standardDataPaths
        let fm = FileManager.default
        for dir in candidates {
            // TESSDATA_PREFIX may name the tessdata folder or its parent.
            for d in [dir, (dir as NSString).appendingPathComponent("tessdata")]
            where fm.isReadableFile(atPath: (d as NSString).appendingPathComponent("\(language).traineddata")) {
                return d
            }
        }
        return nil
    }

    /// libgomp's `omp_set_dynamic`, looked up at run time (tesseract links libgomp; Screener
    /// does not). With it on, OpenMP gives tesseract no more threads than the idle cores
    /// (cores − load average), so on a busy machine OCR runs on one thread instead of two
    /// threads spin-waiting for each other. `OMP_THREAD_LIMIT=1`, read once when libgomp loads,
    /// is stricter; the worker pool sets it for its children.
    static let ompDynamic: (@convention(c) (Int32) -> Void)? = {
        guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "omp_set_dynamic") else { return nil }
        return unsafeBitCast(sym, to: (@convention(c) (Int32) -> Void).self)
    }()

    /// Loads `language` from `dataPath`. Throws `needs_ocr` when tesseract cannot start.
    init(dataPath: String, language: String) throws {
        guard let h = TessBaseAPICreate() else {
            throw ScreenerError(.needsOCR, "OCR is unavailable: tesseract could not be created")
        }
        _ = TessBaseAPISetVariable(h, "debug_file", "/dev/null")
        guard TessBaseAPIInit3(h, dataPath, language) == 0 else {
            TessBaseAPIDelete(h)
            throw ScreenerError(.needsOCR, "OCR is unavailable: tesseract could not load '\(language)' from \(dataPath)")
        }
        TessBaseAPISetPageSegMode(h, PSM_AUTO)
        handle = h
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    /// Recognises one page. Recognition stops at `deadlineMilliseconds` (tesseract's own
    /// monitor); `complete` is false when it stopped early or failed, and `text` then holds
    /// what was read so far.
    func recognize(_ image: PageImage, deadlineMilliseconds: Int) -> (text: String, complete: Bool) {
        defer { TessBaseAPIClear(handle) }
        Self.ompDynamic?(1)
        image.pixels.withUnsafeBufferPointer { px in
            TessBaseAPISetImage(handle, px.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
        }
        TessBaseAPISetSourceResolution(handle, Int32(image.dpi))
        let monitor = TessMonitorCreate()
        defer { if let monitor { TessMonitorDelete(monitor) } }
        if let monitor { TessMonitorSetDeadlineMSecs(monitor, Int32(clamping: max(1, deadlineMilliseconds))) }
        let status = TessBaseAPIRecognize(handle, monitor)
        guard let cText = TessBaseAPIGetUTF8Text(handle) else { return ("", false) }
        defer { TessDeleteText(cText) }
        return (String(cString: cText), status == 0)
    }
}
