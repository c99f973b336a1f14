import FoundationEssentials
import Testing
@testable import ContainerRuntime
@testable import OCI

/// `ContainerStore.load` reads a record with `JSONNodeDecoder` before `JSONDecoder`: for every
/// record shape the two must give the same record (so `ps -a` and `inspect` print the same bytes),
/// and the fast reader must decline what it cannot vouch for rather than guess.
struct RecordFastReadTests {
    static func reference(_ json: String) throws -> ContainerRecord {
        try RecordJSONTextTests.record(json)
    }

    static func expectSameRecord(_ json: String, _ comment: Comment) throws {
        let reference = try reference(json)
        let fast = try #require(JSONNodeDecoder.decode(ContainerRecord.self, from: Array(json.utf8)), comment)
        #expect(fast == reference, comment)
    }

    @Test("the compatibility fixtures (a bridged running record, an exited one) read as JSONDecoder reads them")
    func fixtures() throws {
        try Self.expectSameRecord(RecordCompatibilityTests.running, "running, with a network attachment")
        try Self.expectSameRecord(RecordCompatibilityTests.exited, "exited")
    }

    @Test("records in every state and with every unusual configuration shape read as JSONDecoder reads them")
    func shapes() throws {
        var record = try RecordJSONTextTests.exited()
        for state in [ContainerState.created,
                      .running(RunningProcess(pid: 42, startTime: 249_604, startedAt: Date(timeIntervalSince1970: 1_765_044_377))),
                      .paused(RunningProcess(pid: 9, startTime: nil, startedAt: Date(timeIntervalSince1970: 951_782_400))),
                      .exited(ProcessExit(code: -1, oomKilled: true, startedAt: nil, finishedAt: Date(timeIntervalSince1970: 4_107_542_400)))] {
            record.state = state
            record.stopRequested.toggle()
            record.restartCount += 1
            try Self.expectSameRecord(try ContainerStore.encoded(record), "\(state)")
        }
        let unusual: [[(String, String)]] = [
            [(#""limits" : {"#, #""limits" : { "cpus" : 0.5, "memoryBytes" : 67108864"#)],
            [(#""no" : {"#, #""onFailure" : { "maximum" : 3"#)],
            [(#""HOME=\/root""#, #""HOME=\/root", "NAME=Zoë", "TAB=a\tb", "Q=\"\u00e9\"""#)],
            [(#""autoRemove" : false"#, #""autoRemove" : false, "publishedPorts" : [{"hostPort" : 8080, "containerPort" : 80, "proto" : "tcp"}]"#)],
            [(#""autoRemove" : false"#, #""autoRemove" : true, "groupAdd" : ["wheel", "10"], "readOnlyRootfs" : true, "userNamespace" : true, "stopSignal" : 10, "stopTimeout" : 3"#)],
            [(#""autoRemove" : false"#, #""autoRemove" : false, "requested" : { "entrypoint" : ["\/bin\/sh", "-c"], "cmd" : ["echo hi"], "env" : ["A=1"], "workingDir" : "\/srv", "exposedPorts" : ["80\/tcp"] }"#)],
        ]
        for changes in unusual {
            var json = RecordCompatibilityTests.exited
            for (old, new) in changes { json = json.replacing(old, with: new) }
            try Self.expectSameRecord(json, "\(changes)")
            try Self.expectSameRecord(try ContainerStore.encoded(try Self.reference(json)), "re-encoded \(changes)")
        }
    }

    @Test("what it cannot vouch for is declined, and load still answers as JSONDecoder does")
    func declines() throws {
        let fractional = RecordCompatibilityTests.exited.replacing(#"Z""#, with: #".5Z""#)
        #expect(JSONNodeDecoder.decode(ContainerRecord.self, from: Array(fractional.utf8)) == nil)
        let floatPid = RecordCompatibilityTests.exited.replacing(#""exitCode" : 0"#, with: #""exitCode" : 1.0"#)
        #expect(JSONNodeDecoder.decode(ContainerRecord.self, from: Array(floatPid.utf8)) == nil)
        let unknown = RecordCompatibilityTests.exited.replacing(#""status" : "exited""#, with: #""status" : "gone""#)
        #expect(JSONNodeDecoder.decode(ContainerRecord.self, from: Array(unknown.utf8)) == nil)
        #expect((try? Self.reference(unknown)) == nil, "JSONDecoder refuses it too")
    }

    @Test("ISO 8601 dates as .iso8601 writes them, and nothing else")
    func dates() throws {
        for seconds in [0, 951_782_400, 1_709_164_800, 1_765_044_377, 4_107_542_400, -86_400] {
            let date = Date(timeIntervalSince1970: Double(seconds))
            let text = date.formatted(.iso8601)
            #expect(NodeDecoder.date(text) == date, "\(text)")
        }
        for text in ["2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00:00+01:00",
                     "2026-01-01 00:00:00Z", "2026-01-01T00:00:00.5Z"] {
            #expect(NodeDecoder.date(text) == nil, "\(text)")
        }
    }
}
