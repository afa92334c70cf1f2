import Foundation

/// Small inline-SVG charts for the HTML report. Pure string builders, no scripts, no external
/// resources, so that the report stays one printable file.
enum SVGChart {
    struct Bar {
        var label: String
        /// nil draws "undefined" (or the note) instead of a bar.
        var value: Double?
        var note: String?
        var flagged: Bool
    }

    /// Horizontal impact-ratio bars on a 0…max(1, values) axis with a dashed line at 0.8.
    static func impactRatioBars(_ bars: [Bar], title: String) -> String {
        let labelWidth = labelColumn(bars.map(\.label)), plotWidth = 420.0, rowHeight = 22.0, top = 30.0
        let height = top + rowHeight * Double(bars.count) + 30
        let maxValue = max(1.0, bars.compactMap(\.value).max() ?? 1)
        func x(_ v: Double) -> Double { labelWidth + plotWidth * v / maxValue }
        var s = svgOpen(width: labelWidth + plotWidth + 60, height: height, title: title)
        s += text(8, 18, title, weight: "bold")
        for (i, b) in bars.enumerated() {
            let y = top + rowHeight * Double(i)
            s += text(labelWidth - 6, y + 15, b.label, anchor: "end")
            if let v = b.value {
                let colour = b.flagged ? "#c0392b" : "#2e6da4"
                s += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 4))\" width=\"\(f(max(0.5, x(v) - labelWidth)))\" height=\"\(f(rowHeight - 8))\" fill=\"\(colour)\"/>"
                s += text(x(v) + 4, y + 15, Formatting.fixed(v, digits: 3))
            } else {
                s += text(labelWidth + 4, y + 15, b.note ?? "undefined", style: "italic", fill: "#555")
            }
        }
        let bottom = top + rowHeight * Double(bars.count)
        s += "<line x1=\"\(f(labelWidth))\" y1=\"\(f(top))\" x2=\"\(f(labelWidth))\" y2=\"\(f(bottom))\" stroke=\"#333\"/>"
        s += "<line x1=\"\(f(x(0.8)))\" y1=\"\(f(top - 4))\" x2=\"\(f(x(0.8)))\" y2=\"\(f(bottom + 4))\" stroke=\"#c0392b\" stroke-dasharray=\"5,3\"/>"
        s += text(x(0.8), bottom + 18, "0.8 (four-fifths)", anchor: "middle", fill: "#c0392b")
        s += text(x(1.0), bottom + 18, "1.0", anchor: "middle")
        return s + "</svg>"
    }

    struct Interval {
        var label: String
        var rate: Double?
        var lower: Double
        var upper: Double
    }

    /// Rates as dots with Wilson 95 % interval whiskers on a 0–100 % axis.
    static func rateIntervals(_ items: [Interval], title: String) -> String {
        let labelWidth = labelColumn(items.map(\.label)), plotWidth = 420.0, rowHeight = 22.0, top = 30.0
        let height = top + rowHeight * Double(items.count) + 30
        func x(_ v: Double) -> Double { labelWidth + plotWidth * v }
        var s = svgOpen(width: labelWidth + plotWidth + 80, height: height, title: title)
        s += text(8, 18, title, weight: "bold")
        let bottom = top + rowHeight * Double(items.count)
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            s += "<line x1=\"\(f(x(tick)))\" y1=\"\(f(top))\" x2=\"\(f(x(tick)))\" y2=\"\(f(bottom))\" stroke=\"#ddd\"/>"
            s += text(x(tick), bottom + 18, Formatting.percent(tick, digits: 0), anchor: "middle")
        }
        for (i, it) in items.enumerated() {
            let y = top + rowHeight * Double(i) + rowHeight / 2
            s += text(labelWidth - 6, y + 4, it.label, anchor: "end")
            guard let r = it.rate else {
                s += text(labelWidth + 4, y + 4, "no data", style: "italic", fill: "#555")
                continue
            }
            s += "<line x1=\"\(f(x(it.lower)))\" y1=\"\(f(y))\" x2=\"\(f(x(it.upper)))\" y2=\"\(f(y))\" stroke=\"#333\" stroke-width=\"1.5\"/>"
            for e in [it.lower, it.upper] {
                s += "<line x1=\"\(f(x(e)))\" y1=\"\(f(y - 5))\" x2=\"\(f(x(e)))\" y2=\"\(f(y + 5))\" stroke=\"#333\"/>"
            }
            s += "<circle cx=\"\(f(x(r)))\" cy=\"\(f(y))\" r=\"4\" fill=\"#2e6da4\"/>"
            s += text(x(it.upper) + 6, y + 4, Formatting.percent(r))
        }
        return s + "</svg>"
    }

    struct Series {
        var name: String
        var colour: String
        var values: [Double?]
    }

    /// A line chart over categorical x labels (months) on a 0…1 axis, with a dashed 0.8 line.
    static func trend(labels: [String], series: [Series], title: String) -> String {
        let left = 50.0, plotWidth = 600.0, plotHeight = 200.0, top = 40.0
        let width = left + plotWidth + 40, height = top + plotHeight + 60
        func x(_ i: Int) -> Double { labels.count <= 1 ? left + plotWidth / 2 : left + plotWidth * Double(i) / Double(labels.count - 1) }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - min(1.2, max(0, v)) / 1.2) }
        var s = svgOpen(width: width, height: height, title: title)
        s += text(8, 18, title, weight: "bold")
        for tick in [0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2] {
            s += "<line x1=\"\(f(left))\" y1=\"\(f(y(tick)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y(tick)))\" stroke=\"#eee\"/>"
            s += text(left - 6, y(tick) + 4, Formatting.fixed(tick, digits: 1), anchor: "end")
        }
        s += "<line x1=\"\(f(left))\" y1=\"\(f(y(0.8)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y(0.8)))\" stroke=\"#c0392b\" stroke-dasharray=\"5,3\"/>"
        let step = max(1, labels.count / 12)
        for (i, l) in labels.enumerated() where i % step == 0 || i == labels.count - 1 {
            s += text(x(i), top + plotHeight + 16, l, anchor: "middle")
        }
        for (k, se) in series.enumerated() {
            var path = "", pen = false
            for (i, v) in se.values.enumerated() {
                guard let v else { pen = false; continue }
                path += "\(pen ? "L" : "M")\(f(x(i))),\(f(y(v))) "
                pen = true
                s += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(v)))\" r=\"3\" fill=\"\(se.colour)\"/>"
            }
            if !path.isEmpty { s += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(se.colour)\" stroke-width=\"2\"/>" }
            let lx = left + 170 * Double(k)
            s += "<rect x=\"\(f(lx))\" y=\"\(f(height - 18))\" width=\"12\" height=\"4\" fill=\"\(se.colour)\"/>"
            s += text(lx + 16, height - 12, se.name)
        }
        return s + "</svg>"
    }

    /// Width of the label column: about 7 px per character at 12 px, at least 120 px.
    static func labelColumn(_ labels: [String]) -> Double {
        max(120, 7 * Double(labels.map(\.count).max() ?? 0) + 16)
    }

    static func svgOpen(width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\"><title>\(HTML.escape(title))</title>"
    }

    static func text(_ x: Double, _ y: Double, _ s: String, anchor: String = "start", weight: String = "normal", style: String = "normal", fill: String = "#222") -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\" font-style=\"\(style)\" fill=\"\(fill)\">\(HTML.escape(s))</text>"
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }
}
