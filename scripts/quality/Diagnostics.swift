import Foundation
import ScreenerCore
import Scoring

/// `scoring-quality diag`: why the builtin model orders the 5 Vanetik vacancies as it does. Per
/// vacancy: the derived criteria, each component's mean over the annotated CVs, the annotators'
/// mean gain, and the plain BM25 mean; then τ-b when each component alone orders the vacancies.
func diagnose(data: String) {
    let q = QualitySets(data: data)
    let deriver = CriteriaDeriver(taxonomy: taxonomy)
    let model = BuiltinModel(taxonomy: taxonomy)
    let cvP = q.cvs.map { model.prepare($0.redacted) }
    let crit = q.vacancies.indices.map { deriver.derive(jobAd: q.vacancyAd($0), id: "v\($0 + 1)") }
    let pc = crit.map { model.prepare($0) }
    let annotated = Set((1...30).compactMap { q.cvIndex[$0] })
    func gains(_ arrays: [[Int]], skip: Set<Int>) -> [[Double]] {
        arrays.enumerated().compactMap { k, arr in
            guard !skip.contains(k + 1), Set(arr).count == 5 else { return nil }
            var g = [Double](repeating: 0, count: 5)
            for (place, vac) in arr.enumerated() { g[vac - 1] = Double(5 - place) }
            return g
        }
    }
    let g1 = gains(q.a1, skip: [9, 28]), g2 = gains(q.a2, skip: [])
    let cvB = PlainBM25(q.cvs.map(\.redacted.text))
    print("vac | terms req pref minExp edu lang cert | A1 gain A2 gain | BM25 | total  req   pref  depth  exp   edu   lex")
    for v in q.vacancies.indices {
        let c = crit[v]
        let rows = annotated.sorted().map { model.components(cvP[$0], pc[v]) }
        func m(_ f: (ComponentScores) -> Double) -> String {
            let xs = rows.map(f).filter { !$0.isNaN }
            return xs.isEmpty ? "  –  " : f3(mean(xs))
        }
        let bm = mean(annotated.sorted().map { cvB.score(query: q.vacancyAd(v), doc: $0) })
        print("\(v + 1)   | \(TextTokenizer.terms(q.vacancyAd(v)).count) \(c.requiredSkills.count) \(c.preferredSkills.count) \(c.minExperienceYears ?? -1) \(c.education?.minimum.rawValue ?? "-") \(c.languages.count) \(c.certifications.count) | \(f3(mean(g1.map { $0[v] }))) \(f3(mean(g2.map { $0[v] }))) | \(String(format: "%.1f", bm)) | \(m { $0.total / 100 }) \(m(\.requiredSkills)) \(m(\.preferredSkills)) \(m(\.skillDepth)) \(m(\.experience)) \(m(\.education)) \(m(\.lexical))")
        print("      req: \(c.requiredSkills.map { $0.name + ($0.weight.map { "×\($0)" } ?? "") + ($0.minYears.map { "(\($0)y)" } ?? "") })")
        print("      pref: \(c.preferredSkills.map(\.name))")
    }
    // Each component alone ordering the vacancies per CV (NaN counts as 0).
    print("\ncomponent alone → τ-b A1 / A2 (and after subtracting each vacancy's mean over all 65 CVs: the per-vacancy offset removed)")
    let names: [(String, (ComponentScores) -> Double)] = [
        ("total", { $0.total }), ("requiredSkills", \.requiredSkills), ("preferredSkills", \.preferredSkills),
        ("skillDepth", \.skillDepth), ("experience", \.experience), ("education", \.education), ("lexical", \.lexical),
    ]
    for (name, f) in names {
        let all = cvP.map { p in pc.map { let x = f(model.components(p, $0)); return x.isNaN ? 0 : x } }
        let vm = (0..<5).map { v in mean(all.map { $0[v] }) }
        let raw = q.evaluate(vanetik: { all[$0] }, livecareer: { _ in [Double](repeating: 0, count: q.lc.count) })
        let cen = q.evaluate(vanetik: { pos in (0..<5).map { all[pos][$0] - vm[$0] } }, livecareer: { _ in [Double](repeating: 0, count: q.lc.count) })
        print("\(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(f3(raw.a1tau)) / \(f3(raw.a2tau))   centred \(f3(cen.a1tau)) / \(f3(cen.a2tau))")
    }
    let bmAll = cvP.indices.map { pos in q.vacancies.indices.map { cvB.score(query: q.vacancyAd($0), doc: pos) } }
    let bvm = (0..<5).map { v in mean(bmAll.map { $0[v] }) }
    let cen = q.evaluate(vanetik: { pos in (0..<5).map { bmAll[pos][$0] - bvm[$0] } }, livecareer: { _ in [Double](repeating: 0, count: q.lc.count) })
    let pri = q.evaluate(vanetik: { _ in bvm }, livecareer: { _ in [Double](repeating: 0, count: q.lc.count) })
    print("plain BM25 centred \(f3(cen.a1tau)) / \(f3(cen.a2tau)); its per-vacancy mean alone \(f3(pri.a1tau)) / \(f3(pri.a2tau))")
    // Livecareer per JD: NDCG@10 of the total, of lexical alone and of required skills alone.
    print("\nlivecareer per JD: NDCG@10 total / lexical alone / requiredSkills alone")
    let lcP = q.lc.map { model.prepare($0.redacted) }
    for jd in q.jds {
        let c = model.prepare(deriver.derive(jobAd: jd.text, id: jd.cat))
        let rows = lcP.map { model.components($0, c) }
        let gains = q.lc.map { $0.category == jd.cat ? 1.0 : 0.0 }
        func nd(_ f: (ComponentScores) -> Double) -> String { f3(ndcg(scores: rows.map { let x = f($0); return x.isNaN ? 0 : x }, gains: gains, k: 10)) }
        print("  \(jd.cat.padding(toLength: 24, withPad: " ", startingAt: 0)) \(nd(\.total)) / \(nd(\.lexical)) / \(nd(\.requiredSkills))")
    }
    // Spread of the per-CV τ-b: the standard error of the mean τ-b in the table.
    let totals = cvP.map { p in pc.map { model.components(p, $0).total } }
    for (label, g) in [("A1", g1), ("A2", g2)] {
        let cvs = label == "A1" ? (1...30).filter { ![9, 28].contains($0) && Set(q.a1[$0 - 1]).count == 5 } : Array(1...20)
        let taus = zip(cvs, g).compactMap { cv, gain in q.cvIndex[cv].map { kendallTauB(totals[$0], gain) } }
        let m = mean(taus), sd = (taus.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(max(1, taus.count - 1))).squareRoot()
        print("builtin per-CV τ-b \(label): mean \(f3(m)), sd \(f3(sd)), standard error \(f3(sd / Double(taus.count).squareRoot())) (n=\(taus.count))")
    }
}

