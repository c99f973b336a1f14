import Foundation
import Testing
import TestSupport
@testable import Lessons

/// Every exercise of the course judged with real containers as root, the way the player judges a
/// learner's try: its solution passes, two wrong answers fail, and a cheating answer — the value
/// printed without doing the thing — fails, because the checks read the kernel and the store.
@Suite("Exercises are judged on live kernel state")
struct ExerciseLiveTests {
    /// What the learner types after the commands, for an `answer` check.
    enum Answer: Sendable {
        case none
        case literal(String)
        /// The last line the commands printed, as a learner would read it off the screen.
        case lastLine
        /// The host's own namespace inode of this kind (`/proc/self/ns/KIND`).
        case hostNamespace(String)
    }

    /// One try at an exercise: what is typed, what is answered.
    struct Try: Sendable, CustomStringConvertible {
        var typed: String
        var answer: Answer = .none
        var description: String { typed }
    }

    /// Two wrong tries and a cheating one per exercise; the right one is the lesson's solution.
    struct Case: Sendable, CustomStringConvertible {
        var lesson: String
        var step: String
        var wrong: [Try]
        var cheat: Try
        var rightAnswer: Answer = .none
        /// Images removed before every try, so a try cannot pass on what an earlier one named.
        var removeImages: [String] = []
        /// Steps of the lesson run once before the tries: what the exercise works with (a registry).
        var setup: [String] = []
        /// The host port the lesson fixes, swapped for a free one in the steps and the checks.
        var fixedPort = "8089"
        var description: String { "\(lesson)/\(step)" }
    }

