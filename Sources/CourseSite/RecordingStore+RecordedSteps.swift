import Explain
import Lessons

extension RecordingStore {
    /// The recorded real runs of each lesson, by step id, as the player and `lessons lint` read
    /// them: only steps whose every command ran for real and whose checks passed. A language
    /// without its own recording falls back to the English one.
    public func recordedSteps() -> RecordedSteps {
        let store = self
        return { slug, language in
            guard let recording = store.load(slug: slug, language: language) ?? store.load(slug: slug, language: "en") else { return [:] }
            var steps: [String: [RecordedRun]] = [:]
            for step in recording.steps where step.passed && !step.runs.isEmpty && step.runs.allSatisfy({ $0.mode == "real" }) {
                steps[step.id] = step.runs.map { run in
                    RecordedRun(command: run.command, status: run.status, stdout: run.stdout, messages: run.messages,
                                events: run.events.compactMap(Event.init(jsonLine:)),
                                recordedAt: recording.recordedAt, kernel: recording.kernel)
                }
            }
            return steps
        }
    }
}
