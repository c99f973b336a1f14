import FoundationEssentials
import Testing
@testable import ContainerRuntime

/// `ContainerRecord.plainJSONText` writes the usual record by hand: byte for byte what
/// `JSONEncoder` writes, and nil (so the encoder writes it) for every shape it does not handle.
struct RecordJSONTextTests {
    static func record(_ json: String) throws -> ContainerRecord {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(ContainerRecord.self, from: Data(json.utf8))
    }

    /// The exited fixture of RecordCompatibilityTests, with `replacing` applied to its text.
    static func exited(replacing changes: [(String, String)] = []) throws -> ContainerRecord {
        var json = RecordCompatibilityTests.exited
        for (old, new) in changes { json = json.replacing(old, with: new) }
        return try record(json)
    }

    static func expectSameBytes(_ record: ContainerRecord, _ comment: Comment) throws {
        let plain = try #require(record.plainJSONText, comment)
        #expect(plain == (try ContainerStore.encoded(record)), comment)
    }

    @Test("the usual records, in each state, are written exactly as JSONEncoder writes them")
    func sameBytes() throws {
        try Self.expectSameBytes(try Self.exited(), "exited fixture")
        var record = try Self.exited()
        let fractional = Date(timeIntervalSince1970: 1_765_044_377.999_9)
        for state in [ContainerState.created,
                      .running(RunningProcess(pid: 42, startTime: 249_604, startedAt: fractional)),
                      .running(RunningProcess(pid: 7, startTime: nil, startedAt: Date(timeIntervalSince1970: 0.5))),
                      .paused(RunningProcess(pid: 9, startTime: 1, startedAt: Date())),
                      .exited(ProcessExit(code: 137, oomKilled: true, startedAt: nil, finishedAt: fractional)),
                      .exited(ProcessExit(code: -1, oomKilled: false, startedAt: Date(), finishedAt: Date()))] {
            record.state = state
            try Self.expectSameBytes(record, "\(state)")
        }
        record.stopRequested = true
        record.restartCount = 3
        record.cgroupPaths = []
        try Self.expectSameBytes(record, "stop requested, restarted, no cgroups")
        record.state = .created
        record.creatingRun = CreatingRun(pid: 4242, startTime: 249_604)
        try Self.expectSameBytes(record, "created by a run --rm")
        let (store, directory) = try RecordCompatibilityTests().store(with: try #require(record.plainJSONText))
        defer { withExtendedLifetime(directory) {} }
        #expect(try store.load(record.id).creatingRun == record.creatingRun, "and read back by the store's reader")
    }

    @Test("every optional configuration key a usual run can set is written as the encoder writes it")
    func optionalKeys() throws {
        let record = try Self.exited(replacing: [
            (#""autoRemove" : false"#, #""autoRemove" : true, "groupAdd" : ["wheel", "10"], "readOnlyRootfs" : true, "userNamespace" : true, "initBinary" : "\/x\/init", "stopSignal" : 10, "stopTimeout" : 3"#),
            (#""limits" : {"#, #""limits" : { "memoryBytes" : 67108864, "pids" : 20"#),
            (#""no" : {"#, #""always" : {"#),
            (#""network" : "bridge""#, #""network" : "my-net""#),
            (#""user" : """#, #""user" : "1000:\"odd\" \\ name""#),
            (#""groups" : ["#, #""groups" : [ ], "ignored" : ["#),
            (#""sleep","#, #""a\/b","#),
        ])
        try Self.expectSameBytes(record, "optional keys")

        // What the flags asked for, kept for inspect's Config (every run since inspect took
        // Docker's shape writes it).
        let requested = try Self.exited(replacing: [
            (#""autoRemove" : false"#, #""autoRemove" : false, "requested" : { "entrypoint" : ["\/bin\/sh", "-c"], "cmd" : ["echo hi"], "env" : ["A=1", "PATH=\/bin"], "workingDir" : "\/srv", "exposedPorts" : ["80\/tcp"] }"#),
        ])
        #expect(requested.config.requested?.cmd == ["echo hi"])
        try Self.expectSameBytes(requested, "requested process")
        let empty = try Self.exited(replacing: [
            (#""autoRemove" : false"#, #""autoRemove" : false, "requested" : { "entrypoint" : [], "cmd" : [], "env" : [], "workingDir" : "", "exposedPorts" : [] }"#),
        ])
        try Self.expectSameBytes(empty, "empty requested process")
    }

    @Test("shapes the hand-written text does not handle are left to JSONEncoder")
    func otherShapesFallBack() throws {
        let unusual: [[(String, String)]] = [
            [(#""limits" : {"#, #""limits" : { "cpus" : 0.5"#)],
            [(#""no" : {"#, #""onFailure" : { "maximum" : 3"#)],
            [(#""HOME=\/root""#, #""HOME=\/root", "NAME=Zoë""#)],
            [(#""HOME=\/root""#, #""HOME=\/root", "TAB=a\tb""#)],
            [(#""autoRemove" : false"#, #""autoRemove" : false, "publishedPorts" : [{"hostPort" : 8080, "containerPort" : 80, "proto" : "tcp"}]"#)],
        ]
        for changes in unusual {
            let record = try Self.exited(replacing: changes)
            #expect(record.plainJSONText == nil, "\(changes)")
        }
        var published = try Self.record(RecordCompatibilityTests.running)
        published.networkAttachment?.ports = [PortMapping(hostPort: 8080, containerPort: 80)]
        #expect(published.plainJSONText == nil, "an attachment with a published port")
        var joined = try Self.record(RecordCompatibilityTests.running)
        joined.extraAttachments = [try #require(joined.networkAttachment)]
        #expect(joined.plainJSONText == nil, "a second network (`network connect`)")
    }

    @Test("a bridge network's attachment without published ports is written as JSONEncoder writes it")
    func networkAttachment() throws {
        var running = try Self.record(RecordCompatibilityTests.running)
        #expect(running.networkAttachment != nil)
        try Self.expectSameBytes(running, "the running fixture, on the default bridge")
        running.networkAttachment?.namespace = "/run/user/1001/dockyard/netns"
        running.networkAttachment?.interface = "eth1"
        try Self.expectSameBytes(running, "rootless mode's shared namespace, a second interface name")
        running.state = .exited(ProcessExit(code: 0, oomKilled: false, startedAt: Date(), finishedAt: Date()))
        running.config.network = try #require(.init(rawValue: "my-net"))
        try Self.expectSameBytes(running, "exited, on a user network")
    }
}
