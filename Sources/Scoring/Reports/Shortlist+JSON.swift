import Foundation
import ScreenerCore

extension Shortlist {
    /// The JSON document of this revision per `schemas/shortlist.schema.json` (also the body of the
    /// Standard Webhooks `shortlist.updated` callback): compact, sorted keys, ISO 8601 dates.
    public func jsonData(pretty: Bool = false) throws -> Data {
        try ReportJSON.data(self, pretty: pretty)
    }
}
