import Testing
import TestSupport

/// A suite trait that gives the whole suite one `RootlessSession` — one holder, one user
/// namespace, one image store — and ends it after the suite's last test, recording every leak
/// that `finish()` finds as an issue. Tests reach the session through `Rootless.session`.
struct RootlessSessionTrait: SuiteTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        guard RootlessUser.isAvailable, let user = RootlessUser.lookup() else { return try await function() }
        let session = try RootlessSession(user: user)
        do {
            try await Rootless.$session.withValue(session) { try await function() }
        } catch {
            record(session.finish())
            throw error
        }
        record(session.finish())
    }

    private func record(_ leaks: [String]) {
        for leak in leaks { Issue.record("rootless session leaked: \(leak)") }
    }
}

extension Trait where Self == RootlessSessionTrait {
    /// One shared rootless session for the suite (`Rootless.session`).
    static var rootlessSession: Self { Self() }
}

/// Where a rootless suite's tests find their session.
enum Rootless {
    @TaskLocal static var session: RootlessSession?

    /// The suite's session; a test outside a `.rootlessSession` suite fails here.
    static func current() throws -> RootlessSession {
        try #require(session, "the suite needs the .rootlessSession trait")
    }
}
