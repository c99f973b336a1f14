import DockerfileSyntax
import ImageStore
import OCI

extension BuildSession {
    /// FROM: start a stage from nothing (`scratch`), from an earlier stage, or from an image,
    /// whose layers are unpacked once and stacked as the stage's lowerdirs.
    func startStage(_ stage: Stage, instruction: Instruction, finished: [Int: StageState]) throws -> StageState {
        // The plan expanded the global ARGs in FROM already, and refused a blank base.
        let base = plan.baseImages[stage.index]
        if let platform = stage.platform {
            let wanted = try expand(platform, in: arguments.global, for: instruction)
            let host = Platform.host
            guard wanted == "\(host.os)/\(host.architecture)" || wanted.isEmpty || wanted == "$BUILDPLATFORM" else {
                throw BuildError("FROM --platform=\(wanted): this machine builds only \(host.os)/\(host.architecture) images",
                                 at: instruction, file: fileName)
            }
        }
        if base.lowercased() == "scratch" {
            let host = Platform.host
            return StageState(config: ImageConfiguration(architecture: host.architecture, os: host.os,
                                                         rootfs: .init(diffIDs: [])),
                              layers: [], lowerdirs: [], cacheKey: BuildCache.key(parent: "", step: "FROM scratch"))
        }
        if let index = BuildPlan.index(of: base, in: plan.stages, before: stage.index) {
            guard var earlier = finished[index] else {
                throw BuildError("stage \"\(base)\" was not built", at: instruction, file: fileName)
            }
            earlier.arguments = [:]
            return earlier
        }
        let image: StoredImage
        do {
            try builder.fetchBase?(base, builder.store)
            image = try builder.store.resolve(base, events: builder.events)
        } catch {
            throw BuildError("FROM \(base): \(error)", at: instruction, file: fileName)
        }
        let lowerdirs = try builder.store.unpackedLayers(of: image, events: builder.events)
        var config = image.config
        config.config = config.config ?? ContainerConfig()
        return StageState(config: config, layers: image.manifest.layers, lowerdirs: lowerdirs,
                          cacheKey: BuildCache.key(parent: "", step: "FROM " + image.id.string),
                          lastCreated: image.config.created)
    }

    /// ONBUILD: triggers recorded in the base image run now, right after FROM, as if they were
    /// written there; the new image does not inherit them.
    /// A trigger is checked as the plan checks the Dockerfile's own instructions, and its errors
    /// point at this stage's FROM: the trigger's text lives in the base image, not in this file.
    mutating func runTriggers(of state: inout StageState, stage: Stage, finished: [Int: StageState]) throws {
        let triggers = state.containerConfig.onBuild ?? []
        guard !triggers.isEmpty, let from = stage.instructions.first else { return }
        state.containerConfig.onBuild = nil
        for trigger in triggers {
            let firstLine = trigger.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? trigger
            do {
                let parsed = try Dockerfile(parsing: "FROM scratch\n" + trigger + "\n")
                guard let instruction = parsed.instructions.dropFirst().first else { continue }
                try InstructionCheck.check(instruction, file: fileName)
                builder.progress.message("  ONBUILD \(firstLine)")
                _ = try execute(instruction, on: &state, stage: stage, finished: finished)
            } catch let error as DockerfileError {
                throw BuildError("ONBUILD \(firstLine) (a trigger from the base image): \(error.message)", at: from, file: fileName)
            } catch let error as BuildError {
                throw BuildError("ONBUILD \(firstLine) (a trigger from the base image): \(error.message)", at: from, file: fileName)
            } catch {
                throw BuildError("ONBUILD \(firstLine) (a trigger from the base image): \(error)", at: from, file: fileName)
            }
        }
    }
}
