import Foundation

/// Voluntary EEO self-identification. A type of its own so that no scoring API can accept it:
/// `ScoringModel` takes a redacted profile and criteria, never this.
public struct Demographics: Codable, Sendable, Equatable {
    public var sex: Sex?
    public var race: RaceEthnicity?
    /// Other configured dimensions (e.g. veteran status), by name.
    public var other: [String: String]

    public init(sex: Sex? = nil, race: RaceEthnicity? = nil, other: [String: String] = [:]) {
        self.sex = sex
        self.race = race
        self.other = other
    }

    public enum Sex: String, Codable, Sendable, CaseIterable {
        case male = "Male"
        case female = "Female"
    }

    /// EEO-1 race/ethnicity categories.
    public enum RaceEthnicity: String, Codable, Sendable, CaseIterable {
        case hispanicOrLatino = "Hispanic or Latino"
        case white = "White"
        case black = "Black or African American"
        case nativeHawaiianOrPacificIslander = "Native Hawaiian or Other Pacific Islander"
        case asian = "Asian"
        case americanIndianOrAlaskaNative = "American Indian or Alaska Native"
        case twoOrMore = "Two or More Races"
    }
}
