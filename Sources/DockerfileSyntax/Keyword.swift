/// The instructions a Dockerfile can hold. Docker reads them case-insensitively; we keep the
/// canonical upper-case spelling.
public enum Keyword: String, Sendable, CaseIterable, Hashable {
    case from = "FROM"
    case run = "RUN"
    case cmd = "CMD"
    case entrypoint = "ENTRYPOINT"
    case copy = "COPY"
    case add = "ADD"
    case env = "ENV"
    case label = "LABEL"
    case arg = "ARG"
    case workdir = "WORKDIR"
    case user = "USER"
    case expose = "EXPOSE"
    case volume = "VOLUME"
    case shell = "SHELL"
    case stopSignal = "STOPSIGNAL"
    case healthcheck = "HEALTHCHECK"
    case onbuild = "ONBUILD"
    case maintainer = "MAINTAINER"

    /// The keyword for a word as written, in any case.
    public init?(word: String) {
        self.init(rawValue: word.uppercased())
    }

    /// Instructions whose text may open heredocs (`<<EOF`).
    var acceptsHeredocs: Bool { self == .run || self == .copy || self == .add }
}
