/// The pictures' own words in English and Korean: lane names, notes and each SVG's title.
extension SiteText {
    var namespacesPictureTitle: String { ko ? "호스트와 컨테이너의 네임스페이스: 종류마다 한 줄, 새 것은 컨테이너 안에 inode와 함께" : "The host's and the container's namespaces: one lane per kind, new ones inside the container with their inode" }
    func hostPid(_ pid: Int32) -> String { ko ? "호스트에서 pid \(pid)" : "pid \(pid) on the host" }
    var userAndTimeShared: String { ko ? "user, time 네임스페이스는 호스트의 것을 그대로 씀 (새로 만들지 않음)" : "user and time: the host's, not unshared" }
    var newWord: String { ko ? "새 것" : "new" }
    func devicesDefault(_ n: Int) -> String { ko ? "devices: 도커의 기본 장치 규칙 \(n)개 (모두 막고 몇 개만 허용)" : "devices: Docker's default device rules, \(n) of them (deny all, allow a few)" }
    var newNamespace: String { ko ? "이 컨테이너를 위해 새로 만든 네임스페이스" : "a new namespace made for this container" }

    var cgroupsPictureTitle: String { ko ? "cgroup 계층: 컨테이너의 cgroup까지, 쓴 파일과 값" : "The cgroup hierarchy down to the container's cgroup, with the files written and their values" }
    var movedIn: String { ko ? "프로세스가 이 cgroup으로 옮겨짐" : "the process is moved in" }
    var joinedItself: String { ko ? "프로세스가 스스로 들어옴 (0은 쓰는 스레드 자신)" : "the process writes itself in (0: the writing thread)" }
    func forksRefused(_ count: Int64) -> String {
        ko ? "pids 제한이 fork를 \(count)번 거부함" : "the pids limit refused \(count) fork\(count == 1 ? "" : "s")"
    }
    var oomHit: String { ko ? "메모리 제한에 닿음: 커널의 OOM killer가 프로세스를 죽임" : "the memory limit was hit: the kernel's OOM killer killed the process" }
    func alsoMovedIn(_ controllers: String) -> String { ko ? "\(controllers): 값은 쓰지 않고 프로세스만 옮김" : "\(controllers): no value set, only the process moved in" }
    var containersCgroup: String { ko ? "← 컨테이너의 cgroup" : "← the container's cgroup" }
    func deviceRules(_ n: Int, _ first: String) -> String { ko ? "규칙 \(n)개 (\(first), …)" : "\(n) rules (\(first), …)" }

    func moreLayers(_ n: Int) -> String { ko ? "… 아래에 lowerdir \(n)개 더" : "… \(n) more lowerdirs below" }
    var whiteoutExplained: String { ko ? "화이트아웃: 아래 레이어의 파일을 가리는 0/0 문자 장치" : "a whiteout: a 0/0 character device that hides the file below" }
    var hiddenByWhiteout: String { ko ? "화이트아웃에 가려 컨테이너에는 보이지 않음" : "hidden by the whiteout: the container does not see it" }
    var nothingWritten: String { ko ? "종료 때 바뀐 파일 없음" : "no file changed by the time it exited" }
    var overlayPictureTitle: String { ko ? "overlay 레이어 쌓기: 합쳐진 보기, 쓰기 가능한 upperdir, 읽기 전용 lowerdir" : "The overlay stack: the merged view, the writable upperdir and the read-only lowerdirs" }

    var containerNetns: String { ko ? "컨테이너의 네트워크 네임스페이스" : "the container's net namespace" }
    var bridgeRole: String { ko ? "컨테이너들의 스위치이자 게이트웨이" : "the containers' switch and gateway" }
    var vethPair: String { ko ? "veth 쌍" : "veth pair" }
    var defaultRoute: String { ko ? "기본 경로: 브리지를 거쳐 밖으로" : "the default route: out through the bridge" }
    /// Two lines, to fit the host's box.
    var masquerade: [String] { ko ? ["나가는 패킷: nftables masquerade (NAT)로", "호스트의 주소를 달고 나감"] : ["outgoing packets: nftables masquerade", "(NAT) gives them the host's address"] }
    var networkPictureTitle: String { ko ? "호스트의 브리지, veth 쌍, 컨테이너 안의 eth0" : "The host's bridge, the veth pair and eth0 inside the container" }

