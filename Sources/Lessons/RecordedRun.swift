import Explain

/// A step's command as it once ran on a real kernel, kept in `lessons/recordings/`: shown to a
/// learner who cannot run the step, before falling back to the simulation.
public struct RecordedRun: Sendable, Equatable {
    /// The command as the lesson wrote it.
    public var command: String
    public var status: Int32
    public var stdout: String
    /// Stderr without the event lines.
    public var messages: String
    public var events: [Event]
    /// When, and on which kernel, it ran (`2025-06-01T10:00:00Z`, `Linux 6.1.0-18-amd64 x86_64`).
    public var recordedAt: String
    public var kernel: String

    public init(command: String, status: Int32, stdout: String, messages: String, events: [Event],
                recordedAt: String, kernel: String) {
        self.command = command
        self.status = status
        self.stdout = stdout
        self.messages = messages
        self.events = events
        self.recordedAt = recordedAt
        self.kernel = kernel
    }
}

/// Where the player finds recorded runs: for a lesson and language, each step id's runs
/// (only steps that ran for real and passed). The CLI reads them from `lessons/recordings`.
public typealias RecordedSteps = @Sendable (_ slug: String, _ language: String) -> [String: [RecordedRun]]
