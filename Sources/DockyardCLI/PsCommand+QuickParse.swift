/// `dockyard ps`'s usual lines (`ps`, `ps -a`, `ps -q`, `ps -aq`, `--no-trunc`), read without
/// ArgumentParser.
///
/// Parsing `ps` with ArgumentParser builds the argument sets of the root command and its verbs by
/// reflection: 16.8 M of the 23.0 M instructions a `ps` of an empty store executed (callgrind,
/// release build), where Docker's client answers in a fraction of that. Scripts and monitoring
/// call `ps` in loops, so it is worth the same treatment as `run` (RunCommandQuickParser).
///
/// Only the three flags, each at most once and in any of their spellings (clustered `-aq` too), are
/// read here; any other word — a filter, a format, `--root`, help — gives nil, and ArgumentParser
/// reads the line as it always did. A test compares both readers' commands field by field.
enum PsCommandQuickParser {
    /// The command for a whole command line (`ps` and its words), or nil when it is not `ps` or
    /// ArgumentParser must read it.
    static func command(for arguments: [String]) -> PsCommand? {
        guard arguments.first == PsCommand.verb else { return nil }
        return parse(Array(arguments.dropFirst()))
    }

    /// The command for `arguments` (the words after `ps`), or nil when ArgumentParser must read them.
    static func parse(_ arguments: [String]) -> PsCommand? {
        var all = false, quiet = false, noTrunc = false
        for word in arguments {
            switch word {
            case "-a", "--all": all = true
            case "-q", "--quiet": quiet = true
            case "-aq", "-qa": all = true; quiet = true
            case "--no-trunc": noTrunc = true
            default: return nil
            }
        }
        var command = PsCommand()
        command.all = all
        command.quiet = quiet
        command.noTrunc = noTrunc
        command.filter = []
        command.last = -1
        command.latest = false
        command.size = false
        command.format = nil
        command.storage = StorageOptions()
        command.storage.root = nil
        do { try command.validate() } catch { return nil }
        return command
    }
}