    var registryClient: String { ko ? "dockyard (클라이언트)" : "dockyard (client)" }
    var registryServer: String { ko ? "레지스트리" : "registry" }
    var tokenService: String { ko ? "토큰 서비스" : "token service" }
    func httpStatus(_ status: Int) -> String {
        switch status {
        case 200: "200 OK"
        case 201: ko ? "201 Created: 만들어짐" : "201 Created"
        case 202: ko ? "202 Accepted: 업로드 시작" : "202 Accepted: an upload began"
        case 401: ko ? "401: 인증 필요" : "401 Unauthorized: credentials or a token needed"
        case 404: ko ? "404: 없음 (그래서 올림)" : "404 Not Found: the registry does not have it yet"
        default: "HTTP \(status)"
        }
    }
    var digestChecked: String { ko ? "받은 바이트의 해시가 다이제스트와 같음을 확인" : "the bytes hash to their digest" }
    var registryPicture: String { ko ? "레지스트리와의 HTTP 요청과 응답" : "The HTTP exchange with the registry" }
    var registryPictureTitle: String { ko ? "클라이언트, 레지스트리, 토큰 서비스 사이의 HTTP 요청과 응답" : "The HTTP requests between the client, the registry and the token service" }

    var imageGraph: String { ko ? "데이터로 본 이미지" : "The image as data" }
    var imageGraphTitle: String { ko ? "manifest가 config와 레이어를 다이제스트로 가리킴" : "The manifest points at the config and the layers by digest" }
    var layerAlreadyHere: String { ko ? "레이어 (이미 저장소에 있음)" : "layer (already in the store)" }
    var layerInStore: String { ko ? "저장소에 있음" : "in store" }
    var notFetched: String { ko ? "받지 않음" : "not fetched" }
    var sameAsLayer: String { ko ? "압축 없음: 같은 다이제스트" : "uncompressed: the same digest" }
    var uncompressedTar: String { ko ? "압축을 푼 tar의 다이제스트" : "digest of the uncompressed tar" }

    var userNamespacePicture: String { ko ? "사용자 네임스페이스의 ID 맵" : "The user namespace's id maps" }
    var userNamespacePictureTitle: String { ko ? "컨테이너 안의 ID가 호스트의 어느 ID인지: uid_map과 gid_map의 줄마다 범위 하나" : "Which host id each id inside the container is: one range per line of uid_map and gid_map" }
    var insideNamespace: String { ko ? "컨테이너 안 (사용자 네임스페이스)" : "inside the container (its user namespace)" }
    var onTheHost: String { ko ? "호스트에서" : "on the host" }
    func writtenBy(_ writer: String) -> String { ko ? "쓴 프로그램: \(writer)" : "written by \(writer)" }
    func idCount(_ count: Int64) -> String { ko ? "\(count)개" : count == 1 ? "1 id" : "\(count) ids" }
    var unmappedIDs: String { ko ? "범위 밖의 ID는 매핑되지 않음: 안에서는 65534 (nobody)로 보임" : "ids outside these ranges are unmapped: inside they show as 65534 (nobody)" }

    var buildPicture: String { ko ? "명령어마다 만든 것" : "What each instruction made" }
    var buildPictureTitle: String { ko ? "Dockerfile 명령어가 만든 레이어와 config 변경" : "The layers and config changes each Dockerfile instruction made" }
    var baseImage: String { ko ? "기반 이미지의 레이어" : "the base image's layers" }
    var noChange: String { ko ? "변경 없음" : "no change" }
    var configOnly: String { ko ? "레이어 없음: config만 바뀜" : "no layer: only the config changes" }
}

/// The landing page's and the chain picture's words.
extension SiteText {
    var imageWord: String { ko ? "이미지" : "image" }
    var containerWord: String { ko ? "컨테이너" : "container" }
    var containerParts: [String] { ko ? ["프로세스", "네임스페이스", "cgroup", "overlay"] : ["processes", "namespaces", "cgroups", "overlay"] }
    var chainCaption: String { ko ? "Dockerfile → 이미지 → 컨테이너 (누르면 그 수업으로)" : "Dockerfile → image → container (each part opens its lesson)" }
    var chainTitle: String { ko ? "Dockerfile을 빌드하면 이미지가 되고, 이미지를 실행하면 컨테이너가 됩니다" : "A Dockerfile builds an image; an image runs as a container" }
    var landingLead: String {
        ko ? "Dockyard는 진짜 리눅스 컨테이너를 도커의 명령으로 만들고 실행하는 작은 엔진입니다. 컨테이너가 커널에 무엇을 만드는지 — 네임스페이스, cgroup 파일과 그 값, 마운트 하나하나 — 보여 주면서 배웁니다."
           : "Dockyard is a small engine that builds and runs real Linux containers with Docker's verbs, and shows every kernel object they are made of — namespaces, cgroup files and the values written to them, each mount — so you learn what a container really is."
    }
    var landingStart: String { ko ? "한국어로 시작하기" : "Start in English" }
}
