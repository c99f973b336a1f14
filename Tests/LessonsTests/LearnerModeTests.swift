import Explain
import Testing
@testable import Lessons

@Suite("Which mode a learner gets, and how each step runs in it")
struct LearnerModeTests {
    let text = UIText(language: "en")
    let allowed = RootlessProbe(user: "dyrl", maxUserNamespaces: 1000, mapHelpersInstalled: true, hasSubordinateIDs: true)

    func step(_ info: String, _ code: String) throws -> Step {
        let lesson = LessonParser.parse("```\(info)\n\(code)\n```\n", slug: "01-x", language: "en", path: "x.md")
        return try #require(lesson.steps.first)
    }

    func context(_ mode: LearnerMode, recordings: [String: [RecordedRun]] = [:]) -> StepContext {
        StepContext(dockyard: "/opt/bin/dockyard", workDirectory: "/tmp", environment: [:], mode: mode, recordings: recordings)
    }

    func recorded(_ command: String) -> RecordedRun {
        RecordedRun(command: command, status: 0, stdout: "recorded output\n", messages: "",
                    events: [Event(.note("real"))], recordedAt: "2025-06-01T10:00:00Z", kernel: "Linux 6.1.0 x86_64")
    }

    @Test("root is root, --simulate wins, and an ordinary user gets rootless mode when the host allows it")
    func choose() {
        #expect(LearnerMode.choose(euid: 0, simulate: false, probe: allowed) == .root)
        #expect(LearnerMode.choose(euid: 0, simulate: true, probe: allowed) == .simulation(.asked))
        #expect(LearnerMode.choose(euid: 1001, simulate: false, probe: allowed) == .rootless(RootlessAbilities()))
    }

    @Test("without user namespaces, the map helpers or a subordinate range, an ordinary user is simulated, saying why")
    func obstacles() {
        var probe = allowed
        probe.hasSubordinateIDs = false
        #expect(LearnerMode.choose(euid: 1001, simulate: false, probe: probe) == .simulation(.noSubordinateIDs(user: "dyrl")))
        probe.mapHelpersInstalled = false
        #expect(LearnerMode.choose(euid: 1001, simulate: false, probe: probe) == .simulation(.noMapHelpers))
        probe.maxUserNamespaces = 0
        #expect(LearnerMode.choose(euid: 1001, simulate: false, probe: probe) == .simulation(.noUserNamespaces))
        #expect(text.modeBanner(.simulation(.noSubordinateIDs(user: "dyrl")))?.contains("usermod --add-subuids") == true)
        #expect(text.modeBanner(.root) == nil)
    }

    @Test("a step's rootless limit: declared with rootless=, or found in run's flags before the image only")
    func limits() throws {
        let none = RootlessAbilities()
        #expect(try step("dockyard {step=a}", "dockyard run --rm busybox true").rootlessLimit(none) == .network)
        #expect(try step("dockyard {step=a}", "dockyard build -t lesson-x .").rootlessLimit(none) == .network)
        let withNetwork = RootlessAbilities(defaultNetwork: true)
        #expect(try step("dockyard {step=a}", "dockyard run --rm busybox true").rootlessLimit(withNetwork) == nil)
        #expect(try step("sh {step=a rootless=host}", "sysctl -w x=1").rootlessLimit(none) == .host)
        #expect(try step("dockyard {step=a}", "dockyard run --rm --network none -m 64m busybox true").rootlessLimit(none) == .cgroup)
        #expect(try step("dockyard {step=a}", "dockyard run --rm --cpus=0.5 --net=none busybox true").rootlessLimit(none) == .cgroup)
        #expect(try step("dockyard {step=a}", "dockyard run --rm --network none busybox sh -c 'echo -m'").rootlessLimit(none) == nil)
        #expect(try step("dockyard {step=a}", "dockyard run --rm -p 80:80 busybox true").rootlessLimit(withNetwork) == .port)
        #expect(try step("dockyard {step=a}", "dockyard run --rm -p 8080:80 busybox true").rootlessLimit(withNetwork) == nil)
        #expect(try step("dockyard {step=a}", "dockyard run --rm --network lesson-net busybox true").rootlessLimit(none) == .network)
        #expect(try step("dockyard {step=a}", "dockyard run --rm --network none busybox true").rootlessLimit(none) == nil)
        #expect(try step("dockyard {step=a}", "dockyard network create lesson-net").rootlessLimit(none) == .network)
        #expect(try step("dockyard {step=a}", "dockyard network create lesson-net").rootlessLimit(withNetwork) == nil)
        #expect(try step("dockyard {step=a}", "dockyard run --rm --network lesson-net busybox true").rootlessLimit(withNetwork) == nil)
        #expect(try step("dockyard {step=a}", "dockyard run --rm --network none --userns remap busybox id").rootlessLimit(none) == .ids)
        let delegated = RootlessAbilities(cgroupsDelegated: true, unprivilegedPortStart: 0, defaultNetwork: true)
        #expect(try step("dockyard {step=a rootless=cgroup}", "dockyard run --rm -m 64m -p 80:80 busybox true").rootlessLimit(delegated) == nil)
    }

