import DockerfileSyntax

/// Which stages a build needs, in order. A stage is needed if it is the target (the last stage
/// by default), or if a needed stage starts FROM it or copies from it (`COPY --from=NAME`);
/// everything else is skipped, as BuildKit does.
struct BuildPlan {
    let dockerfile: Dockerfile
    let stages: [Stage]
    /// Indices into `stages`, in build order.
    let needed: [Int]

    init(dockerfile: Dockerfile, target: String?, fileName: String) throws(BuildError) {
        self.dockerfile = dockerfile
        stages = dockerfile.stages
        guard !stages.isEmpty else { throw BuildError("the Dockerfile has no FROM instruction", fileName: fileName) }
        let targetIndex: Int
        if let target {
            guard let index = Self.index(of: target, in: stages, before: stages.count) else {
                throw BuildError("target stage \"\(target)\" could not be found", fileName: fileName)
            }
            targetIndex = index
        } else {
            targetIndex = stages.count - 1
        }
        var needed: Set<Int> = []
        var pending = [targetIndex]
        while let index = pending.popLast() {
            guard needed.insert(index).inserted else { continue }
            let stage = stages[index]
            if let base = Self.index(of: stage.baseImage, in: stages, before: index) { pending.append(base) }
            for instruction in stage.instructions {
                if let from = instruction.flag("from"), let source = Self.index(of: from, in: stages, before: index) {
                    pending.append(source)
                }
            }
        }
        self.needed = needed.sorted()
    }

    /// The stage a name or number refers to, among those before `limit`. Names compare
    /// case-insensitively, as Docker's do.
    static func index(of reference: String, in stages: [Stage], before limit: Int) -> Int? {
        if let number = Int(reference), number >= 0, number < limit { return number }
        return stages.prefix(limit).lastIndex { $0.name?.lowercased() == reference.lowercased() }
    }

    /// How many steps the needed stages have, for `[n/total]`.
    var totalSteps: Int {
        needed.reduce(0) { $0 + stages[$1].instructions.count }
    }
}
