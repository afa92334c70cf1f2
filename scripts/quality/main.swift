// Screener scoring quality harness and micro-benchmark (not part of the product).
//
//   scripts/quality/run.sh                      (build + quality table; see README.md here)
//   scoring-quality quality ../shared/data      (real parsing of the DOCX/PDF files)
//   scoring-quality ablate  ../shared/data      (per-component ablation)
//   scoring-quality bench   /tmp/screener-quality.jsonl
//
// Quality: Vanetik (Kendall τ-b and NDCG@5 against each annotator, 5 vacancies per CV) and
// livecareer category retrieval (NDCG@10, one hand-written JD per category in jobs/), for the
// builtin model and a plain BM25 baseline over the same (parsed, redacted) texts.
import Foundation
import ResumeParsing
import ScreenerCore
import Scoring

struct Doc { var set: String; var id: String; var category: String?; var text: String }

func loadDocs(_ path: String) -> [Doc] {
    guard let raw = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("cannot read \(path); run extract_text.py first\n".utf8)); exit(2)
    }
    return raw.split(separator: "\n").compactMap { line in
        guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        let id = (o["id"] as? Int).map(String.init) ?? (o["id"] as? String ?? "")
        return Doc(set: o["set"] as? String ?? "", id: id, category: o["category"] as? String, text: o["text"] as? String ?? "")
    }
}

let taxonomy = SkillTaxonomy.bundled()

/// Experiment hook: SCREENER_WEIGHTS="lexical=1,requiredSkills=0.3" overrides default weights.
func withWeights(_ c: JobCriteria) -> JobCriteria {
    guard let spec = ProcessInfo.processInfo.environment["SCREENER_WEIGHTS"] else { return c }
    var w = c.weights ?? .default
    for kv in spec.split(separator: ",") {
        let p = kv.split(separator: "=")
        guard p.count == 2, let v = Double(p[1]) else { continue }
        switch p[0] {
        case "requiredSkills": w.requiredSkills = v
        case "preferredSkills": w.preferredSkills = v
        case "skillDepth": w.skillDepth = v
        case "experience": w.experience = v
        case "education": w.education = v
        case "certifications": w.certifications = v
        case "languages": w.languages = v
        case "lexical": w.lexical = v
        default: break
        }
    }
    var c = c
    c.weights = w
    return c
}
let redactor = Redactor()
let parsedAt = Date(timeIntervalSince1970: 1_767_225_600)

/// Text + taxonomy skills, the stand-in for the parser (not ready yet).
func parsed(_ text: String) -> ParsedResume {
    var skills: [String: ParsedResume.Skill] = [:]
    var order: [String] = []
    for m in taxonomy.matches(in: text) {
        if skills[m.id] == nil { order.append(m.id); skills[m.id] = .init(name: m.name, id: m.id, category: m.category) }
        skills[m.id]!.evidence.append(.init(range: m.range))
    }
    return ParsedResume(text: text, skills: order.map { skills[$0]! }, meta: .init(format: "txt", parserVersion: "quality", parsedAt: parsedAt))
}

// MARK: metrics

/// Kendall τ-b between two score lists (ties in either list handled).
func kendallTauB(_ x: [Double], _ y: [Double]) -> Double {
    var c = 0.0, d = 0.0, tx = 0.0, ty = 0.0
    for i in 0..<x.count {
        for j in (i + 1)..<x.count {
            let a = (x[i] - x[j]).sign, b = (y[i] - y[j])
            let dx = x[i] == x[j], dy = y[i] == y[j]
            if dx && dy { continue }
            if dx { tx += 1; continue }
            if dy { ty += 1; continue }
            if (a == .minus) == (b < 0) { c += 1 } else { d += 1 }
        }
    }
    let den = ((c + d + tx) * (c + d + ty)).squareRoot()
    return den > 0 ? (c - d) / den : 0
}

/// NDCG@k with linear gains; ties in `scores` broken by index (deterministic).
func ndcg(scores: [Double], gains: [Double], k: Int) -> Double {
    let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
    func dcg(_ g: [Double]) -> Double { g.prefix(k).enumerated().reduce(0) { $0 + $1.element / log2(Double($1.offset) + 2) } }
    let ideal = dcg(gains.sorted(by: >))
    return ideal > 0 ? dcg(order.map { gains[$0] }) / ideal : 0
}

// MARK: plain BM25 baseline

