/// What a learner types for an exercise, line by line, as a shell reads it: an empty line ends
/// the commands, except inside a here-document (`cat > Dockerfile <<EOF` … `EOF`), whose lines
/// — empty ones too — are kept until its terminator, so a Dockerfile can be typed without an editor.
struct TypedCommands: Sendable, Equatable {
    private(set) var lines: [String] = []
    /// The word that ends the here-document being read, if one is open.
    private(set) var terminator: String?

    /// Adds a line; returns true when the commands are complete (an empty line outside a here-document).
    mutating func add(_ line: String) -> Bool {
        if let end = terminator {
            lines.append(line)
            if line.trimmingSpaces == end { terminator = nil }
            return false
        }
        if line.trimmingSpaces.isEmpty { return true }
        lines.append(line)
        terminator = Self.hereDocumentTerminator(line)
        return false
    }

    var text: String { lines.joined(separator: "\n") }

    /// `cat > Dockerfile <<'EOF'` → `EOF`; `<<-END` → `END`; nil without `<<`.
    static func hereDocumentTerminator(_ line: String) -> String? {
        guard let range = line.firstRange(of: "<<") else { return nil }
        var rest = line[range.upperBound...].drop { $0 == "-" || $0 == " " }
        if let quote = rest.first, quote == "'" || quote == "\"" { rest = rest.dropFirst() }
        let word = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return word.isEmpty ? nil : String(word)
    }

    /// `dockyard` when every command is a `dockyard …` line (each then runs as its own command and
    /// shows its kernel objects), `sh` for anything else: pipes, here-documents, other programs.
    static func language(of typed: String) -> String {
        let step = Step(language: "sh", id: "", code: typed, attributes: Attributes(), hints: [], line: 0)
        let commands = step.commands
        let plain = !commands.isEmpty && !typed.contains("<<") && commands.allSatisfy { command in
            command.hasPrefix("dockyard ") && !command.contains { "|;&><`$".contains($0) }
        }
        return plain ? "dockyard" : "sh"
    }

    /// `dockyard exec -it NAME sh` (or `-ti`, `-i -t`, `--interactive --tty`, and `run -it`): it
    /// needs the learner's terminal, not a captured output.
    static func isInteractive(_ argv: [String]) -> Bool {
        guard argv.count > 2, ["exec", "run"].contains(argv[1]) else { return false }
        let takesValue: Set<String> = ["--name", "-e", "--env", "-w", "--workdir", "-u", "--user", "-p", "-v", "-m", "-h", "--network"]
        var interactive = false, tty = false
        var previous = ""
        for word in argv.dropFirst(2) {
            if !word.hasPrefix("-") {
                if takesValue.contains(previous) { previous = word; continue }
                break
            }
            previous = word
            if word == "--interactive" { interactive = true }
            if word == "--tty" { tty = true }
            if word.hasPrefix("-") && !word.hasPrefix("--") {
                if word.contains("i") { interactive = true }
                if word.contains("t") { tty = true }
            }
        }
        return interactive && tty
    }
}
