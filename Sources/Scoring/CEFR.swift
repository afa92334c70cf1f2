/// CEFR levels as ranks A1 = 1 … C2 = 6. Fluency words map to a level: native/bilingual/mother
/// tongue → 6 (C2), fluent/proficient/full professional → 5 (C1), advanced/professional working → 4
/// (B2), intermediate/conversational/working → 3 (B1), elementary/limited → 2 (A2), basic/beginner → 1.
public enum CEFR {
    public static func rank(_ s: String?) -> Int? {
        guard let raw = s?.lowercased().trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        switch raw {
        case "a1": return 1
        case "a2": return 2
        case "b1": return 3
        case "b2": return 4
        case "c1": return 5
        case "c2": return 6
        default: break
        }
        let table: [(String, Int)] = [
            ("native", 6), ("bilingual", 6), ("mother tongue", 6), ("fluent", 5), ("proficient", 5),
            ("full professional", 5), ("advanced", 4), ("professional working", 4), ("intermediate", 3),
            ("conversational", 3), ("working", 3), ("elementary", 2), ("limited", 2), ("basic", 1), ("beginner", 1),
        ]
        return table.first { raw.contains($0.0) }?.1
    }
}
