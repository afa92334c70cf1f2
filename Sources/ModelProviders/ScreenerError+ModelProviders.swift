import ScreenerCore

extension ScreenerError.Code {
    /// The model provider failed: a non-retryable HTTP status, retries exhausted, or a reply whose
    /// content was not valid rubric JSON twice in a row.
    public static let modelFailed: Self = "model_failed"
    /// The provider did not answer within the per-request timeout on any attempt.
    public static let modelTimeout: Self = "model_timeout"
    /// The job's model budget is spent; the adapter refused before sending a request.
    public static let budgetExceeded: Self = "budget_exceeded"
}
