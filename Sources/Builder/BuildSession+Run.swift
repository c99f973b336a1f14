import ContainerRuntime
import DockerfileSyntax
import Explain
import FoundationEssentials
import HostSystem
import ImageStore
import LinuxKernel
import OCI

extension BuildSession {
    /// RUN: run the command in a real container on the stage's layers; what it changed — the
    /// container's overlayfs upper directory — becomes the next layer.
    mutating func run(_ form: CommandForm, instruction: Instruction, on state: inout StageState) throws -> StepOutcome {
        let (argv, description) = command(for: form, instruction: instruction, state: state)
        // The plan refused `RUN []`; an image's SHELL can still be empty (`SHELL [""]`).
        guard let program = argv.first, !program.isEmpty else {
            throw BuildError("\(description): there is no program to run (is the image's SHELL empty?)", at: instruction, file: fileName)
        }
        var stepArguments = arguments.predefinedValues()
        stepArguments.merge(state.arguments) { _, declared in declared }
        let environment = (state.containerConfig.env ?? []) + stepArguments
            .filter { key, _ in state.environment[key] == nil }
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let key = BuildCache.key(parent: state.cacheKey, step: "RUN\0" + argv.joined(separator: "\0")
            + "\0" + stepArguments.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\0"))
        if try reuseCachedLayer(key, on: &state, createdBy: description) { return .cached }

        let relay = try OutputRelay(progress: builder.progress)
        let name = "build-" + ContainerID.random().short
        let image = RunnableImage(reference: "build step \(stepNumber)", id: "", lowerdirs: try lowerdirs(of: state),
                                  environment: environment, entrypoint: [], command: [],
                                  workingDirectory: state.workingDirectory, user: state.containerConfig.user ?? "")
        // Each RUN gets a network namespace of its own on the default bridge (as in `docker build`),
        // unless --network says otherwise; `RUN apt-get install` goes out through the bridge's NAT.
        let request = RunRequest(image: image, name: name, entrypoint: program, command: Array(argv.dropFirst()),
                                 network: self.request.network, standardOutput: relay.writeEnd, standardError: relay.writeEnd)
        let runner = ContainerRunner(store: builder.containers, kernel: builder.kernel)
        let outcome: ContainerRunner.Outcome
        do {
            outcome = try runner.run(request)
            relay.finish()
        } catch {
            relay.finish()
            removeBuildContainer(named: name)
            throw BuildError("RUN \(description): \(error)", at: instruction, file: fileName)
        }
        defer { try? builder.containers.delete(outcome.record.id) }
        guard outcome.exitCode == 0 else {
            throw BuildError("process \"\(argv.joined(separator: " "))\" did not complete successfully: exit code: \(outcome.exitCode)"
                             + (outcome.oomKilled ? " (killed by the OOM killer)" : ""), at: instruction, file: fileName)
        }
        let upper = builder.containers.paths(for: outcome.record.id).upperdir
        // The upper becomes this layer's unpacked copy: mark its opaque directories for user namespaces too.
        Whiteout.addUserNamespaceMarks(under: upper)
        try commitLayer(from: upper, on: &state, key: key, createdBy: description)
        return .built
    }

    /// The argv a RUN executes, and how history shows it. Shell form goes through SHELL; a
    /// heredoc is handed to the shell together with the command, as BuildKit does, and a lone
    /// heredoc (`RUN <<EOF`) is the script itself.
    func command(for form: CommandForm, instruction: Instruction, state: StageState) -> ([String], String) {
        switch form {
        case let .exec(words):
            return (words, "RUN [" + words.map { "\"\($0)\"" }.joined(separator: ", ") + "]")
        case let .shell(text):
            var script = text
            if let first = instruction.heredocs.first, instruction.heredocs.count == 1,
               text.trimmed.hasPrefix("<<"),
               text.trimmed.split(separator: " ").count == 1 {
                script = first.content
            } else {
                for heredoc in instruction.heredocs {
                    script += "\n" + heredoc.content + (heredoc.content.hasSuffix("\n") ? "" : "\n") + heredoc.name
                }
            }
            return (state.shell + [script], "RUN " + (state.shell + [script]).joined(separator: " "))
        }
    }

    /// The stage's layers for overlayfs; a stage with none (FROM scratch) gets one empty layer,
    /// because overlayfs needs at least one lowerdir.
    func lowerdirs(of state: StageState) throws -> [String] {
        guard state.lowerdirs.isEmpty else { return state.lowerdirs }
        let empty = builder.root + "/build/empty-layer"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        return [empty]
    }

    func removeBuildContainer(named name: String) {
        if let record = try? builder.containers.find(name) {
            try? builder.containers.delete(record.id)
        }
    }

    /// Turns a directory of changes into the stage's next layer: strips what only the runtime
    /// put there, writes the tarball, reports the changes, and keeps the directory as the
    /// layer's unpacked copy.
    mutating func commitLayer(from directory: String, on state: inout StageState, key: String, createdBy: String) throws {
        let below = LayerStack(layers: state.lowerdirs)
        MountPointCleaner.clean(upper: directory, below: below)
        let changes = LayerChanges.list(upper: directory, below: below)
        let written = try builder.store.writeLayer(fromDirectory: directory)
        builder.events.emit(Event(.layerCommitted(digest: written.diffID.string, size: written.descriptor.size,
                                                  changes: changes), simulated: builder.kernel.isSimulated))
        let unpacked = try builder.store.adoptUnpackedLayer(directory, diffID: written.diffID)
        let created = Self.now()
        state.layers.append(written.descriptor)
        state.config.rootfs.diffIDs.append(written.diffID)
        state.lowerdirs.append(unpacked)
        state.record(createdBy, emptyLayer: false, created: created)
        state.cacheKey = key
        builder.cache.store(.init(layer: written.descriptor, diffID: written.diffID, created: created), for: key)
    }

    /// Reuses a layer an identical step made before. Returns false on a miss (or `--no-cache`).
    func reuseCachedLayer(_ key: String, on state: inout StageState, createdBy: String) throws -> Bool {
        guard !request.noCache, let entry = builder.cache.lookup(key), let layer = entry.layer, let diffID = entry.diffID,
              builder.store.containsBlob(layer.digest) else { return false }
        let directory = try builder.store.unpackedLayer(layer, diffID: diffID, events: builder.events)
        state.layers.append(layer)
        state.config.rootfs.diffIDs.append(diffID)
        state.lowerdirs.append(directory)
        state.record(createdBy, emptyLayer: false, created: entry.created)
        state.cacheKey = key
        return true
    }
}
