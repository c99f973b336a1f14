@testable import Builder
import DockerfileSyntax
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Random Dockerfiles made of real and degenerate instructions (`RUN []`, `COPY --from=` a stage
/// below, above or itself, `FROM $UNSET` …), parsed and planned: planning must never trap, and it
/// either gives a plan whose stages come after the stages they need, or an error with a line in the
/// file. `DOCKYARD_FUZZ_SECONDS` runs it longer; `DOCKYARD_FUZZ_SEED` picks the seed.
struct BuildPlanFuzzTests {

    static let names = ["a", "b", "build", "stage0", "Build", "0", "1", "2", "7", "-1", "", "$X", "${B}", "alpine:3", "scratch"]
    static let commands = ["[]", "[\"\"]", "[\"\", \"x\"]", "[\"sh\"]", "echo hi", "<<EOF\nEOF", "<<EOF\necho\nEOF", "[ ]", "\"\""]
    static let words = ["\"\"", "/", ".", "''", "/app", "$X", "${X:-/d}", "a b", "80", "80/udp", "0-65535", "SIGTERM", "1=2", "A=", "=x"]

    /// One instruction, often with a degenerate argument.
    static func instruction(using rng: inout SplitMix) -> String {
        let name = names.randomElement(using: &rng) ?? "a"
        let word = words.randomElement(using: &rng) ?? "/"
        let command = commands.randomElement(using: &rng) ?? "[]"
        let choices = [
            "FROM \(name)", "FROM \(name) AS s\(Int.random(in: 0..<4, using: &rng))", "FROM scratch", "FROM ${B}",
            "RUN \(command)", "CMD \(command)", "ENTRYPOINT \(command)", "SHELL \(command)",
            "COPY --from=\(name) \(word) /dst/", "COPY \(word) \(word)", "COPY [] /d", "COPY [\"\", \"\"]", "ADD \(word) /",
            "COPY <<EOF /f\nEOF", "ADD --chmod=\(word) a b", "WORKDIR \(word)", "USER \(word)", "ENV \(word)",
            "LABEL \(word)", "ARG \(word)", "ARG B=\(name)", "EXPOSE \(word)", "VOLUME \(word)", "STOPSIGNAL \(word)",
            "HEALTHCHECK CMD \(command)", "HEALTHCHECK NONE", "ONBUILD RUN \(command)", "ONBUILD COPY --from=\(name) a b",
            "MAINTAINER \(word)",
        ]
        return choices.randomElement(using: &rng) ?? "RUN []"
    }

    static func dockerfile(using rng: inout SplitMix) -> String {
        var lines: [String] = []
        if Bool.random(using: &rng) { lines.append("ARG B=\(names.randomElement(using: &rng) ?? "a")") }
        lines.append("FROM \(names.randomElement(using: &rng) ?? "a") AS s0")
        for _ in 0..<Int.random(in: 0...12, using: &rng) { lines.append(instruction(using: &rng)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Plans one Dockerfile and checks the invariants; returns a description of a broken one.
    static func check(_ text: String, target: String?, arguments: [String: String]) -> String? {
        guard let dockerfile = try? Dockerfile(parsing: text) else { return nil }
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        do {
            let plan = try BuildPlan(dockerfile: dockerfile, target: target, fileName: "Dockerfile", buildArguments: arguments)
            guard Set(plan.needed).count == plan.needed.count, !plan.needed.isEmpty else { return "needed \(plan.needed)" }
            for (position, index) in plan.needed.enumerated() {
                if let base = BuildPlan.index(of: plan.baseImages[index], in: plan.stages, before: index),
                   plan.needed.firstIndex(of: base).map({ $0 > position }) ?? true {
                    return "stage \(index) is planned before its base stage \(base): \(plan.needed)"
                }
            }
        } catch {
            if let line = error.line {
                guard line >= 1, line <= lineCount, (error.column ?? 1) >= 1 else { return "error \(error) outside the file" }
            } else if !error.message.hasPrefix("the Dockerfile has no FROM") && !error.message.hasPrefix("target stage") {
                return "error \(error) has no line"
            }
        }
        return nil
    }


    @Test("random Dockerfiles with degenerate instructions plan or fail with a line, never trap")
    func randomDockerfiles() {
        let seed = FuzzSettings.seed(default: 0xB11D_9A7E)
        var rng = SplitMix(state: seed)
        let seconds = FuzzSettings.environmentSeconds ?? 1
        let clock = ContinuousClock()
        let start = clock.now
        var runs = 0
        var failures: [String] = []
        while clock.now - start < .milliseconds(Int(seconds * 1000)) && failures.count < 5 {
            let text = Self.dockerfile(using: &rng)
            let target = [nil, "", "s0", "s1", "nope", "0"].randomElement(using: &rng) ?? nil
            let arguments = Bool.random(using: &rng) ? ["B": Self.names.randomElement(using: &rng) ?? ""] : [:]
            if let problem = Self.check(text, target: target, arguments: arguments) {
                failures.append("\(problem)\ninput: \(text.debugDescription) target: \(target ?? "nil") args: \(arguments)")
            }
            runs += 1
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
        #expect(runs > 100)
        if FuzzSettings.environmentSeconds != nil {
            print("plan fuzz: \(runs) Dockerfiles in \(seconds)s, seed \(seed), \(failures.count) failures")
        }
    }
}
