import ContainerRuntime
import Explain
import FoundationEssentials
import LinuxKernel
import Testing
import TestSupport

/// Records written by the previous version (one flat JSON object with `status`, `pid`, `exitCode`
/// beside the configuration) must still load, list, stop and remove; and what this version cannot
/// understand is an error that names the file. The fixtures are verbatim `config.json` files of a
/// container made with `dockyard run -d --name fixture busybox sleep 1`, while running and after it exited.
@Suite("Container records written by the previous version")
struct RecordCompatibilityTests {
    static let running = #"""
{
  "argv" : [
    "sleep",
    "1"
  ],
  "autoRemove" : false,
  "cgroupPaths" : [
    "\/sys\/fs\/cgroup\/memory\/dockyard\/e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4",
    "\/sys\/fs\/cgroup\/cpu\/dockyard\/e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4",
    "\/sys\/fs\/cgroup\/cpuacct\/dockyard\/e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4",
    "\/sys\/fs\/cgroup\/pids\/dockyard\/e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4",
    "\/sys\/fs\/cgroup\/freezer\/dockyard\/e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4",
    "\/sys\/fs\/cgroup\/devices\/dockyard\/e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4"
  ],
  "created" : "2026-12-06T18:06:17Z",
  "environment" : [
    "PATH=\/usr\/local\/sbin:\/usr\/local\/bin:\/usr\/sbin:\/usr\/bin:\/sbin:\/bin",
    "HOSTNAME=e4c5c2fc0bb4",
    "HOME=\/root"
  ],
  "gid" : 0,
  "groups" : [
    0,
    10
  ],
  "hostname" : "e4c5c2fc0bb4",
  "id" : {
    "full" : "e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4"
  },
  "image" : "busybox",
  "imageID" : "sha256:df493ad79e8fa0cbd125e0c811d07363dadf30619a03a97e166a42b01f65db2a",
  "interactive" : false,
  "limits" : {

  },
  "lowerdirs" : [
    "\/tmp\/fixroot\/layers\/8e4e07bee2e8b0b00e5b48f3b9738503758c8bc8e34db17cf37030c7da3d994b"
  ],
  "name" : "fixture",
  "network" : "bridge",
  "networkAttachment" : {
    "address" : "10.88.2.118\/16",
    "bridge" : "dockyard0",
    "gateway" : "10.88.0.1",
    "hostInterface" : "dye4c5c2fc0bb4",
    "network" : "bridge",
    "ports" : [

    ]
  },
  "oomKilled" : false,
  "pid" : 10382,
  "pidStartTime" : 249604,
  "restartPolicy" : {
    "no" : {

    }
  },
  "startedAt" : "2026-12-06T18:06:17Z",
  "status" : "running",
  "tty" : false,
  "uid" : 0,
  "user" : "",
  "workingDirectory" : "\/"
}
"""#

    static let exited = #"""
{
  "argv" : [
    "sleep",
    "1"
  ],
  "autoRemove" : false,
  "cgroupPaths" : [
    "\/sys\/fs\/cgroup\/memory\/dockyard\/e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4",
    "\/sys\/fs\/cgroup\/cpu\/dockyard\/e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4",
    "\/sys\/fs\/cgroup\/cpuacct\/dockyard\/e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4",
    "\/sys\/fs\/cgroup\/pids\/dockyard\/e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4",
    "\/sys\/fs\/cgroup\/freezer\/dockyard\/e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4",
    "\/sys\/fs\/cgroup\/devices\/dockyard\/e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4"
  ],
  "created" : "2026-12-06T18:06:17Z",
  "environment" : [
    "PATH=\/usr\/local\/sbin:\/usr\/local\/bin:\/usr\/sbin:\/usr\/bin:\/sbin:\/bin",
    "HOSTNAME=e4c5c2fc0bb4",
    "HOME=\/root"
  ],
  "exitCode" : 0,
  "finishedAt" : "2026-12-06T18:06:18Z",
  "gid" : 0,
  "groups" : [
    0,
    10
  ],
  "hostname" : "e4c5c2fc0bb4",
  "id" : {
    "full" : "e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4"
  },
  "image" : "busybox",
  "imageID" : "sha256:df493ad79e8fa0cbd125e0c811d07363dadf30619a03a97e166a42b01f65db2a",
  "interactive" : false,
  "limits" : {

  },
  "lowerdirs" : [
    "\/tmp\/fixroot\/layers\/8e4e07bee2e8b0b00e5b48f3b9738503758c8bc8e34db17cf37030c7da3d994b"
  ],
  "name" : "fixture",
  "network" : "bridge",
  "oomKilled" : false,
  "pidStartTime" : 249604,
  "restartPolicy" : {
    "no" : {

    }
  },
  "startedAt" : "2026-12-06T18:06:17Z",
  "status" : "exited",
  "tty" : false,
  "uid" : 0,
  "user" : "",
  "workingDirectory" : "\/"
}
"""#

    static let id = ContainerID(full: "e4c5c2fc0bb42b6b06fbb5abc300d0d8c681b127c44dc45eb85b94288fbef9c4")

    /// A storage root holding one container directory with `json` as its record.
    func store(with json: String) throws -> (ContainerStore, TemporaryDirectory) {
        let directory = try TemporaryDirectory(prefix: "records")
        let store = ContainerStore(root: directory.path)
        try FileManager.default.createDirectory(atPath: store.paths(for: Self.id).directory, withIntermediateDirectories: true)
        try FileWriting.write(json, to: store.paths(for: Self.id).record)
        return (store, directory)
    }

    @Test("a running container's old record loads as running, with its pid, start time and network attachment")
    func runningRecord() throws {
        let (store, directory) = try store(with: Self.running)
        let record = try store.load(Self.id)
        _ = directory
        #expect(record.name == "fixture")
        #expect(record.state == .running(RunningProcess(pid: 10382, startTime: 249604,
                                                        startedAt: try #require(record.state.process?.startedAt))))
        #expect(record.config.network == .bridge)
        #expect(record.config.argv == ["sleep", "1"])
        #expect(record.config.groups == [0, 10])
        #expect(record.networkAttachment?.hostInterface == "dye4c5c2fc0bb4")
        #expect(!record.stopRequested && record.restartCount == 0)
        #expect(record.creatingRun == nil, "a record from before creatingRun existed names no run")
    }

    @Test("an exited container's old record loads as exited with its code, and is written back the same but for its stale pid start time")
    func exitedRecordRoundTrips() throws {
        let (store, directory) = try store(with: Self.exited)
        _ = directory
        let record = try store.load(Self.id)
        #expect(record.state.exit?.code == 0)
        #expect(record.state.exit?.oomKilled == false)
        #expect(record.state.exit?.startedAt != nil)
        #expect(record.networkAttachment == nil)
        try store.save(record)
        let written = try String(contentsOfFile: store.paths(for: Self.id).record, encoding: .utf8)
        // The previous version left the dead process's start time behind; an exited state has none.
        #expect(written == Self.exited.replacingOccurrences(of: "  \"pidStartTime\" : 249604,\n", with: ""))
    }

    @Test("a running record is written back byte for byte too")
    func runningRecordRoundTrips() throws {
        let (store, directory) = try store(with: Self.running)
        _ = directory
        try store.save(try store.load(Self.id))
        #expect(try String(contentsOfFile: store.paths(for: Self.id).record, encoding: .utf8) == Self.running)
    }

    @Test("an old exited record is listed, found by name, stopped (nothing to do) and removed")
    func listStopRemove() throws {
        let (store, directory) = try store(with: Self.exited)
        _ = directory
        #expect(store.all().map(\.id) == [Self.id])
        let lifecycle = ContainerLifecycle(runner: ContainerRunner(store: store, kernel: LiveKernel(events: DiscardingSink())))
        #expect(try lifecycle.find("fixture").id == Self.id)
        #expect(try lifecycle.stop("fixture").state.exit?.code == 0)
        try lifecycle.remove("fixture", force: false)
        #expect(store.all().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: store.paths(for: Self.id).directory))
    }

    @Test("dockyard itself lists the old container with ps -a, stops it and removes it")
    func throughTheBinary() throws {
        let (store, directory) = try store(with: Self.exited)
        _ = directory
        let dockyard = DockyardProcess(root: store.root)
        let listed = try dockyard.run(["ps", "-a"])
        #expect(listed.status == 0 && listed.stderr.isEmpty, "\(listed.stderr)")
        #expect(listed.stdout.contains("e4c5c2fc0bb4") && listed.stdout.contains("Exited (0)") && listed.stdout.contains("fixture"))
        #expect(try dockyard.run(["stop", "fixture"]).stdout == "fixture\n")
        #expect(try dockyard.run(["rm", "fixture"]).stdout == "fixture\n")
        #expect(try dockyard.run(["ps", "-a", "-q"]).stdout.isEmpty)
    }

    @Test("an unknown status, an unknown network, or running without a pid is an error naming the file",
          arguments: [
              (#""status" : "exited""#, #""status" : "dead""#, "status"),
              (#""network" : "bridge""#, #""network" : "no such network!""#, "network"),
              (#""pid" : 10382,"#, "", "pid"),
          ])
    func unknownValuesAreErrors(original: String, replacement: String, key: String) throws {
        let json = (key == "pid" ? Self.running : Self.exited).replacingOccurrences(of: original, with: replacement)
        #expect(json != (key == "pid" ? Self.running : Self.exited))
        let (store, directory) = try store(with: json)
        _ = directory
        let error = try #require(throws: RuntimeError.self) { try store.load(Self.id) }
        #expect(error.message.contains(store.paths(for: Self.id).record), "\(error)")
        #expect(error.message.contains(key), "\(error)")
        #expect(store.all().isEmpty)
        #expect(store.listing().unreadable.map(\.id) == [Self.id])
        #expect(throws: error) { try store.find(Self.id.full) }
    }
}
