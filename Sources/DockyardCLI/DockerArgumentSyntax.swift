import ArgumentParser
import ContainerRuntime

/// Docker's command-line syntax, rewritten into the one spelling ArgumentParser reads the same way.
///
/// docker/cli parses its flags with spf13/pflag, which accepts more than ArgumentParser does:
/// a short option's value attached (`-p8080:80`, `-m512m`, `-eK=V`, `-uroot`, `-p=80`), a
/// value after a cluster of short flags (`-dp 80:80`, `-itd`), a boolean flag given a value
/// (`--rm=true`, `--detach=false`, `-d=false`), and an option's value taken from the next word
/// whatever it looks like (`--entrypoint -x`). Rather than teach ArgumentParser each of these,
/// a command line is rewritten before parsing into `--long` for a flag that is on, nothing for
/// one turned off (a later `--rm=false` cancels an earlier `--rm`, as pflag's last value wins),
/// and `--long=value` for every option. Words it does not know are left as they are, so
/// ArgumentParser still reports them in its own words.
///
/// Like pflag, `--` ends the flags, and for `run`, `create` and `exec` (`stopsAtFirstPositional`)
/// so does the first positional word: what follows the image belongs to the container's command.
struct DockerArgumentSyntax: Sendable {
    /// Long names of the flags that take no value.
    var flags: Set<String>
    /// Long names of the options that take a value.
    var options: Set<String>
    /// One-letter spellings, to their long name.
    var short: [Character: String]
    /// Whether the first positional word ends the flags (pflag's `SetInterspersed(false)`).
    var stopsAtFirstPositional: Bool

    /// A boolean flag given a value Go's strconv.ParseBool does not take, as pflag words it.
    struct InvalidBoolean: Error, CustomStringConvertible {
        let flag: String
        let value: String
        var description: String {
            "invalid argument \"\(value)\" for \"\(flag)\" flag: strconv.ParseBool: parsing \"\(value)\": invalid syntax"
        }
    }

    /// Whether `words` may hold a spelling ArgumentParser would read differently from pflag: an
    /// attached value, a cluster, or `--name=value` (on a flag). A line without one is parsed as
    /// it is, and its command pays nothing for the rewriting.
    static func mayNeedRewriting(_ words: [String]) -> Bool {
        for word in words {
            if word == "--" { return false }
            if word.hasPrefix("--") ? word.contains("=") : (word.hasPrefix("-") && word.count > 2) { return true }
        }
        return false
    }

    /// `words` in the spelling described above; throws pflag's error for a bad boolean value.
    func normalize(_ words: [String]) throws -> [String] {
        var output: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            let next = index + 1 < words.count ? words[index + 1] : nil
            if word == "--" || !word.hasPrefix("-") || word == "-" {
                if word == "--" || stopsAtFirstPositional { return output + words[index...] }
                output.append(word)
                index += 1
            } else if word.hasPrefix("--") {
                index += try long(String(word.dropFirst(2)), next: next, into: &output)
            } else {
                index += try cluster(Array(word.dropFirst()), whole: word, next: next, into: &output)
            }
        }
        return output
    }

    /// A flag turned on or off: pflag's last value wins, so an earlier spelling goes either way.
    private static func set(_ name: String, _ on: Bool, in output: inout [String]) {
        output.removeAll { $0 == "--" + name }
        if on { output.append("--" + name) }
    }

    /// How pflag names a flag in its errors: `-d, --detach`, or `--rm` without a short name.
    private func spelling(_ name: String) -> String {
        (short.first { $0.value == name }.map { "-\($0.key), " } ?? "") + "--" + name
    }

    /// `--name`, `--name=value` or `--name value`: the words it took.
    private func long(_ body: String, next: String?, into output: inout [String]) throws -> Int {
        let parts = body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let name = parts[0]
        if flags.contains(name) {
            guard parts.count == 2 else { Self.set(name, true, in: &output); return 1 }
            guard let on = GoBool.parse(parts[1]) else { throw InvalidBoolean(flag: spelling(name), value: parts[1]) }
            Self.set(name, on, in: &output)
            return 1
        }
        guard options.contains(name) else { output.append("--" + body); return 1 }
        if parts.count == 2 { output.append("--\(name)=\(parts[1])"); return 1 }
        guard let next else { output.append("--" + name); return 1 }   // ArgumentParser says the value is missing
        output.append("--\(name)=\(next)")
        return 2
    }

    /// `-abc`: flags until a letter that takes a value, whose value is the rest of the word (after
    /// an optional `=`) or, at the end of the word, the next word. An unknown letter leaves the
    /// whole word to ArgumentParser.
    private func cluster(_ letters: [Character], whole: String, next: String?, into output: inout [String]) throws -> Int {
        var position = 0
        var pending: [(String, Bool)] = []
        while position < letters.count {
            guard let name = short[letters[position]] else { output.append(whole); return 1 }
            let rest = String(letters[(position + 1)...])
            if options.contains(name) {
                for (name, on) in pending { Self.set(name, on, in: &output) }
                if !rest.isEmpty {
                    output.append("--\(name)=" + (rest.hasPrefix("=") ? String(rest.dropFirst()) : rest))
                    return 1
                }
                guard let next else { output.append("--" + name); return 1 }
                output.append("--\(name)=\(next)")
                return 2
            }
            if rest.hasPrefix("=") {   // pflag's `-d=false`
                guard let on = GoBool.parse(String(rest.dropFirst())) else {
                    throw InvalidBoolean(flag: spelling(name), value: String(rest.dropFirst()))
                }
                pending.append((name, on))
                break
            }
            pending.append((name, true))
            position += 1
        }
        for (name, on) in pending { Self.set(name, on, in: &output) }
        return 1
    }
}
