import Foundation
import Testing
import TestSupport

/// `run`'s Docker flags, each proved with the real kernel: what the process inside sees (its
/// /etc files, /proc/self/limits, /proc/sys, /dev/shm's size), what the container's cgroup
/// files hold, and what `inspect` shows in Docker's shape.
@Suite("run's Docker flags, end to end", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct RunFlagsTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "run-flags")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    /// `run --rm --network none FLAGS busybox sh -c SCRIPT`'s output, which must succeed.
    func output(_ flags: [String], _ script: String) throws -> String {
        let result = try dockyard.run(["run", "--rm", "--network", "none"] + flags + ["busybox", "sh", "-c", script])
        #expect(result.status == 0, "\(flags): \(result.stderr)")
        return result.stdout
    }

    func inspect(_ name: String, _ template: String) throws -> String {
        try dockyard.run(["inspect", "--format", template, name]).stdout.trimmingCharacters(in: .newlines)
    }

    @Test("--env-file lines come before -e; labels, --expose and --cidfile show in inspect's Config and HostConfig")
    func metadata() throws {
        let envFile = directory.appending("env.list"), labelFile = directory.appending("labels"), cid = directory.appending("cid")
        try "# a comment\n\nA=from-file\nB=b\n".write(toFile: envFile, atomically: true, encoding: .utf8)
        try "team=core\nrole\n".write(toFile: labelFile, atomically: true, encoding: .utf8)
        let run = try dockyard.run(["run", "--name", "meta", "--network", "none", "--env-file", envFile, "-e", "A=flag",
                                    "-l", "tier=web", "--label-file", labelFile, "--expose", "8000-8001/udp", "--cidfile", cid,
                                    "busybox", "sh", "-c", "echo $A $B"])
        #expect(run.stdout == "flag b\n", "\(run.stderr)")
        defer { _ = try? dockyard.run(["rm", "meta"]) }
        let id = try String(contentsOfFile: cid, encoding: .utf8)
        let inspected = try inspect("meta", "{{.Id}}")
        #expect(id.count == 64 && id == inspected)
        #expect(try inspect("meta", "{{json .Config.Labels}}") == #"{"role":"","team":"core","tier":"web"}"#)
        #expect(try inspect("meta", "{{json .Config.ExposedPorts}}") == #"{"8000/udp":{},"8001/udp":{}}"#)
        #expect(try inspect("meta", "{{.HostConfig.ContainerIDFile}}") == cid)
        let again = try dockyard.run(["run", "--rm", "--cidfile", cid, "busybox", "true"])
        #expect(again.status == 125 && again.stderr.contains("container ID file found"), "\(again.stderr)")
        // The image's labels come first, and -l wins over them.
        try "FROM busybox\nLABEL from=image over=image\n".write(toFile: directory.appending("Dockerfile"), atomically: true, encoding: .utf8)
        #expect(try dockyard.run(["build", "-q", "-t", "labelled", directory.path]).status == 0)
        #expect(try dockyard.run(["run", "--name", "labels", "--network", "none", "-l", "over=flag", "labelled", "true"]).status == 0)
        #expect(try inspect("labels", "{{json .Config.Labels}}") == #"{"from":"image","over":"flag"}"#)
        let missing = try dockyard.run(["run", "--rm", "--env-file", directory.appending("nope"), "busybox", "true"])
        #expect(missing.status == 125 && missing.stderr.contains("no such file or directory"), "\(missing.stderr)")
    }

    @Test("--add-host, host-gateway, --dns and --dns-search are written into the container's /etc/hosts and resolv.conf")
    func nameResolution() throws {
        let text = try dockyard.run(["run", "--rm", "--name", "names", "--add-host", "db:10.1.2.3", "--add-host", "gw:host-gateway",
                                     "--dns", "9.9.9.9", "--dns-search", "example.com", "busybox",
                                     "sh", "-c", "cat /etc/hosts /etc/resolv.conf; ip route | grep default"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("10.1.2.3\tdb\n"))
        let gateway = try #require(text.stdout.split(separator: "\n").last?.split(separator: " ").dropFirst(2).first)
        #expect(text.stdout.contains("\(gateway)\tgw\n"), "host-gateway is the bridge's address: \(text.stdout)")
        #expect(text.stdout.contains("search example.com\nnameserver 9.9.9.9\n"))
        #expect(!text.stdout.contains("nameserver 9.9.9.9\nnameserver"), "the host's servers are replaced")
        let refused = try dockyard.run(["run", "--rm", "--add-host", "nocolon", "busybox", "true"])
        #expect(refused.status == 125 && refused.stderr.contains("bad format for add-host: \"nocolon\""))
        // A value cannot smuggle a line of its own into either file.
        for flags in [["--dns-search", "example.com\nnameserver 6.6.6.6"], ["--add-host", "a\nb:1.2.3.4"]] {
            let injected = try dockyard.run(["run", "--rm"] + flags + ["busybox", "cat", "/etc/resolv.conf"])
            #expect(injected.status == 125 && !injected.stdout.contains("6.6.6.6"), "\(flags): \(injected)")
        }
    }

    @Test("--ulimit is set before the user changes, so a non-root process and exec see it in /proc/self/limits")
    func ulimits() throws {
        let limits = try output(["--ulimit", "nofile=1024:2048", "--ulimit", "nproc=64", "-u", "nobody"],
                                "grep -E 'open files|processes' /proc/self/limits; ulimit -n")
        #expect(limits.contains(#/Max processes\s+64\s+64\s+processes/#))
        #expect(limits.contains(#/Max open files\s+1024\s+2048\s+files/#))
        #expect(limits.hasSuffix("1024\n"))
        #expect(try dockyard.run(["run", "-d", "--name", "lim", "--network", "none", "--ulimit", "nofile=512:4096",
                                  "busybox", "sleep", "30"]).status == 0)
        defer { _ = try? dockyard.run(["rm", "-f", "lim"]) }
        let exec = try dockyard.run(["exec", "lim", "grep", "open files", "/proc/self/limits"])
        #expect(exec.stdout.contains(#/Max open files\s+512\s+4096/#), "\(exec.stdout)")
        #expect(try inspect("lim", "{{json .HostConfig.Ulimits}}") == #"[{"Hard":4096,"Name":"nofile","Soft":512}]"#)
        let refused = try dockyard.run(["run", "--rm", "--ulimit", "nofile=2048:1024", "busybox", "true"])
        #expect(refused.status == 125 && refused.stderr.contains("soft limit must be less than or equal to hard limit"))
        // Root inside lacks CAP_SYS_RESOURCE: it can lower its soft limit but not raise the hard one.
        let inside = try output(["--ulimit", "nofile=100:200"], "ulimit -n 300 2>/dev/null && echo raised || echo kept; ulimit -Hn")
        #expect(inside == "kept\n200\n")
        // A limit beyond the kernel's (fs.nr_open) fails the start, naming the flag, and leaves nothing.
        let tooHigh = try dockyard.run(["run", "--rm", "--ulimit", "nofile=99999999999", "busybox", "true"])
        #expect(tooHigh.status == 125 && tooHigh.stderr.contains("--ulimit nofile"), "\(tooHigh.stderr)")
        #expect(try dockyard.run(["ps", "-a", "--format", "{{.Names}}"]).stdout == "lim\n", "only the running container is left")
    }

    @Test("--shm-size is the size of the container's /dev/shm tmpfs")
    func shmSize() throws {
        #expect(try output(["--shm-size", "2m"], "df -k /dev/shm | tail -1").contains(#/\s2048\s/#))
        #expect(try output([], "df -k /dev/shm | tail -1").contains(#/\s65536\s/#))
    }

    @Test("--sysctl sets the container's own network and IPC parameters, leaving the host's as they were")
    func sysctls() throws {
        let key = "/proc/sys/net/ipv4/ip_unprivileged_port_start"
        let host = try String(contentsOfFile: key, encoding: .utf8)
        let hostShm = try String(contentsOfFile: "/proc/sys/kernel/shmmni", encoding: .utf8)
        let inside = try output(["--sysctl", "net.ipv4.ip_unprivileged_port_start=80", "--sysctl", "kernel.shmmni=1000"],
                                "cat \(key) /proc/sys/kernel/shmmni")
        #expect(inside == "80\n1000\n")
        #expect(try String(contentsOfFile: key, encoding: .utf8) == host)
        #expect(try String(contentsOfFile: "/proc/sys/kernel/shmmni", encoding: .utf8) == hostShm)
        // From inside, /proc/sys stays read-only: the container cannot change them itself.
        #expect(try output([], "echo 90 > \(key) 2>/dev/null && echo wrote || echo refused") == "refused\n")
        for (flags, message) in [(["--sysctl", "kernel.panic=1"], "sysctl 'kernel.panic=1' is not allowed"),
                                 (["--network", "host", "--sysctl", "net.ipv4.ip_forward=1"], "not allowed in host network namespace")] {
            let refused = try dockyard.run(["run", "--rm"] + flags + ["busybox", "true"])
            #expect(refused.status == 125 && refused.stderr.contains(message), "\(refused.stderr)")
        }
        #expect(try dockyard.run(["ps", "-a", "-q"]).stdout.isEmpty, "a refused run left a container behind")
        // The id file is made before the container; a create that fails takes it away again.
        let cid = directory.appending("refused.cid")
        let refused = try dockyard.run(["run", "--rm", "--cidfile", cid, "--network", "host", "--sysctl", "net.ipv4.ip_forward=1",
                                        "busybox", "true"])
        #expect(refused.status == 125 && !FileManager.default.fileExists(atPath: cid), "\(refused.stderr)")
    }

    @Test("--explain tells each setting as the kernel object it is, and inspect's HostConfig keeps them in Docker's keys")
    func explainAndInspect() throws {
        let run = try dockyard.run(["run", "--name", "told", "--network", "none", "--explain", "--ulimit", "nofile=100:200",
                                    "--sysctl", "kernel.shmmni=1000", "--shm-size", "1m", "-c", "256", "--memory-reservation", "16m",
                                    "--add-host", "db:10.1.2.3", "--dns", "9.9.9.9", "--dns-search", "example.com", "busybox", "true"])
        #expect(run.status == 0, "\(run.stderr)")
        defer { _ = try? dockyard.run(["rm", "told"]) }
        for told in ["setrlimit(RLIMIT_NOFILE, soft 100, hard 200)", "write 1000 > /proc/sys/kernel/shmmni", "/cpu.shares",
                     "/memory.soft_limit_in_bytes", "size=1048576"] {
            #expect(run.stderr.contains(told), "--explain did not tell \(told)")
        }
        #expect(try inspect("told", "{{json .HostConfig.Sysctls}} {{.HostConfig.ShmSize}} {{json .HostConfig.ExtraHosts}} {{json .HostConfig.Dns}} {{json .HostConfig.DnsSearch}}")
                == #"{"kernel.shmmni":"1000"} 1048576 ["db:10.1.2.3"] ["9.9.9.9"] ["example.com"]"#)
    }

    @Test("--memory-swap, --memory-reservation, --oom-kill-disable, --cpu-shares and --cpuset-cpus are written to the v1 cgroup")
    func cgroupLimits() throws {
        let run = try dockyard.run(["run", "-d", "--name", "limits", "--network", "none", "-m", "64m", "--memory-swap", "96m",
                                    "--memory-reservation", "32m", "--oom-kill-disable", "-c", "512", "--cpuset-cpus", "0",
                                    "busybox", "sleep", "30"])
        #expect(run.status == 0, "\(run.stderr)")
        let id = run.stdout.trimmingCharacters(in: .newlines)
        func cgroup(_ controller: String, _ file: String) throws -> String {
            try String(contentsOfFile: "/sys/fs/cgroup/\(controller)/dockyard/\(id)/\(file)", encoding: .utf8)
        }
        #expect(try cgroup("memory", "memory.soft_limit_in_bytes") == "33554432\n")
        if FileManager.default.fileExists(atPath: "/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes") {
            #expect(try cgroup("memory", "memory.memsw.limit_in_bytes") == "100663296\n")
        }
        #expect(try cgroup("memory", "memory.oom_control").hasPrefix("oom_kill_disable 1\n"))
        #expect(try cgroup("cpu", "cpu.shares") == "512\n")
        #expect(try cgroup("cpuset", "cpuset.cpus") == "0\n")
        #expect(try dockyard.run(["exec", "limits", "sh", "-c", "grep Cpus_allowed_list /proc/self/status"]).stdout
                .contains(#/Cpus_allowed_list:\s+0\n/#))
        #expect(try inspect("limits", "{{.HostConfig.MemorySwap}} {{.HostConfig.MemoryReservation}} {{.HostConfig.OomKillDisable}} {{.HostConfig.CpuShares}} {{.HostConfig.CpusetCpus}}")
                == "100663296 33554432 true 512 0")
        #expect(try dockyard.run(["rm", "-f", "limits"]).status == 0)
        for controller in ["memory", "cpu", "cpuset"] {
            #expect(!FileManager.default.fileExists(atPath: "/sys/fs/cgroup/\(controller)/dockyard/\(id)"), "\(controller) left behind")
        }
        let refused = try dockyard.run(["run", "--rm", "--memory-swap", "32m", "-m", "64m", "busybox", "true"])
        #expect(refused.status == 125 && refused.stderr.contains("Minimum memoryswap limit should be larger than memory limit"))
    }

    @Test("--mount binds, mounts volumes and tmpfs with Docker's fields; volume-opt is refused, saying why")
    func mounts() throws {
        let data = directory.appending("data")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try "hello\n".write(toFile: data + "/greeting", atomically: true, encoding: .utf8)
        let text = try output(["--mount", "type=bind,source=\(data),target=/data,readonly", "--mount", "source=cache,target=/cache",
                               "--mount", "type=tmpfs,destination=/scratch,tmpfs-size=1m"],
                              "cat /data/greeting; touch /data/x 2>/dev/null || echo read-only; touch /cache/ok && echo volume; df -k /scratch | tail -1")
        #expect(text.hasPrefix("hello\nread-only\nvolume\n"), "\(text)")
        #expect(text.contains(#/\s1024\s/#), "\(text)")
        #expect(try dockyard.run(["volume", "ls", "-q"]).stdout.contains("cache"))
        // inspect lists --mount's as Docker does: in HostConfig.Mounts, not Binds; a tmpfs among Mounts.
        #expect(try dockyard.run(["run", "--name", "mounted", "--network", "none", "--mount", "type=bind,src=\(data),dst=/data,ro",
                                  "--mount", "type=tmpfs,dst=/scratch,tmpfs-size=1m", "-v", "\(data):/v", "busybox", "true"]).status == 0)
        defer { _ = try? dockyard.run(["rm", "mounted"]) }
        #expect(try inspect("mounted", "{{json .HostConfig.Binds}}") == "[\"\(data):/v\"]")
        #expect(try inspect("mounted", "{{json .HostConfig.Mounts}}")
                == #"[{"ReadOnly":true,"Source":"\#(data)","Target":"/data","Type":"bind"},{"Target":"/scratch","TmpfsOptions":{"SizeBytes":1048576},"Type":"tmpfs"}]"#)
        #expect(try inspect("mounted", "{{range .Mounts}}{{.Type}}:{{.Destination}} {{end}}") == "bind:/v bind:/data tmpfs:/scratch ")
        let refused = try dockyard.run(["run", "--rm", "--mount", "target=/x,volume-opt=type=nfs", "busybox", "true"])
        #expect(refused.status == 125 && refused.stderr.contains("volume-opt is not supported"), "\(refused.stderr)")
        let missing = try dockyard.run(["run", "--rm", "--mount", "type=bind,src=/nonexistent-dir,dst=/x", "busybox", "true"])
        #expect(missing.status == 125 && missing.stderr.contains("bind source path does not exist: /nonexistent-dir"))
    }

    @Test("-a stdout connects only the container's stdout; --platform takes only this host's")
    func attachAndPlatform() throws {
        let result = try dockyard.run(["run", "--rm", "-a", "stdout", "--platform", "linux/amd64", "busybox",
                                       "sh", "-c", "echo out; echo err >&2"])
        #expect(result.status == 0 && result.stdout == "out\n" && !result.stderr.contains("err"), "\(result)")
        let other = try dockyard.run(["run", "--rm", "--platform", "linux/arm64", "busybox", "true"])
        #expect(other.status == 125 && other.stderr.contains("--platform linux/arm64"), "\(other.stderr)")
    }

    @Test("Docker's own spellings run: attached values, clusters, --flag=value and booleans with values")
    func dockerSpellings() throws {
        let text = try output(["-eGREETING=hi", "-m64m", "-uroot", "-w/tmp", "--rm=true", "--init=false"], "echo $GREETING; pwd")
        #expect(text == "hi\n/tmp\n")
        #expect(try dockyard.run(["run", "-dit", "--name=spell", "--network=none", "busybox", "sleep", "30"]).status == 0)
        defer { _ = try? dockyard.run(["rm", "-f", "spell"]) }
        #expect(try inspect("spell", "{{.Config.Tty}} {{.Config.OpenStdin}}") == "true true")
        let exec = try dockyard.run(["exec", "-uroot", "-eX=1", "spell", "sh", "-c", "echo $X"])
        #expect(exec.stdout == "1\n", "\(exec)")
        // From Docker's reference for `run --env-file`, pasted with only the name of the program changed.
        let env = directory.appending("env.list")
        try "VAR1=value1\nVAR2=value2\nUSER\n".write(toFile: env, atomically: true, encoding: .utf8)
        let pasted = try dockyard.run(["run", "--rm", "--env", "VAR1=value2", "--env-file", env, "busybox", "env"])
        #expect(pasted.stdout.contains("VAR1=value2\n") && pasted.stdout.contains("VAR2=value2\n"), "\(pasted)")
    }

    @Test("a detached -i container's stdin stays open, as Docker's daemon holds it: run -dit busybox sh keeps its shell")
    func detachedInteractive() throws {
        for flags in [["-dit"], ["-di"]] {
            #expect(try dockyard.run(["run"] + flags + ["--name", "held", "--network", "none", "busybox", "sh"], input: "").status == 0)
            usleep(500_000)
            #expect(try inspect("held", "{{.State.Running}}") == "true", "\(flags): the shell saw end of file")
            #expect(try dockyard.run(["exec", "held", "echo", "in"]).stdout == "in\n")
            #expect(try dockyard.run(["rm", "-f", "held"]).status == 0)
        }
    }

    @Test("usage errors exit 1 and flag errors 125, as docker/cli's; -it without a terminal is refused")
    func statuses() throws {
        let cases: [([String], Int32, String)] = [
            (["run"], 1, "'dockyard run' requires at least 1 argument"),
            (["frobnicate"], 1, "unknown command: dockyard frobnicate"),
            (["exec", "box"], 1, "'dockyard exec' requires at least 2 arguments"),
            (["run", "--bogus", "busybox"], 125, "--bogus"),
            (["run", "--rm=maybe", "busybox"], 125, "strconv.ParseBool: parsing \"maybe\""),
            (["run", "--rm", "-it", "busybox", "true"], 1, "the input device is not a TTY"),
            (["run", "-d", "-a", "stdout", "busybox"], 1, "conflicting options: cannot specify both --attach and --detach"),
        ]
        for (arguments, status, message) in cases {
            let result = try dockyard.run(arguments, input: "")
            #expect(result.status == status && result.stderr.contains(message), "\(arguments): \(result.status) \(result.stderr)")
        }
        #expect(try dockyard.run(["ps", "-a", "-q"]).stdout.isEmpty)
    }
}
