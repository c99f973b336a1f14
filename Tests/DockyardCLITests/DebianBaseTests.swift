import Foundation
import Testing
import TestSupport

/// Where scripts/debian-base keeps the debootstrap tree as a tarball.
private let debianTarball = "/var/cache/dockyard/debian-bookworm.tar"

/// A real distribution inside Dockyard: a Debian 12 root filesystem (made by scripts/debian-base
/// with debootstrap) imported as an image, apt-get installing a package in a build (RUN reaches
/// Debian's mirror) and in a running container (through the bridge and its NAT), and users made
/// with useradd honoured by -u, as in Docker.
@Suite("A Debian base image with apt-get", .serialized,
       .enabled(if: Privileges.isRoot && FileManager.default.fileExists(atPath: debianTarball),
                "needs root and /var/cache/dockyard/debian-bookworm.tar, which scripts/debian-base makes with debootstrap"))
struct DebianBaseTests {
    @Test("apt-get install works in a build and in a running container; useradd users work with -u")
    func aptGet() throws {
        let directory = try TemporaryDirectory(prefix: "debian")
        let dockyard = DockyardProcess(root: directory.appending("root"))
        #expect(try dockyard.run(["import", debianTarball, "debian:12"]).status == 0)
        try directory.write("context/Dockerfile", """
            FROM debian:12
            RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends jq >/dev/null && useradd -m alice
            CMD ["jq", "--version"]
            """)
        let build = try dockyard.run(["build", "-q", "-t", "withjq", directory.appending("context")])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(try dockyard.run(["run", "--rm", "withjq"]).stdout.hasPrefix("jq-"))
        #expect(try dockyard.run(["run", "--rm", "-u", "alice", "withjq", "sh", "-c", "id -un; echo $HOME"]).stdout == "alice\n/home/alice\n")

        let live = try dockyard.run(["run", "--rm", "debian:12", "sh", "-c",
                                     "apt-get update -qq && apt-get install -y -qq --no-install-recommends jq >/dev/null && jq -n 1+1"])
        #expect(live.status == 0, "\(live.stderr)")
        #expect(live.stdout == "2\n")
    }
}
