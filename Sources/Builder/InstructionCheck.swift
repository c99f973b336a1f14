import DockerfileSyntax

/// The checks an instruction must pass before a build runs any step: the forms Docker's parser
/// accepts but no build can carry out, such as `RUN []` (BuildKit stops it with "arguments are
/// required"). Each instruction kind with such a form has its own small function; the others
/// (`CMD []`, `ENTRYPOINT []`, `SHELL [""]`, `WORKDIR ""`, `USER ""`) are what Docker builds too.
enum InstructionCheck {
    static func check(_ instruction: Instruction, file: String) throws(BuildError) {
        switch instruction.details {
        case let .run(form):
            try checkRun(form, instruction, file)
        case .copy, .add:
            try checkInlineSources(instruction, file)
        default:
            break
        }
    }

    /// RUN in exec form runs its first word as the program, with no shell in between: an empty
    /// array has nothing to run, and an empty first word names no file the kernel could execve.
    static func checkRun(_ form: CommandForm, _ instruction: Instruction, _ file: String) throws(BuildError) {
        guard case let .exec(words) = form else { return }
        guard let program = words.first else {
            throw BuildError("RUN []: arguments are required: an exec-form RUN needs at least the program to run, such as RUN [\"/bin/true\"]",
                             at: instruction, file: file)
        }
        guard !program.isEmpty else {
            throw BuildError("RUN [\"\", …]: the program to run is an empty string: the first word of an exec-form RUN is the executable",
                             at: instruction, file: file)
        }
    }

    /// COPY and ADD with a heredoc source (`COPY <<EOF /etc/app.conf`) make a file from the
    /// Dockerfile's own text; Dockyard's builder does not make those yet, and says so here rather
    /// than looking for a file named `<<EOF` in the context.
    static func checkInlineSources(_ instruction: Instruction, _ file: String) throws(BuildError) {
        guard let heredoc = instruction.heredocs.first else { return }
        throw BuildError("\(instruction.keyword.rawValue) <<\(heredoc.name): inline files (heredocs) as \(instruction.keyword.rawValue) sources are not supported by Dockyard yet; put the file in the build context and \(instruction.keyword.rawValue) it from there",
                         at: instruction, file: file)
    }
}
