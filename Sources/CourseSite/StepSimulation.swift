import Explain
import FoundationEssentials
import Lessons
#if canImport(Glibc)
import Glibc
#endif

/// What the site shows for a step nobody has recorded: the step run in Dockyard's simulation
/// while the site is built, labelled as such. Only the commands the player would simulate run
/// (`dockyard run --simulate` creates no kernel object); a shell command or a verb without a
/// simulation is shown as not run, so building the site never changes the machine.
public struct StepSimulation: Sendable {
    /// The `dockyard` executable that simulates.
    public var dockyard: String
    public var environment: [String: String]

    public init(dockyard: String, environment: [String: String]) {
        self.dockyard = dockyard
        self.environment = environment
    }

    /// The step's simulated run, in the shape of a recording.
    func recording(of step: Step, language: String) -> StepRecording {
        let work = FileManager.default.temporaryDirectory.path + "/dockyard-course-simulation-\(getpid())"
        try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let context = StepContext(dockyard: dockyard, workDirectory: work, environment: environment, realKernel: false)
        let ui = UIText(language: language)
        let site = SiteText(language: language)
        let executor = StepExecutor(context: context, text: ui)
        let runs = step.plan(in: context, text: ui).map { command in
            guard command.isSimulated else {
                return RunRecording(command: command.display, mode: "skipped", reason: site.notRecordedNoSimulation,
                                    status: 0, stdout: "", messages: "", events: [])
            }
            let run = executor.run(command)
            return RunRecording(command: command.display, mode: "simulated", reason: site.notRecordedSimulated,
                                status: run.output.status, stdout: run.output.stdout, messages: run.messages,
                                events: run.events.map(JSONLinesRenderer.line(for:)))
        }
        return StepRecording(id: step.id, passed: true, runs: runs)
    }
}
