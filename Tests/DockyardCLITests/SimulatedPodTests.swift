import Foundation
import Testing
import TestSupport

/// `--simulate` for pods and shared namespaces: the simulated host keeps no containers, so the pod
/// or container named stands in as running, and the joiner's plan is told — its namespaces joined,
/// none of them made — with nothing created on the machine. No root needed.
struct SimulatedPodTests {
    func events(_ stderr: String) -> [[String: Any]] {
        stderr.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("{") else { return nil }
            return try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }
    }

    @Test("pod create --simulate prints the stand-in pod's id and makes nothing; run --simulate --pod joins its net, ipc and uts")
    func pod() throws {
        let directory = try TemporaryDirectory(prefix: "simpod")
        let dockyard = DockyardProcess(root: directory.appending("root"))
        let created = try dockyard.run(["pod", "create", "--simulate", "--name", "lesson-pod"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.trimmingCharacters(in: .newlines).count == 64, "\(created.stdout)")
        #expect(created.stderr.contains("simulated"), "\(created.stderr)")
        let run = try dockyard.run(["run", "--explain=json", "--simulate", "--pod", "lesson-pod", "--name", "lesson-a", "busybox", "sleep", "300"])
        #expect(run.status == 0, "\(run.stderr)")
        let all = events(run.stderr)
        let joined = all.filter { $0["event"] as? String == "namespaceJoined" }.compactMap { $0["kind"] as? String }
        #expect(Set(joined) == ["net", "ipc", "uts"], "\(run.stderr)")
        let cloned = all.first { $0["event"] as? String == "processCloned" }?["flags"] as? [String] ?? []
        #expect(cloned.contains("CLONE_NEWNS") && cloned.contains("CLONE_NEWPID") && !cloned.contains("CLONE_NEWNET")
                && !cloned.contains("CLONE_NEWIPC") && !cloned.contains("CLONE_NEWUTS"), "\(cloned)")
        #expect(all.allSatisfy { $0["simulated"] as? Bool == true })
        #expect(!all.contains { $0["event"] as? String == "vethCreated" }, "the pod's network is the infra's: no veth of its own")
        #expect(!FileManager.default.fileExists(atPath: directory.appending("root/pods")), "no pod kept")

        let sidecar = try dockyard.run(["run", "--explain=json", "--simulate", "--network", "container:web", "--pid", "container:web", "busybox", "ps"])
        #expect(sidecar.status == 0, "\(sidecar.stderr)")
        let kinds = events(sidecar.stderr).filter { $0["event"] as? String == "namespaceJoined" }.compactMap { $0["kind"] as? String }
        #expect(Set(kinds) == ["net", "pid"], "\(sidecar.stderr)")
    }
}
