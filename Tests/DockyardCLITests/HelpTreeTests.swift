import ArgumentParser
import Testing
@testable import DockyardCLI

/// Every command is reachable and documented: a walk over the whole help tree.
struct HelpTreeTests {
    @Test("every subcommand has an abstract and renders its help")
    func everyCommandHasHelp() {
        for command in DockyardCommand.configuration.subcommands {
            #expect(!command.configuration.abstract.isEmpty, "\(command) has no abstract")
            #expect(DockyardCommand.helpMessage(for: command).contains("USAGE"), "\(command)")
        }
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
