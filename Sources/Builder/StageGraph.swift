import DockerfileSyntax

/// The stages of a Dockerfile as a graph: a stage needs the stage its FROM names and every stage a
/// `COPY --from` in it names. A FROM sees only the stages above it, but BuildKit resolves `--from`
/// against every stage, above or below, so the build order is the graph's, not the file's. A cycle
/// (a stage that copies from itself, or two that copy from each other) can never be built.
struct StageGraph {
    /// One dependency: the stage needed, and where the Dockerfile says so (a FROM, or a `--from`).
    struct Edge {
        var stage: Int
        var location: SourceLocation
    }

    /// For each stage, the stages it needs, in the order they are written.
    let edges: [[Edge]]
    let stageNames: [String]

    /// The graph of `stages`, whose FROM lines name `baseImages` (expanded); throws for a
    /// `--from` stage number that does not exist and for a cycle, as BuildKit does.
    init(stages: [Stage], baseImages: [String], file: String) throws(BuildError) {
        var edges: [[Edge]] = []
        for (stage, base) in zip(stages, baseImages) {
            var needs: [Edge] = []
            if let from = stage.instructions.first, let index = BuildPlan.index(of: base, in: stages, before: stage.index) {
                needs.append(Edge(stage: index, location: SourceLocation(line: from.line, column: 1)))
            }
            for instruction in stage.instructions {
                guard let flag = instruction.flags.last(where: { $0.name == "from" }), let reference = flag.value else { continue }
                if let number = Int(reference), !stages.indices.contains(number) {
                    throw BuildError("invalid stage index \(number): --from=N counts stages from 0, and this Dockerfile has \(stages.count)",
                                     at: flag.location, file: file)
                }
                if let index = BuildPlan.index(of: reference, in: stages, before: stages.count) {
                    needs.append(Edge(stage: index, location: flag.location))
                }
            }
            edges.append(needs)
        }
        self.edges = edges
        stageNames = stages.map { $0.name ?? "stage-\($0.index)" }
        try checkForCycles(file: file)
    }

    /// The stages `target` needs, itself included, each after the ones it needs (a depth-first
    /// post-order, kept on an explicit stack so a long chain of stages cannot overflow it).
    func buildOrder(reaching target: Int) -> [Int] {
        var order: [Int] = []
        var visited: Set<Int> = [target]
        var stack: [(stage: Int, next: Int)] = [(target, 0)]
        while let top = stack.last {
            let needs = edges[top.stage]
            if top.next < needs.count {
                stack[stack.count - 1].next += 1
                let dependency = needs[top.next].stage
                if visited.insert(dependency).inserted { stack.append((dependency, 0)) }
            } else {
                order.append(top.stage)
                stack.removeLast()
            }
        }
        return order
    }

    /// Walks every stage, needed or not (BuildKit refuses a cycle anywhere in the file), and
    /// reports the first edge that leads back to a stage still being walked.
    private func checkForCycles(file: String) throws(BuildError) {
        enum Mark { case unvisited, walking, done }
        var marks = Array(repeating: Mark.unvisited, count: edges.count)
        for start in edges.indices where marks[start] == .unvisited {
            var stack: [(stage: Int, next: Int)] = [(start, 0)]
            marks[start] = .walking
            while let top = stack.last {
                let needs = edges[top.stage]
                guard top.next < needs.count else {
                    marks[top.stage] = .done
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let edge = needs[top.next]
                switch marks[edge.stage] {
                case .walking:
                    throw BuildError("circular dependency detected on stage: \(stageNames[edge.stage])",
                                     at: edge.location, file: file)
                case .unvisited:
                    marks[edge.stage] = .walking
                    stack.append((edge.stage, 0))
                case .done:
                    break
                }
            }
        }
    }
}
