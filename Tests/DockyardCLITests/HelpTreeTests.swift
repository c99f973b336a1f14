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

    @Test("a bare --explain means text and never swallows the next word")
    func explainNormalisation() {
        #expect(ExplainMode.normalize(["run", "--explain", "busybox"]) == ["run", "--explain=text", "busybox"])
        #expect(ExplainMode.normalize(["run", "--explain=json", "busybox"]) == ["run", "--explain=json", "busybox"])
        #expect(ExplainMode.normalize(["run", "busybox", "--", "--explain"]) == ["run", "busybox", "--", "--explain"])
    }
}
