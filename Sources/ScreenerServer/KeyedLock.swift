/// An async mutual-exclusion lock per key: `withLock(key)` runs one body at a time for each key,
/// in arrival order, without blocking a thread while it waits.
final class KeyedLock: Sendable {
    private let state = StateActor()

    func withLock<T: Sendable>(_ key: String, _ body: () async throws -> T) async throws -> T {
        await state.acquire(key)
        do {
            let value = try await body()
            await state.release(key)
            return value
        } catch {
            await state.release(key)
            throw error
        }
    }

    private actor StateActor {
        var held: Set<String> = []
        var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

        func acquire(_ key: String) async {
            if !held.contains(key) {
                held.insert(key)
                return
            }
            await withCheckedContinuation { waiters[key, default: []].append($0) }
        }

        func release(_ key: String) {
            if var queue = waiters[key], !queue.isEmpty {
                let next = queue.removeFirst()
                waiters[key] = queue.isEmpty ? nil : queue
                next.resume()  // ownership passes to the next waiter; `held` keeps the key
            } else {
                held.remove(key)
            }
        }
    }
}
