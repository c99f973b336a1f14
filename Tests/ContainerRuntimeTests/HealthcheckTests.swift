@testable import ContainerRuntime
import FoundationEssentials
import Testing
import TestSupport

/// Docker's healthcheck rules without a container: the state machine of `handleProbeResult`,
/// the merge of `run --health-*` over the image's HEALTHCHECK, and the probe's command.
struct HealthcheckTests {
    static func probe(_ exitCode: Int, _ output: String = "") -> ContainerHealth.Probe {
        ContainerHealth.Probe(start: "2026-12-07T00:00:00.000000000Z", end: "2026-12-07T00:00:00.100000000Z",
                              exitCode: exitCode, output: output)
    }

    @Test("a passing probe makes a starting container healthy and clears the failing streak")
    func passMakesHealthy() {
        var health = ContainerHealth.starting
        health.record(Self.probe(1), sinceStart: 5, check: Healthcheck(retries: 3))
        #expect(health.status == .starting && health.failingStreak == 1)
        health.record(Self.probe(0), sinceStart: 6, check: Healthcheck(retries: 3))
        #expect(health == ContainerHealth(status: .healthy, failingStreak: 0, log: [Self.probe(1), Self.probe(0)]))
    }

    @Test("only the retries-th failure in a row makes it unhealthy; Docker's default is 3")
    func retriesThenUnhealthy() {
        var health = ContainerHealth.starting
        for streak in 1...2 {
            health.record(Self.probe(1), sinceStart: Double(streak), check: Healthcheck())
            #expect(health.status == .starting && health.failingStreak == streak)
        }
        health.record(Self.probe(1), sinceStart: 3, check: Healthcheck())
        #expect(health.status == .unhealthy && health.failingStreak == 3)
        health.record(Self.probe(0), sinceStart: 4, check: Healthcheck())
        #expect(health.status == .healthy && health.failingStreak == 0)
    }

    @Test("a healthy container turns unhealthy after retries failures, any non-zero status or a timeout counting")
    func healthyToUnhealthy() {
        var health = ContainerHealth(status: .healthy, failingStreak: 0, log: [])
        let check = Healthcheck(retries: 2)
        health.record(Self.probe(-1, "Health check exceeded timeout (1s)"), sinceStart: 100, check: check)
        #expect(health.status == .healthy && health.failingStreak == 1)
        health.record(Self.probe(7), sinceStart: 101, check: check)
        #expect(health.status == .unhealthy && health.failingStreak == 2)
    }

    @Test("failures within the start period do not count while the container is starting")
    func startPeriod() {
        var health = ContainerHealth.starting
        let check = Healthcheck(startPeriod: 10_000_000_000, retries: 1)
        health.record(Self.probe(1), sinceStart: 9.9, check: check)
        #expect(health.status == .starting && health.failingStreak == 0)
        health.record(Self.probe(1), sinceStart: 10.1, check: check)
        #expect(health.status == .unhealthy && health.failingStreak == 1)
        // Once it was healthy, the start period no longer shields a failure.
        var healthy = ContainerHealth(status: .healthy, failingStreak: 0, log: [])
        healthy.record(Self.probe(1), sinceStart: 1, check: check)
        #expect(healthy.status == .unhealthy)
    }

    @Test("the log keeps the last five probes, oldest first")
    func keepsFive() {
        var health = ContainerHealth.starting
        for code in 0..<8 { health.record(Self.probe(code), sinceStart: 1, check: Healthcheck()) }
        #expect(health.log.map(\.exitCode) == [3, 4, 5, 6, 7])
    }

    @Test("ps's words: health: starting, healthy, unhealthy")
    func summary() {
        #expect(ContainerHealth.starting.summary == "health: starting")
        #expect(ContainerHealth(status: .healthy, failingStreak: 0, log: []).summary == "healthy")
        #expect(ContainerHealth(status: .unhealthy, failingStreak: 3, log: []).summary == "unhealthy")
    }

    @Test("run's flags override the image's HEALTHCHECK field by field; what they leave zero comes from the image")
    func merge() {
        let image = Healthcheck(test: ["CMD", "check"], interval: 5, timeout: 6, startPeriod: 7, retries: 8)
        #expect(Healthcheck(interval: 1).merged(over: image) == Healthcheck(test: ["CMD", "check"], interval: 1, timeout: 6, startPeriod: 7, retries: 8))
        #expect(Healthcheck(test: ["CMD-SHELL", "x"], retries: 2).merged(over: image).test == ["CMD-SHELL", "x"])
        #expect(Healthcheck(interval: 1).merged(over: nil) == Healthcheck(interval: 1))
        #expect(Healthcheck.disabled.merged(over: image).probeCommand == nil)
    }

    @Test("the probe: exec form as written, shell form through /bin/sh -c, NONE and an empty test run nothing")
    func probeCommand() {
        #expect(Healthcheck(test: ["CMD", "cat", "/ok"]).probeCommand == ["cat", "/ok"])
        #expect(Healthcheck(test: ["CMD-SHELL", "test -f /ok"]).probeCommand == ["/bin/sh", "-c", "test -f /ok"])
        #expect(Healthcheck(test: ["NONE"]).probeCommand == nil)
        #expect(Healthcheck().probeCommand == nil)
        #expect(Healthcheck(test: ["CMD"]).probeCommand == nil)
    }

    @Test("a timeout is worded as Docker's Go duration")
    func goDuration() {
        #expect(HealthMonitor.goDuration(30) == "30s")
        #expect(HealthMonitor.goDuration(0.3) == "300ms")
        #expect(HealthMonitor.goDuration(90) == "1m30s")
        #expect(HealthMonitor.goDuration(1.5) == "1.5s")
        #expect(HealthMonitor.goDuration(3600) == "1h0m0s")
    }

    @Test("health.json is Docker's State.Health shape and reads back")
    func roundTrip() throws {
        let directory = try TemporaryDirectory(prefix: "health")
        let paths = ContainerPaths(root: directory.path, id: ContainerID.random())
        try FileManager.default.createDirectory(atPath: paths.directory, withIntermediateDirectories: true)
        let health = ContainerHealth(status: .unhealthy, failingStreak: 2, log: [Self.probe(1, "no\n")])
        try health.save(paths)
        #expect(ContainerHealth.load(paths) == health)
        let text = try String(contentsOfFile: ContainerHealth.path(paths), encoding: .utf8)
        #expect(text == #"{"FailingStreak":2,"Log":[{"End":"2026-12-07T00:00:00.100000000Z","ExitCode":1,"Output":"no\n","Start":"2026-12-07T00:00:00.000000000Z"}],"Status":"unhealthy"}"#)
    }
}
