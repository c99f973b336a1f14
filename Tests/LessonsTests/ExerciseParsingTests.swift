import Testing
@testable import Lessons

/// The exercise format without a kernel: check lines into typed checks, sizes into bytes, typed
/// lines into commands, and the words a learner reads.
@Suite("Exercises: check blocks, typed commands and messages")
struct ExerciseParsingTests {
    @Test("each check line becomes its typed check")
    func parsesChecks() throws {
        #expect(try ExerciseCheck.parse("memory lesson-mem 48m") == .limit(.memory, container: "lesson-mem", expected: 50_331_648))
        #expect(try ExerciseCheck.parse("pids lesson-p 20") == .limit(.pids, container: "lesson-p", expected: 20))
        #expect(try ExerciseCheck.parse("cpus lesson-c 0.5") == .limit(.cpus, container: "lesson-c", expected: 50_000))
        #expect(try ExerciseCheck.parse("file lesson-a /secret.txt") == .file(container: "lesson-a", path: "/secret.txt", present: true))
        #expect(try ExerciseCheck.parse("no-file lesson-b /secret.txt") == .file(container: "lesson-b", path: "/secret.txt", present: false))
        #expect(try ExerciseCheck.parse("answer pid lesson-web") == .answer(.pid(container: "lesson-web")))
        #expect(try ExerciseCheck.parse("answer ns lesson-web net") == .answer(.namespace(container: "lesson-web", kind: "net")))
        #expect(try ExerciseCheck.parse("own-ns lesson-web mnt") == .ownNamespace(container: "lesson-web", kind: "mnt"))
        #expect(try ExerciseCheck.parse("layers lesson-three 3") == .layers(image: "lesson-three", count: 3))
        #expect(try ExerciseCheck.parse("inspect lesson-u {{.Config.User}} learner") == .inspect(container: "lesson-u", template: "{{.Config.User}}", expected: "learner"))
        #expect(try ExerciseCheck.parse("http 8089 \"hello from lesson-web\"") == .http(port: 8089, contains: "hello from lesson-web"))
        #expect(try ExerciseCheck.parse("host-file shared/note.txt 'written inside'") == .hostFile(path: "shared/note.txt", contains: "written inside"))
        #expect(try ExerciseCheck.parse("uid lesson-n 65534") == .uid(container: "lesson-n", uid: 65534))
        #expect(try ExerciseCheck.parse("same-image lesson-a lesson-b") == .sameImage("lesson-a", "lesson-b"))
        #expect(try ExerciseCheck.parse("running lesson-a") == .running(container: "lesson-a"))
        #expect(try ExerciseCheck.parse("answer uid lesson-uid") == .answer(.hostUID(container: "lesson-uid")))
        #expect(try ExerciseCheck.parse("one-image lesson-data:v1 busybox") == .oneImage("lesson-data:v1", "busybox"))
        let tag = try #require(RegistryTag("127.0.0.1:5013/lesson-base:v1"))
        #expect(try ExerciseCheck.parse("in-registry 127.0.0.1:5013/lesson-base:v1 busybox") == .inRegistry(tag, image: "busybox"))
        #expect((tag.port, tag.repository, tag.tag, tag.manifestPath) == (5013, "lesson-base", "v1", "/v2/lesson-base/manifests/v1"))
    }

    @Test("an in-registry check names only a registry on this machine's loopback, with a repository and a tag")
    func registryTags() {
        #expect(RegistryTag("localhost:5000/team/app:V1.2")?.repository == "team/app")
        for bad in ["docker.io/library/busybox:latest", "10.0.0.1:5000/app:v1", "127.0.0.1/app:v1",
                    "127.0.0.1:5013/app", "127.0.0.1:5013/App:v1", "127.0.0.1:5013/app:v1 2", "127.0.0.1:99999/app:v1"] {
            #expect(RegistryTag(bad) == nil, "\(bad)")
        }
        // A manifest's config digest reaches the screen only in Docker's form: no escape sequence
        // a container's "registry" puts there.
        let hex = String(repeating: "ab12", count: 16)
        #expect(LiveState.isDigest("sha256:" + hex))
        #expect(!LiveState.isDigest("sha256:\u{1B}[2J" + hex.dropFirst(4)))
        #expect(!LiveState.isDigest("sha256:" + hex.uppercased()))
        #expect(!LiveState.isDigest("sha512:" + hex))
    }

    @Test("a malformed check names what is wrong with it")
    func refusesBadChecks() {
        let cases: [(String, String)] = [
            ("memory lesson-mem lots", "\"lots\" is not a size such as 48m"),
            ("file lesson-a secret.txt", "\"secret.txt\" is not an absolute path"),
            ("answer ns lesson-a network", "\"network\" is not a namespace"),
            ("http 99999 hi", "\"99999\" is not a port"),
            ("pids lesson-p", "pids takes a container name and a value"),
            ("grep lesson-a x", "unknown check \"grep\""),
            ("in-registry registry.example.com/lesson-base:v1 busybox", "is not 127.0.0.1:PORT/REPO:TAG"),
            ("answer uid", "answer takes pid NAME, uid NAME or ns NAME KIND"),
        ]
        for (line, message) in cases {
            #expect(throws: AttributeError.self) { try ExerciseCheck.parse(line) }
            do { _ = try ExerciseCheck.parse(line) } catch {
                #expect(error.message.contains(message), "\(line): \(error.message)")
            }
        }
    }

