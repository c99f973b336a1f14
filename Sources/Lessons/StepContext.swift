/// Where and how steps run: the `dockyard` binary to call, the directory steps work in, the
/// environment, and whether the learner has root (without it, steps fall back to simulation).
public struct StepContext: Sendable {
    /// The `dockyard` executable: the running binary itself (/proc/self/exe).
    public var dockyard: String
    /// The lesson's scratch directory: steps run here (Dockerfiles, tarballs).
    public var workDirectory: String
    public var environment: [String: String]
    /// True as root, unless `--simulate` asked for the simulation anyway.
    public var realKernel: Bool

    public init(dockyard: String, workDirectory: String, environment: [String: String], realKernel: Bool) {
        self.dockyard = dockyard
        self.workDirectory = workDirectory
        self.environment = environment
        self.realKernel = realKernel
    }

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
