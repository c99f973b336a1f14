import ContainerRuntime
import DockerfileSyntax
import FoundationEssentials
import ImageStore
import OCI

extension BuildSession {
    /// COPY and ADD: the files named (from the context, or `--from` a stage or image) become a
    /// layer of their own. ADD also unpacks local tar archives; it cannot fetch URLs offline.
    mutating func copy(_ sources: [String], to destination: String, instruction: Instruction,
                       on state: inout StageState, finished: [Int: StageState], isAdd: Bool) throws -> StepOutcome {
        let keyword = isAdd ? "ADD" : "COPY"
        let scope = state.expansionScope
        let (source, sourceName, keepsOwner) = try sourceFileSystem(for: instruction, finished: finished)
        let resolver = SourceResolver(source: source, sourceName: sourceName)

        var paths: [String] = []
        for pattern in sources {
            let expanded = try expand(pattern, in: scope, for: instruction)
            if isAdd, expanded.contains("://") {
                throw BuildError("ADD \(expanded): Dockyard works offline and cannot fetch URLs; download the file into the build context and ADD it from there",
                                 at: instruction, file: fileName)
            }
            do {
                paths += try resolver.resolve(expanded)
            } catch {
                throw BuildError("\(keyword) failed: \(error.message)", at: instruction, file: fileName)
            }
        }
        let expandedDestination = try expand(destination, in: scope, for: instruction)
        let target = Self.absolute(expandedDestination, workingDirectory: state.workingDirectory)
        let below = LayerStack(layers: state.lowerdirs)
        // BuildKit reads "", "." and a trailing slash as "into this directory" (the first two
        // mean the working directory).
        let namesDirectory = expandedDestination.hasSuffix("/") || expandedDestination == "" || expandedDestination == "."
        let intoDirectory = namesDirectory || paths.count > 1 || below.item(at: target)?.isDirectory == true
        if paths.count > 1 && !namesDirectory {
            throw BuildError("When using \(keyword) with more than one source file, the destination must be a directory and end with a /",
                             at: instruction, file: fileName)
        }
        let owner = try instruction.flag("chown").map { try resolveOwner($0, state: state, instruction: instruction) }
        let permissions = try instruction.flag("chmod").map { text -> UInt32 in
            guard let mode = UInt32(text, radix: 8), mode <= 0o7777 else {
                throw BuildError("invalid --chmod=\(text): expected an octal mode such as 0755", at: instruction, file: fileName)
            }
            return mode
        }

        let contents = try ContentDigest.of(paths, in: source)
        let key = BuildCache.key(parent: state.cacheKey, step: "\(keyword)\0\(sourceName)\0\(contents)\0\(target)\0"
            + "\(intoDirectory)\0\(instruction.flag("chown") ?? "")\0\(instruction.flag("chmod") ?? "")")
        let createdBy = "\(keyword) " + (sources + [destination]).joined(separator: " ")
        if try reuseCachedLayer(key, on: &state, createdBy: createdBy) { return .cached }

        let staging = builder.root + "/build/copy-" + ContainerID.random().short
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        do {
            let copier = TreeCopier(source: source, staging: staging, owner: owner, keepsOwner: keepsOwner,
                                    permissions: permissions)
            for path in paths {
                guard let item = source.item(at: path) else { continue }
                let name = path.split(separator: "/").last.map(String.init) ?? ""
                let destinationPath: String
                if item.isDirectory {
                    destinationPath = target
                } else if intoDirectory {
                    destinationPath = (target == "/" ? "" : target) + "/" + name
                } else {
                    destinationPath = target
                }
                let parentOfCopy = item.isDirectory ? destinationPath : Self.parent(of: destinationPath)
                try ParentDirectories.make(parentOfCopy, in: staging, below: below)
                if isAdd, item.isRegularFile, source is BuildContext,
                   try ArchiveExtraction.extractIfArchive(item.hostPath, into: staging + target) != nil {
                    continue
                }
                try copier.copy(path, to: destinationPath)
            }
            try commitLayer(from: staging, on: &state, key: key, createdBy: createdBy)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        return .built
    }

    /// Where `--from` points: a stage (by name or number, anywhere in the file: the plan built it
    /// first), or an image; the context otherwise, also for an empty `--from=`, as in Docker.
    func sourceFileSystem(for instruction: Instruction, finished: [Int: StageState]) throws -> (any SourceFileSystem, String, Bool) {
        guard let from = instruction.flag("from"), !from.isEmpty else { return (context, "build context", false) }
        if let index = BuildPlan.index(of: from, in: plan.stages, before: plan.stages.count) {
            guard let state = finished[index] else {
                throw BuildError("--from=\(from): stage was not built", at: instruction, file: fileName)
            }
            return (LayerStack(layers: state.lowerdirs), "stage \(from)", true)
        }
        do {
            try builder.fetchBase?(from, builder.store)
            let image = try builder.store.resolve(from, events: builder.events)
            return (LayerStack(layers: try builder.store.unpackedLayers(of: image, events: builder.events)), "image \(from)", true)
        } catch {
            throw BuildError("--from=\(from): \(error)", at: instruction, file: fileName)
        }
    }

    /// `--chown=user[:group]`, with names looked up in the stage's own /etc/passwd and /etc/group.
    func resolveOwner(_ spec: String, state: StageState, instruction: Instruction) throws -> (uid: UInt32, gid: UInt32) {
        let expanded = try expand(spec, in: state.expansionScope, for: instruction)
        let view = LayerStack(layers: state.lowerdirs)
        let read = { (path: String) -> String? in
            view.item(at: path).flatMap { try? FileContents.read($0.hostPath) }.map { String(decoding: $0, as: UTF8.self) }
        }
        do {
            var identity = try UserResolver(passwd: read("/etc/passwd"), group: read("/etc/group")).resolve(expanded)
            // `--chown=user` alone means the user's own group only when the user is named; a bare
            // uid keeps gid = uid, as Docker does.
            if !expanded.contains(":"), UInt32(expanded) != nil { identity.gid = identity.uid }
            return (identity.uid, identity.gid)
        } catch {
            throw BuildError("--chown=\(expanded): \(error.message)", at: instruction, file: fileName)
        }
    }

    static func absolute(_ path: String, workingDirectory: String) -> String {
        let joined = path.hasPrefix("/") ? path : (workingDirectory == "/" ? "" : workingDirectory) + "/" + path
        let components = joined.split(separator: "/").reduce(into: [Substring]()) { result, component in
            if component == ".." { _ = result.popLast() } else if component != "." { result.append(component) }
        }
        return "/" + components.joined(separator: "/")
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
