import Foundation
import Testing
import TestSupport

/// `inspect CONTAINER` beside a real Docker engine's for the same image and flags: the same
/// answers to the same templates, and every key Docker prints at the top level, in `State` and in
/// `Config` is Dockyard's too. Skipped, saying so, where no engine answers (as on the project's CI).
@Suite("inspect CONTAINER beside Docker's", .serialized,
       .enabled(if: DockerEngine.isAvailable && Privileges.canRunContainers,
                "needs a running Docker engine (docker info fails, and no dockerd is installed to start), root and /bin/busybox"))
struct InspectDockerComparisonTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "inspect-docker")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    /// Keys newer engines print that Docker 20.10 did not (API 1.44+), which Dockyard leaves out.
    static let newerKeys: Set = ["ImageManifestDescriptor", "Storage", "SizeRw", "SizeRootFs"]

    @Test("the same templates give the same answers, and Docker's keys are all there")
    func sameAnswers() throws {
        let image = "dockyard-interop/inspect:test"
        let archive = directory.appending("busybox.tar")
        #expect(try dockyard.run(["run", "--rm", "busybox", "true"]).status == 0)
        #expect(try dockyard.run(["tag", "busybox", image]).status == 0)
        #expect(try dockyard.run(["save", "-o", archive, image]).status == 0)
        #expect(try DockerEngine.run(["load", "-i", archive]).status == 0)
        defer { _ = try? DockerEngine.run(["rmi", "-f", image]) }
        let flags = ["-d", "--name", "inspect-compare", "-p", "127.0.0.1:18765:80", "-m", "64m", "--cpus", "0.5",
                     "--restart", "on-failure:2", "-e", "GREETING=a&b", image, "sleep", "100"]
        #expect(try DockerEngine.run(["run"] + flags).status == 0)
        defer { _ = try? DockerEngine.run(["rm", "-f", "inspect-compare"]) }
        #expect(try dockyard.run(["run"] + flags.map { $0 == "127.0.0.1:18765:80" ? "127.0.0.1:18766:80" : $0 }).status == 0)
        defer { _ = try? dockyard.run(["rm", "-f", "inspect-compare"]) }

        let template = "{{.State.Status}} {{.State.Running}} {{.Name}} {{.Path}} {{json .Args}} {{.Image}} "
            + "{{json .Config.Cmd}} {{json .Config.Entrypoint}} {{.Config.Image}} {{json .Config.Labels}} {{.Config.Tty}} "
            + "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.RestartPolicy.Name}} "
            + "{{.HostConfig.RestartPolicy.MaximumRetryCount}} {{json .HostConfig.CapAdd}} {{.HostConfig.Privileged}} "
            + "{{json .Mounts}} {{range $name, $_ := .NetworkSettings.Networks}}{{$name}}{{end}}"
        let docker = String(decoding: try DockerEngine.run(["inspect", "-f", template, "inspect-compare"]).stdout, as: UTF8.self)
        #expect(try dockyard.run(["inspect", "-f", template, "inspect-compare"]).stdout == docker)
        let env = #"{{range .Config.Env}}{{if eq (index (split . "=") 0) "GREETING"}}{{.}}{{end}}{{end}}"#
        let dockerEnv = String(decoding: try DockerEngine.run(["inspect", "-f", env, "inspect-compare"]).stdout, as: UTF8.self)
        #expect(try dockyard.run(["inspect", "-f", env, "inspect-compare"]).stdout == dockerEnv)

        let theirs = try Self.object(String(decoding: try DockerEngine.run(["inspect", "inspect-compare"]).stdout, as: UTF8.self))
        let ours = try Self.object(try dockyard.run(["inspect", "inspect-compare"]).stdout)
        #expect(Set(theirs.keys).subtracting(Self.newerKeys).subtracting(ours.keys).isEmpty)
        for part in ["State", "Config", "NetworkSettings"] {
            let dockerKeys = Set((theirs[part] as? [String: Any])?.keys.map { $0 } ?? [])
            let missing = dockerKeys.subtracting((ours[part] as? [String: Any])?.keys.map { $0 } ?? [])
            #expect(missing.isEmpty, "\(part) lacks \(missing.sorted())")
        }
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require((try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])?.first)
    }
}
