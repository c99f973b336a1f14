import ArgumentParser
import Testing
@testable import DockyardCLI

/// Every command is reachable and documented: a walk over the whole help tree.
struct HelpTreeTests {
    @Test("every subcommand has an abstract and renders its help")
    func everyCommandHasHelp() {
        func walk(_ command: any ParsableCommand.Type) {
            #expect(!command.configuration.abstract.isEmpty, "\(command) has no abstract")
            #expect(DockyardCommand.helpMessage(for: command).contains("USAGE"), "\(command)")
            command.configuration.subcommands.forEach(walk)
        }
        DockyardCommand.configuration.subcommands.forEach(walk)
    }

    @Test("the top-level help is grouped as Docker's: common, management, the other verbs, then Dockyard's own")
    func groupedHelp() {
        let help = DockyardCommand.helpMessage()
        let headings = ["COMMON SUBCOMMANDS:", "MANAGEMENT SUBCOMMANDS:", "OTHER SUBCOMMANDS:", "DOCKYARD SUBCOMMANDS:"]
        let positions = headings.compactMap { help.range(of: $0)?.lowerBound }
        #expect(positions.count == headings.count && positions == positions.sorted(), "\(help)")
        for (heading, verb) in [("COMMON", "  run "), ("MANAGEMENT", "  container "), ("OTHER", "  events "), ("DOCKYARD", "  learn ")] {
            let section = help.components(separatedBy: heading + " SUBCOMMANDS:").last?.components(separatedBy: "SUBCOMMANDS:").first ?? ""
            #expect(section.contains(verb), "\(verb) is not under \(heading)")
        }
        #expect(!help.contains("_monitor"))
    }

    @Test("the management nouns reach the same verbs: container ls/run/start/…, image ls/pull/build/…, system df/prune")
    func managementCommands() throws {
        #expect(try DockyardCommand.parseAsRoot(["container", "ls", "-a"]) is ContainerListCommand)
        #expect(try DockyardCommand.parseAsRoot(["container", "run", "busybox"]) is RunCommand)
        #expect(try DockyardCommand.parseAsRoot(["container", "start", "x"]) is StartCommand)
        #expect(try DockyardCommand.parseAsRoot(["container", "rm", "x"]) is RmCommand)
        #expect(try DockyardCommand.parseAsRoot(["container", "prune", "-f"]) is ContainerPruneCommand)
        #expect(try DockyardCommand.parseAsRoot(["image", "pull", "busybox"]) is PullCommand)
        #expect(try DockyardCommand.parseAsRoot(["image", "build", "."]) is BuildCommand)
        #expect(try DockyardCommand.parseAsRoot(["system", "df"]) is SystemDfCommand)
        #expect(try DockyardCommand.parseAsRoot(["system", "prune", "-a", "--volumes", "-f"]) is SystemPruneCommand)
        #expect(try DockyardCommand.parseAsRoot(["network", "prune", "-f"]) is NetworkPruneCommand)
        #expect(try DockyardCommand.parseAsRoot(["volume", "prune", "-a"]) is VolumePruneCommand)
        let create = try #require(try DockyardCommand.parseAsRoot(["create", "--name", "x", "-m", "64m", "busybox", "true"]) as? CreateCommand)
        #expect(create.options.name == "x" && create.options.memory == "64m" && create.options.command == ["true"])
    }

    @Test("run's shortcut parse gives what the full parse gives, and leaves help and errors to it")
    func quickRunParse() throws {
        let arguments = ["run", "--rm", "-h", "box", "-e", "A=1", "-it", "--name", "x", "busybox", "sh", "-c", "true"]
        let quick = try #require(try DockyardCommand.quickRun(arguments) as? RunCommand)
        let full = try #require(try DockyardCommand.parseAsRoot(arguments) as? RunCommand)
        #expect(quick.rm == full.rm && quick.hostname == full.hostname && quick.env == full.env)
        #expect(quick.interactive == full.interactive && quick.tty == full.tty && quick.name == full.name)
        #expect(quick.image == full.image && quick.command == full.command)
        #expect(try DockyardCommand.quickRun(["run", "--help"]) == nil)
        #expect(try DockyardCommand.quickRun(["run", "--memory", "lots", "busybox"]) == nil)
        #expect(try DockyardCommand.quickRun(["run"]) == nil)
        #expect(try DockyardCommand.quickRun(["ps"]) == nil)
    }

    @Test("a bare --explain means text and never swallows the next word")
    func explainNormalisation() {
        #expect(ExplainMode.normalize(["run", "--explain", "busybox"]) == ["run", "--explain=text", "busybox"])
        #expect(ExplainMode.normalize(["run", "--explain=json", "busybox"]) == ["run", "--explain=json", "busybox"])
        #expect(ExplainMode.normalize(["run", "busybox", "--", "--explain"]) == ["run", "busybox", "--", "--explain"])
    }
}
