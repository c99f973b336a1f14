/// Where and how steps run: the `dockyard` binary to call, the directory steps work in, the
/// environment, the learner's mode (root, rootless or simulation), and the lesson's recorded
/// real runs for the steps this learner cannot run.
public struct StepContext: Sendable {
    /// The `dockyard` executable: the running binary itself (/proc/self/exe).
    public var dockyard: String
    /// The lesson's scratch directory: steps run here (Dockerfiles, tarballs).
    public var workDirectory: String
    public var environment: [String: String]
    public var mode: LearnerMode
    /// The lesson's recorded real runs by step id (empty when there is no recording).
    public var recordings: [String: [RecordedRun]]

    public init(dockyard: String, workDirectory: String, environment: [String: String], mode: LearnerMode,
                recordings: [String: [RecordedRun]] = [:]) {
        self.dockyard = dockyard
        self.workDirectory = workDirectory
        self.environment = environment
        self.mode = mode
        self.recordings = recordings
    }

    /// Root (`true`) or the simulation the learner asked for (`false`): the course recorder's
    /// and the site's two modes.
    public init(dockyard: String, workDirectory: String, environment: [String: String], realKernel: Bool) {
        self.init(dockyard: dockyard, workDirectory: workDirectory, environment: environment,
                  mode: realKernel ? .root : .simulation(.asked))
    }

    /// Steps reach a real engine: as root, or as an ordinary user in rootless mode.
    public var realKernel: Bool { mode.isReal }

    /// The environment steps see: PATH starts with the directory of this `dockyard`, so `sh`
    /// steps that call `dockyard` get the same binary.
    var stepEnvironment: [String] {
        var env = environment
        let binDirectory = dockyard.split(separator: "/").dropLast().joined(separator: "/")
        env["PATH"] = "/" + binDirectory + ":" + (env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
        env["LESSON_DIR"] = workDirectory
        return env.map { "\($0.key)=\($0.value)" }.sorted()
    }
}
