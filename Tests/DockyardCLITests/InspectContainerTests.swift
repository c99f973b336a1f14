import Foundation
import Testing
import TestSupport

/// `inspect CONTAINER` with the real binary and real containers, read as a Docker user's script
/// reads it: `inspect -f` templates and the JSON's keys. Docker's answers are Docker 20.10's for
/// the same commands on busybox.
@Suite("inspect CONTAINER in Docker's shape, end to end", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct InspectContainerTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "inspect")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    func format(_ template: String, _ name: String) throws -> String {
        let result = try dockyard.run(["inspect", "-f", template, name])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test("a detached container: Running, Name, the bridge address and Cmd as Docker prints them")
    func detached() throws {
        let started = try dockyard.run(["run", "-d", "--name", "web", "-p", "127.0.0.1::80", "-m", "64m", "--cpus", "0.5",
                                        "--restart", "on-failure:2", "busybox", "sleep", "100"])
        #expect(started.status == 0, "\(started.stderr)")
        defer { _ = try? dockyard.run(["rm", "-f", "web"]) }
        let id = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // The address is the one on eth0 inside.
        let inside = try dockyard.run(["exec", "web", "ip", "-4", "-o", "addr", "show", "eth0"]).stdout
        let address = try #require(inside.split(separator: " ").first { $0.contains("/") }?.split(separator: "/").first, "\(inside)")
        #expect(try format("{{.State.Running}} {{.Name}} {{.NetworkSettings.IPAddress}} {{json .Config.Cmd}}", "web")
            == "true /web \(address) [\"sleep\",\"100\"]\n")
        #expect(try format("{{.Id}} {{.Config.Hostname}} {{.State.Status}} {{.State.FinishedAt}}", "web")
            == "\(id) \(id.prefix(12)) running 0001-01-01T00:00:00Z\n")
        #expect(try format("{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}", "web")
            == "67108864 500000000 on-failure:2\n")
        #expect(try format(#"{{(index (index .NetworkSettings.Ports "80/tcp") 0).HostIp}} {{json .HostConfig.PortBindings}}"#, "web")
            == #"127.0.0.1 {"80/tcp":[{"HostIp":"127.0.0.1","HostPort":""}]}"# + "\n")
        // The published port is the one `docker port` names.
        let hostPort = try format(#"{{(index (index .NetworkSettings.Ports "80/tcp") 0).HostPort}}"#, "web")
        #expect(try dockyard.run(["port", "web"]).stdout.contains(":" + hostPort.trimmingCharacters(in: .whitespacesAndNewlines)))
        // Dockyard's own under its own key: the process's cgroups and namespaces, which exist.
        let pid = try format("{{.State.Pid}}", "web").trimmingCharacters(in: .whitespacesAndNewlines)
        let net = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/net")
        #expect(try format("{{.Dockyard.Namespaces.net}} {{.NetworkSettings.SandboxKey}}", "web") == "\(net) /proc/\(pid)/ns/net\n")
    }

    @Test("every key Docker documents at the top level is present, and `--type container` prints the same")
    func topLevelKeys() throws {
        #expect(try dockyard.run(["run", "--name", "done", "busybox", "sh", "-c", "exit 3"]).status == 3)
        defer { _ = try? dockyard.run(["rm", "-f", "done"]) }
        let plain = try dockyard.run(["inspect", "done"]).stdout
        #expect(try dockyard.run(["inspect", "--type", "container", "done"]).stdout == plain)
        let object = try #require((try JSONSerialization.jsonObject(with: Data(plain.utf8)) as? [[String: Any]])?.first)
        for key in ["Id", "Created", "Path", "Args", "State", "Image", "ResolvConfPath", "HostnamePath", "HostsPath", "LogPath",
                    "Name", "RestartCount", "Driver", "Platform", "MountLabel", "ProcessLabel", "AppArmorProfile", "ExecIDs",
                    "HostConfig", "GraphDriver", "Mounts", "Config", "NetworkSettings"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(try format("{{.State.Status}} {{.State.ExitCode}} {{.State.Running}} {{.Path}} {{json .Args}} {{.Config.AttachStdout}}", "done")
            == #"exited 3 false sh ["-c","exit 3"] true"# + "\n")
        #expect(try format("{{.NetworkSettings.IPAddress}}|{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}|{{.HostConfig.NetworkMode}}", "done")
            == "|bridge|default\n")
        #expect(try format("{{.Image}}", "done").hasPrefix("sha256:"))
    }

    @Test("-v binds and named volumes, and a user network, where Docker lists them")
    func volumesAndNetworks() throws {
        let host = directory.appending("site")
        try directory.write("site/index.html", "hi\n")
        #expect(try dockyard.run(["network", "create", "insp-net"]).status == 0)
        defer { _ = try? dockyard.run(["network", "rm", "insp-net"]) }
        let started = try dockyard.run(["run", "-d", "--name", "vols", "--network", "insp-net", "-v", host + ":/site:ro",
                                        "-v", "insp-cache:/cache", "busybox", "sleep", "100"])
        #expect(started.status == 0, "\(started.stderr)")
        defer { _ = try? dockyard.run(["rm", "-f", "vols"]); _ = try? dockyard.run(["volume", "rm", "insp-cache"]) }
        #expect(try format("{{json .HostConfig.Binds}}", "vols") == #"["\#(host):/site:ro","insp-cache:/cache"]"# + "\n")
        #expect(try format("{{range .Mounts}}{{.Type}}:{{.Destination}}:{{.RW}} {{end}}", "vols") == "bind:/site:false volume:/cache:true \n")
        let volumeSource = try format(#"{{range .Mounts}}{{if eq .Type "volume"}}{{.Source}}{{end}}{{end}}"#, "vols")
        #expect(volumeSource == directory.appending("root") + "/volumes/insp-cache/_data\n")
        let addresses = try format("[{{.NetworkSettings.IPAddress}}] {{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", "vols")
        #expect(addresses.hasPrefix("[] 10."), "\(addresses)")
        let network = try dockyard.run(["network", "inspect", "insp-net"]).stdout
        let networkID = try #require((try JSONSerialization.jsonObject(with: Data(network.utf8)) as? [[String: Any]])?.first?["Id"] as? String)
        #expect(try format(#"{{(index .NetworkSettings.Networks "insp-net").NetworkID}}"#, "vols") == networkID + "\n")
    }
}
