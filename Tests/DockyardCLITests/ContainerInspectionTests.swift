@testable import DockyardCLI
import ContainerRuntime
import Foundation
import GoTemplate
import Testing

/// A container record as Docker's `inspect` shape: each test makes a record as `dockyard run`
/// writes it (its JSON on disk, with a few keys changed), and reads the result the way scripts
/// do, through Docker's templates and as JSON. Docker's values are Docker 20.10's for the same
/// flags (docs.docker.com, "docker inspect" and the Engine API's ContainerInspect).
@Suite("inspect CONTAINER in Docker's shape")
struct ContainerInspectionTests {
    static let id = "e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4"
    static let root = "/var/lib/dockyard"

    /// `dockyard run -d --name web busybox sleep 100`, running, on the default bridge.
    static var running: [String: Any] {
        ["id": ["full": id], "name": "web", "created": "2026-12-06T18:06:17Z",
         "cgroupPaths": ["/sys/fs/cgroup/memory/dockyard/\(id)"],
         "image": "busybox", "imageID": "sha256:df493ad79e8fa0cbd125e0c811d07363dadf30619a03a97e166a42b01f65db2a",
         "lowerdirs": ["\(root)/layers/8e4e07bee2e8"], "argv": ["sleep", "100"],
         "environment": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=e4c5c2fc0bb4", "HOME=/root"],
         "requested": ["entrypoint": [String](), "cmd": ["sleep", "100"], "env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                       "workingDir": "", "exposedPorts": [String]()],
         "workingDirectory": "/", "user": "", "uid": 0, "gid": 0, "groups": [0, 10], "hostname": "e4c5c2fc0bb4",
         "network": "bridge", "limits": [String: Any](), "autoRemove": false, "interactive": false, "tty": false,
         "restartPolicy": ["no": [String: Any]()],
         "networkAttachment": ["network": "bridge", "bridge": "dockyard0", "address": "10.88.2.118/16", "gateway": "10.88.0.1",
                               "hostInterface": "dye4c5c2fc0bb4", "ports": [Any]()],
         "status": "running", "pid": 10382, "pidStartTime": 249604, "startedAt": "2026-12-06T18:06:18Z", "oomKilled": false]
    }

    /// The same container after `sleep` ended with status 3: no process, no attachment.
    static var exited: [String: Any] {
        var record = running
        for key in ["networkAttachment", "pid", "pidStartTime"] { record[key] = nil }
        record["status"] = "exited"
        record["exitCode"] = 3
        record["finishedAt"] = "2026-12-06T18:07:58Z"
        return record
    }

    func inspect(_ record: [String: Any], hasLog: Bool = true, networkIDs: [String: String] = ["bridge": String(repeating: "d0c4", count: 16)]) throws -> String {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(ContainerRecord.self, from: try JSONSerialization.data(withJSONObject: record))
        let context = ContainerInspection.Context(root: Self.root, networkIDs: networkIDs, hasLog: hasLog)
        return try InspectJSON.render(ContainerInspection(decoded, context: context))
    }

    /// What `inspect -f TEMPLATE` prints for the record (without the newline).
    func format(_ template: String, _ record: [String: Any], hasLog: Bool = true) throws -> String {
        try Template(template).execute(try TemplateValue(json: inspect(record, hasLog: hasLog)), missingKey: .error)
    }

    func object(_ record: [String: Any]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(inspect(record).utf8)) as? [String: Any])
    }

    @Test("a detached running container: the fields scripts read most, as Docker prints them")
    func detachedRunning() throws {
        let record = Self.running
        #expect(try format("{{.State.Running}} {{.Name}} {{.NetworkSettings.IPAddress}} {{json .Config.Cmd}}", record)
            == #"true /web 10.88.2.118 ["sleep","100"]"#)
        #expect(try format("{{.Id}} {{.Image}}", record) == "\(Self.id) sha256:df493ad79e8fa0cbd125e0c811d07363dadf30619a03a97e166a42b01f65db2a")
        #expect(try format("{{.State.Status}} {{.State.Pid}} {{.State.ExitCode}} {{.State.Paused}} {{.State.OOMKilled}}", record)
            == "running 10382 0 false false")
        #expect(try format("{{.Created}} {{.State.StartedAt}} {{.State.FinishedAt}}", record)
            == "2026-12-06T18:06:17Z 2026-12-06T18:06:18Z 0001-01-01T00:00:00Z")
        #expect(try format("{{.Path}} {{json .Args}} {{json .Config.Entrypoint}} {{json .Config.Env}} {{.Config.Image}}", record)
            == #"sleep ["100"] null ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"] busybox"#)
        #expect(try format("{{.Config.Hostname}} {{.Config.AttachStdout}} {{json .Config.Labels}} {{json .Config.Volumes}}", record)
            == "e4c5c2fc0bb4 false {} null")
        #expect(try format("{{.NetworkSettings.Gateway}} {{.NetworkSettings.IPPrefixLen}} {{.NetworkSettings.SandboxKey}}", record)
            == "10.88.0.1 16 /proc/10382/ns/net")
        #expect(try format("{{range $name, $net := .NetworkSettings.Networks}}{{$name}} {{$net.IPAddress}} {{$net.NetworkID}}{{end}}", record)
            == "bridge 10.88.2.118 " + String(repeating: "d0c4", count: 16))
        #expect(try format("{{.HostConfig.NetworkMode}} {{.HostConfig.RestartPolicy.Name}} {{json .HostConfig.PidsLimit}} {{.HostConfig.Memory}}", record)
            == "default no null 0")
        #expect(try format("{{.LogPath}} {{.ResolvConfPath}}", record)
            == "\(Self.root)/containers/\(Self.id)/container.log \(Self.root)/containers/\(Self.id)/resolv.conf")
        #expect(try format("{{.GraphDriver.Name}} {{.GraphDriver.Data.UpperDir}}", record) == "overlay \(Self.root)/containers/\(Self.id)/upper")
        #expect(try format("{{json .Dockyard.CgroupPaths}}", record) == #"["/sys/fs/cgroup/memory/dockyard/\#(Self.id)"]"#)
    }

    @Test("every key Docker documents at the top level is there, and Dockyard's own only under Dockyard")
    func topLevelKeys() throws {
        let keys = Set(try object(Self.running).keys)
        let docker: Set = ["Id", "Created", "Path", "Args", "State", "Image", "ResolvConfPath", "HostnamePath", "HostsPath",
                           "LogPath", "Name", "RestartCount", "Driver", "Platform", "MountLabel", "ProcessLabel",
                           "AppArmorProfile", "ExecIDs", "HostConfig", "GraphDriver", "Mounts", "Config", "NetworkSettings"]
        #expect(keys == docker.union(["Dockyard"]))
        let state = try #require(try object(Self.running)["State"] as? [String: Any])
        #expect(Set(state.keys) == ["Status", "Running", "Paused", "Restarting", "OOMKilled", "Dead", "Pid", "ExitCode",
                                    "Error", "StartedAt", "FinishedAt"])
    }

    @Test("an exited container: its code and times, no pid, and its network kept without an address")
    func exitedContainer() throws {
        let record = Self.exited
        #expect(try format("{{.State.Status}} {{.State.Running}} {{.State.Pid}} {{.State.ExitCode}} {{.State.FinishedAt}}", record)
            == "exited false 0 3 2026-12-06T18:07:58Z")
        #expect(try format("[{{.NetworkSettings.IPAddress}}] [{{.NetworkSettings.SandboxKey}}] {{json .NetworkSettings.Ports}}", record)
            == "[] [] {}")
        #expect(try format("{{range $name, $net := .NetworkSettings.Networks}}{{$name}} [{{$net.IPAddress}}] {{$net.IPPrefixLen}}{{end}}", record)
            == "bridge [] 0")
    }

    @Test("a created container that never ran has Docker's zero times")
    func createdContainer() throws {
        var record = Self.exited
        for key in ["exitCode", "finishedAt", "startedAt"] { record[key] = nil }
        record["status"] = "created"
        #expect(try format("{{.State.Status}} {{.State.StartedAt}} {{.State.FinishedAt}}", record)
            == "created 0001-01-01T00:00:00Z 0001-01-01T00:00:00Z")
    }

    @Test("-p: PortBindings as asked, NetworkSettings.Ports as bound, ExposedPorts from both")
    func publishedPorts() throws {
        var record = Self.running
        record["publishedPorts"] = [["hostPort": 8080, "containerPort": 80, "proto": "tcp"],
                                    ["hostIP": "127.0.0.1", "hostPort": 0, "containerPort": 53, "proto": "udp"]]
        record["requested"] = ["entrypoint": [String](), "cmd": ["sleep", "100"], "env": [String](), "workingDir": "",
                               "exposedPorts": ["80/tcp", "53/udp", "443/tcp"]]
        var attachment = try #require(record["networkAttachment"] as? [String: Any])
        attachment["ports"] = [["hostPort": 8080, "containerPort": 80, "proto": "tcp"],
                               ["hostIP": "127.0.0.1", "hostPort": 40001, "containerPort": 53, "proto": "udp"]]
        record["networkAttachment"] = attachment
        #expect(try format("{{json .HostConfig.PortBindings}}", record)
            == #"{"53/udp":[{"HostIp":"127.0.0.1","HostPort":""}],"80/tcp":[{"HostIp":"","HostPort":"8080"}]}"#)
        #expect(try format("{{json .NetworkSettings.Ports}}", record)
            == #"{"443/tcp":null,"53/udp":[{"HostIp":"127.0.0.1","HostPort":"40001"}],"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"}]}"#)
        #expect(try format(#"{{(index (index .NetworkSettings.Ports "80/tcp") 0).HostPort}}"#, record) == "8080")
        #expect(try format("{{json .Config.ExposedPorts}}", record) == #"{"443/tcp":{},"53/udp":{},"80/tcp":{}}"#)
    }

    @Test("-v: a bind, a named volume and an anonymous one in Binds, Mounts and Config.Volumes as Docker lists them")
    func volumes() throws {
        var record = Self.running
        let anonymous = String(repeating: "ab12", count: 16)
        record["mounts"] = [["kind": "bind", "source": "/srv/site", "destination": "/site", "readOnly": true],
                            ["kind": "volume", "source": "cache", "destination": "/cache", "readOnly": false],
                            ["kind": "volume", "source": anonymous, "destination": "/data", "readOnly": false],
                            ["kind": "tmpfs", "source": "tmpfs", "destination": "/run", "readOnly": false, "options": "size=64m"]]
        #expect(try format("{{json .HostConfig.Binds}}", record) == #"["/srv/site:/site:ro","cache:/cache"]"#)
        #expect(try format("{{json .Config.Volumes}} {{json .HostConfig.Tmpfs}}", record) == #"{"/data":{}} {"/run":"size=64m"}"#)
        let mounts = try #require(try object(record)["Mounts"] as? [[String: Any]])
        #expect(mounts.count == 3)
        #expect(mounts[0]["Type"] as? String == "bind" && mounts[0]["Source"] as? String == "/srv/site"
            && mounts[0]["Destination"] as? String == "/site" && mounts[0]["RW"] as? Bool == false
            && mounts[0]["Mode"] as? String == "ro" && mounts[0]["Propagation"] as? String == "rprivate")
        #expect(mounts[1]["Type"] as? String == "volume" && mounts[1]["Name"] as? String == "cache"
            && mounts[1]["Source"] as? String == "\(Self.root)/volumes/cache/_data" && mounts[1]["Driver"] as? String == "local"
            && mounts[1]["Mode"] as? String == "z" && mounts[1]["RW"] as? Bool == true)
        #expect(mounts[2]["Name"] as? String == anonymous && mounts[2]["Mode"] as? String == "")
        #expect(try format("{{range .Mounts}}{{.Destination}} {{end}}", record) == "/site /cache /data ")
    }

    @Test("a user network: its address under Networks.NAME only, the top-level one empty as in Docker")
    func userNetwork() throws {
        var record = Self.running
        record["network"] = "front"
        record["networkAttachment"] = ["network": "front", "bridge": "dy-4f1a", "address": "10.89.0.2/24", "gateway": "10.89.0.1",
                                       "hostInterface": "dye4c5c2fc0bb4", "ports": [Any]()]
        let decoded = try JSONSerialization.jsonObject(with: Data(inspect(record, networkIDs: ["front": "4f1a" + String(repeating: "0", count: 60)]).utf8))
        let settings = try #require((decoded as? [String: Any])?["NetworkSettings"] as? [String: Any])
        #expect(settings["IPAddress"] as? String == "")
        let front = try #require((settings["Networks"] as? [String: Any])?["front"] as? [String: Any])
        #expect(front["IPAddress"] as? String == "10.89.0.2" && front["Gateway"] as? String == "10.89.0.1")
        #expect(front["IPPrefixLen"] as? Int == 24 && front["Aliases"] as? [String] == ["e4c5c2fc0bb4"])
        #expect((front["NetworkID"] as? String)?.hasPrefix("4f1a") == true)
        #expect(try format("{{.HostConfig.NetworkMode}} {{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", record) == "front 10.89.0.2")
    }

    @Test("--restart, -m, --cpus and --pids-limit in HostConfig as Docker's numbers")
    func restartAndLimits() throws {
        var record = Self.running
        record["restartPolicy"] = ["onFailure": ["maximum": 3]]
        record["limits"] = ["memoryBytes": 536_870_912, "cpus": 1.5, "pids": 64]
        #expect(try format("{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}", record) == "on-failure 3")
        #expect(try format("{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}}", record)
            == "536870912 1073741824 1500000000 64")
        record["restartPolicy"] = ["always": [String: Any]()]
        record["restartCount"] = 2
        #expect(try format("{{.HostConfig.RestartPolicy.Name}} {{.RestartCount}}", record) == "always 2")
    }

    @Test("confinement flags as Docker keeps them; a foreground run is attached")
    func confinement() throws {
        var record = Self.running
        record["security"] = ["privileged": false, "capAdd": ["NET_ADMIN"], "capDrop": ["ALL"], "seccompUnconfined": true,
                              "noNewPrivileges": true]
        record["readOnlyRootfs"] = true
        record["autoRemove"] = true
        record["interactive"] = true
        #expect(try format("{{json .HostConfig.CapAdd}} {{json .HostConfig.CapDrop}} {{json .HostConfig.SecurityOpt}}", record)
            == #"["CAP_NET_ADMIN"] ["ALL"] ["seccomp=unconfined","no-new-privileges"]"#)
        #expect(try format("{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.AutoRemove}} {{.HostConfig.Privileged}}", record) == "true true false")
        #expect(try format("{{.Config.AttachStdin}} {{.Config.AttachStdout}} {{.Config.OpenStdin}} {{.Config.StdinOnce}} [{{.LogPath}}]", record, hasLog: false)
            == "true true true true []")
    }

    @Test("--init stays out of Path and Args, as docker-init does; an old record's whole command is its Cmd")
    func initAndOldRecords() throws {
        var record = Self.running
        record["argv"] = ["/sbin/docker-init", "--", "sleep", "100"]
        record["initBinary"] = "/usr/libexec/dockyard-init"
        record["requested"] = nil
        #expect(try format("{{.Path}} {{json .Args}} {{json .Config.Cmd}} {{.HostConfig.Init}}", record)
            == #"sleep ["100"] ["sleep","100"] true"#)
        #expect(try format("{{json .Config.Env}} {{.Config.WorkingDir}}", record)
            == #"["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","HOME=/root"] /"#)
    }

    @Test("printed as the docker CLI prints it: Docker's key order, four spaces, [] and {} for empty ones")
    func dockerLayout() throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let record = try decoder.decode(ContainerRecord.self, from: try JSONSerialization.data(withJSONObject: Self.running))
        let container = ContainerInspection(record, context: .init(root: Self.root))
        let text = try InspectCommand.render([.container(container)])
        #expect(text.hasPrefix("[\n    {\n        \"Id\": \"\(Self.id)\",\n        \"Created\": \"2026-12-06T18:06:17Z\",\n        \"Path\": \"sleep\",\n        \"Args\": [\n            \"100\"\n        ],\n        \"State\": {\n            \"Status\": \"running\","), "\(text.prefix(300))")
        #expect(text.contains("\"Mounts\": [],\n") && text.contains("\"Labels\": {}\n"))
        let order = ["Id", "State", "Name", "HostConfig", "GraphDriver", "Mounts", "Config", "NetworkSettings", "Dockyard"]
            .compactMap { text.range(of: "\n        \"\($0)\": ")?.lowerBound }
        #expect(order.count == 9 && order == order.sorted())
        #expect(text.hasSuffix("    }\n]"))
    }

    @Test("strings are quoted as Go quotes them: <, > and & escaped, control characters as \\u")
    func goEscapes() {
        #expect(DockerJSON.quoted("a && b <c> \"d\" \\ \n\u{1}é") == #""a \u0026\u0026 b \u003cc\u003e \"d\" \\ \n\u0001é""#)
        #expect(DockerJSON.render([]) == "[]")
        var object: JSONObject = ["A": 1, "C": 3]
        object.insert("B", 2, after: "A")
        object["A"] = "one"
        #expect(DockerJSON.render([.object(object)]) == "[\n    {\n        \"A\": \"one\",\n        \"B\": 2,\n        \"C\": 3\n    }\n]")
    }

    @Test("Docker's time: RFC 3339 in UTC, the fraction without trailing zeros, and Go's zero time for none")
    func times() {
        #expect(DockerTime.string(nil) == "0001-01-01T00:00:00Z")
        #expect(DockerTime.string(Date(timeIntervalSince1970: 1_700_000_000)) == "2023-11-14T22:13:20Z")
        #expect(DockerTime.string(Date(timeIntervalSince1970: 1_700_000_000.25)) == "2023-11-14T22:13:20.25Z")
    }

    @Test("RequestedProcess follows Docker: --entrypoint drops CMD, -e comes before the image's ENV it replaces")
    func requestedProcess() {
        let image = RunnableImage(reference: "app", id: "sha256:1", lowerdirs: [], environment: ["PATH=/bin", "MODE=prod"],
                                  entrypoint: ["/entry"], command: ["serve"], workingDirectory: "/app", user: "",
                                  exposedPorts: ["80/tcp"])
        var request = RunRequest(image: image, environment: ["MODE=dev", "FROM_HOST", "UNSET"])
        request.publishedPorts = [PortMapping(hostPort: 8443, containerPort: 443)]
        let plain = RequestedProcess(request, hostEnvironment: ["FROM_HOST": "1"])
        #expect(plain == RequestedProcess(entrypoint: ["/entry"], cmd: ["serve"], env: ["MODE=dev", "FROM_HOST=1", "PATH=/bin"],
                                          workingDir: "/app", exposedPorts: ["80/tcp", "443/tcp"]))
        request.entrypoint = "sh"
        let replaced = RequestedProcess(request, hostEnvironment: [:])
        #expect(replaced.entrypoint == ["sh"] && replaced.cmd == [])
        request.command = ["-c", "true"]
        #expect(RequestedProcess(request, hostEnvironment: [:]).cmd == ["-c", "true"])
    }
}
