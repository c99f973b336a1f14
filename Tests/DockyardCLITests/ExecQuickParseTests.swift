import ArgumentParser
import Testing
@testable import DockyardCLI

/// `ExecCommandQuickParser` reads `exec`'s usual lines without ArgumentParser: whatever it
/// accepts, it must read exactly as ArgumentParser does, and whatever else it leaves to it.
struct ExecQuickParseTests {
    /// Every property, wrappers included, as `dump` shows it (see RunQuickParseTests).
    static func fields(_ command: ExecCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }

    @Test("each line the quick reader accepts gives the command ArgumentParser gives, field by field", arguments: [
        ["web", "true"], ["-i", "web", "sh"], ["-t", "web", "sh"], ["-it", "web", "sh", "-c", "echo hi"],
        ["-ti", "web", "sh"], ["-d", "web", "sleep", "5"], ["--interactive", "--tty", "web", "sh"],
        ["--detach", "web", "true"], ["web", "ls", "-l", "--", "-e", "x"], ["-i", "-i", "web", "cat"],
        ["web", "--root", "/x"],
    ])
    func sameAsArgumentParser(line: [String]) throws {
        let quick = try #require(ExecCommandQuickParser.parse(line), "\(line)")
        let full = try ExecCommand.parse(line)
        #expect(Self.fields(quick) == Self.fields(full), "\(line)")
    }

    @Test("only a command line that starts with exec is read here")
    func onlyExec() {
        #expect(ExecCommandQuickParser.command(for: ["exec", "web", "true"])?.container == "web")
        #expect(ExecCommandQuickParser.command(for: ["container", "exec", "web", "true"]) == nil)
        #expect(ExecCommandQuickParser.command(for: ["run", "web", "true"]) == nil)
        #expect(ExecCommandQuickParser.command(for: []) == nil)
    }

    @Test("the comparison sees a property the quick reader did not set")
    func comparisonSeesUnsetProperties() throws {
        var quick = try #require(ExecCommandQuickParser.parse(["web", "true"]))
        quick.user = "nobody"
        #expect(Self.fields(quick) != Self.fields(try ExecCommand.parse(["web", "true"])))
    }

    @Test("other flags, help, --, and a line without a command are left to ArgumentParser", arguments: [
        ["--help"], ["-h"], ["web"], [], ["-e", "A=1", "web", "true"], ["--env=A=1", "web", "true"],
        ["-u", "nobody", "web", "id"], ["-w", "/tmp", "web", "pwd"], ["--explain", "text", "web", "true"],
        ["--root", "/tmp/x", "web", "true"], ["--", "web", "true"], ["-dit", "web", "sh"], ["-", "web", "true"],
        ["--bogus", "web", "true"], ["--tty=true", "web", "sh"],
    ])
    func unsureLinesFallBack(line: [String]) {
        #expect(ExecCommandQuickParser.parse(line) == nil, "\(line)")
    }
}
