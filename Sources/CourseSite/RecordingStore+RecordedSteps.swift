import Explain
import Lessons

extension RecordingStore {
    /// The recorded real runs of each lesson, by step id, as the player and `lessons lint` read
    /// them (`LessonRecording.realRuns`). A language without its own recording falls back to
    /// the English one.
    public func recordedSteps() -> RecordedSteps {
        let store = self
        return { slug, language in
            (store.load(slug: slug, language: language) ?? store.load(slug: slug, language: "en"))?.realRuns ?? [:]
        }
    }
}

extension LessonRecording {
    /// The runs a learner may be shown as real, by step id: only steps whose every command ran
    /// for real and whose checks passed.
    public var realRuns: [String: [RecordedRun]] {
        var runs: [String: [RecordedRun]] = [:]
        for step in steps where step.passed && !step.runs.isEmpty && step.runs.allSatisfy({ $0.mode == "real" }) {
            runs[step.id] = step.runs.map { run in
                RecordedRun(command: run.command, status: run.status, stdout: run.stdout, messages: run.messages,
                            events: run.events.compactMap(Event.init(jsonLine:)),
                            recordedAt: recordedAt, kernel: kernel)
            }
        }
        return runs
    }
}
