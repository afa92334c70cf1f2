import Foundation
import ScreenerCore

/// One integration's writer when different post-back kinds go different ways: a Greenhouse
/// integration writes candidate notes through Harvest and assessment results to the Assessment
/// Partner callback. Kinds in `routes` go to their writer, the rest to `fallback`; a kind with
/// neither is a dead letter (`.permanent`), as for an integration without a writer.
public struct KindRoutingWriter: ATSWriter {
    public let profile: String
    let routes: [PostBack.Kind: any ATSWriter]
    let fallback: (any ATSWriter)?

    public init(profile: String, routes: [PostBack.Kind: any ATSWriter], fallback: (any ATSWriter)?) {
        self.profile = profile
        self.routes = routes
        self.fallback = fallback
    }

    public func deliver(_ postBack: PostBack, previousAttemptUncertain: Bool) async -> PostBackResult {
        guard let writer = routes[postBack.kind] ?? fallback else {
            return .permanent(reason: "integration '\(postBack.integration)' has no writer for \(postBack.kind.rawValue) post-backs")
        }
        return await writer.deliver(postBack, previousAttemptUncertain: previousAttemptUncertain)
    }
}
