import Foundation
import ScreenerCore

/// Extracts RTF text with a small tokenizer: control words (`\par`, `\line`, `\tab`, `\cell`,
/// `\row`…), `\'hh` bytes (decoded as Windows-1252), `\uN` escapes (skipping `\ucN` fallback
/// characters, default 1), groups, and skipped destinations: any `{\* …}` group plus
/// `fonttbl`, `colortbl`, `stylesheet`, `info`, `pict`, `object`, `fldinst`, `themedata`… Text
/// under `\v` (hidden), a near-white `\cfN` colour or a size under 4 pt (`\fsN` < 8) is hidden.
struct RTFExtractor {
    var configuration: ParserConfiguration

    static let skippedDestinations: Set<String> = [
        "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "fldinst", "themedata", "colorschememapping",
        "datastore", "latentstyles", "listtable", "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "mmathpr",
        "pgdsctbl", "filetbl", "revtbl", "header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr", "footerf",
        "footnote", "annotation", "bkmkstart", "bkmkend", "template", "nonshppict", "shppict", "objdata", "blipuid", "sp", "sn", "sv",
        "xe", "tc", "txe", "comment", "author", "title", "subject", "keywords", "operator", "doccomm", "company", "userprops", "wgrffmtfilter",
    ]

    struct State {
        var skip = false
        var hidden = false
        var white = false
        var tiny = false
        var uc = 1
        var inColorTable = false
    }

    func extract(_ data: Data) throws -> ExtractedDocument {
        let b = [UInt8](data)
        var sink = TextSink()
        var stack: [State] = []
        var st = State()
        var colors: [Bool] = []          // near-white flag per colour table entry
        var r = 0, g = 0, bl = 0, colorHasValue = false
        var i = 0
        var pendingSkip = 0              // fallback characters to skip after \uN
        var groupStart = false
        func emit(_ s: String) {
            if st.skip { return }
            sink.append(s, hidden: st.hidden || st.white || st.tiny)
        }
        let n = b.count
        guard n > 5, b.starts(with: Array("{\\rtf".utf8)) || String(decoding: b.prefix(64), as: UTF8.self).contains("{\\rtf") else {
            throw ScreenerError.parseFailed("not an RTF document")
        }
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "{") {
                if stack.count > 512 { throw ScreenerError.parseFailed("RTF nesting too deep") }
                stack.append(st); i += 1; groupStart = true; continue
            }
            if c == UInt8(ascii: "}") {
                if st.inColorTable { st.inColorTable = false }
                st = stack.popLast() ?? State(); i += 1; groupStart = false; continue
            }
            if c == UInt8(ascii: "\\") {
                i += 1
                guard i < n else { break }
                let d = b[i]
                if d == UInt8(ascii: "'") {
                    // \'hh
                    if i + 2 < n, let v = UInt8(String(decoding: b[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                        i += 3
                        if pendingSkip > 0 { pendingSkip -= 1; continue }
                        emit(PlainTextDecoder.decodeWindows1252([v]))
                    } else { i += 1 }
                    groupStart = false
                    continue
                }
                if d == UInt8(ascii: "*") { if groupStart { st.skip = true }; i += 1; continue }
                if !(d >= 0x41 && d <= 0x5A) && !(d >= 0x61 && d <= 0x7A) {
                    // Control symbol.
                    i += 1
                    groupStart = false
                    switch d {
                    case UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"): emit(String(UnicodeScalar(d)))
                    case UInt8(ascii: "~"): emit(" ")
                    case UInt8(ascii: "_"): emit("-")
                    case 0x0A, 0x0D: if !st.skip { sink.newline() }
                    default: break
                    }
                    continue
                }
                var j = i
                while j < n, (b[j] >= 0x41 && b[j] <= 0x5A) || (b[j] >= 0x61 && b[j] <= 0x7A) { j += 1 }
                let word = String(decoding: b[i..<j], as: UTF8.self)
                var k = j
                var neg = false
                if k < n, b[k] == UInt8(ascii: "-") { neg = true; k += 1 }
                let numStart = k
                while k < n, b[k] >= 0x30 && b[k] <= 0x39, k - numStart < 10 { k += 1 }
                let param: Int? = k > numStart ? (Int(String(decoding: b[numStart..<k], as: UTF8.self)).map { neg ? -$0 : $0 }) : nil
                if k < n, b[k] == UInt8(ascii: " ") { k += 1 }
                i = k
                let wasGroupStart = groupStart
                groupStart = false
                if wasGroupStart && Self.skippedDestinations.contains(word) {
                    if word == "colortbl" { st.inColorTable = true; st.skip = true; continue }
                    st.skip = true; continue
                }
                switch word {
                case "par", "line", "sect", "page": if !st.skip { sink.newline() }
                case "tab": emit("\t")
                case "cell": emit(" | ")
                case "row": if !st.skip { sink.newline() }
                case "emdash": emit("—")
                case "endash": emit("–")
                case "bullet": emit("•")
                case "lquote": emit("‘")
                case "rquote": emit("’")
                case "ldblquote": emit("“")
                case "rdblquote": emit("”")
                case "u":
                    if var v = param {
                        if v < 0 { v += 65536 }
                        if let s = UnicodeScalar(UInt32(v)) { emit(String(s)) }
                        pendingSkip = st.uc
                    }
                case "uc": st.uc = max(0, param ?? 1)
                case "v": st.hidden = (param ?? 1) != 0
                case "cf":
                    let idx = param ?? 0
                    st.white = idx > 0 && idx < colors.count && colors[idx]
                case "fs": st.tiny = (param ?? 24) < 8
                case "plain": st.hidden = false; st.white = false; st.tiny = false
                case "pard": break
                case "red": r = param ?? 0; colorHasValue = true
                case "green": g = param ?? 0; colorHasValue = true
                case "blue": bl = param ?? 0; colorHasValue = true
                case "bin":
                    i += max(0, param ?? 0)
                default: break
                }
                continue
            }
            if st.inColorTable {
                if c == UInt8(ascii: ";") {
                    colors.append(colorHasValue && r >= 230 && g >= 230 && bl >= 230)
                    r = 0; g = 0; bl = 0; colorHasValue = false
                }
                i += 1
                continue
            }
            groupStart = false
            if c == 0x0A || c == 0x0D { i += 1; continue }
            if pendingSkip > 0 { pendingSkip -= 1; i += 1; continue }
            // Plain text run up to the next special byte.
            var j = i
            while j < n, b[j] != UInt8(ascii: "\\"), b[j] != UInt8(ascii: "{"), b[j] != UInt8(ascii: "}"), b[j] != 0x0A, b[j] != 0x0D { j += 1 }
            let chunk = Array(b[i..<j])
            emit(String(validatingUTF8Bytes: chunk) ?? PlainTextDecoder.decodeWindows1252(chunk))
            i = j
        }
        let (text, hidden) = sink.finish()
        return ExtractedDocument(text: text, hiddenText: hidden, format: .rtf)
    }
}
