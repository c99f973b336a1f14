/// What `dockyard course record` saw when it ran one lesson's steps: each command's output and
/// the kernel objects it made, with when and on which kernel. Stored as JSON next to the lessons
/// (`lessons/recordings/<slug>.<language>.json`) so the course site builds without root.
public struct LessonRecording: Codable, Sendable, Equatable {
    public var lesson: String
    public var language: String
    /// When the steps ran, in ISO 8601.
    public var recordedAt: String
    /// `uname -srm` of the machine they ran on, e.g. `Linux 6.1.0-18-amd64 x86_64`.
    public var kernel: String
    public var steps: [StepRecording]

    public init(lesson: String, language: String, recordedAt: String, kernel: String, steps: [StepRecording]) {
        self.lesson = lesson
        self.language = language
        self.recordedAt = recordedAt
        self.kernel = kernel
        self.steps = steps
    }

    /// The recording of the step with this id, if it was recorded.
    public func step(_ id: String) -> StepRecording? { steps.first { $0.id == id } }
}

/// One step as it ran: its commands in order, and whether its checks passed.
public struct StepRecording: Codable, Sendable, Equatable {
    public var id: String
    public var passed: Bool
    public var runs: [RunRecording]

    public init(id: String, passed: Bool, runs: [RunRecording]) {
        self.id = id
        self.passed = passed
        self.runs = runs
    }
}

/// One command of a step: what the learner types, how it ran (for real, simulated, skipped),
/// its exit status and output, and its `--explain=json` lines as the engine wrote them.
public struct RunRecording: Codable, Sendable, Equatable {
    public var command: String
    /// `real`, `simulated` or `skipped`.
    public var mode: String
    /// Why it was simulated or skipped.
    public var reason: String?
    public var status: Int32
    public var stdout: String
    /// Stderr without the event lines: the engine's messages and the container's stderr.
    public var messages: String
    /// The explain events, one JSON line each (`Event(jsonLine:)` reads them back).
    public var events: [String]

    public init(command: String, mode: String, reason: String?, status: Int32, stdout: String, messages: String, events: [String]) {
        self.command = command
        self.mode = mode
        self.reason = reason
        self.status = status
        self.stdout = stdout
        self.messages = messages
        self.events = events
    }
}
