import Foundation
import ScreenerCore

/// First-and-last names grouped by race/ethnicity × sex, for counterfactual name swaps.
///
/// The shipped test data (`../shared/data/names`, from a 2024 study of name bias in LLM resume
/// ranking, Apache-2.0) has two JSON objects, one for men and one for women, each mapping a group key
/// (`W`, `B`, `A`, `H` = White, Black, Asian, Hispanic) to 100 upper-case names. This type reads that
/// shape from bytes it is given; it does no I/O itself.
public struct NameBank: Sendable, Equatable {
    public struct Group: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
        /// Source key: `W`, `B`, `A`, `H` (or any other key the data uses).
        public var key: String
        public var sex: Demographics.Sex

        public init(key: String, sex: Demographics.Sex) {
            self.key = key
            self.sex = sex
        }

        /// The EEO-1 race/ethnicity the key stands for, when known.
        public var race: Demographics.RaceEthnicity? {
            switch key {
            case "W": return .white
            case "B": return .black
            case "A": return .asian
            case "H": return .hispanicOrLatino
            default: return nil
            }
        }

        /// e.g. "Black or African American Female".
        public var description: String { LL144.intersectionLabel(sex, race) ?? "\(key) \(sex.rawValue)" }

        public static func < (a: Group, b: Group) -> Bool {
            (a.key, a.sex.rawValue) < (b.key, b.sex.rawValue)
        }
    }

    public private(set) var names: [Group: [String]]

    public init(names: [Group: [String]]) { self.names = names }

    /// Groups in a stable order.
    public var groups: [Group] { names.keys.sorted() }

    /// Reads the two JSON objects (`{"W": ["ADAM ERICKSON", …], …}`); names are title-cased.
    public static func load(menJSON: Data, womenJSON: Data) throws -> NameBank {
        var names: [Group: [String]] = [:]
        for (data, sex) in [(menJSON, Demographics.Sex.male), (womenJSON, .female)] {
            let object: [String: [String]]
            do { object = try JSONDecoder().decode([String: [String]].self, from: data) } catch {
                throw ScreenerError(.invalidInput, "name list is not a JSON object of string arrays", cause: error)
            }
            for (key, list) in object {
                let cleaned = list.map(titleCase).filter { !$0.isEmpty }
                guard !cleaned.isEmpty else { continue }
                names[Group(key: key, sex: sex)] = cleaned
            }
        }
        guard !names.isEmpty else { throw ScreenerError(.invalidInput, "name list is empty") }
        return NameBank(names: names)
    }

    /// "ADAM ERICKSON" → "Adam Erickson".
    static func titleCase(_ s: String) -> String {
        s.split(separator: " ").map { w in w.prefix(1).uppercased() + w.dropFirst().lowercased() }.joined(separator: " ")
    }

    /// `count` names of `group`, spread evenly over its list (deterministic).
    public func sample(_ group: Group, count: Int) -> [String] {
        guard let list = names[group], count > 0 else { return [] }
        let k = min(count, list.count)
        return (0..<k).map { list[$0 * list.count / k] }
    }
}

extension NameBank {
    /// The bundled name lists (see `Resources/names/SOURCE.md` for their source and licence).
    public static func loadBundled() throws -> NameBank {
        guard let men = Bundle.module.url(forResource: "top_mens_names", withExtension: "json", subdirectory: "Resources/names")
                ?? Bundle.module.url(forResource: "top_mens_names", withExtension: "json"),
              let women = Bundle.module.url(forResource: "top_womens_names", withExtension: "json", subdirectory: "Resources/names")
                ?? Bundle.module.url(forResource: "top_womens_names", withExtension: "json")
        else { throw ScreenerError(.invalidConfiguration, "the bundled name lists are missing from this build") }
        return try load(menJSON: Data(contentsOf: men), womenJSON: Data(contentsOf: women))
    }
}
