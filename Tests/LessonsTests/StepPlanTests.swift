#if canImport(Glibc)
import Glibc
#endif
import Explain
import FoundationEssentials
import Testing
@testable import Lessons

@Suite("How steps run: for real, simulated, or skipped")
struct StepPlanTests {
    func step(_ info: String, _ code: String) throws -> Step {
        let lesson = LessonParser.parse("```\(info)\n\(code)\n```\n", slug: "01-x", language: "en", path: "x.md")
        return try #require(lesson.steps.first)
    }

    let text = UIText(language: "en")
    func context(root: Bool) -> StepContext {
        StepContext(dockyard: "/opt/bin/dockyard", workDirectory: "/tmp", environment: ["PATH": "/usr/bin"], realKernel: root)
    }

    @Test("dockyard run gets --explain=json, and --simulate without root")
    func run() throws {
        let s = try step("dockyard {step=a}", "dockyard run --rm busybox sh -c 'echo hi'")
        let real = s.plan(in: context(root: true), text: text)
        #expect(real.map(\.argv) == [["/opt/bin/dockyard", "run", "--explain=json", "--rm", "busybox", "sh", "-c", "echo hi"]])
        #expect(real.first?.mode == .real)
        let simulated = s.plan(in: context(root: false), text: text)
        #expect(simulated.first?.argv.contains("--simulate") == true)
        #expect(simulated.first?.isSimulated == true)
    }

    @Test("simulate=always simulates even as root")
    func always() throws {
        let s = try step("dockyard {step=a simulate=always}", "dockyard run --rm busybox true")
        #expect(s.plan(in: context(root: true), text: text).first?.isSimulated == true)
    }

    @Test("without root, build and root-only sh steps are skipped, saying why")
    func skipped() throws {
        let build = try step("dockyard {step=a}", "dockyard build -t lesson-x .")
        #expect(build.plan(in: context(root: false), text: text).first?.isSkipped == true)
        let sh = try step("sh {step=b root=required}", "ls /root")
        #expect(sh.plan(in: context(root: false), text: text).first?.isSkipped == true)
        #expect(sh.plan(in: context(root: true), text: text).first?.argv == ["/bin/sh", "-c", "ls /root\n"])
    }

    @Test("push and pull get --explain=json, so a step can show the HTTP exchanges and digests")
    func registryVerbsExplain() throws {
        let s = try step("dockyard {step=a root=required}", "dockyard push 127.0.0.1:5013/lesson-x:v1\ndockyard pull 127.0.0.1:5013/lesson-x:v1")
        let real = s.plan(in: context(root: true), text: text)
        #expect(real.map(\.argv) == [["/opt/bin/dockyard", "push", "--explain=json", "127.0.0.1:5013/lesson-x:v1"],
                                      ["/opt/bin/dockyard", "pull", "--explain=json", "127.0.0.1:5013/lesson-x:v1"]])
        #expect(s.plan(in: context(root: false), text: text).map(\.isSkipped) == [true, true])
    }

    @Test("without root, detached runs and exec are skipped: they have no simulation")
    func detachedAndExec() throws {
        let s = try step("dockyard {step=a}", "dockyard run -d --name lesson-w busybox sleep 9\ndockyard exec lesson-w ps")
        let plan = s.plan(in: context(root: false), text: text)
        #expect(plan.map(\.isSkipped) == [true, true])
        let real = s.plan(in: context(root: true), text: text)
        #expect(real.last?.argv == ["/opt/bin/dockyard", "exec", "--explain=json", "lesson-w", "ps"])
    }

    @Test("without root, a pod is simulated: pod create with --simulate, a detached run --pod in the foreground, pod ls skipped")
    func podSimulated() throws {
        let s = try step("dockyard {step=a root=required}", """
            dockyard pod create --name lesson-pod
            dockyard run -d --pod lesson-pod --name lesson-pod-a busybox sleep 300
            dockyard pod ls
            """)
        let plan = s.plan(in: context(root: false), text: text)
        #expect(plan.map(\.isSimulated) == [true, true, false] && plan.last?.isSkipped == true)
        #expect(plan.first?.argv == ["/opt/bin/dockyard", "pod", "create", "--simulate", "--name", "lesson-pod"])
        #expect(plan[1].argv == ["/opt/bin/dockyard", "run", "--explain=json", "--simulate", "--pod", "lesson-pod", "--name", "lesson-pod-a",
                                 "busybox", "sleep", "300"])
        #expect(plan[1].display.contains("run -d --pod"), "the learner reads the command as written")
        let real = s.plan(in: context(root: true), text: text)
        #expect(real[1].argv == ["/opt/bin/dockyard", "run", "--explain=json", "-d", "--pod", "lesson-pod", "--name", "lesson-pod-a",
                                 "busybox", "sleep", "300"] && real[1].mode == .real)
    }

    @Test("cleanup finds the containers, images and named volumes a lesson names")
    func cleanupNames() {
        let lesson = LessonParser.parse("""
        ```dockyard {step=a}
        dockyard run --name lesson-a busybox true
        dockyard run --name=lesson-b busybox true
        dockyard build -t lesson-img .
        dockyard tag busybox lesson-copy
        dockyard run --rm -v lesson-data:/data -v /srv:/srv -v ./here:/here busybox true
        ```

        ```sh {step=b}
        dockyard run -d --name lesson-c busybox sleep 30 > /dev/null
        a=$(dockyard exec lesson-c hostname)
        ```
        """, slug: "01-x", language: "en", path: "x.md")
        let cleanup = LessonCleanup(lesson: lesson)
        #expect(cleanup.containerNames == ["lesson-a", "lesson-b", "lesson-c"], "a shell step's containers are cleaned up too")
        #expect(cleanup.imageNames == ["lesson-copy", "lesson-img"])
        #expect(cleanup.volumeNames == ["lesson-data"])
    }
}

