import ArgumentParser
import Explain

/// `--explain[=text|json]`: how to show the kernel objects a command creates.
enum ExplainMode: String, ExpressibleByArgument, CaseIterable {
    case text, json

    /// A bare `--explain` means `--explain=text`. ArgumentParser has no options with an optional
    /// value, so the argument list is normalised before parsing (`--explain` never takes the
    /// next word as its value, because that word is usually the image).
    static func normalize(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var passthrough = false
        for argument in arguments {
            if argument == "--" { passthrough = true }
            result.append(!passthrough && argument == "--explain" ? "--explain=text" : argument)
        }
        return PullPolicy.normalize(result)
    }

    /// The renderer for this mode, writing to stderr so stdout stays the container's.
    var renderer: any EventSink {
        switch self {
        case .text: TextRenderer(write: StandardError.write)
        case .json: JSONLinesRenderer(write: StandardError.write)
        }
    }
}