struct PlainBM25 {
    var docs: [[String: Double]] = []
    var lens: [Double] = []
    var df: [String: Double] = [:]
    var avgdl = 1.0
    init(_ texts: [String]) {
        for t in texts {
            var tf: [String: Double] = [:]
            let terms = TextTokenizer.terms(t)
            for w in terms { tf[w, default: 0] += 1 }
            for w in tf.keys { df[w, default: 0] += 1 }
            docs.append(tf); lens.append(Double(terms.count))
        }
        avgdl = max(1, lens.reduce(0, +) / Double(max(1, texts.count)))
    }
    /// `fixedIDF`: take IDF from `BM25Corpus.default` (as per-candidate builtin scoring does) instead
    /// of the collection.
    func score(query: String, doc i: Int, k1: Double = 1.2, b: Double = 0.75, fixedIDF: Bool = false) -> Double {
        let n = Double(docs.count)
        var s = 0.0
        for w in TextTokenizer.terms(query) {
            guard let f = docs[i][w] else { continue }
            let idf = fixedIDF ? BM25Corpus.default.idf(TextTokenizer.fnv1a(w)) : log(1 + (n - df[w]! + 0.5) / (df[w]! + 0.5))
            s += idf * f * (k1 + 1) / (f + k1 * (1 - b + b * lens[i] / avgdl))
        }
        return s
    }
}

// MARK: CSV and annotations

