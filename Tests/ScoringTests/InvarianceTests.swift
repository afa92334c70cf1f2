import Foundation
import Testing
import ScreenerCore
@testable import Scoring

/// The bias-audit invariance rule: for real resumes, swapping in names from every race × gender
/// group, swapping pronouns and shifting graduation years must leave the `builtin` score exactly
/// unchanged. Data: `../shared/data/dataturks/traindata.json` and `../shared/data/names`.
@Suite("Invariance under protected-signal swaps")
struct InvarianceTests {
    struct Sample { var text: String; var name: String; var gradYears: [Int] }

    static func load() -> (samples: [Sample], names: [(group: String, names: [String])])? {
        guard let d = Fixtures.sharedData() else { return nil }
        guard let raw = try? String(contentsOf: d.appendingPathComponent("dataturks/traindata.json"), encoding: .utf8),
              let men = try? Data(contentsOf: d.appendingPathComponent("names/top_mens_names.json")),
              let women = try? Data(contentsOf: d.appendingPathComponent("names/top_womens_names.json")),
              let m = try? JSONDecoder().decode([String: [String]].self, from: men),
              let w = try? JSONDecoder().decode([String: [String]].self, from: women) else { return nil }
        var samples: [Sample] = []
        for line in raw.split(separator: "\n") {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let content = obj["content"] as? String, let ann = obj["annotation"] as? [[String: Any]] else { continue }
            var name: String?
            var years: [Int] = []
            for a in ann {
                let labels = a["label"] as? [String] ?? []
                let texts = (a["points"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
                if labels.contains("Name"), name == nil { name = texts.first?.trimmingCharacters(in: .whitespacesAndNewlines) }
                if labels.contains("Graduation Year") {
                    for t in texts {
                        for y in t.split(whereSeparator: { !$0.isNumber }) { if let v = Int(y), (1950...2030).contains(v) { years.append(v) } }
                    }
                }
            }
            if let name, name.count >= 3, content.contains(name) { samples.append(Sample(text: content, name: name, gradYears: years)) }
        }
        var groups: [(String, [String])] = []
        for (label, table) in [("men", m), ("women", w)] {
            for race in ["W", "B", "A", "H"] { groups.append(("\(race)-\(label)", table[race] ?? [])) }
        }
        return (samples, groups)
    }

    /// Same case style as the original name: all capitals stay all capitals, else Title Case.
    static func styled(_ newName: String, like old: String) -> String {
        old == old.uppercased() ? newName.uppercased() : newName.capitalized
    }

    static func swapPronouns(_ text: String, toFemale: Bool) -> String {
        let map: [String: String] = toFemale
            ? ["he": "she", "him": "her", "his": "her", "himself": "herself"]
            : ["she": "he", "her": "his", "hers": "his", "herself": "himself"]
        var out = text
        for (from, to) in map {
            for (f, t) in [(from, to), (from.capitalized, to.capitalized), (from.uppercased(), to.uppercased())] {
                out = out.replacingOccurrences(of: "\\b\(f)\\b", with: t, options: .regularExpression)
            }
        }
        return out
    }

    static func shiftYears(_ text: String, years: [Int], by delta: Int) -> String {
        var out = text
        // Shift in one pass per year, highest first, through a placeholder so shifts do not chain.
        for y in Set(years).sorted() { out = out.replacingOccurrences(of: "(?<!\\d)\(y)(?!\\d)", with: "@@\(y + delta)@@", options: .regularExpression) }
        return out.replacingOccurrences(of: "@@", with: "")
    }

    static let jobs: [JobCriteria] = [
        Fixtures.backendJob,
        JobCriteria(id: "java-dev", title: "Java Developer",
                    description: "Develop Java and Spring services, SQL databases, REST APIs, unit testing, Agile teams.",
                    requiredSkills: [.init(name: "Java", minYears: 2), .init(name: "SQL")], preferredSkills: [.init(name: "Spring")],
                    minExperienceYears: 3, education: .init(minimum: .bachelor)),
        JobCriteria(id: "data-analyst", title: "Data Analyst", description: "Analyse data with Python, Excel and Tableau; build dashboards and reports.",
                    requiredSkills: [.init(name: "Python"), .init(name: "Excel")]),
    ]

    /// 80 resumes in 8 parallel chunks of 10; each resume × 8 race-gender groups × 3 jobs.
    @Test(arguments: 0..<8)
    func builtinScoreIsInvariantToNamesPronounsAndGraduationYears(chunk: Int) throws {
        guard let (samples, groups) = Self.load() else {
            print("SKIP: ../shared/data (dataturks, names) not found; invariance test not run")
            return
        }
        let model = BuiltinModel()
        let redactor = Redactor()
        let prepared = Self.jobs.map(model.prepare)
        #expect(samples.count >= 80, "too few usable resumes: \(samples.count)")
        let subset = Array(samples.prefix(80).dropFirst(chunk * 10).prefix(10))
        var variantsChecked = 0
        for (sj, s) in subset.enumerated() {
            let si = chunk * 10 + sj
            var reference: [Score]?
            var refText: String?
            for (gi, g) in groups.enumerated() {
                let newName = g.names[(si * 7 + gi * 13) % g.names.count]
                let name = Self.styled(newName, like: s.name)
                var text = s.text.replacingOccurrences(of: s.name, with: name)
                text = Self.swapPronouns(text, toFemale: g.group.hasSuffix("women"))
                text = Self.shiftYears(text, years: s.gradYears, by: gi % 5 - 2)
                let r = Fixtures.resume(text, name: name, months: 60)
                let p = model.prepare(redactor.redact(r))
                let scores = prepared.map { c -> Score in
                    var sc = model.score(p, c)
                    sc.provenance.latencyMs = 0
                    return sc
                }
                if ProcessInfo.processInfo.environment["SCREENER_DEBUG_INVARIANCE"] != nil {
                    print("SKILLS", si, g.group, p.profile.skills.map { "\($0.name)@\($0.evidence.map(\.range.start))" })
                }
                if let reference, let refText {
                    let same = scores == reference
                    #expect(same, "resume #\(si): score differs for group \(g.group)")
                    if !same, ProcessInfo.processInfo.environment["SCREENER_DEBUG_INVARIANCE"] != nil {
                        for (x, y) in zip(scores, reference) where x != y {
                            print("SCOREDIFF", si, g.group, x.criteria.map { "\($0.name)=\($0.credit)" }, "vs", y.criteria.map { "\($0.name)=\($0.credit)" }, x.provenance.inputSHA256 == y.provenance.inputSHA256)
                        }
                    }
                    let sameText = p.profile.text == refText
                    #expect(sameText, "resume #\(si): redacted text differs for group \(g.group) at scalar \(Self.firstDifference(p.profile.text, refText))")
                    if !sameText, ProcessInfo.processInfo.environment["SCREENER_DEBUG_INVARIANCE"] != nil {
                        let i = Self.firstDifference(p.profile.text, refText)
                        let a = Array(p.profile.text.unicodeScalars), b = Array(refText.unicodeScalars)
                        print("DIFF", si, g.group, String(String.UnicodeScalarView(a[max(0, i - 40)..<min(a.count, i + 40)])).debugDescription,
                              "vs", String(String.UnicodeScalarView(b[max(0, i - 40)..<min(b.count, i + 40)])).debugDescription)
                    }
                } else {
                    reference = scores
                    refText = p.profile.text
                }
                variantsChecked += 1
            }
        }
        #expect(variantsChecked == subset.count * 8)
    }

    static func firstDifference(_ a: String, _ b: String) -> Int {
        var i = 0
        for (x, y) in zip(a.unicodeScalars, b.unicodeScalars) { if x != y { return i }; i += 1 }
        return i
    }

    /// Negative control: the same swaps WITHOUT redaction do change the score (through document
    /// length and the input hash), so the invariance above is the redactor's doing.
    @Test func withoutRedactionTheSwapsWouldChangeTheScore() {
        let model = BuiltinModel()
        let c = model.prepare(Self.jobs[1])
        let base = "Java developer with SQL and Spring. He graduated in 2012 and built REST APIs."
        let a = model.prepare(RedactedProfile(text: "JO LI\n" + base))
        let b = model.prepare(RedactedProfile(text: "MAXIMILIAN ALEXANDER VON HOHENBERG-SCHWARZENSTEIN\n" + Self.swapPronouns(base, toFemale: true)))
        #expect(model.components(a, c).total != model.components(b, c).total)
        #expect(a.inputSHA256 != b.inputSHA256)
        let r = Redactor()
        let ra = model.prepare(r.redact(Fixtures.resume("JO LI\n" + base, name: "Jo Li")))
        let rb = model.prepare(r.redact(Fixtures.resume("MAXIMILIAN ALEXANDER VON HOHENBERG-SCHWARZENSTEIN\n" + Self.shiftYears(Self.swapPronouns(base, toFemale: true), years: [2012], by: 3),
                                                        name: "Maximilian Alexander von Hohenberg-Schwarzenstein")))
        #expect(model.components(ra, c).total == model.components(rb, c).total)
        #expect(ra.inputSHA256 == rb.inputSHA256)
    }

    @Test func swapHelpersActuallyChangeTheInput() {
        // Guards the test itself: the variants differ before redaction.
        let t = "JOHN SMITH\nHe graduated in 2012. His team."
        #expect(Self.swapPronouns(t, toFemale: true) == "JOHN SMITH\nShe graduated in 2012. Her team.")
        #expect(Self.shiftYears(t, years: [2012], by: 2).contains("2014"))
        #expect(Self.styled("ADAM ERICKSON", like: "Govardhana K") == "Adam Erickson")
    }
}
