import ArgumentParser
import ContainerRuntime
import ImageStore

/// How Docker's image verbs report a failure: the daemon's message after
/// `Error response from daemon: `, and exit status 1 once every argument has been tried.
enum DaemonResponse {
    static func report(_ error: any Error) {
        StandardError.line("Error response from daemon: \(error)")
    }

    /// Runs `body` for each argument, reporting failures and going on; exits 1 if any failed.
    static func forEach(_ arguments: [String], _ body: (String) throws -> Void) throws {
        var failed = false
        for argument in arguments {
            do { try body(argument) } catch {
                report(error)
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}

extension Engine {
    /// Every container as the image store must see it before removing anything.
    func containerUses() -> [ContainerUse] {
        containers.all().map { record in
            ContainerUse(containerID: record.id.full, imageID: record.config.imageID,
                         isRunning: record.state.isRunning, lowerdirs: record.config.lowerdirs)
        }
    }

    /// An image by tag, ID or ID prefix, or Docker's `No such image: x:latest`.
    func image(named text: String) throws -> ImageMatch {
        guard let match = try images().lookup(text) else { throw ImageStore.noSuchImage(text) }
        return match
    }
}
