import FoundationEssentials

/// Removes what a lesson made: containers it named, images it tagged and named volumes it
/// used with `-v NAME:PATH` (lessons name them
/// `lesson-…`, which the linter enforces), whatever its front matter's `cleanup` command
/// removes, and its scratch directory.
public struct LessonCleanup: Sendable {
    public var lesson: Lesson

    public init(lesson: Lesson) { self.lesson = lesson }

    /// Container names given with `--name` to `dockyard run`.
    public var containerNames: [String] { names(after: ["--name"], verbs: ["run"]) }

    /// Image names given with `-t`/`--tag` to `dockyard build`, or as `dockyard tag`'s target.
    public var imageNames: [String] {
        var images = names(after: ["-t", "--tag"], verbs: ["build"])
        for words in dockyardCommands where words.count >= 4 && words[1] == "tag" {
            images.append(words[3])
        }
        return Array(Set(images)).sorted()
    }

    /// Named volumes given to `dockyard run -v NAME:PATH` (a source that is not a path).
    public var volumeNames: [String] {
        names(after: ["-v", "--volume"], verbs: ["run"]).compactMap { spec in
            let source = spec.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            return source.isEmpty || source.hasPrefix("/") || source.hasPrefix(".") || !spec.contains(":") ? nil : source
        }
    }

    /// Whether reset and finish may remove what `name` names: it starts with `lesson-`, after the
    /// registry a lesson pushes to (`127.0.0.1:5013/lesson-hello:v1`: a first component with a
    /// `.` or a `:`, or `localhost`, is a registry host, as Docker reads names).
    public static func isLessonName(_ name: String) -> Bool {
        let components = name.split(separator: "/", maxSplits: 1)
        guard components.count == 2, let host = components.first,
              host.contains(".") || host.contains(":") || host == "localhost" else { return name.hasPrefix("lesson-") }
        return components[1].hasPrefix("lesson-")
    }

    /// The `dockyard` commands of every step: a `dockyard` step's, and the lines of a `sh` step
    /// that start with `dockyard` (a container a shell script names must be cleaned up too).
    var dockyardCommands: [[String]] {
        lesson.steps.flatMap(Self.dockyardCommands(of:))
    }

    func names(after flags: Set<String>, verbs: Set<String>) -> [String] {
        Self.names(in: dockyardCommands, after: flags, verbs: verbs)
    }

    /// The `dockyard` commands of one step, split into words.
    static func dockyardCommands(of step: Step) -> [[String]] {
        step.commands.map(ShellWords.split).filter { $0.first == "dockyard" && $0.count >= 2 }
    }

    static func names(in commands: [[String]], after flags: Set<String>, verbs: Set<String>) -> [String] {
        var found: Set<String> = []
        for words in commands where verbs.contains(words[1]) {
            for (index, word) in words.enumerated() {
                if flags.contains(word), index + 1 < words.count { found.insert(words[index + 1]) }
                for flag in flags where flag.hasPrefix("--") && word.hasPrefix(flag + "=") {
                    found.insert(String(word.dropFirst(flag.count + 1)))
                }
            }
        }
        return found.sorted()
    }

    /// Before a step runs again: the containers it names with `--name` are removed, so running
    /// `dockyard run -d --name lesson-web …` twice starts a fresh container instead of failing
    /// with "name already in use". Only a step the engine runs for real made any.
    public static func removeContainers(namedBy step: Step, context: StepContext, runner: ProcessRunner = ProcessRunner()) {
        let names = Self.names(in: dockyardCommands(of: step), after: ["--name"], verbs: ["run"]).filter(isLessonName)
        guard context.realKernel, !names.isEmpty else { return }
        _ = runner.run([context.dockyard, "rm", "-f"] + names, environment: context.stepEnvironment)
    }

    /// Runs the removals quietly; failures (nothing to remove) are expected and ignored.
    public func run(context: StepContext, runner: ProcessRunner = ProcessRunner()) {
        let environment = context.stepEnvironment
        if !containerNames.isEmpty {
            _ = runner.run([context.dockyard, "rm", "-f"] + containerNames, environment: environment)
        }
        if !imageNames.isEmpty {
            _ = runner.run([context.dockyard, "rmi", "-f"] + imageNames, environment: environment)
        }
        if !volumeNames.isEmpty {
            _ = runner.run([context.dockyard, "volume", "rm", "-f"] + volumeNames, environment: environment)
        }
        if let command = lesson.front.cleanup, !command.isEmpty {
            _ = runner.run(["/bin/sh", "-c", command], environment: environment, directory: context.workDirectory)
        }
        try? FileManager.default.removeItem(atPath: context.workDirectory)
    }
}
