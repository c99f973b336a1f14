import Builder
import Explain
import FoundationEssentials
import LinuxKernel
import OCI
import Testing
import TestSupport

/// Builds FROM scratch with only config instructions, over the simulated kernel: no root and no
/// container, yet the whole builder runs (plan, session, store) and the image config can be read.
func buildConfigOnly(_ dockerfile: String) throws -> ImageConfiguration {
    let directory = try TemporaryDirectory(prefix: "config-build")
    try directory.write("context/Dockerfile", dockerfile)
    let builder = try Builder(root: directory.appending("root"), kernel: SimulatedKernel(events: DiscardingSink()),
                              progress: RecordingProgress())
    let result = try builder.build(BuildRequest(contextDirectory: directory.appending("context"),
                                                dockerfilePath: directory.appending("context/Dockerfile"),
                                                tags: [], buildArguments: [:], target: nil, noCache: true))
    return result.image.config
}

@Suite("Config-only steps with degenerate arguments, built over the simulated kernel")
struct ConfigStepTests {
    @Test("ENTRYPOINT [] clears the entrypoint as BuildKit does; CMD [] keeps an empty command")
    func emptyEntrypointAndCmd() throws {
        let config = try buildConfigOnly("FROM scratch\nENTRYPOINT [\"/app\"]\nENTRYPOINT []\nCMD []\n").config
        #expect(config?.entrypoint == nil)
        #expect(config?.cmd == [])
    }

    @Test("STOPSIGNAL $VAR is checked once expanded, and an unknown signal names the Dockerfile line")
    func expandedStopSignal() throws {
        #expect(try buildConfigOnly("FROM scratch\nENV S=SIGQUIT\nSTOPSIGNAL $S\n").config?.stopSignal == "SIGQUIT")
        do {
            _ = try buildConfigOnly("FROM scratch\nENV S=NOPE\nSTOPSIGNAL $S\n")
            Issue.record("STOPSIGNAL NOPE was accepted")
        } catch let error as BuildError {
            #expect(error.line == 3)
            #expect(error.message.contains("unknown signal \"NOPE\""))
        }
    }

    @Test("RUN [] fails the whole build with an error at its line, and no trap")
    func emptyRunFailsTheBuild() throws {
        do {
            _ = try buildConfigOnly("FROM scratch\nENV A=1\nRUN []\n")
            Issue.record("RUN [] was built")
        } catch let error as BuildError {
            #expect(error.description.hasSuffix("Dockerfile:3:1: error: " + error.message))
        }
    }
}
