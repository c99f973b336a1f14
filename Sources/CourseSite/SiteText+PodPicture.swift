extension SiteText {
    var podCaption: String { ko ? "함께 쓰는 네임스페이스와 따로 쓰는 네임스페이스" : "Shared and own namespaces" }
    var podPictureTitle: String {
        ko ? "프로세스마다 한 열, 네임스페이스 종류마다 한 줄: 함께 쓰는 네임스페이스는 여러 열에 걸친 띠로, 따로 만든 것은 각자의 열 안에 inode와 함께"
           : "One column per process, one row per namespace kind: a shared namespace as one band across the columns, each process's own inside its column with its inode"
    }
    var podInfra: String { ko ? "인프라 (pause)" : "infra (pause)" }
    func podShared(joiners: Int) -> String {
        ko ? "함께 씀 · setns(2) ×\(joiners)" : "shared · setns(2) ×\(joiners)"
    }
}
