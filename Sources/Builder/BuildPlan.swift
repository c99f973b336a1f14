import DockerfileSyntax

/// Which stages a build needs, in order, checked before any step runs. A stage is needed if it is
/// the target (the last stage by default), or if a needed stage starts FROM it or copies from it
/// (`COPY --from=NAME`); everything else is skipped, as BuildKit does. Planning is pure: it reads
/// only the parsed Dockerfile and the build arguments, never the image store or the disk, so every
/// mistake it can see (`RUN []`, a stage that copies from itself, an unknown `--target`) is reported
/// with its line before a container starts.
struct BuildPlan {
    let dockerfile: Dockerfile
    let stages: [Stage]
    /// The build arguments with the global ARGs (those before the first FROM) declared: what a
    /// FROM line can use, and where each stage's own ARGs start from.
    let globalArguments: BuildArguments
    /// Each stage's base as FROM names it once the global ARGs are expanded (`FROM ${BASE}`).
    let baseImages: [String]
    /// Indices into `stages`, in build order: a stage comes after every stage it needs.
    let needed: [Int]

    init(dockerfile: Dockerfile, target: String?, fileName: String,
         buildArguments: [String: String] = [:]) throws(BuildError) {
        self.dockerfile = dockerfile
        stages = dockerfile.stages
        guard !stages.isEmpty else { throw BuildError("the Dockerfile has no FROM instruction", fileName: fileName) }
        globalArguments = try Self.declareGlobalArguments(of: dockerfile, provided: buildArguments, file: fileName)
        baseImages = try Self.expandBaseImages(of: stages, arguments: globalArguments,
                                               lexer: ShellLexer(escape: dockerfile.directives.escape), file: fileName)
        let graph = try StageGraph(stages: stages, baseImages: baseImages, file: fileName)
        needed = graph.buildOrder(reaching: try Self.targetIndex(target, in: stages, file: fileName))
        for index in needed {
            for instruction in stages[index].instructions {
                try InstructionCheck.check(instruction, file: fileName)
            }
        }
    }

    /// The stage `--target` names (by name, or by number as Dockyard also allows), the last one
    /// when it is absent or empty (`--target ""` is Docker's default too).
    static func targetIndex(_ target: String?, in stages: [Stage], file: String) throws(BuildError) -> Int {
        guard let target, !target.isEmpty else { return stages.count - 1 }
        guard let index = index(of: target, in: stages, before: stages.count) else {
            let names = stages.compactMap(\.name)
            let known = names.isEmpty ? "this Dockerfile names no stages (write FROM IMAGE AS NAME)"
                                      : "the stages are " + names.joined(separator: ", ")
            throw BuildError("target stage \"\(target)\" could not be found: \(known)", fileName: file)
        }
        return index
    }

    /// The `--build-arg` values with every ARG before the first FROM declared (and expanded).
    static func declareGlobalArguments(of dockerfile: Dockerfile, provided: [String: String],
                                       file: String) throws(BuildError) -> BuildArguments {
        let lexer = ShellLexer(escape: dockerfile.directives.escape)
        var arguments = BuildArguments(provided: provided)
        for instruction in dockerfile.globalArguments {
            guard case let .arg(declarations) = instruction.details else { continue }
            do {
                try arguments.declareGlobal(declarations, lexer: lexer)
            } catch {
                throw BuildError(error.message, at: instruction, file: file)
            }
        }
        return arguments
    }

    /// Each FROM's image with the global ARGs expanded, as BuildKit does before it resolves any
    /// stage: an ARG declared before the first FROM is the only kind a FROM line can use.
    static func expandBaseImages(of stages: [Stage], arguments: BuildArguments, lexer: ShellLexer,
                                 file: String) throws(BuildError) -> [String] {
        var bases: [String] = []
        for stage in stages {
            // A stage's first instruction is its FROM, by construction.
            let failure = { (message: String) in
                stage.instructions.first.map { BuildError(message, at: $0, file: file) } ?? BuildError(message, fileName: file)
            }
            let base: String
            do {
                base = try lexer.expand(stage.baseImage, environment: arguments.global)
            } catch {
                throw failure(error.message)
            }
            // BuildKit's words; an unset `FROM $IMAGE` lands here.
            guard !base.isEmpty else { throw failure("base name (\(stage.baseImage)) should not be blank") }
            bases.append(base)
        }
        return bases
    }

    /// The stage a FROM or a `COPY --from` names, by index or by name, among those before `limit`:
    /// a FROM can start only from a stage above it, a `COPY --from` may name any stage (limit:
    /// all of them). Names compare case-insensitively, as Docker's do; nil means an image.
    static func index(of reference: String, in stages: [Stage], before limit: Int) -> Int? {
        if let number = Int(reference), number >= 0, number < limit { return number }
        return stages.prefix(limit).lastIndex { $0.name?.lowercased() == reference.lowercased() }
    }

    /// How many steps the needed stages have, for `[n/total]`.
    var totalSteps: Int {
        needed.reduce(0) { $0 + stages[$1].instructions.count }
    }
}
