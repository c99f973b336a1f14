import HostSystem
import ContainerRuntime
import DockerfileSyntax
import Explain
import FoundationEssentials
import ImageStore
import OCI

extension BuildSession {
    /// The instructions that change only the image's config (ENV, CMD, USER, …): no container
    /// runs and no layer is made; the history gets an `empty_layer` entry.
    mutating func configure(_ instruction: Instruction, on state: inout StageState) throws -> StepOutcome {
        let change = try ConfigEditor(lexer: lexer, fileName: fileName).apply(instruction, to: &state)
        return configStep(instruction, on: &state, change: change)
    }

    /// Records a config-only step: history, cache key, and the explain event. It reports CACHED
    /// when the same step on the same parent was seen before, as every step of an unchanged
    /// rebuild should.
    func configStep(_ instruction: Instruction, on state: inout StageState, change: (String, String)?) -> StepOutcome {
        let description = instruction.original.trimmed
        let key = BuildCache.key(parent: state.cacheKey, step: description + "\0" + (change.map { "\($0.0)=\($0.1)" } ?? ""))
        let cached = request.noCache ? nil : builder.cache.lookup(key)
        let created = cached?.created ?? Self.now()
        if let change {
            builder.events.emit(Event(.configChanged(field: change.0, value: change.1), simulated: builder.kernel.isSimulated))
        }
        if case .arg = instruction.details {} else {
            state.record(description, emptyLayer: true, created: created)
        }
        state.cacheKey = key
        if cached == nil { builder.cache.store(.init(layer: nil, diffID: nil, created: created), for: key) }
        return cached == nil ? .configOnly : .cached
    }

    /// WORKDIR: sets the working directory, and makes it (as a small layer) if the image lacks it.
    mutating func workdir(_ path: String, instruction: Instruction, on state: inout StageState) throws -> StepOutcome {
        let expanded = try expand(path, in: state.expansionScope, for: instruction)
        let target = Self.absolute(expanded, workingDirectory: state.workingDirectory)
        state.containerConfig.workingDir = target
        let below = LayerStack(layers: state.lowerdirs)
        if below.item(at: target)?.isDirectory == true {
            return configStep(instruction, on: &state, change: ("WorkingDir", target))
        }
        builder.events.emit(Event(.configChanged(field: "WorkingDir", value: target), simulated: builder.kernel.isSimulated))
        let key = BuildCache.key(parent: state.cacheKey, step: "WORKDIR\0" + target)
        let createdBy = "WORKDIR " + target
        if try reuseCachedLayer(key, on: &state, createdBy: createdBy) { return .cached }
        let staging = builder.root + "/build/workdir-" + ContainerID.random().short
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        do {
            try ParentDirectories.make(target, in: staging, below: below)
            try commitLayer(from: staging, on: &state, key: key, createdBy: createdBy)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        return .built
    }
}
