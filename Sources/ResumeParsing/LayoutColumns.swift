import Foundation

/// Reading order for a page of positioned text segments.
///
/// Column detection: for every candidate divider `x` between 15 % and 85 % of the page width (2 pt
/// steps), count the segments left of it (`x1 ≤ x`), right of it (`x0 ≥ x`) and crossing it. A
/// divider is accepted when at most `max(1, 8 %)` of the segments cross it, each side holds at
/// least 3 segments, and the two sides overlap vertically by at least 30 % of the shorter side's
/// height; among accepted dividers the one with the fewest crossings (then the most balanced
/// sides) wins. Crossing segments are full-width "spanners": they cut the page into bands, and in
/// each band the left column is read before the right one. Within a column, segments whose
/// vertical centres lie within half a line height join one row, left to right. Without a divider
/// the page is read as one column. Sides are split again recursively (three-column layouts).
enum LayoutColumns {
    struct Segment {
        var text: String
        var x0: Double
        var y0: Double
        var x1: Double
        var y1: Double
        var height: Double { y1 - y0 }
        var midY: Double { (y0 + y1) / 2 }
    }

    static func order(_ segments: [Segment], pageWidth: Double) -> String {
        guard !segments.isEmpty else { return "" }
        return orderedRows(segments, left: 0, right: pageWidth, depth: 0).joined(separator: "\n")
    }

    static func orderedRows(_ segments: [Segment], left: Double, right: Double, depth: Int) -> [String] {
        guard depth < 3, segments.count >= 6, let divider = findDivider(segments, left: left, right: right) else {
            return rows(segments)
        }
        let spanners = segments.filter { $0.x0 < divider && $0.x1 > divider }.sorted { $0.y0 < $1.y0 }
        var out: [String] = []
        // Band boundaries: the vertical positions of the spanners.
        var bandTop = -Double.infinity
        var pendingSpanners = spanners[...]
        let columnSegs = segments.filter { !($0.x0 < divider && $0.x1 > divider) }
        func emitBand(top: Double, bottom: Double) {
            let inBand = columnSegs.filter { $0.midY >= top && $0.midY < bottom }
            let l = inBand.filter { $0.x1 <= divider }
            let r = inBand.filter { $0.x0 >= divider }
            out += orderedRows(l, left: left, right: divider, depth: depth + 1)
            out += orderedRows(r, left: divider, right: right, depth: depth + 1)
        }
        while let s = pendingSpanners.first {
            emitBand(top: bandTop, bottom: s.midY)
            // Spanners at the same height join one row.
            var row = [s]
            pendingSpanners = pendingSpanners.dropFirst()
            while let n = pendingSpanners.first, abs(n.midY - s.midY) < max(s.height, 1) * 0.5 {
                row.append(n); pendingSpanners = pendingSpanners.dropFirst()
            }
            out += rows(row)
            bandTop = s.midY
        }
        emitBand(top: bandTop, bottom: .infinity)
        return out
    }

    static func findDivider(_ segments: [Segment], left: Double, right: Double) -> Double? {
        let width = right - left
        guard width > 100 else { return nil }
        let maxCross = max(1, Int(Double(segments.count) * 0.08))
        var best: (x: Double, cross: Int, balance: Int)?
        var x = left + width * 0.15
        while x <= left + width * 0.85 {
            var l = 0, r = 0, c = 0
            var lTop = Double.infinity, lBot = -Double.infinity, rTop = Double.infinity, rBot = -Double.infinity
            for s in segments {
                if s.x1 <= x { l += 1; lTop = min(lTop, s.y0); lBot = max(lBot, s.y1) }
                else if s.x0 >= x { r += 1; rTop = min(rTop, s.y0); rBot = max(rBot, s.y1) }
                else { c += 1 }
            }
            if c <= maxCross && l >= 3 && r >= 3 {
                let overlap = min(lBot, rBot) - max(lTop, rTop)
                let shorter = min(lBot - lTop, rBot - rTop)
                if shorter > 0 && overlap >= 0.3 * shorter {
                    let balance = min(l, r)
                    if best == nil || c < best!.cross || (c == best!.cross && balance > best!.balance) {
                        best = (x, c, balance)
                    }
                }
            }
            x += 2
        }
        guard let best else { return nil }
        // Interleaved rows are the sign of a real column split: require that the two sides share
        // at least two distinct row positions, otherwise it is right-aligned dates next to titles.
        let leftSegs = segments.filter { $0.x1 <= best.x }
        let rightSegs = segments.filter { $0.x0 >= best.x }
        var aligned = 0
        for r in rightSegs where leftSegs.contains(where: { abs($0.midY - r.midY) < max(r.height, 1) * 0.5 }) { aligned += 1 }
        // Mostly aligned right-hand pieces (dates, locations) are part of the same rows.
        if Double(aligned) >= 0.8 * Double(rightSegs.count) && rightSegs.count < leftSegs.count / 2 { return nil }
        return best.x
    }

    /// Groups segments into visual rows (top to bottom) and joins each row left to right.
    static func rows(_ segments: [Segment]) -> [String] {
        let sorted = segments.sorted { $0.midY == $1.midY ? $0.x0 < $1.x0 : $0.midY < $1.midY }
        var rows: [[Segment]] = []
        for s in sorted {
            if var last = rows.last, let ref = last.first, abs(s.midY - ref.midY) < max(min(ref.height, s.height), 1) * 0.5 {
                last.append(s)
                rows[rows.count - 1] = last
            } else {
                rows.append([s])
            }
        }
        return rows.map { row in row.sorted { $0.x0 < $1.x0 }.map(\.text).joined(separator: "   ") }
    }
}
