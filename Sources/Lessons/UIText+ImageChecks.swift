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
    func noRegistry(_ tag: RegistryTag) -> String {
        ko ? "127.0.0.1:\(tag.port)에서 응답하는 레지스트리가 없습니다. lesson-registry 컨테이너가 실행 중인가요?"
            : "no registry answers on 127.0.0.1:\(tag.port): is the lesson-registry container running?"
    }
    func notInRegistry(_ tag: RegistryTag, status: Int) -> String {
        ko ? "레지스트리에 \(tag.repository):\(tag.tag)이(가) 없습니다(GET \(tag.manifestPath) → \(status)). 로컬 태그만으로는 레지스트리에 아무것도 올라가지 않습니다. push하세요"
            : "the registry has no \(tag.repository):\(tag.tag) (GET \(tag.manifestPath) → \(status)): a tag in the local store sends nothing; push it"
    }
    func registryServes(_ tag: RegistryTag, config: String, image: String, id: String) -> String {
        if config == id {
            return ko ? "레지스트리의 \(tag.repository):\(tag.tag) manifest가 \(image)의 config(\(Self.shortID(id)))를 가리킵니다"
                : "the registry's \(tag.repository):\(tag.tag) manifest names \(image)'s config (\(Self.shortID(id)))"
        }
        return ko ? "레지스트리의 \(tag.repository):\(tag.tag)은(는) config \(Self.shortID(config))인 다른 이미지입니다. \(image)은(는) \(Self.shortID(id))입니다"
            : "the registry's \(tag.repository):\(tag.tag) is another image, config \(Self.shortID(config)); \(image) is \(Self.shortID(id))"
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