func parseCSV(_ s: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = "", inQ = false
    var it = Array(s).makeIterator()
    var pending: Character? = nil
    while let ch = pending ?? it.next() {
        pending = nil
        if inQ {
            if ch == "\"" { if let n = it.next() { if n == "\"" { field.append("\"") } else { inQ = false; pending = n } } else { inQ = false } }
            else { field.append(ch) }
        } else if ch == "\"" { inQ = true }
        else if ch == "," { row.append(field); field = "" }
        else if ch == "\n" || ch == "\r\n" { row.append(field); field = ""; rows.append(row); row = [] }
        else if ch != "\r" { field.append(ch) }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

func parseAnnotations(_ s: String, key: String) -> [[Int]] {
    guard let r = s.range(of: key) else { return [] }
    var depth = 0, cur: [Int] = [], out: [[Int]] = [], num = ""
    for ch in s[r.upperBound...] {
        if ch == "[" { depth += 1; if depth == 2 { cur = [] } }
        else if ch == "]" {
            if !num.isEmpty { cur.append(Int(num)!); num = "" }
            if depth == 2 { out.append(cur) }
            depth -= 1
            if depth == 0 { break }
        } else if ch.isNumber, depth == 2 { num.append(ch) }
        else if ch == ",", !num.isEmpty { cur.append(Int(num)!); num = "" }
        else if ch == "#" { /* comments handled by skipping digits outside depth 2 */ }
    }
    return out
}

func mean(_ x: [Double]) -> Double { x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count) }
func f3(_ x: Double) -> String { String(format: "%.3f", x) }

// MARK: quality

/// One resume of the public sets, parsed by the real parser and redacted, as production does.
struct Item: Codable { var set: String; var id: Int; var name: String; var category: String?; var redacted: RedactedProfile }

/// Parses `vanetik/CV/*.docx` and `livecareer-sample/<CATEGORY>/*.pdf` with `ResumeParser` (in
/// process, fixed clock 2026-01-01). Livecareer: the text is extracted, its first non-empty line
/// (the resume's own headline, see SOURCES.md) is dropped, and the rest is structured as plain text.
/// `QUALITY_PARSED_CACHE=FILE` (experiments only): reuse the parsed, redacted items from FILE, or
/// write them there after parsing.
func loadParsed(_ data: String) -> [Item] {
    let cache = ProcessInfo.processInfo.environment["QUALITY_PARSED_CACHE"]
    if let cache, let d = FileManager.default.contents(atPath: cache), let items = try? JSONDecoder().decode([Item].self, from: d) {
        return items
    }
    let items = parseAll(data)
    if let cache, let d = try? JSONEncoder().encode(items) { FileManager.default.createFile(atPath: cache, contents: d) }
    return items
}

func parseAll(_ data: String) -> [Item] {
    let parser = ResumeParser(taxonomy: taxonomy, clock: FixedClock(parsedAt))
    let fm = FileManager.default
    var out: [Item] = []
    var failed: [String] = []
    let cvDir = data + "/vanetik/CV"
    let cvNames = ((try? fm.contentsOfDirectory(atPath: cvDir)) ?? []).filter { $0.hasSuffix(".docx") }
        .sorted { (Int($0.split(separator: ".")[0]) ?? 0) < (Int($1.split(separator: ".")[0]) ?? 0) }
    for n in cvNames {
        guard let id = Int(n.split(separator: ".")[0]), let d = fm.contents(atPath: cvDir + "/" + n) else { continue }
        do { out.append(Item(set: "vanetik", id: id, name: n, category: nil, redacted: redactor.redact(try parser.parse(data: d, fileName: n)))) }
        catch { failed.append("vanetik/\(n): \(error)") }
    }
    let lcDir = data + "/livecareer-sample"
    for cat in ((try? fm.contentsOfDirectory(atPath: lcDir)) ?? []).sorted() {
        let files = ((try? fm.contentsOfDirectory(atPath: lcDir + "/" + cat)) ?? []).filter { $0.hasSuffix(".pdf") }.sorted()
        for (k, n) in files.enumerated() {
            guard let d = fm.contents(atPath: lcDir + "/" + cat + "/" + n) else { continue }
            do {
                let doc = try parser.extractText(data: d, format: .pdf)
                var lines = doc.text.components(separatedBy: "\n")
                while let f = lines.first, f.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
                if !lines.isEmpty { lines.removeFirst() }
                let r = try parser.parse(data: Data(lines.joined(separator: "\n").utf8), fileName: n + ".txt")
                out.append(Item(set: "livecareer", id: k, name: n, category: cat, redacted: redactor.redact(r)))
            } catch { failed.append("livecareer/\(cat)/\(n): \(error)") }
        }
    }
    if !failed.isEmpty { print("parse failures: \(failed.count)"); for f in failed { print("  " + f) } }
    return out
}

struct QualityRow {
    var a1tau = 0.0, a1nd = 0.0, a1n = 0, a2tau = 0.0, a2nd = 0.0, a2n = 0, lcnd = 0.0, lcp10 = 0.0
    /// Per-item values behind the means, for paired comparisons: τ-b per CV (A1, A2), NDCG@10 per JD.
    var a1taus: [Double] = [], a2taus: [Double] = [], lcnds: [Double] = []
}

/// Paired comparison of `x − y` over the same items: mean difference, its standard error, and how
/// many items favour each side (ties apart).
func paired(_ x: [Double], _ y: [Double]) -> String {
    let d = zip(x, y).map { $0 - $1 }
    guard d.count > 1 else { return "–" }
    let m = mean(d), sd = (d.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(d.count - 1)).squareRoot()
    return "\(f3(m)) ± \(f3(sd / Double(d.count).squareRoot())) (\(d.filter { $0 > 0 }.count) better, \(d.filter { $0 < 0 }.count) worse of \(d.count))"
}

/// The two public sets, loaded once.
struct QualitySets {
    var vacancies: [(title: String, text: String)]
    var a1: [[Int]], a2: [[Int]]
    var cvs: [Item]
    var cvIndex: [Int: Int]
    var jds: [(cat: String, text: String)]
    var lc: [Item]

    init(data: String) {
        let csv = parseCSV(try! String(contentsOfFile: data + "/vanetik/5_vacancies.csv", encoding: .utf8))
        let header = csv[0]
        let iDesc = header.firstIndex(of: "job_description")!, iTitle = header.firstIndex(of: "job_title")!
        vacancies = csv.dropFirst().filter { $0.count > iDesc }.map { (title: $0[iTitle], text: $0[iDesc]) }
        let ann = try! String(contentsOfFile: data + "/vanetik/annotations-for-the-first-30-vacancies.txt", encoding: .utf8)
        a1 = parseAnnotations(ann, key: "ANNOTATOR_1_RANKINGS="); a2 = parseAnnotations(ann, key: "ANNOTATOR_2_RANKINGS=")
        let items = loadParsed(data)
        cvs = items.filter { $0.set == "vanetik" }
        cvIndex = Dictionary(uniqueKeysWithValues: cvs.enumerated().map { ($1.id, $0) })
        let jdURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("jobs/livecareer-jds.json")
        jds = (try! JSONSerialization.jsonObject(with: Data(contentsOf: jdURL)) as! [String: String]).filter { !$0.key.hasPrefix("_") }
            .sorted { $0.key < $1.key }.map { (cat: $0.key, text: $0.value) }
        lc = items.filter { $0.set == "livecareer" }
    }

    /// The job ad as one text: title line, then the description.
    func vacancyAd(_ i: Int) -> String { vacancies[i].title + "\n" + vacancies[i].text }

    /// Vanetik metrics for `score(cvPosition, vacancy)` and livecareer metrics for `lcScores(jd)`.
    func evaluate(vanetik score: (Int) -> [Double], livecareer lcScores: (Int) -> [Double]) -> QualityRow {
        var row = QualityRow()
        for (which, arrays, skip) in [(1, a1, Set([9, 28])), (2, a2, Set<Int>())] {
            var taus: [Double] = [], nd: [Double] = []
            for (k, arr) in arrays.enumerated() {
                let cv = k + 1
                guard !skip.contains(cv), Set(arr).count == 5, let pos = cvIndex[cv] else { continue }
                var gain = [Double](repeating: 0, count: 5)
                for (place, vac) in arr.enumerated() { gain[vac - 1] = Double(5 - place) }
                let s = score(pos)
                taus.append(kendallTauB(s, gain))
                nd.append(ndcg(scores: s, gains: gain, k: 5))
            }
            if which == 1 { row.a1tau = mean(taus); row.a1nd = mean(nd); row.a1n = taus.count; row.a1taus = taus }
            else { row.a2tau = mean(taus); row.a2nd = mean(nd); row.a2n = taus.count; row.a2taus = taus }
        }
        var nd: [Double] = [], p10: [Double] = []
        for (j, jd) in jds.enumerated() {
            let s = lcScores(j)
            nd.append(ndcg(scores: s, gains: lc.map { $0.category == jd.cat ? 1.0 : 0.0 }, k: 10))
            let top = s.indices.sorted { s[$0] != s[$1] ? s[$0] > s[$1] : $0 < $1 }.prefix(10)
            p10.append(Double(top.filter { lc[$0].category == jd.cat }.count) / 10)
        }
        row.lcnd = mean(nd); row.lcp10 = mean(p10); row.lcnds = nd
        return row
    }

    /// The builtin model over derived criteria. `description`: keep the ad in the criteria (as
    /// `CriteriaDeriver` does) or drop it (lexical then sees title and criteria names only).
    /// `corpusIDF`: document frequencies counted over the scored resumes (`BM25Corpus(profiles:)`,
    /// as `screener rank` does) instead of `BM25Corpus.default` (as per-candidate scoring does).
    func builtin(description: Bool, corpusIDF: Bool, weights: ScoreWeights? = nil) -> QualityRow {
        let deriver = CriteriaDeriver(taxonomy: taxonomy)
        func crit(_ ad: String, _ id: String) -> JobCriteria {
            var c = withWeights(deriver.derive(jobAd: ad, id: id))
            if !description { c.description = nil }
            if let weights { c.weights = weights }
            return c
        }
        var dc = BM25Corpus.default
        if let a = ProcessInfo.processInfo.environment["QUALITY_AVGDL"].flatMap(Double.init) { dc.averageLength = a }
        let base = BuiltinModel(taxonomy: taxonomy, corpus: dc)
        let cvP = cvs.map { base.prepare($0.redacted) }
        let lcP = lc.map { base.prepare($0.redacted) }
        let vm = corpusIDF ? BuiltinModel(taxonomy: taxonomy, corpus: BM25Corpus(profiles: cvP)) : base
        let lm = corpusIDF ? BuiltinModel(taxonomy: taxonomy, corpus: BM25Corpus(profiles: lcP)) : base
        let vc = vacancies.indices.map { vm.prepare(crit(vacancyAd($0), "vanetik-\($0 + 1)")) }
        let lcC = jds.map { lm.prepare(crit($0.text, $0.cat)) }
        return evaluate(vanetik: { pos in vc.map { vm.components(cvP[pos], $0).total } },
                        livecareer: { j in lcP.map { lm.components($0, lcC[j]).total } })
    }

    /// Plain BM25 over the same redacted texts: job ad → resumes (IDF over the resumes) and, for
    /// Vanetik, resume → the 5 ads (IDF over the ads).
    func bm25() -> (forward: QualityRow, reverse: QualityRow) {
        let cvB = PlainBM25(cvs.map(\.redacted.text)), lcB = PlainBM25(lc.map(\.redacted.text))
        let vacB = PlainBM25(vacancies.indices.map(vacancyAd))
        let lcRow = { (j: Int) in (0..<lc.count).map { lcB.score(query: jds[j].text, doc: $0) } }
        let f = evaluate(vanetik: { pos in vacancies.indices.map { cvB.score(query: vacancyAd($0), doc: pos) } }, livecareer: lcRow)
        let r = evaluate(vanetik: { pos in vacancies.indices.map { vacB.score(query: cvs[pos].redacted.text, doc: $0) } }, livecareer: lcRow)
        return (f, r)
    }
}

func printHeader() {
    print("system                                        | A1 τ-b  A1 NDCG@5 | A2 τ-b  A2 NDCG@5 | LC NDCG@10  P@10")
}
func printRow(_ label: String, _ r: QualityRow) {
    print(label.padding(toLength: 46, withPad: " ", startingAt: 0) + "| " + "\(f3(r.a1tau).padding(toLength: 7, withPad: " ", startingAt: 0)) \(f3(r.a1nd))     | \(f3(r.a2tau).padding(toLength: 7, withPad: " ", startingAt: 0)) \(f3(r.a2nd))     | \(f3(r.lcnd))       \(f3(r.lcp10))")
}

func quality(data: String) {
    let t0 = Date()
    let q = QualitySets(data: data)
    let withWork = (q.cvs + q.lc).filter { !$0.redacted.work.isEmpty && !$0.redacted.skills.isEmpty }.count
    print("parsed \(q.cvs.count) Vanetik DOCX + \(q.lc.count) livecareer PDFs in \(String(format: "%.1f", Date().timeIntervalSince(t0))) s (\(withWork) with ≥1 work entry and ≥1 skill); \(q.vacancies.count) vacancies, \(q.jds.count) JDs")
    var agree: [Double] = []
    for k in 0..<min(q.a1.count, q.a2.count) where ![9, 28].contains(k + 1) && Set(q.a1[k]).count == 5 && Set(q.a2[k]).count == 5 {
        var g1 = [Double](repeating: 0, count: 5), g2 = g1
        for (p, v) in q.a1[k].enumerated() { g1[v - 1] = Double(5 - p) }
        for (p, v) in q.a2[k].enumerated() { g2[v - 1] = Double(5 - p) }
        agree.append(kendallTauB(g1, g2))
    }
    let lens = (q.cvs + q.lc).map { BuiltinModel(taxonomy: taxonomy).prepare($0.redacted).length }
    print("section-weighted length: mean \(Int(lens.reduce(0, +) / Float(lens.count))) (default corpus assumes \(Int(BM25Corpus.default.averageLength)))")
    let b = q.bm25()
    let r = q.builtin(description: true, corpusIDF: false)
    print("Vanetik: A1 n=\(r.a1n) (CV 9, 28 skipped), A2 n=\(r.a2n); annotator 1 vs 2 τ-b \(f3(mean(agree))). Livecareer: 24 JDs × \(q.lc.count) resumes.\n")
    printHeader()
    printRow("builtin, derived + description, default IDF", r)
    printRow("builtin, derived + description, corpus IDF", q.builtin(description: true, corpusIDF: true))
    printRow("builtin, derived, no description, default", q.builtin(description: false, corpusIDF: false))
    printRow("builtin, derived, no description, corpus", q.builtin(description: false, corpusIDF: true))
    printRow("plain BM25, ad → resumes", b.forward)
    printRow("plain BM25, resume → ads (Vanetik only)", b.reverse)
    let lcB = PlainBM25(q.lc.map(\.redacted.text)), cvB = PlainBM25(q.cvs.map(\.redacted.text))
    printRow("plain BM25 with the default corpus's IDF", q.evaluate(
        vanetik: { pos in q.vacancies.indices.map { cvB.score(query: q.vacancyAd($0), doc: pos, fixedIDF: true) } },
        livecareer: { j in (0..<q.lc.count).map { lcB.score(query: q.jds[j].text, doc: $0, fixedIDF: true) } }))
    // A per-vacancy prior with no resume in it: the same order (ad length in terms) for every CV.
    let prior = q.evaluate(vanetik: { _ in q.vacancies.indices.map { Double(TextTokenizer.terms(q.vacancyAd($0)).count) } },
                           livecareer: { _ in [Double](repeating: 0, count: q.lc.count) })
    print("no resume, ad length only (Vanetik prior)      | \(f3(prior.a1tau))   \(f3(prior.a1nd))     | \(f3(prior.a2tau))   \(f3(prior.a2nd))     | –")
    print("\nbuiltin (derived + description, default IDF) minus plain BM25 (ad → resumes), paired, mean ± standard error:")
    print("  Vanetik A1 τ-b per CV \(paired(r.a1taus, b.forward.a1taus))")
    print("  Vanetik A2 τ-b per CV \(paired(r.a2taus, b.forward.a2taus))")
    print("  livecareer NDCG@10 per JD \(paired(r.lcnds, b.forward.lcnds))")
    let vs = q.vanetikScores()
    let cb = q.centredVanetik(vs.builtin), cp = q.centredVanetik(vs.bm25)
    print("\nVanetik τ-b with each vacancy's mean over the \(q.cvs.count) CVs subtracted (the resume-specific part; A1 / A2):")
    print("  builtin, derived + description, default IDF \(f3(cb.a1)) / \(f3(cb.a2)); plain BM25, ad → resumes \(f3(cp.a1)) / \(f3(cp.a2))")
}

/// Per-component ablation on derived + description criteria, default IDF: each component alone
/// (weight 1, others 0), and the defaults without it.
func ablate(data: String) {
    let q = QualitySets(data: data)
    let names = ["requiredSkills", "preferredSkills", "skillDepth", "experience", "education", "certifications", "languages", "lexical"]
    func set(_ w: inout ScoreWeights, _ n: String, _ v: Double) {
        switch n {
        case "requiredSkills": w.requiredSkills = v
        case "preferredSkills": w.preferredSkills = v
        case "skillDepth": w.skillDepth = v
        case "experience": w.experience = v
        case "education": w.education = v
        case "certifications": w.certifications = v
        case "languages": w.languages = v
        default: w.lexical = v
        }
    }
    printHeader()
    for idf in [false, true] {
        let tag = idf ? " (corpus)" : ""
        printRow("defaults" + tag, q.builtin(description: true, corpusIDF: idf))
        for n in names {
            var only = ScoreWeights(requiredSkills: 0, preferredSkills: 0, skillDepth: 0, experience: 0, education: 0, certifications: 0, languages: 0, lexical: 0)
            set(&only, n, 1)
            printRow("only \(n)" + tag, q.builtin(description: true, corpusIDF: idf, weights: only))
        }
        for n in names {
            var w = ScoreWeights.default
            set(&w, n, 0)
            printRow("without \(n)" + tag, q.builtin(description: true, corpusIDF: idf, weights: w))
        }
    }
    // How derived criteria look.
    let deriver = CriteriaDeriver(taxonomy: taxonomy)
    for i in q.vacancies.indices {
        let c = deriver.derive(jobAd: q.vacancyAd(i), id: "v\(i + 1)")
        print("vacancy \(i + 1): req \(c.requiredSkills.map(\.name)) pref \(c.preferredSkills.map(\.name)) minExp \(c.minExperienceYears ?? -1) edu \(c.education?.minimum.rawValue ?? "-")")
    }
}

// MARK: bench

/// CPU time of this thread in seconds: the machine is shared, so wall time overstates cost.
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func bench(_ docs: [Doc]) {
    let model = BuiltinModel(taxonomy: taxonomy)
    let t0 = cpuNow()
    let base = docs.map { redactor.redact(parsed($0.text)) }
    let prepSec = cpuNow() - t0
    print("taxonomy match + redact: \(docs.count) docs in \(f3(prepSec)) CPU-s = \(Int(Double(docs.count) / prepSec)) docs per CPU-second")
    let t1 = cpuNow()
    var profiles: [PreparedProfile] = []
    profiles.reserveCapacity(10_000)
    let total = Int(ProcessInfo.processInfo.environment["BENCH_N"] ?? "") ?? 10_000
    for i in 0..<total {
        var p = base[i % base.count]
        p.text += "\nref\(i) item\(i % 97)"
        profiles.append(model.prepare(p))
    }
    print("prepare \(total) distinct profiles: \(f3(cpuNow() - t1)) CPU-s")
    let deriver = CriteriaDeriver(taxonomy: taxonomy)
    let jdURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("jobs/livecareer-jds.json")
    let jds = (try! JSONSerialization.jsonObject(with: Data(contentsOf: jdURL)) as! [String: String]).filter { !$0.key.hasPrefix("_") }
    var crit = jds.sorted { $0.key < $1.key }.map { model.prepare(deriver.derive(jobAd: $0.value, id: $0.key)) }
    crit.append(model.prepare(JobCriteria(id: "backend", title: "Backend Engineer", description: "Swift and PostgreSQL services on Kubernetes.",
                                          requiredSkills: [.init(name: "Swift", minYears: 3), .init(name: "PostgreSQL")],
                                          preferredSkills: [.init(name: "Kubernetes", weight: 2)], minExperienceYears: 5,
                                          education: .init(minimum: .bachelor), languages: [.init(language: "English", level: "C1")])))
    // Throughput on one core: components (the ranking path).
    var sink = 0.0
    var best = Double.infinity, bestCPU = Double.infinity
    for _ in 0..<3 {
        let s = Date(), c0 = cpuNow()
        for c in crit { for p in profiles { sink += model.components(p, c).total } }
        best = min(best, Date().timeIntervalSince(s))
        bestCPU = min(bestCPU, cpuNow() - c0)
    }
    let n = Double(crit.count * profiles.count)
    print("builtin components (fast path): \(Int(n / bestCPU)) profile×job scores/s per CPU-second (wall: \(Int(n / best))/s) on one thread (\(crit.count) jobs × \(profiles.count) profiles, best of 3)")
    // Full Score with explanation.
    let s2 = cpuNow()
    var cnt = 0
    for c in crit.prefix(3) { for p in profiles.prefix(2000) { sink += model.score(p, c).total; cnt += 1 } }
    print("builtin full Score with explanation: \(Int(Double(cnt) / (cpuNow() - s2))) scores per CPU-second")
    // Rank 10,000 for one job.
    var times: [Double] = [], cpu: [Double] = []
    for c in crit {
        let s = Date(), c0 = cpuNow()
        let r = model.rank(profiles: profiles, criteria: c, top: 50)
        times.append(Date().timeIntervalSince(s) * 1000)
        cpu.append((cpuNow() - c0) * 1000)
        sink += r.first?.total ?? 0
    }
    times.sort(); cpu.sort()
    print("rank \(profiles.count) prepared profiles for one job: CPU median \(f3(cpu[cpu.count / 2])) ms, max \(f3(cpu.last!)) ms; wall median \(f3(times[times.count / 2])) ms, max \(f3(times.last!)) ms (\(times.count) jobs)")
    // Criteria preparation.
    let s3 = Date()
    for c in jds.values { _ = model.prepare(deriver.derive(jobAd: c, id: "x")) }
    print("derive + prepare criteria: \(f3(Date().timeIntervalSince(s3) * 1000 / Double(jds.count))) ms per job")
    if sink == -1 { print(sink) }
}

let args = CommandLine.arguments
guard args.count >= 2 else {
    print("usage: scoring-quality quality|ablate|diag|idf|sweep [<shared-data-dir>] | bench <cache.jsonl>"); exit(2)
}
/// The data directory: the first argument that is not a `.jsonl` cache (older form: `quality CACHE DATA`).
let dataDir = args.dropFirst(2).first { !$0.hasSuffix(".jsonl") } ?? "../shared/data"
let docs = args.count > 2 && args[2].hasSuffix(".jsonl") ? loadDocs(args[2]) : []
switch args[1] {
case "quality": quality(data: dataDir)
case "ablate": ablate(data: dataDir)
case "diag": diagnose(data: dataDir)
case "idf": idfExperiments(data: dataDir)
case "sweep": sweep(data: dataDir)
case "jd": inspectJD(data: args.count > 3 ? args[3] : "../shared/data", category: args.count > 2 ? args[2] : "DESIGNER")
case "bench": bench(docs)
case "hot":
    // For instruction counting under valgrind: HOT_R repetitions of 60 profiles × 25 jobs.
    let m = BuiltinModel(taxonomy: taxonomy)
    let ps = docs.prefix(60).map { m.prepare(redactor.redact(parsed($0.text))) }
    let jdURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("jobs/livecareer-jds.json")
    let jds = (try! JSONSerialization.jsonObject(with: Data(contentsOf: jdURL)) as! [String: String]).filter { !$0.key.hasPrefix("_") }
    let cs = jds.sorted { $0.key < $1.key }.map { m.prepare(CriteriaDeriver(taxonomy: taxonomy).derive(jobAd: $0.value, id: $0.key)) }
    let r = Int(ProcessInfo.processInfo.environment["HOT_R"] ?? "0") ?? 0
    var sink = 0.0
    for _ in 0..<r { for c in cs { for p in ps { sink += m.components(p, c).total } } }
    print(sink, r * cs.count * ps.count)
case "redaction":
    // Redaction check on dataturks (labelled Name and Email Address): does any labelled value survive?
    let path = (args.count > 3 ? args[3] : "../shared/data") + "/dataturks/traindata.json"
    let raw = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    var kinds: [String: Int] = [:]
    var n = 0, nameLeft = 0, emailLeft = 0, names = 0, emails = 0
    for line in raw.split(separator: "\n") {
        guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let text = o["content"] as? String, let ann = o["annotation"] as? [[String: Any]] else { continue }
        var name: String?, mails: [String] = []
        for a in ann {
            let labels = a["label"] as? [String] ?? []
            let texts = (a["points"] as? [[String: Any]] ?? []).compactMap { ($0["text"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) }
            if labels.contains("Name") { name = name ?? texts.first }
            if labels.contains("Email Address") { mails += texts }
        }
        var r = parsed(text)
        r.basics.name = name
        let red = redactor.redact(r)
        n += 1
        for x in red.redactions { kinds[x.kind, default: 0] += 1 }
        let lower = red.text.lowercased()
        if let name, name.count >= 3 { names += 1; if lower.contains(name.lowercased()) { nameLeft += 1 } }
        for m in mails where m.count >= 6 { emails += 1; if lower.contains(m.lowercased()) { emailLeft += 1 } }
    }
    print("dataturks: \(n) resumes; labelled names left in redacted text: \(nameLeft)/\(names); labelled email/profile values left: \(emailLeft)/\(emails)")
    print("redactions by kind:", kinds.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
case "prof":
    let base = docs.map { redactor.redact(parsed($0.text)) }
    let m = BuiltinModel(taxonomy: taxonomy)
    var t = Date(); var n = 0
    for p in base { n += TextTokenizer.tokens(p.text).count }
    print("tokenize: \(f3(Date().timeIntervalSince(t) * 1000 / Double(base.count))) ms/doc (\(n / base.count) tokens)")
    t = Date()
    let enc = JSONEncoder(); enc.outputFormatting = [.sortedKeys]
    var bytes = 0
    for p in base { bytes += (try! enc.encode(p)).count }
    print("json: \(f3(Date().timeIntervalSince(t) * 1000 / Double(base.count))) ms/doc (\(bytes / base.count) bytes)")
    t = Date()
    for p in base { _ = m.prepare(p) }
    print("prepare: \(f3(Date().timeIntervalSince(t) * 1000 / Double(base.count))) ms/doc")
    t = Date()
    for d in docs.prefix(100) { _ = parsed(d.text) }
    print("taxonomy matches (stand-in parser): \(f3(Date().timeIntervalSince(t) * 1000 / 100)) ms/doc")
    t = Date()
    let pr = docs.prefix(100).map { parsed($0.text) }
    t = Date()
    for r in pr { _ = redactor.redact(r) }
    print("redact: \(f3(Date().timeIntervalSince(t) * 1000 / 100)) ms/doc")
case "example":
    // A Score as JSON, for validating schemas/score.schema.json with a JSON Schema validator.
    let m = BuiltinModel(taxonomy: taxonomy)
    let p = m.prepare(redactor.redact(parsed(docs.first { $0.set == "vanetik" }?.text ?? "Swift engineer")))
    let c = m.prepare(JobCriteria(id: "backend", version: 2, requiredSkills: [.init(name: "Java", minYears: 3), .init(name: "PostgreSQL")],
                                  preferredSkills: [.init(name: "Kubernetes")], minExperienceYears: 3, education: .init(minimum: .bachelor),
                                  languages: [.init(language: "English", level: "C1")], certifications: ["AWS Certified"],
                                  knockouts: [.init(field: "work_authorization", equals: "yes")]))
    let sc = m.score(p, c).withKnockouts([.init(field: "work_authorization", outcome: .passed)])
    let enc = JSONEncoder(); enc.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try! enc.encode(sc), as: UTF8.self))
case "derive":
    let jdURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("jobs/livecareer-jds.json")
    let jds = (try! JSONSerialization.jsonObject(with: Data(contentsOf: jdURL)) as! [String: String]).filter { !$0.key.hasPrefix("_") }
    for (k, v) in jds.sorted(by: { $0.key < $1.key }) {
        let c = CriteriaDeriver(taxonomy: taxonomy).derive(jobAd: v, id: k)
        print(k, "| req:", c.requiredSkills.map { $0.name + ($0.minYears.map { "(\($0)y)" } ?? "") }, "| pref:", c.preferredSkills.map(\.name), "| exp:", c.minExperienceYears ?? -1, "| edu:", c.education?.minimum.rawValue ?? "-", "| certs:", c.certifications)
    }
default: print("unknown mode"); exit(2)
}
