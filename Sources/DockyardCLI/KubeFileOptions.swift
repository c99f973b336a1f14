import ArgumentParser

/// What `kube play` and `kube down` both take, declared once: the store, and the manifest file
/// (or `-` for standard input), read and planned by `KubeCommand.plans(in:)`.
struct KubeFileOptions: ParsableArguments {
    @OptionGroup var storage: StorageOptions
    @Argument(help: "The manifest, or - for standard input.") var file: String

    /// The pods of the manifest, checked and planned.
    func plans() throws -> [KubePlan] { try KubeCommand.plans(in: file) }
}
