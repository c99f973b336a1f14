import DockerfileSyntax
import OCI

/// `commit --change` and `import --change`: Dockerfile instructions applied to an image's config
/// without a build, as Docker applies them (through the build's own ConfigEditor). Docker takes
/// only the instructions that change the config and need no context or container.
public enum ImageConfigChanges {
    static let allowed: Set<Keyword> = [.cmd, .entrypoint, .env, .expose, .healthcheck, .label, .onbuild,
                                        .stopSignal, .user, .volume, .workdir]

    /// Applies each change (one instruction, e.g. `CMD ["nginx"]` or `ENV A=1`) in order.
    public static func apply(_ changes: [String], to image: ImageConfiguration) throws -> ImageConfiguration {
        var state = StageState(config: image, layers: [], lowerdirs: [], cacheKey: "")
        for change in changes {
            // The parser wants a stage to put instructions in; the FROM is only that stage.
            let dockerfile: Dockerfile
            do {
                dockerfile = try Dockerfile(parsing: "FROM scratch\n" + change)
            } catch {
                throw ChangeError(description: "invalid change \"\(change)\": \(error.message)")
            }
            for instruction in dockerfile.instructions.dropFirst() {
                guard allowed.contains(instruction.keyword) else {
                    throw ChangeError(description: "\(instruction.keyword.rawValue.lowercased()) is not a valid change command")
                }
                let editor = ConfigEditor(lexer: ShellLexer(escape: dockerfile.directives.escape), fileName: "--change")
                if case let .workdir(path) = instruction.details {
                    // Only the config: commit makes no layer for a missing directory, unlike a build.
                    let expanded = try editor.expand(path, in: state.expansionScope, for: instruction)
                    state.containerConfig.workingDir = BuildSession.absolute(expanded, workingDirectory: state.workingDirectory)
                } else {
                    _ = try editor.apply(instruction, to: &state)
                }
            }
        }
        return state.config
    }
}

/// A `--change` that is not a config instruction, or not one at all, in Docker's words.
public struct ChangeError: Error, CustomStringConvertible {
    public let description: String
}
