import Foundation
import ScreenerCore

/// Turns taxonomy matches into ``ParsedResume/Skill`` values with evidence, section, last used
/// and months used.
///
/// For each skill: `evidence` lists every mention with the kind of the section it stands in;
/// `lastUsed` is the latest end (now for current entries) among the work entries whose range
/// holds a mention; `monthsUsed` merges those entries' intervals (``ExperienceCalculator``).
/// Phrases in a skills section that the taxonomy does not know are kept with `id == nil`
/// (items split at `,`, `;`, `|`, `•`, 2–40 characters, at most 4 words).
struct SkillAggregator {
    static let durationNote = CompiledPattern(#"\s*\((?:less than )?\d+\+? (?:years?|months?)\)|\s*\(less than 1 year\)"#, caseInsensitive: true)
    let taxonomy: SkillTaxonomy
    let now: Date

    func skills(text: String, sections: [ParsedResume.Section], work: [ParsedResume.Work], lines: TextLines?, declared: [ParsedResume.Skill] = []) -> [ParsedResume.Skill] {
        let matches = taxonomy.matches(in: text)
        var byID: [String: ParsedResume.Skill] = [:]
        var order: [String] = []
        let nowIdx = ExperienceCalculator.monthIndex(now)
        func section(at o: Int) -> String? { sections.last(where: { $0.range.start <= o && o < max($0.range.end, $0.range.start + 1) })?.kind }
        for m in matches {
            if byID[m.id] == nil {
                byID[m.id] = ParsedResume.Skill(name: m.name, id: m.id, category: m.category)
                order.append(m.id)
            }
            byID[m.id]!.evidence.append(.init(range: m.range, section: section(at: m.range.start)))
        }
        for id in order {
            var s = byID[id]!
            let entries = work.filter { w in
                guard let r = w.range else { return false }
                return s.evidence.contains { $0.range.start >= r.start && $0.range.start < r.end }
            }
            let intervals = entries.compactMap { ExperienceCalculator.interval($0, now: nowIdx) }
            if !intervals.isEmpty {
                let last = intervals.map { $0.upperBound - 1 }.max()!
                s.lastUsed = .init(year: last / 12, month: last % 12 + 1)
                s.monthsUsed = ExperienceCalculator.merge(intervals).reduce(0) { $0 + $1.count }
            }
            byID[id] = s
        }
        var out = order.map { byID[$0]! }
        // Declared skills (structured inputs) keep their names; link them to the taxonomy.
        for d in declared {
            if let e = taxonomy.lookup(d.name) {
                if let i = out.firstIndex(where: { $0.id == e.id }) {
                    out[i].keywords = Array(Set(out[i].keywords + d.keywords)).sorted()
                } else {
                    out.append(.init(name: e.name, id: e.id, category: e.category, keywords: d.keywords))
                }
            } else if !out.contains(where: { $0.name.lowercased() == d.name.lowercased() }) {
                out.append(d)
            }
        }
        // Unknown phrases listed in a skills section.
        if let lines {
            var known = Set(out.map { $0.name.lowercased() })
            for m in matches { known.insert(m.matchedText.lowercased()) }
            for sec in sections where sec.kind == "skills" {
                for line in lines.lines where line.start >= sec.range.start && line.end <= sec.range.end {
                    var offset = line.start
                    for raw in line.text.split(separator: ",", omittingEmptySubsequences: false).flatMap({ $0.split(separator: ";", omittingEmptySubsequences: false) }) {
                        let pieceLen = raw.unicodeScalars.count
                        defer { offset += pieceLen + 1 }
                        var item = raw.trimmingCharacters(fast: FastTrimSet(charactersIn: " •-*|:.()"))
                        if let colon = item.firstIndex(of: ":") { item = String(item[item.index(after: colon)...]).trimmingCharacters(fast: .whitespaces) }
                        // Both alternatives need a "(": skip the regex without one.
                        if item.utf8.contains(0x28) {
                            item = Self.durationNote.replacingMatches(in: item)
                        }
                        guard item.count >= 2, item.count <= 40, item.wordCount <= 4, item.contains(where: isLetterFast) else { continue }
                        guard SectionSplitter().heading(item) == nil, !known.contains(item.lowercased()) else { continue }
                        known.insert(item.lowercased())
                        let startInRaw = raw.unicodeScalars.count - raw.drop(while: { $0 == " " }).unicodeScalars.count
                        let s = offset + startInRaw
                        out.append(.init(name: item, evidence: [.init(range: TextRange(start: s, end: s + item.unicodeScalars.count), section: "skills")]))
                    }
                }
            }
        }
        return out
    }
}
