import Foundation

/// The parts of an OpenAI `chat.completion` reply the adapter reads:
/// `choices[0].message.content` (or `.refusal`), `finish_reason` and `usage`.
struct ChatCompletionReply: Decodable, Sendable {
    struct Choice: Decodable, Sendable {
        struct Message: Decodable, Sendable {
            var content: String?
            var refusal: String?
        }
        var message: Message
        var finish_reason: String?
    }
    struct Usage: Decodable, Sendable {
        var prompt_tokens: Int?
        var completion_tokens: Int?
    }
    var model: String?
    var choices: [Choice]
    var usage: Usage?
}
