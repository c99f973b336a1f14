import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Healthchecks end to end: `run --health-*` and the image's HEALTHCHECK, probed by the
/// container's monitor, seen through `ps`, `inspect` and a script that waits for healthy.
@Suite("Healthchecks in real detached containers", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct HealthcheckRunTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "health")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    func healthOf(_ name: String) throws -> [String: Any] {
        let text = try dockyard.run(["inspect", "-f", "{{json .State.Health}}", name]).stdout
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    func status(_ name: String) throws -> String {
        try dockyard.run(["inspect", "-f", "{{.State.Health.Status}}", name]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a check that passes once the service is up: health: starting, then healthy in ps and inspect, with the probes logged")
    func becomesHealthy() throws {
        defer { _ = try? dockyard.run(["rm", "-f", "web"]) }
        let started = try dockyard.run(["run", "-d", "--name", "web", "--health-cmd", "test -f /tmp/up && echo ok",
                                        "--health-interval", "200ms", "busybox", "sh", "-c", "sleep 1; touch /tmp/up; sleep 60"])
        #expect(started.status == 0, "\(started.stderr)")
        #expect(try dockyard.run(["ps"]).stdout.contains("(health: starting)"))
        #expect(try status("web") == "starting")
        #expect(try Polling.until { try status("web") == "healthy" })
        #expect(try dockyard.run(["ps"]).stdout.range(of: #"Up [^\n]* \(healthy\)"#, options: .regularExpression) != nil)
        let health = try healthOf("web")
        #expect(health["FailingStreak"] as? Int == 0)
        let log = try #require(health["Log"] as? [[String: Any]])
        #expect(!log.isEmpty && log.count <= 5)
        let last = try #require(log.last)
        #expect(last["ExitCode"] as? Int == 0 && last["Output"] as? String == "ok\n")
        #expect((last["Start"] as? String)?.hasSuffix("Z") == true && (last["End"] as? String)?.hasSuffix("Z") == true)
        let config = try dockyard.run(["inspect", "-f", "{{json .Config.Healthcheck}}", "web"]).stdout
        #expect(config.contains(#""Test":["CMD-SHELL","test -f /tmp/up && echo ok"]"#) && config.contains(#""Interval":200000000"#))
    }

    @Test("a check that fails stays starting until the retries-th failure, then the container is unhealthy")
    func becomesUnhealthy() throws {
        defer { _ = try? dockyard.run(["rm", "-f", "sick"]) }
        let started = try dockyard.run(["run", "-d", "--name", "sick", "--health-cmd", "echo broken; exit 3",
                                        "--health-interval", "300ms", "--health-retries", "3", "busybox", "sleep", "60"])
        #expect(started.status == 0, "\(started.stderr)")
        var streaks: [Int: String] = [:]
        #expect(try Polling.until {
            let now = try healthOf("sick")
            if let streak = now["FailingStreak"] as? Int { streaks[streak] = now["Status"] as? String }
            return now["Status"] as? String == "unhealthy"
        })
        #expect(streaks[1] ?? "starting" == "starting" && streaks[2] ?? "starting" == "starting", "\(streaks)")
        let health = try healthOf("sick")
        #expect((health["FailingStreak"] as? Int ?? 0) >= 3)
        let last = try #require((health["Log"] as? [[String: Any]])?.last)
        #expect(last["ExitCode"] as? Int == 3 && last["Output"] as? String == "broken\n")
        #expect(try dockyard.run(["ps"]).stdout.contains("(unhealthy)"))
    }

    @Test("a probe that outlives --health-timeout is killed and logged as Docker logs it")
    func timeout() throws {
        defer { _ = try? dockyard.run(["rm", "-f", "slow"]) }
        #expect(try dockyard.run(["run", "-d", "--name", "slow", "--health-cmd", "sleep 30", "--health-timeout", "300ms",
                                  "--health-interval", "200ms", "--health-retries", "1", "busybox", "sleep", "60"]).status == 0)
        #expect(try Polling.until { try status("slow") == "unhealthy" })
        let last = try #require((try healthOf("slow")["Log"] as? [[String: Any]])?.last)
        #expect(last["ExitCode"] as? Int == -1 && last["Output"] as? String == "Health check exceeded timeout (300ms)")
    }

    @Test("a shell script waits for healthy with inspect -f, as scripts written for Docker do")
    func scriptWaits() throws {
        defer { _ = try? dockyard.run(["rm", "-f", "db"]) }
        #expect(try dockyard.run(["run", "-d", "--name", "db", "--health-cmd", "test -f /ready", "--health-interval", "200ms",
                                  "busybox", "sh", "-c", "sleep 1; touch /ready; sleep 60"]).status == 0)
        let script = #"until [ "$("$0" inspect -f '{{.State.Health.Status}}' db)" = healthy ]; do sleep 0.2; done; echo ready"#
        // `$0` is dockyard itself (run's prefix puts it after the script); DOCKYARD_ROOT names the root.
        let waited = try dockyard.run([], prefix: ["/usr/bin/timeout", "20", "/bin/sh", "-c", script])
        #expect(waited.status == 0 && waited.stdout == "ready\n", "\(waited.stderr)")
    }

    @Test("the image's HEALTHCHECK runs unless --no-healthcheck; --health-cmd replaces only its test")
    func imageHealthcheck() throws {
        defer { _ = try? dockyard.run(["rm", "-f", "img", "off", "mine"]) }
        try directory.write("context/Dockerfile", """
            FROM busybox
            HEALTHCHECK --interval=200ms --retries=1 CMD ["sh", "-c", "echo from-image"]
            CMD ["sleep", "60"]
            """)
        let built = try dockyard.run(["build", "-q", "-t", "checked", directory.appending("context")])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try dockyard.run(["run", "-d", "--name", "img", "checked"]).status == 0)
        #expect(try dockyard.run(["run", "-d", "--name", "off", "--no-healthcheck", "checked"]).status == 0)
        #expect(try dockyard.run(["run", "-d", "--name", "mine", "--health-cmd", "exit 1", "checked"]).status == 0)
        #expect(try Polling.until { try status("img") == "healthy" && (try status("mine")) == "unhealthy" })
        #expect((try healthOf("img")["Log"] as? [[String: Any]])?.last?["Output"] as? String == "from-image\n")
        let mine = try dockyard.run(["inspect", "-f", "{{json .Config.Healthcheck}}", "mine"]).stdout
        #expect(mine.contains(#""Test":["CMD-SHELL","exit 1"]"#) && mine.contains(#""Interval":200000000"#), "interval from the image")
        let off = try dockyard.run(["inspect", "off"]).stdout
        #expect(!off.contains(#""Health": {"#) && off.contains(#""NONE""#))
        #expect(!(try dockyard.run(["ps"]).stdout.split(separator: "\n").first { $0.hasSuffix(" off") }?.contains("(") ?? true))
    }

    @Test("conflicting or malformed --health-* values are refused with Docker's words and status 125")
    func refused() throws {
        let conflict = try dockyard.run(["run", "--rm", "--no-healthcheck", "--health-cmd", "true", "busybox", "true"])
        #expect(conflict.status == 125 && conflict.stderr.contains("--no-healthcheck conflicts with --health-* options"))
        let bad = try dockyard.run(["run", "--rm", "--health-interval", "5x", "busybox", "true"])
        #expect(bad.status == 125 && bad.stderr.contains(#"invalid argument "5x" for "--health-interval" flag"#))
        let negative = try dockyard.run(["run", "--rm", "--health-timeout=-1s", "busybox", "true"])
        #expect(negative.status == 125 && negative.stderr.contains("--health-timeout cannot be negative"))
        let tiny = try dockyard.run(["run", "--rm", "--health-interval", "10us", "busybox", "true"])
        #expect(tiny.status == 125 && tiny.stderr.contains("Interval in Healthcheck cannot be less than 1ms"))
    }
}
