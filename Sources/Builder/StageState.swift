import FoundationEssentials
import OCI

/// An image being built, one stage at a time: its config (the OCI image config, with Env, Cmd,
/// WorkingDir …), its layers so far (descriptors and the unpacked directories a RUN container
/// stacks as overlayfs lowerdirs), the ARGs declared in the stage, and the cache key of the
/// chain of steps that made it.
struct StageState {
    var config: ImageConfiguration
    var layers: [Descriptor]
    var lowerdirs: [String]
    /// ARG values visible in this stage (not stored in the image).
    var arguments: [String: String] = [:]
    /// Identifies this exact chain of steps; each step's cache key extends it.
    var cacheKey: String
    /// When the last step that changed the image was made (RFC 3339), reused by cached steps.
    var lastCreated: String?
    /// Whether this stage itself set CMD (a later ENTRYPOINT then keeps it).
    var cmdSetInStage = false

    var containerConfig: ContainerConfig {
        get { config.config ?? ContainerConfig() }
        set { config.config = newValue }
    }

    /// The stage's environment as KEY → value (ENV values).
    var environment: [String: String] {
        var result: [String: String] = [:]
        for item in containerConfig.env ?? [] {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            result[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return result
    }

    /// Variables for expanding words in instructions: ARGs, overridden by ENV (Docker's order).
    var expansionScope: [String: String] {
        arguments.merging(environment) { _, env in env }
    }

    /// Sets one ENV variable, keeping the order of the rest.
    mutating func setEnvironment(_ key: String, _ value: String) {
        var env = containerConfig.env ?? []
        if let index = env.firstIndex(where: { $0.hasPrefix(key + "=") || $0 == key }) {
            env[index] = key + "=" + value
        } else {
            env.append(key + "=" + value)
        }
        containerConfig.env = env
    }

    /// The working directory, `/` when unset.
    var workingDirectory: String {
        let directory = containerConfig.workingDir ?? ""
        return directory.isEmpty ? "/" : directory
    }

    /// SHELL, `/bin/sh -c` by default.
    var shell: [String] {
        containerConfig.shell ?? ["/bin/sh", "-c"]
    }

    /// Appends a history entry (an instruction that did or did not add a layer).
    mutating func record(_ createdBy: String, emptyLayer: Bool, created: String) {
        var history = config.history ?? []
        history.append(ImageConfiguration.History(created: created, createdBy: createdBy,
                                                  emptyLayer: emptyLayer ? true : nil))
        config.history = history
        lastCreated = created
    }
}
