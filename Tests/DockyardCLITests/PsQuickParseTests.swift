import ArgumentParser
import Testing
@testable import DockyardCLI

/// `PsCommandQuickParser` reads `ps`'s usual lines without ArgumentParser: whatever it accepts, it
/// must read exactly as ArgumentParser does, and whatever else it leaves to it.
struct PsQuickParseTests {
    /// Every property, wrappers included, as `dump` shows it (see RunQuickParseTests).
    static func fields(_ command: PsCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }

    @Test("each line the quick reader accepts gives the command ArgumentParser gives, field by field", arguments: [
        [], ["-a"], ["--all"], ["-q"], ["--quiet"], ["-aq"], ["-qa"], ["-a", "-q"], ["--no-trunc"],
        ["-a", "--no-trunc", "-q"], ["-a", "-a"],
    ])
    func sameAsArgumentParser(line: [String]) throws {
        let quick = try #require(PsCommandQuickParser.parse(line), "\(line)")
        let full = try PsCommand.parse(line)
        #expect(Self.fields(quick) == Self.fields(full), "\(line)")
    }

    @Test("only a command line that starts with ps is read here")
    func onlyPs() {
        #expect(PsCommandQuickParser.command(for: ["ps", "-a"])?.all == true)
        #expect(PsCommandQuickParser.command(for: ["container", "ls", "-a"]) == nil)
        #expect(PsCommandQuickParser.command(for: ["images", "-a"]) == nil)
        #expect(PsCommandQuickParser.command(for: []) == nil)
    }

    @Test("the comparison sees a property the quick reader did not set")
    func comparisonSeesUnsetProperties() throws {
        var quick = try #require(PsCommandQuickParser.parse(["-a"]))
        quick.format = "{{.ID}}"
        #expect(Self.fields(quick) != Self.fields(try PsCommand.parse(["-a"])))
    }

    @Test("filters, formats, sizes, --root, help and unknown words are left to ArgumentParser", arguments: [
        ["--help"], ["-h"], ["-f", "status=exited"], ["--filter=name=x"], ["--format", "{{.ID}}"], ["-s"],
        ["-n", "2"], ["-l"], ["--root", "/tmp/x"], ["--bogus"], ["x"], ["-aqs"], ["--all=true"],
    ])
    func unsureLinesFallBack(line: [String]) {
        #expect(PsCommandQuickParser.parse(line) == nil, "\(line)")
    }
}
