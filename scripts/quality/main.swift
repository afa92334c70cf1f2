// Screener scoring quality harness and micro-benchmark (not part of the product).
//
//   python3 scripts/quality/extract_text.py ../shared/data /tmp/screener-quality.jsonl
//   scoring-quality quality /tmp/screener-quality.jsonl ../shared/data
//   scoring-quality bench   /tmp/screener-quality.jsonl
//
// Quality: Vanetik (Kendall τ-b and NDCG@5 against each annotator, 5 vacancies per CV) and
// livecareer category retrieval (NDCG@10, one hand-written JD per category in jobs/), for the
// builtin model and a plain BM25 baseline over the same texts.
import Foundation
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
    func score(query: String, doc i: Int, k1: Double = 1.2, b: Double = 0.75) -> Double {
        let n = Double(docs.count)
        var s = 0.0
        for w in TextTokenizer.terms(query) {
            guard let f = docs[i][w] else { continue }
            let idf = log(1 + (n - df[w]! + 0.5) / (df[w]! + 0.5))
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

func quality(_ docs: [Doc], data: String) {
    // Vanetik.
    let csv = parseCSV(try! String(contentsOfFile: data + "/vanetik/5_vacancies.csv", encoding: .utf8))
    let header = csv[0]
    let iDesc = header.firstIndex(of: "job_description")!, iTitle = header.firstIndex(of: "job_title")!
    let vacancies = csv.dropFirst().filter { $0.count > iDesc }.map { (title: $0[iTitle], text: $0[iDesc]) }
    let ann = try! String(contentsOfFile: data + "/vanetik/annotations-for-the-first-30-vacancies.txt", encoding: .utf8)
    let a1 = parseAnnotations(ann, key: "ANNOTATOR_1_RANKINGS="), a2 = parseAnnotations(ann, key: "ANNOTATOR_2_RANKINGS=")
    let cvs = docs.filter { $0.set == "vanetik" }
    let cvByID = Dictionary(uniqueKeysWithValues: cvs.map { (Int($0.id)!, $0) })
    print("Vanetik: \(vacancies.count) vacancies, \(cvs.count) CVs, annotator arrays \(a1.count) + \(a2.count)")

    let profiles = Dictionary(uniqueKeysWithValues: cvs.map { (Int($0.id)!, redactor.redact(parsed($0.text))) })
    let deriver = CriteriaDeriver(taxonomy: taxonomy)
    let criteria = vacancies.enumerated().map { i, v in withWeights(deriver.derive(jobAd: v.title + "\n" + v.text, id: "vanetik-\(i + 1)")) }
    let defaultModel = BuiltinModel(taxonomy: taxonomy)
    let preparedDefault = profiles.mapValues { defaultModel.prepare($0) }
    let corpusModel = BuiltinModel(taxonomy: taxonomy, corpus: BM25Corpus(profiles: Array(preparedDefault.values)))
    let bm25CVs = PlainBM25(cvs.map(\.text))
    let cvIndex = Dictionary(uniqueKeysWithValues: cvs.enumerated().map { (Int($1.id)!, $0) })
    let bm25Vac = PlainBM25(vacancies.map { $0.title + "\n" + $0.text })

    var systems: [(String, (Int) -> [Double])] = []
    for (label, model) in [("builtin (default IDF)", defaultModel), ("builtin (CV-corpus IDF)", corpusModel)] {
        let pc = criteria.map(model.prepare)
        systems.append((label, { cv in pc.map { model.components(preparedDefault[cv]!, $0).total } }))
    }
    systems.append(("BM25 vacancy→CVs", { cv in vacancies.map { bm25CVs.score(query: $0.title + "\n" + $0.text, doc: cvIndex[cv]!) } }))
    systems.append(("BM25 CV→vacancies", { cv in (0..<vacancies.count).map { bm25Vac.score(query: cvByID[cv]!.text, doc: $0) } }))

    if ProcessInfo.processInfo.environment["QUALITY_DEBUG"] != nil {
        let pc = criteria.map(defaultModel.prepare)
        for (i, c) in pc.enumerated() {
            let cs = preparedDefault.values.map { defaultModel.components($0, c) }
            func m(_ f: (ComponentScores) -> Double) -> String { f3(mean(cs.map(f).filter { !$0.isNaN })) }
            print("vacancy \(i + 1): total \(m { $0.total }) req \(m { $0.requiredSkills }) pref \(m { $0.preferredSkills }) depth \(m { $0.skillDepth }) exp \(m { $0.experience }) edu \(m { $0.education }) lex \(m { $0.lexical }) | req \(criteria[i].requiredSkills.count) pref \(criteria[i].preferredSkills.count) minExp \(criteria[i].minExperienceYears ?? -1) edu \(criteria[i].education?.minimum.rawValue ?? "-")")
        }
        var place = [[Int]](repeating: [0, 0, 0, 0, 0], count: 5)
        for arr in a1 where Set(arr).count == 5 { for (p, v) in arr.enumerated() { place[v - 1][p] += 1 } }
        print("annotator 1 place histogram per vacancy:", place)
    }
    print("system                      | A1 τ-b  A1 NDCG@5 (n) | A2 τ-b  A2 NDCG@5 (n)")
    for (label, f) in systems {
        var cols: [String] = []
        for (arrays, skip) in [(a1, Set([9, 28])), (a2, Set<Int>())] {
            var taus: [Double] = [], nd: [Double] = []
            for (k, arr) in arrays.enumerated() {
                let cv = k + 1
                if skip.contains(cv) || Set(arr).count != 5 || cvByID[cv] == nil { continue }
                // gains per vacancy: 6 − place
                var gain = [Double](repeating: 0, count: 5)
                for (place, vac) in arr.enumerated() { gain[vac - 1] = Double(5 - place) }
                let s = f(cv)
                taus.append(kendallTauB(s, gain))
                nd.append(ndcg(scores: s, gains: gain, k: 5))
            }
            cols.append("\(f3(mean(taus)))  \(f3(mean(nd))) (\(taus.count))")
        }
        print(label.padding(toLength: 28, withPad: " ", startingAt: 0) + "| " + cols.joined(separator: "   | "))
    }
    // Annotator agreement for context.
    var agree: [Double] = []
    for k in 0..<min(a1.count, a2.count) where ![9, 28].contains(k + 1) && Set(a1[k]).count == 5 && Set(a2[k]).count == 5 {
        var g1 = [Double](repeating: 0, count: 5), g2 = g1
        for (p, v) in a1[k].enumerated() { g1[v - 1] = Double(5 - p) }
        for (p, v) in a2[k].enumerated() { g2[v - 1] = Double(5 - p) }
        agree.append(kendallTauB(g1, g2))
    }
    print("annotator 1 vs 2 τ-b: \(f3(mean(agree))) (n=\(agree.count))")

    // Livecareer.
    let jdURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("jobs/livecareer-jds.json")
    let jds = (try! JSONSerialization.jsonObject(with: Data(contentsOf: jdURL)) as! [String: String]).filter { !$0.key.hasPrefix("_") }
    let lc = docs.filter { $0.set == "livecareer" }
    let lcProfiles = lc.map { defaultModel.prepare(redactor.redact(parsed($0.text))) }
    let lcCorpusModel = BuiltinModel(taxonomy: taxonomy, corpus: BM25Corpus(profiles: lcProfiles))
    let lcBM25 = PlainBM25(lc.map(\.text))
    print("\nLivecareer: \(lc.count) resumes, \(jds.count) job descriptions (headline stripped)")
    for (label, run) in [
        ("builtin (default IDF)", { (cat: String, jd: String) -> [Double] in
            let c = defaultModel.prepare(withWeights(deriver.derive(jobAd: jd, id: cat))); return lcProfiles.map { defaultModel.components($0, c).total } }),
        ("builtin (resume-corpus IDF)", { (cat: String, jd: String) -> [Double] in
            let c = lcCorpusModel.prepare(withWeights(deriver.derive(jobAd: jd, id: cat))); return lcProfiles.map { lcCorpusModel.components($0, c).total } }),
        ("BM25 JD→resumes", { (_: String, jd: String) -> [Double] in (0..<lc.count).map { lcBM25.score(query: jd, doc: $0) } }),
    ] {
        var nd: [Double] = [], p10: [Double] = []
        for (cat, jd) in jds.sorted(by: { $0.key < $1.key }) {
            let s = run(cat, jd)
            let gains = lc.map { $0.category == cat ? 1.0 : 0.0 }
            nd.append(ndcg(scores: s, gains: gains, k: 10))
            let top = s.indices.sorted { s[$0] != s[$1] ? s[$0] > s[$1] : $0 < $1 }.prefix(10)
            p10.append(Double(top.filter { lc[$0].category == cat }.count) / 10)
        }
        print(label.padding(toLength: 28, withPad: " ", startingAt: 0) + "| NDCG@10 \(f3(mean(nd)))  P@10 \(f3(mean(p10)))")
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
guard args.count >= 3 else {
    print("usage: scoring-quality quality <cache.jsonl> <shared-data-dir> | bench <cache.jsonl>"); exit(2)
}
let docs = loadDocs(args[2])
switch args[1] {
case "quality": quality(docs, data: args.count > 3 ? args[3] : "../shared/data")
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