/// `scoring-quality idf`: plain BM25 over the same texts with different IDF sources and query-term
/// weighting, to see which general default could replace corpus IDF (experiments only).
func idfExperiments(data: String) {
    let q = QualitySets(data: data)
    let lcB = PlainBM25(q.lc.map(\.redacted.text)), cvB = PlainBM25(q.cvs.map(\.redacted.text))
    // Spread of each (stemmed) word over taxonomy categories and entries.
    var cats: [String: Set<String>] = [:], ents: [String: Int] = [:]
    for e in taxonomy.entries {
        var seen = Set<String>()
        for f in e.forms { for t in TextTokenizer.terms(f) where seen.insert(t).inserted { cats[t, default: []].insert(e.category); ents[t, default: 0] += 1 } }
    }
    let common = Set(DefaultVocabulary.common.map(TextTokenizer.stem))
    print("taxonomy words: \(cats.count); in ≥3 categories: \(cats.values.filter { $0.count >= 3 }.count)")
    func rsj(_ n: Double, _ N: Double = 1000) -> Double { log(1 + (N - n + 0.5) / (n + 0.5)) }
    let variants: [(String, (String) -> Double)] = [
        ("default", { BM25Corpus.default.idf(TextTokenizer.fnv1a($0)) }),
        ("flat (stop words only)", { _ in 1 }),
        ("default, no common list", { _ in rsj(15) }),
        ("common + taxonomy categories n=15·k", { t in common.contains(t) ? rsj(300) : rsj(min(300, 15 * Double(max(1, cats[t]?.count ?? 1)))) }),
        ("common + taxonomy categories n=15·k²", { t in common.contains(t) ? rsj(300) : rsj(min(300, 15 * pow(Double(max(1, cats[t]?.count ?? 1)), 2))) }),
        ("common + taxonomy entries n=15·e", { t in common.contains(t) ? rsj(300) : rsj(min(300, 15 * Double(max(1, ents[t] ?? 1)))) }),
        ("common + tax words 30, others 10", { t in common.contains(t) ? rsj(300) : (cats[t] != nil ? rsj(30 * Double(cats[t]!.count)) : rsj(10)) }),
    ]
    var variants2 = variants
    if ProcessInfo.processInfo.environment["IDF_SWEEP"] != nil {
        variants2 = []
        for pw in [1.0, 1.5, 2.0] { for base in [10.0, 15.0, 20.0] { for cap in [300.0, 600.0] {
            variants2.append(("cat p\(pw) base\(Int(base)) cap\(Int(cap))", { t in common.contains(t) ? rsj(300) : rsj(min(cap, base * pow(Double(max(1, cats[t]?.count ?? 1)), pw))) }))
        } } }
    }
    printHeader()
    for (name, idf) in variants2 {
        for linear in [true, false] {
            func score(_ b: PlainBM25, _ query: String, _ i: Int) -> Double {
                var qt: [String: Double] = [:]
                for w in TextTokenizer.terms(query) { qt[w, default: 0] += 1 }
                var s = 0.0
                for (w, c) in qt {
                    guard let f = b.docs[i][w] else { continue }
                    let qw = linear ? c : 1 + log(c)
                    s += qw * idf(w) * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * b.lens[i] / b.avgdl))
                }
                return s
            }
            let r = q.evaluate(vanetik: { pos in q.vacancies.indices.map { score(cvB, q.vacancyAd($0), pos) } },
                               livecareer: { j in (0..<q.lc.count).map { score(lcB, q.jds[j].text, $0) } })
            printRow("\(name), q \(linear ? "lin" : "log")", r)
        }
    }
    // Corpus IDF with log query weights, for comparison.
    func cscore(_ b: PlainBM25, _ query: String, _ i: Int, linear: Bool) -> Double {
        var qt: [String: Double] = [:]
        for w in TextTokenizer.terms(query) { qt[w, default: 0] += 1 }
        var s = 0.0
        let n = Double(b.docs.count)
        for (w, c) in qt {
            guard let f = b.docs[i][w] else { continue }
            s += (linear ? c : 1 + log(c)) * rsj(b.df[w]!, n) * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * b.lens[i] / b.avgdl))
        }
        return s
    }
    for linear in [true, false] {
        printRow("corpus, q \(linear ? "lin" : "log")", q.evaluate(vanetik: { pos in q.vacancies.indices.map { cscore(cvB, q.vacancyAd($0), pos, linear: linear) } },
                                                             livecareer: { j in (0..<q.lc.count).map { cscore(lcB, q.jds[j].text, $0, linear: linear) } }))
    }
}

