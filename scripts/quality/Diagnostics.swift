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
}