    @Test("sizes and CPUs read the way Docker reads them, and are described in the learner's units")
    func limitValues() {
        #expect(LimitValue.parse("48m", kind: .memory) == 50_331_648)
        #expect(LimitValue.parse("1g", kind: .memory) == 1 << 30)
        #expect(LimitValue.parse("512k", kind: .memory) == 524_288)
        #expect(LimitValue.parse("1000", kind: .memory) == 1000)
        #expect(LimitValue.parse("1.5", kind: .cpus) == 150_000)
        #expect(LimitValue.describe(33_554_432, kind: .memory, ko: false) == "33554432 bytes = 32 MiB")
        #expect(LimitValue.describe(33_554_432, kind: .memory, ko: true) == "33554432바이트 = 32 MiB")
        #expect(LimitValue.describe(50_000, kind: .cpus, ko: false) == "0.5 CPUs (50000/100000)")
        #expect(LimitValue.mebibytes(1536) == "1.5 KiB")
    }

    @Test("the verdict on a wrong limit says what was set and what is asked, in both languages")
    func limitMessages() {
        let set = LimitValue.describe(33_554_432, kind: .memory, ko: false)
        let wanted = LimitValue.describe(50_331_648, kind: .memory, ko: false)
        #expect(UIText(language: "en").limitWrong(set, wanted: wanted, file: "/f")
                == "you set 33554432 bytes = 32 MiB; the exercise asks for 50331648 bytes = 48 MiB (/f)")
        #expect(UIText(language: "ko").noLimit("lesson-mem", wanted: "48 MiB", file: "/f").contains("제한이 없습니다"))
    }

    @Test("typed lines end at an empty line, except inside a here-document")
    func typedCommands() {
        var typed = TypedCommands()
        let lines = ["mkdir -p three", "cat > three/Dockerfile <<'EOF'", "FROM busybox", "", "RUN true", "EOF", ""]
        let complete = lines.map { typed.add($0) }
        #expect(complete == [false, false, false, false, false, false, true])
        #expect(typed.text == "mkdir -p three\ncat > three/Dockerfile <<'EOF'\nFROM busybox\n\nRUN true\nEOF")
        #expect(TypedCommands.hereDocumentTerminator("cat <<-END") == "END")
        #expect(TypedCommands.hereDocumentTerminator("echo a << \"X\"") == "X")
        #expect(TypedCommands.hereDocumentTerminator("echo a") == nil)
    }

    @Test("plain dockyard lines run as dockyard commands; anything shell-like runs as sh")
    func typedLanguage() {
        #expect(TypedCommands.language(of: "dockyard run -d --name x busybox sleep 1\ndockyard ps") == "dockyard")
        #expect(TypedCommands.language(of: "dockyard run busybox sh -c 'echo hi'") == "dockyard")
        #expect(TypedCommands.language(of: "readlink /proc/$(dockyard inspect -f '{{.State.Pid}}' x)/ns/net") == "sh")
        #expect(TypedCommands.language(of: "dockyard ps | grep x") == "sh")
        #expect(TypedCommands.language(of: "cat > D <<EOF\nFROM busybox\nEOF") == "sh")
    }

    @Test("exec -it and run -it get the terminal; other commands are captured")
    func interactive() {
        #expect(TypedCommands.isInteractive(["dockyard", "exec", "-it", "lesson-sh", "sh"]))
        #expect(TypedCommands.isInteractive(["dockyard", "exec", "--explain=json", "-i", "-t", "lesson-sh", "sh"]))
        #expect(TypedCommands.isInteractive(["dockyard", "run", "--rm", "--name", "x", "-ti", "busybox"]))
        #expect(!TypedCommands.isInteractive(["dockyard", "exec", "lesson-sh", "ls", "-t"]))
        #expect(!TypedCommands.isInteractive(["dockyard", "exec", "-i", "lesson-sh", "cat"]))
    }

    static let lesson = """
    ---
    title: Exercises
    summary: for tests
    ---

    Start it.

    ```dockyard {step=mem exercise fresh="lesson-a lesson-b" root=required}
    dockyard run -d --name lesson-a -m 48m busybox sleep 300
    ```

    > Hint: -m.

    ```check
    # the limit, read live
    memory lesson-a 48m
    answer pid lesson-a
    ```

    ```dockyard {step=plain}
    dockyard run --rm busybox true
    ```

    ```check
    running lesson-a
    ```

    ```dockyard {step=unchecked exercise}
    dockyard run --rm busybox true
    ```
    """

    @Test("a check block after an exercise becomes its live checks; elsewhere it is reported")
    func checkBlocks() throws {
        let lesson = LessonParser.parse(Self.lesson, slug: "99-x", language: "en", path: "x.md")
        let step = try #require(lesson.steps.first)
        #expect(step.liveChecks == [.limit(.memory, container: "lesson-a", expected: 50_331_648), .answer(.pid(container: "lesson-a"))])
        #expect(step.freshContainers == ["lesson-a", "lesson-b"])
        #expect(step.hints.count == 1)
        #expect(lesson.diagnostics.contains { $0.message.contains("a check block belongs right after an exercise step") })
        let problems = LessonLinter(catalog: LessonCatalog(directory: "/nonexistent")).lint(lesson).map(\.message)
        #expect(problems.contains { $0.contains("exercise unchecked has no ```check block") }, "\(problems)")
        #expect(!problems.contains { $0.contains("exercise mem") })
    }

    @Test("the page shows an exercise's block hidden, with the key that shows it")
    func solutionHidden() throws {
        let lesson = LessonParser.parse(Self.lesson, slug: "99-x", language: "en", path: "x.md")
        let step = try #require(lesson.steps.first)
        let lines = OutcomeRenderer(style: TerminalStyle(enabled: false), text: UIText(language: "en")).stepLines(step).joined(separator: "\n")
        #expect(!lines.contains("sleep 300"))
        #expect(lines.contains("The solution is hidden: press s, or it shows after two tries."))
    }
}