    static let cases: [Case] = [
        Case(lesson: "01-what-is-a-container", step: "host-pid",
             wrong: [Try(typed: "dockyard run -d --name lesson-one busybox sleep 300", answer: .literal("1")),
                     Try(typed: "dockyard run -d --name lesson-one busybox sleep 300", answer: .literal("4194999"))],
             cheat: Try(typed: "dockyard run --name lesson-one busybox sh -c 'echo 4242'", answer: .lastLine),
             rightAnswer: .lastLine),
        Case(lesson: "02-namespaces", step: "ns-inode",
             wrong: [Try(typed: "dockyard run -d --name lesson-ns busybox sleep 300\nreadlink /proc/self/ns/net", answer: .hostNamespace("net")),
                     Try(typed: "dockyard run -d --name lesson-ns busybox sleep 300", answer: .literal("12345"))],
             cheat: Try(typed: "dockyard run --name lesson-ns busybox readlink /proc/self/ns/net", answer: .lastLine),
             rightAnswer: .lastLine),
        Case(lesson: "03-root-filesystem", step: "own-root",
             wrong: [Try(typed: "dockyard run -d --name lesson-root busybox sh -c 'echo mine > /tmp/lesson-marker; sleep 300'"),
                     Try(typed: "dockyard run --name lesson-root busybox sh -c 'echo mine > /lesson-marker'")],
             cheat: Try(typed: "dockyard run -d --name lesson-root busybox sh -c 'echo /lesson-marker; sleep 300'")),
        Case(lesson: "04-cgroups", step: "memory-live",
             wrong: [Try(typed: "dockyard run -d --name lesson-mem -m 32m busybox sleep 300"),
                     Try(typed: "dockyard run --name lesson-mem -m 48m busybox true")],
             cheat: Try(typed: "dockyard run -d --name lesson-mem busybox sh -c 'echo 50331648; sleep 300'")),
        Case(lesson: "04-cgroups", step: "pids-live",
             wrong: [Try(typed: "dockyard run -d --name lesson-pids --pids-limit 10 busybox sleep 300"),
                     Try(typed: "dockyard run -d --name lesson-pids -m 20m busybox sleep 300")],
             cheat: Try(typed: "dockyard run -d --name lesson-pids busybox sh -c 'echo pids.max 20; sleep 300'")),
        Case(lesson: "05-layers-and-overlayfs", step: "one-whiteout",
             wrong: [Try(typed: "dockyard run -d --name lesson-wh busybox sh -c 'rm /bin/vi; sleep 300'\ndockyard run -d --name lesson-wh2 busybox sh -c 'rm /bin/vi; sleep 300'"),
                     Try(typed: "dockyard run -d --name lesson-wh busybox sleep 300\ndockyard run -d --name lesson-wh2 busybox sleep 300")],
             cheat: Try(typed: "dockyard run -d --name lesson-wh busybox sh -c 'echo rm /bin/vi; sleep 300'\ndockyard run -d --name lesson-wh2 busybox sleep 300")),
        Case(lesson: "06-images-as-data", step: "second-name",
             wrong: [Try(typed: "mkdir -p data\nprintf 'FROM busybox\\nENV GREETING=hello\\n' > data/Dockerfile\ndockyard build -t lesson-data:v1 data"),
                     Try(typed: "dockyard run --name lesson-c busybox touch /new\ndockyard commit lesson-c lesson-data:v1")],
             cheat: Try(typed: "echo \"lesson-data   v1   $(dockyard images -q busybox)\""),
             // busybox is made on its first use, by the lesson's first step: `tag` alone finds no image.
             removeImages: ["lesson-data:v1"], setup: ["first-run"]),
        Case(lesson: "07-dockerfile-to-image", step: "three-layers",
             wrong: [Try(typed: "mkdir -p three\nprintf 'FROM busybox\\nRUN echo one > /one && echo two > /two\\n' > three/Dockerfile\ndockyard build -t lesson-three three"),
                     Try(typed: "mkdir -p three\nprintf 'FROM busybox\\nRUN touch /a\\nRUN touch /b\\nRUN touch /c\\n' > three/Dockerfile\ndockyard build -t lesson-three three")],
             cheat: Try(typed: "dockyard tag busybox lesson-three\necho 3 layers")),
        Case(lesson: "08-containers-from-images", step: "private-file",
             wrong: [Try(typed: "dockyard run -d --name lesson-p1 busybox sh -c 'echo secret > /secret.txt; sleep 300'\ndockyard run -d --name lesson-p2 busybox sh -c 'echo secret > /secret.txt; sleep 300'"),
                     Try(typed: "dockyard run -d --name lesson-p1 busybox sleep 300\ndockyard run -d --name lesson-p2 busybox sleep 300")],
             cheat: Try(typed: "dockyard run -d --name lesson-p1 busybox sh -c 'echo /secret.txt; sleep 300'\ndockyard run -d --name lesson-p2 busybox sleep 300")),
        Case(lesson: "09-processes-and-users", step: "your-shell",
             wrong: [Try(typed: "dockyard run -d --name lesson-sh busybox sleep 300\ndockyard exec lesson-sh touch /tmp/from-the-shell"),
                     Try(typed: "dockyard run --name lesson-sh busybox touch /from-the-shell")],
             cheat: Try(typed: "dockyard run -d --name lesson-sh busybox sleep 300\ndockyard exec lesson-sh echo /from-the-shell")),
        Case(lesson: "09-processes-and-users", step: "own-user",
             wrong: [Try(typed: "dockyard run -d --name lesson-user -u 1234 busybox sleep 300"),
                     Try(typed: "mkdir -p user\nprintf 'FROM busybox\\nRUN echo learner:x:1000:1000::/tmp:/bin/sh >> /etc/passwd\\nUSER learner\\n' > user/Dockerfile\ndockyard build -t lesson-user-image user\ndockyard run -d --name lesson-user lesson-user-image sleep 300")],
             cheat: Try(typed: "dockyard run -d --name lesson-user busybox sh -c 'echo uid=1234 learner; sleep 300'")),
        Case(lesson: "10-networking", step: "publish",
             wrong: [Try(typed: "dockyard run -d --name lesson-web busybox sh -c 'mkdir -p /www && echo hello from lesson-web > /www/index.html && httpd -f -p 80 -h /www'"),
                     Try(typed: "dockyard run -d --name lesson-web -p 8089:80 busybox sh -c 'mkdir -p /www && echo goodbye > /www/index.html && httpd -f -p 80 -h /www'")],
             cheat: Try(typed: "dockyard run -d --name lesson-web busybox sh -c 'echo hello from lesson-web; sleep 300'")),
        Case(lesson: "11-volumes-and-bind-mounts", step: "both-sides",
             wrong: [Try(typed: "dockyard run -d --name lesson-bind -v shared:/shared busybox sh -c 'echo written inside > /shared/note.txt; sleep 300'"),
                     Try(typed: "mkdir -p shared\ndockyard run -d --name lesson-bind -v \"$LESSON_DIR/shared:/shared\" busybox sh -c 'echo written inside > /tmp/note.txt; sleep 300'")],
             cheat: Try(typed: "mkdir -p shared\necho written inside > shared/note.txt\ndockyard run -d --name lesson-bind busybox sleep 300")),
        Case(lesson: "12-security", step: "as-nobody",
             wrong: [Try(typed: "dockyard run -d --name lesson-nobody -u 1000 busybox sleep 300"),
                     Try(typed: "dockyard run -d --name lesson-nobody busybox sleep 300")],
             cheat: Try(typed: "dockyard run -d --name lesson-nobody busybox sh -c 'echo uid=65534; sleep 300'")),
        Case(lesson: "14-rootless", step: "host-uid",
             wrong: [Try(typed: "dockyard run -d --name lesson-uid --network none -u 1000 busybox sleep 300\nps -o uid= -p \"$(dockyard inspect -f '{{.State.Pid}}' lesson-uid)\"",
                         answer: .lastLine),
                     Try(typed: "dockyard run -d --name lesson-uid --network none -u 500 busybox sleep 300\nid -u", answer: .lastLine)],
             cheat: Try(typed: "dockyard run --name lesson-uid --network none busybox echo 500", answer: .lastLine),
             rightAnswer: .lastLine),
        Case(lesson: "15-capstone", step: "your-turn",
             wrong: [Try(typed: "dockyard run -d --name lesson-cap2 -m 32m --pids-limit 16 busybox sleep 300"),
                     Try(typed: "dockyard run -d --name lesson-cap2 -m 48m busybox sleep 300")],
             cheat: Try(typed: "dockyard run --rm busybox echo 50331648")),
    ]

