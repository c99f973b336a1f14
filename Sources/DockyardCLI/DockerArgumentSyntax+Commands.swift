import ArgumentParser
import FoundationEssentials

/// A command's flags, options and positional arguments as ArgumentParser itself describes them
/// (`_dumpHelp()`, the JSON behind `--experimental-dump-help`), so no verb keeps a second list
/// of its flags. Read only when a line needs rewriting or failed to parse: reflecting over a
/// command costs start-up that a plain line does not pay.
struct CommandShape: Sendable {
    var syntax: DockerArgumentSyntax
    /// How many positional words the command needs (Docker's `RequiresMinArgs`).
    var minimumPositionals: Int
    /// Whether it takes positional words at all (Docker's `NoArgs` when not).
    var takesPositionals: Bool
    /// Whether it is a group of verbs (`network`), whose first positional word names one.
    var hasSubcommands: Bool

    private struct Dump: Decodable { var command: Command }
    private struct Command: Decodable { var arguments: [Argument]? }
    private struct Argument: Decodable {
        var kind: String
        var names: [Name]?
        var isOptional: Bool
        var parsingStrategy: String
    }
    private struct Name: Decodable {
        var kind: String
        var name: String
    }

    init(of command: any ParsableCommand.Type) {
        let arguments = (try? JSONDecoder().decode(Dump.self, from: Data(command._dumpHelp().utf8)))?.command.arguments ?? []
        var syntax = DockerArgumentSyntax(flags: [], options: [], short: [:], stopsAtFirstPositional: false)
        var minimum = 0
        var positionals = 0
        for argument in arguments {
            if argument.kind == "positional" {
                positionals += 1
                if !argument.isOptional { minimum += 1 }
                // What follows `run`'s image or `exec`'s container is the container's command.
                if argument.parsingStrategy == "allRemainingInput" { syntax.stopsAtFirstPositional = true }
                continue
            }
            let names = argument.names ?? []
            guard let long = names.first(where: { $0.kind == "long" })?.name else { continue }
            if argument.kind == "flag" { syntax.flags.insert(long) } else { syntax.options.insert(long) }
            for name in names where name.kind == "short" {
                if let letter = name.name.first { syntax.short[letter] = long }
            }
        }
        self.syntax = syntax
        self.minimumPositionals = minimum
        self.takesPositionals = positionals > 0
        self.hasSubcommands = !command.configuration.subcommands.isEmpty
    }

    /// How many positional words `words` (already rewritten) holds: every word that is not a
    /// flag, and, once the flags end, every word after.
    func positionalCount(_ words: [String]) -> Int {
        for (index, word) in words.enumerated() {
            if word == "--" { return words.count - index - 1 }
            if !word.hasPrefix("-") || word == "-" {
                if syntax.stopsAtFirstPositional { return words.count - index }
                return 1 + positionalCount(Array(words[(index + 1)...]))
            }
        }
        return 0
    }

    /// Docker's usage error for too few (or, for a command that takes none, any) positional
    /// words, which docker/cli's cobra commands report with status 1 rather than a flag error's 125.
    func usageError(_ words: [String], path: String) -> String? {
        let count = positionalCount(words)
        if hasSubcommands, count > 0, let word = words.first(where: { !$0.hasPrefix("-") }) {
            return "unknown command: \(path) \(word)\n\nRun '\(path) --help' for more information"
        }
        if !takesPositionals, count > 0 { return "'\(path)' accepts no arguments\n\nRun '\(path) --help' for more information" }
        guard count < minimumPositionals else { return nil }
        return "'\(path)' requires at least \(minimumPositionals) argument" + (minimumPositionals == 1 ? "" : "s")
            + "\n\nSee '\(path) --help' for more information"
    }
}
