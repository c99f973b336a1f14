/// `dockyard exec`'s usual lines (`exec CTR CMD…`, with `-i`, `-t`, `-it`, `-d`), read without
/// ArgumentParser.
///
/// Parsing `exec` with ArgumentParser builds the argument sets of the root command and its verbs
/// by reflection: 18.4 M of the 32.5 M instructions `exec CTR true` executed (callgrind, release
/// build), where `runc exec` parses its line in a fraction of that. Scripts and health checks
/// call `exec` in loops, so it gets the treatment of `run` and `ps` (RunCommandQuickParser).
///
/// Only those flags, each before the container, are read here; the first other word is the
/// container, and every word after it is the command, as ArgumentParser's passthrough capture
/// reads them. Any other flag (`-e`, `-u`, `-w`, `--explain`, `--root`, help), a `--`, or a line
/// without a command gives nil, and ArgumentParser reads the line as it always did. A test
/// compares both readers' commands field by field.
enum ExecCommandQuickParser {
    /// The command for a whole command line (`exec` and its words), or nil when it is not `exec`
    /// or ArgumentParser must read it.
    static func command(for arguments: [String]) -> ExecCommand? {
        guard arguments.first == ExecCommand.verb else { return nil }
        return parse(Array(arguments.dropFirst()))
    }

    /// The command for `arguments` (the words after `exec`), or nil when ArgumentParser must read them.
    static func parse(_ arguments: [String]) -> ExecCommand? {
        var detach = false, interactive = false, tty = false
        var rest = arguments[...]
        while let word = rest.first, word.hasPrefix("-") {
            switch word {
            case "-d", "--detach": detach = true
            case "-i", "--interactive": interactive = true
            case "-t", "--tty": tty = true
            case "-it", "-ti": interactive = true; tty = true
            default: return nil
            }
            rest = rest.dropFirst()
        }
        guard let container = rest.first, rest.count >= 2 else { return nil }
        var command = ExecCommand()
        command.detach = detach
        command.interactive = interactive
        command.tty = tty
        command.env = []
        command.workdir = nil
        command.user = nil
        command.explain = nil
        command.storage = StorageOptions()
        command.storage.root = nil
        command.container = container
        command.command = Array(rest.dropFirst())
        do { try command.validate() } catch { return nil }
        return command
    }
}