extension QualitySets {
    /// `builtin(description: true, …)` with a configurable model and a criteria rewrite (experiments).
    func builtinWith(corpusIDF: Bool = false, configure: (inout BuiltinModel) -> Void, rewrite: (JobCriteria) -> JobCriteria = { $0 }) -> QualityRow {
        let deriver = CriteriaDeriver(taxonomy: taxonomy)
        var base = BuiltinModel(taxonomy: taxonomy)
        configure(&base)
        let cvP = cvs.map { base.prepare($0.redacted) }
        let lcP = lc.map { base.prepare($0.redacted) }
        var vm = corpusIDF ? BuiltinModel(taxonomy: taxonomy, corpus: BM25Corpus(profiles: cvP)) : base
        var lm = corpusIDF ? BuiltinModel(taxonomy: taxonomy, corpus: BM25Corpus(profiles: lcP)) : base
        configure(&vm); configure(&lm)
        let vc = vacancies.indices.map { vm.prepare(rewrite(withWeights(deriver.derive(jobAd: vacancyAd($0), id: "v\($0 + 1)")))) }
        let lcC = jds.map { lm.prepare(rewrite(withWeights(deriver.derive(jobAd: $0.text, id: $0.cat)))) }
        return evaluate(vanetik: { pos in vc.map { vm.components(cvP[pos], $0).total } },
                        livecareer: { j in lcP.map { lm.components($0, lcC[j]).total } })
    }
}

/// `scoring-quality sweep`: model parameters and derived-skill weighting (experiments only).
func sweep(data: String) {
    let q = QualitySets(data: data)
    printHeader()
    if ProcessInfo.processInfo.environment["SWEEP_BM25"] != nil {
        for k1 in [0.9, 1.2, 2.0] { for b in [0.5, 0.75, 0.9] {
            printRow("k1 \(k1) b \(b)", q.builtinWith(configure: { $0.k1 = k1; $0.b = b }))
        } }
        return
    }
    for s in [0.1, 0.15, 0.25, 0.4, 1.0, 3.0] {
        printRow("lexicalScale \(s)", q.builtinWith(configure: { $0.lexicalScale = s }))
    }
    for r in [0.5, 0.25, 0.0] { for t in [0.75, 0.5] {
        printRow("relatedCredit \(r) textMention \(t)", q.builtinWith(configure: { $0.relatedCredit = r; $0.textMentionCredit = t }))
    } }
    let idf = { (w: String) in BM25Corpus.default.idf(TextTokenizer.fnv1a(w)) }
    let top = log(1 + 985.5 / 15.5)
    func spec(_ name: String, _ agg: ([Double]) -> Double) -> Double {
        let xs = TextTokenizer.terms(name).map(idf)
        return xs.isEmpty ? 1 : agg(xs) / top
    }
    let aggs: [(String, ([Double]) -> Double)] = [("max", { $0.max()! }), ("mean", { $0.reduce(0, +) / Double($0.count) }), ("min", { $0.min()! })]
    for (an, agg) in aggs { for floor in [0.3, 0.0] {
        let rw: (JobCriteria) -> JobCriteria = { c in
            var c = c
            for i in c.requiredSkills.indices { c.requiredSkills[i].weight = min(c.requiredSkills[i].weight ?? 1, max(floor, spec(c.requiredSkills[i].name, agg))) }
            for i in c.preferredSkills.indices { c.preferredSkills[i].weight = min(c.preferredSkills[i].weight ?? 1, max(floor, spec(c.preferredSkills[i].name, agg))) }
            return c
        }
        printRow("skill weight = \(an) idf share, floor \(floor)", q.builtinWith(configure: { _ in }, rewrite: rw))
    } }
}