@Suite("Judging a step's checks")
struct CheckTests {
    let text = UIText(language: "en")

    func run(_ mode: PlannedCommand.Mode, status: Int32 = 0, stdout: String = "", events: [Event] = []) -> StepOutcome.Run {
        StepOutcome.Run(command: PlannedCommand(display: "x", argv: ["x"], mode: mode),
                        output: CommandOutput(status: status, stdout: stdout, stderr: ""), events: events, messages: "")
    }

    func executor() -> StepExecutor {
        StepExecutor(context: StepContext(dockyard: "/d", workDirectory: "/tmp", environment: [:], realKernel: true), text: text)
    }

    func step(_ attributes: String) -> Step {
        LessonParser.parse("```sh {step=s \(attributes)}\nx\n```\n", slug: "01-x", language: "en", path: "x.md").steps[0]
    }

    @Test("output and status checks pass or fail on a real run")
    func real() {
        let s = step("status=137 contains=OOM matches=\"^kill(ed)?$\"")
        let passing = executor().judge(s, [run(.real, status: 137, stdout: "OOM\nkilled\n")])
        #expect(passing.allSatisfy { $0.verdict == .passed }, "\(passing)")
        let failing = executor().judge(s, [run(.real, status: 0, stdout: "fine\n")])
        #expect(failing.filter { $0.verdict == .failed }.count == 3)
    }

    @Test("an output check fails when only a line repeating the command satisfies it")
    func echoOnly() {
        let s = step("contains=sleep matches=\"sleep 1\"")
        let command = "dockyard run --rm busybox sh -c 'sleep 1 & ps -o pid,user,args'"
        func ran(_ stdout: String) -> StepOutcome.Run {
            StepOutcome.Run(command: PlannedCommand(display: command, argv: ["x"], mode: .real),
                            output: CommandOutput(status: 0, stdout: stdout, stderr: ""), events: [], messages: "")
        }
        let onlyTheShell = executor().judge(s, [ran("PID   USER     COMMAND\n    1 root     sh -c sleep 1 & ps -o pid,user,args\n")])
        #expect(onlyTheShell.filter { $0.verdict == .failed }.count == 2, "\(onlyTheShell)")
        #expect(onlyTheShell.contains { $0.message == text.outputOnlyEchoes("sleep") })
        let alive = executor().judge(s, [ran("PID   USER     COMMAND\n    1 root     sh -c sleep 1 & ps -o pid,user,args\n    2 root     sleep 1\n")])
        #expect(alive.allSatisfy { $0.verdict == .passed }, "\(alive)")
    }

