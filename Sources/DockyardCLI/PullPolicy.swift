import ArgumentParser
import Explain
import ImageStore
import OCI
import Registry

/// `--pull always|missing|never` on `run` and `build`: when to ask a registry for the image.
///
/// `missing` (the default) pulls only what the store lacks, printing Docker's
/// `Unable to find image 'x:latest' locally` first; busybox:latest is still made offline from
/// the host's busybox-static when missing, so the lessons never need a network.
enum PullPolicy: String, ExpressibleByArgument, CaseIterable, Sendable {
    case always, missing, never

    /// Pulls `name` into `store` if this policy says so; progress goes to stderr, where Docker's
    /// `run` writes it, so the container's stdout stays its own.
    func apply(to name: String, store: ImageStore, events: any EventSink) throws {
        guard self != .never, let reference = try? ImageReference(parsing: name) else { return }
        if self == .missing {
            if try store.lookup(name) != nil { return }
            if ImageStore.isMadeOffline(reference) { return }
            StandardError.line("Unable to find image '\(reference)' locally")
        }
        let puller = try RegistryAccess.puller(store: store, events: events, quiet: false, fd: 2)
        try RegistryAccess.pull(reference, sayingDefaultTag: false, puller: puller, platform: .host, quiet: false,
                                    say: { StandardError.line($0) })
    }
}

extension PullPolicy {
    /// Docker's `build --pull` is a bare flag meaning "always"; `run --pull` takes a value.
    /// In `build`, a `--pull` not followed by a policy is read as `--pull=always`, so both
    /// spellings work. (Only `build`: after `run`'s image, words belong to the container.)
    static func normalize(_ arguments: [String]) -> [String] {
        guard arguments.first == "build" else { return arguments }
        var result: [String] = []
        for (i, argument) in arguments.enumerated() {
            if argument == "--" { return result + arguments[i...] }
            let next = i + 1 < arguments.count ? arguments[i + 1] : ""
            result.append(argument == "--pull" && PullPolicy(rawValue: next) == nil ? "--pull=always" : argument)
        }
        return result
    }
}