    /// Lesson 13's exercise pushes to the registry the lesson runs in a container, built from
    /// Debian's docker-registry.
    static let registryCases: [Case] = [
        Case(lesson: "13-sharing-images", step: "push-base",
             wrong: [Try(typed: "dockyard tag lesson-registry:2.8 127.0.0.1:5013/lesson-base:v1\ndockyard push 127.0.0.1:5013/lesson-base:v1"),
                     Try(typed: "dockyard tag busybox 127.0.0.1:5013/lesson-other:v1\ndockyard push 127.0.0.1:5013/lesson-other:v1")],
             // Named in the local store only: nothing reaches the registry, which still holds the
             // image the first wrong try pushed.
             cheat: Try(typed: "dockyard tag busybox 127.0.0.1:5013/lesson-base:v1\necho 'v1: digest: sha256:0000 size: 527'"),
             setup: ["registry-context", "build-registry", "start-registry", "ping"], fixedPort: "5013"),
    ]

    @Test("the solution passes; two wrong tries and a cheating one fail, each with a reason",
          .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox to run real containers"),
          arguments: cases)
    func judged(_ exercise: Case) throws {
        try Self.judge(exercise)
    }

    @Test("pushing to the lesson's registry: the solution passes; two wrong tries and a cheating one fail",
          .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox to run real containers"),
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/docker-registry"), "needs Debian's docker-registry package"),
          arguments: registryCases)
    func judgedWithRegistry(_ exercise: Case) throws {
        try Self.judge(exercise)
    }

