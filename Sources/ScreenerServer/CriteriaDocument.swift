import Foundation
import ScreenerCore
import Yams

/// Reads job criteria from YAML or JSON (`schemas/job-criteria.schema.json`), with errors that name
/// the field at fault.
public enum CriteriaDocument {
    public static func decode(_ data: Data, json: Bool, source: String) throws -> JobCriteria {
        do {
            if json { return try JSONDecoder().decode(JobCriteria.self, from: data) }
            return try YAMLDecoder().decode(JobCriteria.self, from: String(decoding: data, as: UTF8.self))
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw ScreenerError(.invalidInput, "\(source): missing '\((ctx.codingPath + [key]).map(\.stringValue).joined(separator: "."))'")
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw ScreenerError(.invalidInput, "\(source): wrong type at '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))'")
        } catch let DecodingError.dataCorrupted(ctx) where !ctx.codingPath.isEmpty {
            throw ScreenerError(.invalidInput, "\(source): invalid value at '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))'")
        } catch {
            throw ScreenerError(.invalidInput, "\(source) is not valid criteria YAML or JSON")
        }
    }
}
