/// A cheap necessary condition for a case-insensitive regex: false only when the text holds
/// none of the literal shapes that every match holds, such as `assistant\s*:` or
/// `(?:rate|rank)\s+(?:this|the)\s+`.
///
/// A shape is a list of steps: one of some literals (ASCII; letters match either case, other
/// bytes exactly; no literal of a step is a prefix of another, so at most one matches at a
/// place and no backtracking is needed) or a run of possible white space. White space is
/// over-approximated by every ASCII control, space and DEL, and every non-ASCII byte (which may
/// belong to U+00A0, U+2028…); since no literal starts with such a byte, a run is skipped
/// whole. Word boundaries are not checked (a necessary condition may be looser than the regex).
/// As for ``KeywordPrefilter``, the bytes are trusted only when every non-ASCII character folds
/// to no ASCII; otherwise the answer is true.
struct ShapePrefilter: Sendable {
    enum Step: Sendable {
        case literal([String])
        /// White space, at least `min` bytes of it.
        case space(min: Int)
    }

    /// The shapes as one program: per shape its steps, each either `-(min + 1)` (white space)
    /// or the number of literals `k` followed by `k` pairs (offset in `bytes`, length); a shape
    /// ends with 0.
    private let code: [Int]
    private let bytes: [UInt8]
    /// Per byte, the shapes (their start in `code`) whose first literal can start with it
    /// (letters in both cases); empty for a byte no shape starts with.
    private let shapesByFirst: [[Int]]

    /// `shapes`: alternatives; the text may match when it holds one of them. Each starts with
    /// a literal step.
    init(_ shapes: [[Step]]) {
        var code: [Int] = [], bytes: [UInt8] = []
        var byFirst = [[Int]](repeating: [], count: 256)
        for shape in shapes {
            let start = code.count
            func starts(with b: UInt8) {
                if byFirst[Int(b)].last != start { byFirst[Int(b)].append(start) }
            }
            for (n, step) in shape.enumerated() {
                switch step {
                case .space(let m):
                    precondition(n > 0, "a shape starts with a literal")
                    code.append(-(m + 1))
                case .literal(let options):
                    let ws = options.map { Array($0.utf8) }
                    precondition(ws.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 > 0x20 && $0 < 0x7F && !($0 >= 0x41 && $0 <= 0x5A) } })
                    precondition(!ws.contains { a in ws.contains { b in a != b && b.starts(with: a) } }, "literals of a step are prefix-free")
                    code.append(ws.count)
                    for w in ws {
                        code.append(bytes.count)
                        code.append(w.count)
                        bytes += w
                        if n == 0 {
                            starts(with: w[0])
                            if w[0] >= 0x61 && w[0] <= 0x7A { starts(with: w[0] - 0x20) }
                        }
                    }
                }
            }
            code.append(0)
        }
        self.code = code
        self.bytes = bytes
        shapesByFirst = byFirst
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b <= 0x20 || b >= 0x7F }

    func mayMatch(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { t in
            guard KeywordPrefilter.foldsToASCIIOnlyFromASCII(t) else { return true }
            return code.withUnsafeBufferPointer { code in
                bytes.withUnsafeBufferPointer { bytes in
                    shapesByFirst.withUnsafeBufferPointer { shapesByFirst in
                        let n = t.count
                        for i in 0..<n where !shapesByFirst[Int(t[i])].isEmpty {
                            shapes: for start in shapesByFirst[Int(t[i])] {
                                var pc = start, j = i
                                while code[pc] != 0 {
                                    let op = code[pc]
                                    if op < 0 {
                                        let from = j
                                        while j < n && Self.isSpace(t[j]) { j += 1 }
                                        if j - from < -op - 1 { continue shapes }
                                        pc += 1
                                        continue
                                    }
                                    var matched = -1
                                    for k in 0..<op {
                                        let o = code[pc + 1 + 2 * k], len = code[pc + 2 + 2 * k]
                                        guard j + len <= n else { continue }
                                        var q = 0
                                        while q < len {
                                            let b = t[j + q], c = bytes[o + q]
                                            if c >= 0x61 && c <= 0x7A ? b | 0x20 != c : b != c { break }
                                            q += 1
                                        }
                                        if q == len { matched = len; break }
                                    }
                                    if matched < 0 { continue shapes }
                                    j += matched
                                    pc += 1 + 2 * op
                                }
                                return true
                            }
                        }
                        return false
                    }
                }
            }
        }
    }
}
