/// The verdicts of the image checks (`one-image`, `in-registry`, `answer uid`), in the learner's
/// language: image IDs shortened to the 12 hex digits `dockyard images` shows.
extension UIText {
    /// `sha256:df493ad79e8f…` → `df493ad79e8f`.
    static func shortID(_ digest: String) -> String {
        String(digest.split(separator: ":").last.map { $0.prefix(12) } ?? "")
    }

    func noImageNamed(_ name: String) -> String {
        ko ? "저장소에 \(name)(이)라는 이름의 이미지가 없습니다" : "the store has no image named \(name)"
    }
    func oneImage(_ a: String, _ first: String, _ b: String, _ second: String) -> String {
        let (x, y) = (Self.shortID(first), Self.shortID(second))
        if first == second {
            return ko ? "\(a)와(과) \(b)은(는) 한 이미지(\(x))입니다. 태그는 같은 config를 가리키는 이름일 뿐이고, 복사된 것은 없습니다"
                : "\(a) and \(b) are one image (\(x)): a tag is only a name for the same config, nothing was copied"
        }
        return ko ? "\(a)은(는) 이미지 \(x), \(b)은(는) \(y)입니다. config가 다르면 다이제스트가 다르고, 다른 이미지입니다"
            : "\(a) is image \(x) and \(b) is \(y): a different config has a different digest, so these are two images"
    }
    func noRegistry(_ tag: RegistryTag, _ detail: String) -> String {
        ko ? "127.0.0.1:\(tag.port)에서 응답하는 레지스트리가 없습니다(\(detail)). lesson-registry 컨테이너가 실행 중인가요?"
            : "no registry answers on 127.0.0.1:\(tag.port) (\(detail)): is the lesson-registry container running?"
    }
    func registryTooSlow(_ tag: RegistryTag, seconds: Int32) -> String {
        ko ? "127.0.0.1:\(tag.port)의 레지스트리가 \(seconds)초 안에 \(tag.repository):\(tag.tag)의 manifest와 blob을 다 보내지 않았습니다"
            : "the registry on 127.0.0.1:\(tag.port) did not finish sending \(tag.repository):\(tag.tag)'s manifest and blobs within \(seconds) s"
    }
    /// The first object of the tag that could not be proved, named, and why.
    func registryFailed(_ tag: RegistryTag, _ failure: RegistryProof.Failure) -> String {
        let detail = String(UntrustedText.visible(failure.detail).prefix(300))
        let name = "\(tag.repository):\(tag.tag)"
        switch (failure.object, failure.reason) {
        case (.registry, _):
            return noRegistry(tag, detail)
        case (.manifest, .missing):
            return ko ? "레지스트리에 \(name)이(가) 없습니다(GET \(tag.manifestPath): \(detail)). 로컬 태그만으로는 레지스트리에 아무것도 올라가지 않습니다. push하세요"
                : "the registry has no \(name) (GET \(tag.manifestPath): \(detail)): a tag in the local store sends nothing; push it"
        case (.manifest, .mismatch):
            return ko ? "레지스트리가 보낸 \(name)의 manifest 바이트가 레지스트리가 밝힌 다이제스트와 맞지 않습니다(\(detail)). 이 manifest가 가리키는 것은 아무것도 믿을 수 없습니다"
                : "the bytes of \(name)'s manifest do not hash to the digest the registry names for them (\(detail)): nothing that manifest names can be trusted"
        case (.manifest, _):
            return ko ? "레지스트리에서 \(name)의 manifest를 받을 수 없습니다: \(detail)"
                : "the registry's manifest for \(name) cannot be used: \(detail)"
        case (.config, _), (.layer, _):
            let blob = blobName(failure)
            switch failure.reason {
            case .missing:
                return ko ? "레지스트리에 \(name)의 manifest는 있지만, 그 manifest가 가리키는 \(blob)은(는) 없습니다(\(detail)). 이대로는 pull할 수 없으니 다시 push하세요"
                    : "the registry has \(name)'s manifest but not the \(blob) it names (\(detail)): nobody can pull it; push it again"
            case .mismatch:
                return ko ? "레지스트리가 보낸 \(name)의 \(blob) 바이트가 그 다이제스트나 크기와 맞지 않습니다(\(detail)). pull했다면 받지 않고 버렸을 바이트입니다"
                    : "the registry serves \(name)'s \(blob) with bytes that do not match its digest or size (\(detail)): a pull would refuse them"
            case .unreachable, .refused:
                return ko ? "레지스트리가 \(name)의 \(blob)을(를) 보내지 않았습니다: \(detail)"
                    : "the registry did not send \(name)'s \(blob): \(detail)"
            }
        }
    }
    /// `layer sha256:…` / `레이어 sha256:…`, `config sha256:…`: the whole digest, as the registry's URL has it.
    private func blobName(_ failure: RegistryProof.Failure) -> String {
        let digest = failure.digest.flatMap { LiveState.isDigest($0) ? $0 : nil } ?? "?"
        if failure.object == .config { return "config \(digest)" }
        return ko ? "레이어 \(digest)" : "layer \(digest)"
    }
    func registryServes(_ tag: RegistryTag, config: String, image: String, id: String) -> String {
        ko ? "레지스트리의 \(tag.repository):\(tag.tag)은(는) config \(Self.shortID(config))인 다른 이미지입니다. \(image)은(는) \(Self.shortID(id))입니다"
            : "the registry's \(tag.repository):\(tag.tag) is another image, config \(Self.shortID(config)); \(image) is \(Self.shortID(id))"
    }
    func notYourManifest(_ tag: RegistryTag, manifest: String, image: String, pushed: [String]) -> String {
        let name = "\(tag.repository):\(tag.tag)"
        let repository = "127.0.0.1:\(tag.port)/\(tag.repository)"
        if pushed.isEmpty {
            return ko ? "레지스트리의 \(name)은(는) \(image)의 config를 가리키지만, \(image)에는 \(repository)(으)로 push한 기록이 없습니다. dockyard push로 올리세요"
                : "the registry's \(name) names \(image)'s config, but \(image) has no record of a push to \(repository): push it with dockyard push"
        }
        let recorded = pushed.map(Self.shortID).joined(separator: ", ")
        return ko ? "레지스트리의 \(name)은(는) manifest \(Self.shortID(manifest))입니다. \(image)을(를) push할 때 기록된 manifest(\(recorded))가 아닙니다"
            : "the registry's \(name) is manifest \(Self.shortID(manifest)), not the one \(image)'s push recorded (\(recorded))"
    }
    func registryProved(_ tag: RegistryTag, image: String, manifest: String, id: String, layers: Int) -> String {
        let name = "\(tag.repository):\(tag.tag)"
        return ko ? "레지스트리가 \(name)(으)로 \(image)을(를) 내줍니다. manifest(\(Self.shortID(manifest)), push할 때 기록된 다이제스트), config(\(Self.shortID(id))), 레이어 \(layers)개를 모두 받아 각각 다이제스트와 맞는지 해시로 확인했습니다"
            : "the registry serves \(image) as \(name): its manifest (\(Self.shortID(manifest)), the digest your push recorded), config (\(Self.shortID(id))) and \(layers) layer\(layers == 1 ? "" : "s") were each fetched and hashed to their digest"
    }
    func hostUIDRight(_ name: String, host: UInt32, inside: UInt32?) -> String {
        let within = inside.map { ko ? " (안에서는 uid \($0))" : " (uid \($0) inside)" } ?? ""
        return ko ? "맞습니다. 호스트의 커널은 \(name)의 프로세스를 uid \(host)(으)로 봅니다\(within)"
            : "right: the host's kernel sees \(name)'s process as uid \(host)\(within)"
    }
    func uidIsInside(_ name: String, inside: UInt32) -> String {
        ko ? "\(inside)은(는) \(name)의 사용자 네임스페이스 안에서 본 uid입니다. 호스트는 ID 맵을 거친 다른 번호로 봅니다"
            : "\(inside) is the uid inside \(name)'s user namespace; the host sees another number, through the id map"
    }
    func hostUIDWrong(_ name: String, _ uid: String) -> String {
        ko ? "호스트에서 \(name)의 프로세스는 uid \(uid)이(가) 아닙니다" : "on the host, \(name)'s process is not uid \(uid)"
    }
}