    static func judge(_ exercise: Case) throws {
        let world = try ExerciseWorld()
        defer { world.removeAll() }
        var step = try #require(Self.step(exercise.lesson, exercise.step))
        // A published port the lesson fixes (8089, 5013) is swapped for a free one: the lesson
        // itself may be running at the same time in another suite.
        let port = String(try LoopbackPort.free())
        step = Self.replacing(exercise.fixedPort, with: port, in: step)
        let runner = world.runner
        for id in exercise.setup {
            let setup = Self.replacing(exercise.fixedPort, with: port, in: try #require(Self.step(exercise.lesson, id)))
            let outcome = runner.executor.run(setup)
            try #require(outcome.passed, "setup step \(id) failed: \(Self.describe(outcome))")
        }

        // As the player does: the commands run, the learner reads the screen and answers, the checks judge.
        func attempt(_ typed: String, _ answer: Answer) -> StepOutcome {
            for image in exercise.removeImages {
                _ = ProcessRunner().run([world.context.dockyard, "rmi", "-f", image], environment: world.context.stepEnvironment)
            }
            var outcome = runner.attempt(step, typed: typed, answer: nil)
            if step.liveChecks.contains(where: \.asksAnswer) {
                outcome.checks = runner.recheck(step, outcome, answer: world.answer(answer, outcome))
            }
            return outcome
        }
        let solved = attempt(step.code, exercise.rightAnswer)
        #expect(solved.passed, "the solution failed: \(Self.describe(solved))")

        for (index, wrong) in (exercise.wrong + [exercise.cheat]).enumerated() {
            let typed = wrong.typed.replacingOccurrences(of: exercise.fixedPort, with: port)
            let outcome = attempt(typed, wrong.answer)
            let label = index < exercise.wrong.count ? "wrong try \(index + 1)" : "cheating try"
            #expect(!outcome.passed, "\(label) passed: \(typed)\n\(Self.describe(outcome))")
            let failed = outcome.checks.filter { $0.verdict == .failed }
            #expect(failed.allSatisfy { !$0.message.isEmpty })
        }
    }

    @Test("a memory limit is reported in the learner's terms, in English and in Korean",
          .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox to run real containers"))
    func memoryMessage() throws {
        let world = try ExerciseWorld()
        defer { world.removeAll() }
        let step = try #require(Self.step("04-cgroups", "memory-live"))
        let outcome = world.runner.attempt(step, typed: "dockyard run -d --name lesson-mem -m 32m busybox sleep 300", answer: nil)
        let message = try #require(outcome.checks.first { $0.verdict == .failed }?.message)
        #expect(message.hasPrefix("you set 33554432 bytes = 32 MiB; the exercise asks for 50331648 bytes = 48 MiB"), "\(message)")
        #expect(message.contains("/sys/fs/cgroup/"))
        let korean = ExerciseChecker(context: world.context, text: UIText(language: "ko")).judge(step.liveChecks, answer: nil)
        #expect(korean.first?.message.hasPrefix("설정한 값은 33554432바이트 = 32 MiB인데, 연습 문제는 50331648바이트 = 48 MiB을(를) 요구합니다") == true,
                "\(korean)")
    }

    @Test("--auto runs each exercise's solution and its live checks pass",
          .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox to run real containers"))
    func autoSolves() throws {
        let world = try ExerciseWorld()
        defer { world.removeAll() }
        let step = try #require(Self.step("01-what-is-a-container", "host-pid"))
        let outcome = world.runner.solve(step)
        #expect(outcome.passed, "\(Self.describe(outcome))")
        #expect(outcome.checks.contains { $0.check == .live(.answer(.pid(container: "lesson-one"))) && $0.verdict == .passed })
    }

    static func step(_ lesson: String, _ id: String) -> Step? {
        let path = LessonFixtures.lessonsDirectory + "/en/\(lesson).md"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return LessonParser.parse(text, slug: lesson, language: "en", path: path).steps.first { $0.id == id }
    }

    static func replacing(_ old: String, with new: String, in step: Step) -> Step {
        var step = step
        step.code = step.code.replacingOccurrences(of: old, with: new)
        step.liveChecks = step.liveChecks.map { check in
            if case let .http(port, text) = check, String(port) == old, let changed = Int(new) { return .http(port: changed, contains: text) }
            if case .inRegistry(var tag, let image) = check, String(tag.port) == old, let changed = Int(new) {
                tag.port = changed
                return .inRegistry(tag, image: image)
            }
            return check
        }
        return step
    }

    static func describe(_ outcome: StepOutcome) -> String {
        outcome.runs.map { "$ \($0.command.display)\n\($0.output.stdout)\($0.messages)" }.joined()
            + outcome.checks.map { "\($0.verdict): \($0.message)" }.joined(separator: "\n")
    }
}

/// A storage root and a lesson directory of its own, with the engine as the player calls it.
struct ExerciseWorld {
    let directory: TemporaryDirectory
    let context: StepContext

    init() throws {
        directory = try TemporaryDirectory(prefix: "exercise")
        let work = directory.appending("lesson")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let environment = ["DOCKYARD_ROOT": directory.appending("root"), "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
                           "HOME": directory.path, "LANG": "C.UTF-8"]
        context = StepContext(dockyard: DockyardProcess.executable, workDirectory: work, environment: environment, mode: .root)
    }

    var runner: ExerciseRunner { ExerciseRunner(executor: StepExecutor(context: context, text: UIText(language: "en"))) }

    func answer(_ answer: ExerciseLiveTests.Answer, _ outcome: StepOutcome) -> String? {
        switch answer {
        case .none: nil
        case let .literal(text): text
        case .lastLine: ExerciseRunner.lastLine(outcome.runs)
        case let .hostNamespace(kind): LiveState(context: context, runner: ProcessRunner()).namespaceInode("self", kind).map(String.init)
        }
    }

    /// Every container and image this world made: `rm -f` and `rmi -f` of all of them.
    func removeAll() {
        let runner = ProcessRunner()
        let environment = context.stepEnvironment
        let containers = runner.run([context.dockyard, "ps", "-aq"], environment: environment).stdout.split(separator: "\n").map(String.init)
        if !containers.isEmpty { _ = runner.run([context.dockyard, "rm", "-f"] + containers, environment: environment) }
        for image in ["lesson-three", "lesson-user-image", "lesson-data:v1", "lesson-registry:2.8"] {
            _ = runner.run([context.dockyard, "rmi", "-f", image], environment: environment)
        }
    }
}

/// A container that tries to turn the checks against the host: a FIFO where the note should be
/// (a plain read would block the player), symlinks to host paths (a read or a removal that
/// followed them would reach the host), and a web server that dribbles bytes forever.
@Suite("Exercise checks against a hostile container")
struct ExerciseHostileTests {
    @Test("a FIFO, symlinks to the host and a slow server neither hang the checks nor aim them at the host",
          .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox to run real containers"))
    func hostile() throws {
        let world = try ExerciseWorld()
        defer { world.removeAll() }
        let shared = world.context.workDirectory + "/shared"
        let victim = world.directory.appending("victim")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: victim + "/precious"))
        let port = try LoopbackPort.free()
        let runner = ProcessRunner()
        let started = runner.run([world.context.dockyard, "run", "-d", "--name", "lesson-evil", "-p", "\(port):80", "-v", "\(shared):/shared", "busybox", "sh", "-c",
                                  "mkfifo /shared/note.txt; ln -s \(victim) /shared/evil; ln -s /etc /hostetc; ln -s /etc/hostname /shared/host.txt; "
                                  + "while true; do (printf 'HTTP/1.0 200 OK\\r\\n\\r\\n'; while true; do printf x; sleep 1; done) | nc -l -p 80; done"],
                                 environment: world.context.stepEnvironment)
        #expect(started.status == 0, "\(started.stderr)")
        usleep(500_000)

        let checker = ExerciseChecker(context: world.context, text: UIText(language: "en"))
        let checks: [ExerciseCheck] = [
            .hostFile(path: "shared/note.txt", contains: "x"),
            .hostFile(path: "shared/host.txt", contains: "\n"),
            // /hostetc is an absolute symlink: through /proc/PID/root it would name the host's /etc.
            .file(container: "lesson-evil", path: "/hostetc/hostname", present: true),
            .http(port: Int(port), contains: "never sent"),
            // A "registry" that dribbles: the manifest never comes, and the check gives up.
            .inRegistry(try #require(RegistryTag("127.0.0.1:\(port)/lesson-evil:v1")), image: "busybox"),
        ]
        let clock = ContinuousClock()
        var results: [CheckResult] = []
        let elapsed = clock.measure { results = checker.judge(checks, answer: nil) }
        #expect(results.allSatisfy { $0.verdict == .failed }, "\(results.map(\.message))")
        #expect(elapsed < .seconds(30), "the checks took \(elapsed)")

        // fresh= removes the directory the container wrote into, not what its symlink points at.
        var step = Step(language: "dockyard", id: "x", code: "", attributes: try Attributes.parse("exercise fresh=shared"), hints: [], line: 1)
        step.liveChecks = []
        world.runner.removeFresh(step)
        #expect(!FileManager.default.fileExists(atPath: shared))
        #expect(FileManager.default.fileExists(atPath: victim + "/precious"))
    }
}
