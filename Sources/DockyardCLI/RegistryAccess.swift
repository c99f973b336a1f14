import Explain
import ImageStore
import OCI
import Registry
#if canImport(Glibc)
import Glibc
#endif

/// What every registry verb sets up the same way: the user's registry settings and
/// credentials (Docker's config.json), and a puller writing Docker's progress lines.
enum RegistryAccess {
    /// A pull or push between `store` and the user's registries, its progress on `fd` (a terminal
    /// redraws; a pipe gets plain lines).
    static func transfer(store: ImageStore, events: any EventSink, quiet: Bool, fd: Int32 = 1) throws -> RegistryTransfer {
        RegistryTransfer(store: store, settings: try RegistrySettings.load(), credentials: CredentialStore(),
                         events: events, progress: progress(quiet: quiet, fd: fd))
    }

    static func puller(store: ImageStore, events: any EventSink, quiet: Bool, fd: Int32 = 1) throws -> ImagePuller {
        ImagePuller(try transfer(store: store, events: events, quiet: quiet, fd: fd))
    }

    static func progress(quiet: Bool, fd: Int32) -> PullProgress {
        let style: PullProgress.Style = quiet ? .quiet : isatty(fd) != 0 ? .terminal : .plain
        return PullProgress(style: style, write: fd == 2 ? StandardError.write : StandardOutput.write)
    }

    /// True when the name as typed carries no tag and no digest: `pull` and `push` then say
    /// "Using default tag: latest", as Docker's do (`run` and `build` never say it).
    static func usesDefaultTag(_ typed: String) -> Bool {
        !typed.contains("@") && typed.split(separator: "/").last?.contains(":") != true
    }

    /// Pulls one reference and prints Docker's closing lines (`Digest:`, `Status:`, the full name).
    @discardableResult
    static func pull(_ reference: ImageReference, sayingDefaultTag: Bool, puller: ImagePuller, platform: PlatformChoice,
                     allPlatforms: Bool = false, quiet: Bool, say: (String) -> Void) throws -> ImagePuller.Outcome {
        if !quiet, sayingDefaultTag {
            say("Using default tag: \(reference.tag ?? ImageReference.defaultTag)")
        }
        let outcome = try puller.pull(reference, platform: platform, allPlatforms: allPlatforms)
        if !quiet {
            say("Digest: \(outcome.digest)")
            say(outcome.upToDate ? "Status: Image is up to date for \(reference)" : "Status: Downloaded newer image for \(reference)")
        }
        return outcome
    }
}

/// Unbuffered writes to stdout, for progress lines that must appear as they happen.
enum StandardOutput {
    @Sendable static func write(_ text: String) {
        StandardError.write(text, to: 1)
    }
}