extension QualitySets {
    /// Vanetik τ-b after subtracting each vacancy's mean score over all CVs from every CV's score
    /// for it: what is left is the resume-specific part of the order, without the per-vacancy
    /// offset (for plain BM25 mostly the ad's length). An evaluation view only: the model never
    /// sees other candidates.
    func centredVanetik(_ scores: [[Double]]) -> (a1: Double, a2: Double) {
        let vm = vacancies.indices.map { v in mean(scores.map { $0[v] }) }
        let r = evaluate(vanetik: { pos in vacancies.indices.map { scores[pos][$0] - vm[$0] } },
                         livecareer: { _ in [Double](repeating: 0, count: lc.count) })
        return (r.a1tau, r.a2tau)
    }

    /// Every CV's builtin totals for the 5 vacancies (derived criteria with description, default IDF),
    /// and plain BM25's (ad → resumes, IDF over the CVs).
    func vanetikScores() -> (builtin: [[Double]], bm25: [[Double]]) {
        let deriver = CriteriaDeriver(taxonomy: taxonomy)
        let m = BuiltinModel(taxonomy: taxonomy)
        let cvP = cvs.map { m.prepare($0.redacted) }
        let vc = vacancies.indices.map { m.prepare(withWeights(deriver.derive(jobAd: vacancyAd($0), id: "vanetik-\($0 + 1)"))) }
        let cvB = PlainBM25(cvs.map(\.redacted.text))
        return (cvP.map { p in vc.map { m.components(p, $0).total } },
                cvs.indices.map { pos in vacancies.indices.map { cvB.score(query: vacancyAd($0), doc: pos) } })
    }
}

/// `scoring-quality jd CATEGORY`: the top 10 resumes by required-skill coverage and by total for one
/// livecareer JD, with the skills each top resume meets (experiments only).
func inspectJD(data: String, category: String) {
    let q = QualitySets(data: data)
    let model = BuiltinModel(taxonomy: taxonomy)
    let lcP = q.lc.map { model.prepare($0.redacted) }
    guard let jd = q.jds.first(where: { $0.cat == category }) else { print("no JD \(category)"); return }
    let c = model.prepare(CriteriaDeriver(taxonomy: taxonomy).derive(jobAd: jd.text, id: jd.cat))
    let rows = lcP.map { model.components($0, c) }
    let same = q.lc.indices.filter { q.lc[$0].category == category }
    print("\(category): mean required coverage of its own resumes \(f3(mean(same.map { rows[$0].requiredSkills }))), of others \(f3(mean(q.lc.indices.filter { q.lc[$0].category != category }.map { rows[$0].requiredSkills }))))")
    for (label, key) in [("requiredSkills", { (r: ComponentScores) in r.requiredSkills }), ("total", { (r: ComponentScores) in r.total })] {
        print("top 10 by \(label):")
        for i in q.lc.indices.sorted(by: { key(rows[$0]) != key(rows[$1]) ? key(rows[$0]) > key(rows[$1]) : $0 < $1 }).prefix(10) {
            let sc = model.score(lcP[i], c)
            let met = sc.criteria.filter { $0.kind == "requiredSkill" && $0.credit > 0 }.map { "\($0.name)(\($0.credit))" }
            print("  \(q.lc[i].category ?? "") req \(f3(rows[i].requiredSkills)) lex \(f3(rows[i].lexical)) total \(f3(rows[i].total)): \(met)")
        }
    }
    print("own resumes:")
    for i in same {
        let sc = model.score(lcP[i], c)
        print("  req \(f3(rows[i].requiredSkills)) lex \(f3(rows[i].lexical)): \(sc.criteria.filter { $0.kind == "requiredSkill" && $0.credit > 0 }.map(\.name)); skills listed: \(q.lc[i].redacted.skills.prefix(12).map(\.name))")
    }
}