    @Test("rootless runs steps for real, root=required ones included, with no --simulate")
    func rootlessReal() throws {
        let mode = LearnerMode.rootless(RootlessAbilities())
        let run = try step("dockyard {step=a}", "dockyard run --rm --network none busybox true")
        #expect(run.plan(in: context(mode), text: text).map(\.mode) == [.real])
        #expect(run.plan(in: context(mode), text: text).first?.argv.contains("--simulate") == false)
        let images = try step("dockyard {step=b root=required}", "dockyard history busybox")
        #expect(images.plan(in: context(mode), text: text).map(\.mode) == [.real])
        let sh = try step("sh {step=c root=required}", "dockyard images")
        #expect(sh.plan(in: context(mode), text: text).map(\.mode) == [.real])
    }

    @Test("a step beyond rootless mode: its recorded real run first, then the simulation, then skipped — with the reason")
    func fallbackOrder() throws {
        let mode = LearnerMode.rootless(RootlessAbilities())
        let limit = try step("dockyard {step=limit}", "dockyard run --rm --network none -m 64m busybox true")
        let fromRecording = limit.plan(in: context(mode, recordings: ["limit": [recorded("dockyard run --rm --network none -m 64m busybox true")]]), text: text)
        #expect(fromRecording.allSatisfy { $0.isRecorded })
        guard case let .recorded(reason, _)? = fromRecording.first?.mode else { Issue.record("not recorded"); return }
        #expect(reason.contains("no cgroup is delegated") && reason.contains("2025-06-01"))
        let simulated = limit.plan(in: context(mode), text: text)
        #expect(simulated.first?.isSimulated == true)
        #expect(simulated.first?.argv == ["/opt/bin/dockyard", "run", "--explain=json", "--simulate", "--rm", "--network", "none", "-m", "64m", "busybox", "true"])
        let sysctl = try step("sh {step=s rootless=host}", "sysctl -w net.ipv4.ip_forward=1")
        guard case let .skipped(why)? = sysctl.plan(in: context(mode), text: text).first?.mode else { Issue.record("not skipped"); return }
        #expect(why.contains("whole host"))
    }

    @Test("without a real engine a recording stands in for the simulation, but --simulate keeps the simulation")
    func simulationPrefersRecordings() throws {
        let run = try step("dockyard {step=a}", "dockyard run --rm busybox true")
        let recordings = ["a": [recorded("dockyard run --rm busybox true")]]
        let noRange = run.plan(in: context(.simulation(.noSubordinateIDs(user: "x")), recordings: recordings), text: text)
        #expect(noRange.allSatisfy { $0.isRecorded })
        #expect(run.plan(in: context(.simulation(.asked), recordings: recordings), text: text).first?.isSimulated == true)
        let build = try step("dockyard {step=a}", "dockyard build -t lesson-x .")
        #expect(build.plan(in: context(.simulation(.asked), recordings: recordings), text: text).first?.isRecorded == true)
        #expect(build.plan(in: context(.simulation(.asked)), text: text).first?.isSkipped == true)
    }

    @Test("a recorded run is shown, not run, and its output is checked like a real one")
    func recordedOutcome() throws {
        let s = try step("dockyard {step=a contains=\"recorded output\"}", "dockyard run --rm busybox true")
        let executor = StepExecutor(context: context(.simulation(.noMapHelpers), recordings: ["a": [recorded("dockyard run --rm busybox true")]]), text: text)
        let outcome = executor.run(s)
        #expect(outcome.recorded && outcome.passed)
        #expect(outcome.runs.first?.events.count == 1)
    }
}