    @Test("in a simulation, output checks do not apply but kernel facts do")
    func simulated() {
        let s = step("contains=hello explains=\"write 67108864\"")
        let event = Event(.cgroupWritten(path: "/sys/fs/cgroup/memory/x/memory.limit_in_bytes", value: "67108864"), simulated: true)
        let results = executor().judge(s, [run(.simulated(reason: "r"), events: [event])])
        #expect(results.map(\.verdict) == [.passed, .notApplicable, .passed])
        let missing = executor().judge(s, [run(.simulated(reason: "r"))])
        #expect(missing.last?.verdict == .failed)
    }

    @Test("a skipped step's checks are not applicable, never failed")
    func skipped() {
        let results = executor().judge(step("contains=x"), [run(.skipped(reason: "r"))])
        #expect(results.allSatisfy { $0.verdict == .notApplicable })
    }
}

@Suite("Where step commands run")
struct StepDirectoryTests {
    @Test("in the lesson's directory, made if a cleanup removed it; the player's own directory stays")
    func directory() throws {
        let work = "/tmp/dockyard-step-dir-\(getpid())/lesson"
        defer { _ = system("rm -rf /tmp/dockyard-step-dir-\(getpid())") }
        let before = FileManager.default.currentDirectoryPath
        let lesson = LessonParser.parse("```sh {step=a}\npwd\n```\n", slug: "01-x", language: "en", path: "x.md")
        let step = try #require(lesson.steps.first)
        let context = StepContext(dockyard: "/bin/false", workDirectory: work, environment: ["PATH": "/usr/bin:/bin"], realKernel: true)
        let outcome = StepExecutor(context: context, text: UIText(language: "en")).run(step)
        #expect(outcome.runs.first?.output.stdout == work + "\n")
        #expect(FileManager.default.currentDirectoryPath == before)
    }
}

@Suite("--simulate and the images a lesson made")
struct LessonImagePlanTests {
    func step(_ info: String, _ code: String) throws -> Step {
        let lesson = LessonParser.parse("```\(info)\n\(code)\n```\n", slug: "07-x", language: "en", path: "x.md")
        return try #require(lesson.steps.first)
    }

    func recorded(_ command: String) -> RecordedRun {
        RecordedRun(command: command, status: 0, stdout: "Hello from a layer\n", messages: "", events: [],
                    recordedAt: "2026-12-07T00:00:00Z", kernel: "Linux 6.18 x86_64")
    }

    @Test("with --simulate, running an image an earlier step built shows the recording; a busybox run stays simulated")
    func lessonImage() throws {
        let text = UIText(language: "en")
        let runIt = try step("dockyard {step=run-it}", "dockyard run --rm lesson-hello")
        let busybox = try step("dockyard {step=box}", "dockyard run --rm -h lesson-box --name lesson-b busybox hostname")
        let context = StepContext(dockyard: "/opt/bin/dockyard", workDirectory: "/tmp", environment: [:], mode: .simulation(.asked),
                                  recordings: ["run-it": [recorded("dockyard run --rm lesson-hello")],
                                               "box": [recorded("dockyard run --rm -h lesson-box --name lesson-b busybox hostname")]])
        #expect(runIt.plan(in: context, text: text).allSatisfy { $0.isRecorded })
        let simulated = busybox.plan(in: context, text: text)
        #expect(simulated.allSatisfy { $0.isSimulated })
        guard case let .simulated(reason)? = simulated.first?.mode else { Issue.record("not simulated"); return }
        #expect(reason.contains("--simulate") && !reason.contains("not root"), "as root, --simulate is not \"not root\": \(reason)")
    }

    @Test("the image is the first word after run's flags and their values")
    func imageWord() throws {
        #expect(try step("dockyard {step=a}", "dockyard run --rm -m 64m -v lesson-vol:/data lesson-hello cat /x").runsLessonImage)
        #expect(try step("dockyard {step=a}", "dockyard run -d --name=lesson-web lesson-tar").runsLessonImage)
        #expect(try !step("dockyard {step=a}", "dockyard run --rm -h lesson-box busybox hostname").runsLessonImage)
        #expect(try !step("dockyard {step=a}", "dockyard run -it --name lesson-x busybox sh").runsLessonImage)
    }
}
